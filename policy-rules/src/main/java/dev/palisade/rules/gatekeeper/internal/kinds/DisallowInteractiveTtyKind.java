package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/** K8sDisallowInteractiveTTY: no container (of any list) may set {@code stdin} or {@code tty}. */
final class DisallowInteractiveTtyKind extends RegoKind {

    DisallowInteractiveTtyKind() {
        super("K8sDisallowInteractiveTTY");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode params = input.parameters();
        Containers.forEach(input.object(), Containers.ALL, (field, container, pointer) -> {
            if (ExemptImages.isExempt(params, container)) {
                return;
            }
            String offending = RegoValues.truthy(container.path("stdin")) ? "stdin"
                    : RegoValues.truthy(container.path("tty")) ? "tty" : "";
            if (!offending.isEmpty()) {
                violations.sprintf(pointer + "/" + offending,
                        "Containers using tty or stdin (%v) are not allowed running image: %v", container.path("name"),
                        container.path("image"));
            }
        });
    }
}
