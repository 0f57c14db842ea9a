package dev.palisade.core.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ContainerView;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Resource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The list a {@code forEach} validation walks: {@code containers} (every container of the pod spec
 * of any pod controller, with its path) or a JSON pointer to a list or map in the object.
 */
public record ForEach(String list) {
    /** The keyword for all containers of a pod spec. */
    public static final String CONTAINERS = "containers";

    /** One element with its JSON pointer and its index (list) or key (map). */
    public record Element(JsonNode value, String path, Object index) {
    }

    /** The elements of the list in the resource; empty when absent. */
    public List<Element> elements(Resource resource) {
        List<Element> elements = new ArrayList<>();
        if (list.equals(CONTAINERS)) {
            PodSpecView.of(resource).ifPresent(view -> {
                for (ContainerView container : view.containers()) {
                    elements.add(new Element(container.node(), container.path(), (long) container.index()));
                }
            });
            return elements;
        }
        JsonNode node = resource.object().at(list);
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                elements.add(new Element(node.get(i), list + "/" + i, (long) i));
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                elements.add(new Element(entry.getValue(), list + "/" + escape(entry.getKey()), entry.getKey()));
            }
        }
        return elements;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
