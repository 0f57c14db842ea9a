package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * K8sUniqueIngressHost: no host of an Ingress may appear in another Ingress (extensions or
 * networking.k8s.io, any namespace) of the inventory; the object itself (same namespace and name)
 * is not "another".
 */
final class UniqueIngressHostKind extends RegoKind {

    UniqueIngressHostKind() {
        super("K8sUniqueIngressHost");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        String group = Review.group(input);
        if (!"Ingress".equals(Review.kind(input)) || !(group.equals("extensions") || group.equals("networking.k8s.io"))) {
            return;
        }
        JsonNode object = input.object();
        JsonNode rules = object.path("spec").path("rules");
        for (int i = 0; rules.isArray() && i < rules.size(); i++) {
            JsonNode host = rules.get(i).path("host");
            if (host.isMissingNode()) {
                continue;
            }
            for (Resource other : Inventories.namespaced(input, "Ingress", "extensions", "networking.k8s.io")) {
                String otherGroup = other.id().group();
                if (!(otherGroup.equals("extensions") || otherGroup.equals("networking.k8s.io"))
                        || other.id().version().isEmpty() || identical(other.object(), object)) {
                    continue;
                }
                for (JsonNode otherRule : RegoValues.elements(other.object().path("spec").path("rules"))) {
                    if (RegoValues.equal(otherRule.path("host"), host)) {
                        violations.sprintf("/spec/rules/" + i + "/host",
                                "ingress host conflicts with an existing ingress <%v>", host);
                    }
                }
            }
        }
    }

    private static boolean identical(JsonNode other, JsonNode object) {
        return RegoValues.equal(other.path("metadata").path("namespace"), object.path("metadata").path("namespace"))
                && RegoValues.equal(other.path("metadata").path("name"), object.path("metadata").path("name"));
    }

    @Override
    public InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.kinds("extensions/Ingress", "networking.k8s.io/Ingress");
    }
}
