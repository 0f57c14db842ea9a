package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/** K8sPSPFlexVolumes: every flexVolume's driver must be in {@code allowedFlexVolumes}. Skipped on UPDATE. */
final class FlexVolumesKind extends RegoKind {

    FlexVolumesKind() {
        super("K8sPSPFlexVolumes");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (Review.isUpdate(input)) {
            return;
        }
        JsonNode object = input.object();
        JsonNode allowed = input.parameters().path("allowedFlexVolumes");
        JsonNode volumes = object.path("spec").path("volumes");
        for (int i = 0; volumes.isArray() && i < volumes.size(); i++) {
            JsonNode volume = volumes.get(i);
            if (!RegoValues.truthy(volume.path("flexVolume")) || driverAllowed(allowed, volume)) {
                continue;
            }
            violations.sprintf("/spec/volumes/" + i + "/flexVolume", "FlexVolume %v is not allowed, pod: %v. Allowed"
                    + " drivers: %v", volume, object.path("metadata").path("name"), allowed);
        }
    }

    private static boolean driverAllowed(JsonNode allowed, JsonNode volume) {
        JsonNode driver = volume.path("flexVolume").path("driver");
        for (JsonNode entry : RegoValues.elements(allowed)) {
            if (RegoValues.equal(entry.path("driver"), driver)) {
                return true;
            }
        }
        return false;
    }
}
