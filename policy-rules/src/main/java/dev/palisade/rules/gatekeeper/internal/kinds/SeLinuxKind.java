package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * K8sPSPSELinuxV2: the pod's and every container's {@code securityContext.seLinuxOptions} must
 * match one entry of {@code allowedSELinuxOptions} (each of level, role, type and user either unset
 * in the options or equal to the entry's). Skipped on UPDATE.
 */
final class SeLinuxKind extends RegoKind {
    private static final String[] FIELDS = {"level", "role", "type", "user"};

    SeLinuxKind() {
        super("K8sPSPSELinuxV2");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (Review.isUpdate(input)) {
            return;
        }
        JsonNode object = input.object();
        JsonNode params = input.parameters();
        JsonNode allowed = params.path("allowedSELinuxOptions");
        JsonNode name = object.path("metadata").path("name");
        JsonNode podOptions = object.path("spec").path("securityContext").path("seLinuxOptions");
        if (RegoValues.truthy(podOptions) && !allowed(podOptions, allowed)) {
            violations.sprintf("/spec/securityContext/seLinuxOptions",
                    "SELinux options is not allowed, pod: %v. Allowed options: %v", name, allowed);
        }
        Containers.forEach(object, Containers.ALL, (field, container, pointer) -> {
            JsonNode options = container.path("securityContext").path("seLinuxOptions");
            if (!RegoValues.truthy(options) || ExemptImages.isExempt(params, container) || allowed(options, allowed)) {
                return;
            }
            violations.sprintf(pointer + "/securityContext/seLinuxOptions",
                    "SELinux options is not allowed, pod: %v, container: %v. Allowed options: %v", name,
                    container.path("name"), allowed);
        });
    }

    private static boolean allowed(JsonNode options, JsonNode allowed) {
        for (JsonNode entry : RegoValues.elements(allowed)) {
            boolean all = true;
            for (String field : FIELDS) {
                JsonNode value = options.path(field);
                if (RegoValues.truthy(value) && !RegoValues.equal(entry.path(field), value)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
