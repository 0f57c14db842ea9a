package dev.palisade.rules.gatekeeper.internal.kinds;

import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Gatekeeper's {@code data.inventory} read from the evaluation's inventory (looked up by group and
 * kind): {@code cluster[apiVersion][kind][name]} holds objects without a namespace,
 * {@code namespace[ns][apiVersion][kind][name]} the others.
 */
final class Inventories {

    private Inventories() {
    }

    /** Namespaced objects of the kind in any of the groups, any version, in inventory order per group. */
    static List<Resource> namespaced(ConstraintInput input, String kind, String... groups) {
        List<Resource> found = new ArrayList<>();
        for (String group : groups) {
            for (Resource resource : input.inventory().ofKind(group, kind)) {
                if (resource.id().isNamespaced()) {
                    found.add(resource);
                }
            }
        }
        return found;
    }

    /** Namespaced objects of the kind in every group and version ({@code namespace[_][_][kind]}). */
    static List<Resource> namespacedInAnyGroup(ConstraintInput input, String kind) {
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
        for (Resource resource : input.inventory().ofKind(group(apiVersion), kind)) {
            if (resource.id().namespace().equals(namespace) && resource.id().apiVersion().equals(apiVersion)) {
                found.add(resource);
            }
        }
        return found;
    }

    /** {@code data.inventory.cluster[apiVersion][kind]}. */
    static List<Resource> cluster(ConstraintInput input, String apiVersion, String kind) {
        List<Resource> found = new ArrayList<>();
        for (Resource resource : input.inventory().ofKind(group(apiVersion), kind)) {
            if (!resource.id().isNamespaced() && resource.id().apiVersion().equals(apiVersion)) {
                found.add(resource);
            }
        }
        return found;
    }

    private static String group(String apiVersion) {
        int slash = apiVersion.lastIndexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
