package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * K8sPSPVolumeTypes: every volume type used by the pod (a field of a volume other than
 * {@code name}) must be in {@code volumes}, or {@code volumes} must contain {@code *}. One
 * violation per disallowed type. Skipped on UPDATE.
 */
final class VolumeTypesKind extends RegoKind {

    VolumeTypesKind() {
        super("K8sPSPVolumeTypes");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (Review.isUpdate(input)) {
            return;
        }
        JsonNode object = input.object();
        JsonNode allowed = input.parameters().path("volumes");
        if (RegoValues.containsString(allowed, "*")) {
            return;
        }
        JsonNode volumes = object.path("spec").path("volumes");
        Set<String> types = new TreeSet<>();
        for (JsonNode volume : RegoValues.elements(volumes)) {
            for (Map.Entry<String, JsonNode> field : RegoValues.fields(volume)) {
                if (!field.getKey().equals("name") && RegoValues.truthy(field.getValue())) {
                    types.add(field.getKey());
                }
            }
        }
        for (String type : types) {
            if (!RegoValues.containsString(allowed, type)) {
                violations.sprintf(pointerOf(volumes, type), "The volume type %v is not allowed, pod: %v. Allowed"
                        + " volume types: %v", type, object.path("metadata").path("name"), allowed);
            }
        }
    }

    private static String pointerOf(JsonNode volumes, String type) {
        for (int i = 0; i < volumes.size(); i++) {
            if (volumes.get(i).has(type)) {
                return Pointer.field("/spec/volumes/" + i, type);
            }
        }
        return "/spec/volumes";
    }
}
