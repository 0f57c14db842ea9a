package dev.palisade.rules.gatekeeper.internal.kinds;

import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Gatekeeper's {@code data.inventory} read from the evaluation's inventory:
 * {@code cluster[apiVersion][kind][name]} holds objects without a namespace,
 * {@code namespace[ns][apiVersion][kind][name]} the others.
 */
final class Inventories {

    private Inventories() {
    }

    /** Namespaced objects of the kind in any group and version, in inventory order. */
    static List<Resource> namespaced(ConstraintInput input, String kind) {
        List<Resource> found = new ArrayList<>();
        for (Resource resource : input.inventory().all()) {
            if (resource.id().kind().equals(kind) && resource.id().isNamespaced()) {
                found.add(resource);
            }
        }
        return found;
    }

    /** {@code data.inventory.namespace[namespace][apiVersion][kind]}. */
    static List<Resource> inNamespace(ConstraintInput input, String namespace, String apiVersion, String kind) {
        List<Resource> found = new ArrayList<>();
        for (Resource resource : input.inventory().all()) {
            if (resource.id().kind().equals(kind) && resource.id().namespace().equals(namespace)
                    && resource.id().apiVersion().equals(apiVersion)) {
                found.add(resource);
            }
        }
        return found;
    }

    /** {@code data.inventory.cluster[apiVersion][kind]}. */
    static List<Resource> cluster(ConstraintInput input, String apiVersion, String kind) {
        List<Resource> found = new ArrayList<>();
        for (Resource resource : input.inventory().all()) {
            if (resource.id().kind().equals(kind) && !resource.id().isNamespaced()
                    && resource.id().apiVersion().equals(apiVersion)) {
                found.add(resource);
            }
        }
        return found;
    }
}
