package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * K8sUniqueServiceSelector: no other Service of the inventory (any namespace, any API group, as the
 * Rego reads {@code namespace[_][_]["Service"]}) may have the same
 * selector as a core {@code v1} Service under review; selectors compare as the sorted
 * {@code key:value} list. The reviewed Service itself (same namespace, name, kind and apiVersion)
 * is skipped.
 */
final class UniqueServiceSelectorKind extends RegoKind {

    UniqueServiceSelectorKind() {
        super("K8sUniqueServiceSelector");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (!"Service".equals(Review.kind(input)) || !"v1".equals(Review.version(input))
                || !Review.group(input).isEmpty()) {
            return;
        }
        String selector = flatten(input.object());
        if (selector == null) {
            return;
        }
        String namespace = Review.namespace(input);
        String name = Review.name(input);
        for (Resource other : Inventories.namespacedInAnyGroup(input, "Service")) {
            JsonNode otherObject = other.object();
            boolean identical = namespace.equals(otherObject.path("metadata").path("namespace").textValue())
                    && name.equals(otherObject.path("metadata").path("name").textValue())
                    && "Service".equals(otherObject.path("kind").textValue())
                    && "v1".equals(otherObject.path("apiVersion").textValue());
            if (!identical && selector.equals(flatten(otherObject))) {
                violations.sprintf("/spec/selector", "same selector as service <%v> in namespace <%v>",
                        other.id().name(), other.id().namespace());
            }
        }
    }

    /** {@code flatten_selector}: sorted {@code key:value} pairs joined by commas; null when a value is not a string. */
    private static String flatten(JsonNode service) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : RegoValues.fields(service.path("spec").path("selector"))) {
            if (!entry.getValue().isTextual()) {
                return null;
            }
            pairs.add(entry.getKey() + ":" + entry.getValue().textValue());
        }
        Collections.sort(pairs);
        return String.join(",", pairs);
    }

    @Override
    public InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.ALL;
    }
}
