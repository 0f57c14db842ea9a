package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * K8sPSPAutomountServiceAccountTokenPod: the pod must not mount the service account token, either
 * through {@code automountServiceAccountToken: true} or, when that field is absent, through a
 * container or init container volume mount at the token path. Skipped on UPDATE.
 */
final class AutomountServiceAccountTokenKind extends RegoKind {
    private static final String TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
    private static final String MESSAGE = "Automounting service account token is disallowed, pod: %v";

    AutomountServiceAccountTokenKind() {
        super("K8sPSPAutomountServiceAccountTokenPod");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (Review.isUpdate(input)) {
            return;
        }
        JsonNode object = input.object();
        JsonNode spec = object.path("spec");
        JsonNode name = object.path("metadata").path("name");
        JsonNode automount = spec.path("automountServiceAccountToken");
        if (automount.isBoolean() && automount.booleanValue()) {
            violations.sprintf("/spec/automountServiceAccountToken", MESSAGE, name);
            return;
        }
        if (spec.has("automountServiceAccountToken")) {
            return;
        }
        Containers.forEach(object, Containers.REGULAR_AND_INIT, (field, container, pointer) -> {
            JsonNode mounts = container.path("volumeMounts");
            for (int i = 0; i < mounts.size(); i++) {
                if (TOKEN_PATH.equals(mounts.get(i).path("mountPath").textValue())) {
                    violations.sprintf(pointer + "/volumeMounts/" + i + "/mountPath", MESSAGE, name);
                }
            }
        });
    }
}
