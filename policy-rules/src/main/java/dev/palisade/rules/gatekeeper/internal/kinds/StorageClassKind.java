package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * K8sStorageClass: a PersistentVolumeClaim ({@code v1}) and each volume claim template of a
 * StatefulSet ({@code apps/v1}) must name a StorageClass that exists in the inventory and, when
 * {@code allowedStorageClasses} is set, is listed there. With no StorageClass in the inventory,
 * every reviewed object is reported as "not synced", as the Rego does.
 * {@code includeStorageClassesInMessage} defaults to true (the template's schema default).
 */
final class StorageClassKind extends RegoKind {
    private static final String NOT_SYNCED = "StorageClasses not synced. Gatekeeper may be misconfigured. Please"
            + " have a cluster-admin consult the documentation.";

    StorageClassKind() {
        super("K8sStorageClass");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        Set<String> classes = new TreeSet<>();
        List<Resource> synced = Inventories.cluster(input, "storage.k8s.io/v1", "StorageClass");
        for (Resource resource : synced) {
            classes.add(resource.id().name());
        }
        if (synced.isEmpty()) {
            violations.report(NOT_SYNCED, "");
        }
        JsonNode object = input.object();
        JsonNode params = input.parameters();
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        if (apiVersion.equals("v1") && kind.equals("PersistentVolumeClaim")) {
            checkClaim(object.path("spec"), "/spec", "pvc", classes, params, violations);
        } else if (apiVersion.equals("apps/v1") && kind.equals("StatefulSet")) {
            JsonNode templates = object.path("spec").path("volumeClaimTemplates");
            for (int i = 0; templates.isArray() && i < templates.size(); i++) {
                checkClaim(templates.get(i).path("spec"), "/spec/volumeClaimTemplates/" + i + "/spec", "statefulset",
                        classes, params, violations);
            }
        }
    }

    private static void checkClaim(JsonNode spec, String pointer, String noun, Set<String> classes, JsonNode params,
            Violations violations) {
        JsonNode className = spec.path("storageClassName");
        String at = pointer + "/storageClassName";
        boolean include = !params.has("includeStorageClassesInMessage")
                || RegoValues.truthy(params.get("includeStorageClassesInMessage"));
        JsonNode allowed = params.path("allowedStorageClasses");
        boolean allowedSet = !allowed.isMissingNode() && !allowed.isNull();
        if (!allowedClass(className, classes, params)) {
            if (include && !allowedSet) {
                violations.sprintf(at, noun + " did not specify a valid storage class name <%v>. Must be one of [%v]",
                        className, String.join(", ", classes));
            } else if (include) {
                Set<String> usable = new TreeSet<>();
                for (String name : classes) {
                    if (RegoValues.containsString(allowed, name)) {
                        usable.add(name);
                    }
                }
                violations.sprintf(at, noun + " did not specify an allowed and valid storage class name <%v>. Must be"
                        + " one of [%v]", className, String.join(", ", usable));
            } else {
                violations.sprintf(at, noun + " did not specify a valid storage class name <%v>.", className);
            }
        }
        if (!RegoValues.truthy(className)) {
            if (include) {
                violations.report(noun + " did not specify a storage class name. Must be one of ["
                        + String.join(", ", classes) + "]", at);
            } else {
                violations.report(noun + " did not specify a storage class name.", at);
            }
        }
    }

    /** {@code storageclass_allowed}: the class exists and is allowed by {@code allowedStorageClasses} (default {@code *}). */
    private static boolean allowedClass(JsonNode className, Set<String> classes, JsonNode params) {
        if (!className.isTextual() || !classes.contains(className.textValue())) {
            return false;
        }
        JsonNode allowed = params.has("allowedStorageClasses") ? params.get("allowedStorageClasses") : null;
        if (allowed == null) {
            return true;
        }
        return RegoValues.containsString(allowed, "*") || RegoValues.containsString(allowed, className.textValue());
    }

    @Override
    public InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.kinds("storage.k8s.io/StorageClass");
    }
}
