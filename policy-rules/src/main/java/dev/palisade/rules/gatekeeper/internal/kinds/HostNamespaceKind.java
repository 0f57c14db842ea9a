package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/** K8sPSPHostNamespace: the pod must not set {@code hostPID} or {@code hostIPC}. Skipped on UPDATE. */
final class HostNamespaceKind extends RegoKind {

    HostNamespaceKind() {
        super("K8sPSPHostNamespace");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (Review.isUpdate(input)) {
            return;
        }
        JsonNode spec = input.object().path("spec");
        String pointer = RegoValues.truthy(spec.path("hostPID")) ? "/spec/hostPID"
                : RegoValues.truthy(spec.path("hostIPC")) ? "/spec/hostIPC" : "";
        if (!pointer.isEmpty()) {
            violations.sprintf(pointer, "Sharing the host namespace is not allowed: %v",
                    input.object().path("metadata").path("name"));
        }
    }
}
