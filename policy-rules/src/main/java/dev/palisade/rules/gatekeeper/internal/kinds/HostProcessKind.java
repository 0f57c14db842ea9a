package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/** K8sPSPHostProcess: neither the pod nor any container may set {@code windowsOptions.hostProcess: true}. */
final class HostProcessKind extends RegoKind {

    HostProcessKind() {
        super("K8sPSPHostProcess");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (Review.isUpdate(input)) {
            return;
        }
        JsonNode object = input.object();
        if (isTrue(object.path("spec").path("securityContext").path("windowsOptions").path("hostProcess"))) {
            violations.sprintf("/spec/securityContext/windowsOptions/hostProcess",
                    "HostProcess is not allowed at pod level: %v", object.path("metadata").path("name"));
        }
        Containers.forEach(object, Containers.ALL, (field, container, pointer) -> {
            if (!ExemptImages.isExempt(input.parameters(), container)
                    && isTrue(container.path("securityContext").path("windowsOptions").path("hostProcess"))) {
                violations.sprintf(pointer + "/securityContext/windowsOptions/hostProcess",
                        "HostProcess container is not allowed: %v, securityContext.windowsOptions.hostProcess: true",
                        container.path("name"));
            }
        });
    }

    private static boolean isTrue(JsonNode node) {
        return node.isBoolean() && node.booleanValue();
    }
}
