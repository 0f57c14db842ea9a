package dev.palisade.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.FieldPositions;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Resource;
import java.util.Optional;
import java.util.Set;

/**
 * Copies the fields of a resource that inventory readers declared ({@link dev.palisade.core.InventoryNeeds}),
 * so that an audit keeps a small projection of each object instead of its whole tree.
 */
public final class Projection {
    private static final String TEMPLATE = "{template}";
    private static final String[] METADATA = {"name", "namespace", "labels", "ownerReferences", "generateName"};

    private Projection() {
    }

    /** The resource with only identity, labels and the given pointers ({@code {template}/...} expanded). */
    public static Resource prune(Resource resource, Set<String> pointers) {
        JsonNode object = resource.object();
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        kept.set("apiVersion", object.get("apiVersion"));
        kept.set("kind", object.get("kind"));
        JsonNode metadata = object.path("metadata");
        if (metadata.isObject()) {
            ObjectNode meta = kept.putObject("metadata");
            for (String field : METADATA) {
                if (metadata.has(field)) {
                    meta.set(field, metadata.get(field));
                }
            }
        }
        Optional<String> templateRoot = PodSpecView.of(resource).map(view ->
                view.specPath().substring(0, view.specPath().length() - "/spec".length()));
        if (templateRoot.isPresent()) {
            copy(object, kept, templateRoot.get() + "/metadata/labels");
            // the pod spec stays an object, so that PodSpecView sees a pod template (with no containers)
            ensureObject(kept, templateRoot.get() + "/spec");
        }
        for (String pointer : pointers) {
            if (pointer.startsWith(TEMPLATE)) {
                if (templateRoot.isPresent()) {
                    copy(object, kept, templateRoot.get() + pointer.substring(TEMPLATE.length()));
                }
            } else {
                copy(object, kept, pointer);
            }
        }
        return Resource.of(kept, resource.source(), FieldPositions.NONE);
    }

    private static void copy(JsonNode from, ObjectNode to, String pointer) {
        JsonNode value = from.at(pointer);
        if (value.isMissingNode()) {
            return;
        }
        String[] parts = pointer.substring(1).split("/");
        ObjectNode parent = to;
        for (int i = 0; i < parts.length - 1; i++) {
            String name = unescape(parts[i]);
            JsonNode child = parent.get(name);
            if (child == null || !child.isObject()) {
                // a pointer through an array keeps the whole array field
                JsonNode source = from.at("/" + String.join("/", java.util.Arrays.copyOfRange(parts, 0, i + 1)));
                if (!source.isObject()) {
                    parent.set(name, source);
                    return;
                }
                child = parent.putObject(name);
            }
            parent = (ObjectNode) child;
        }
        parent.set(unescape(parts[parts.length - 1]), value);
    }

    private static void ensureObject(ObjectNode to, String pointer) {
        ObjectNode parent = to;
        for (String part : pointer.substring(1).split("/")) {
            JsonNode child = parent.get(part);
            if (child == null || !child.isObject()) {
                child = parent.putObject(part);
            }
            parent = (ObjectNode) child;
        }
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
