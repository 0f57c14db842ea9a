package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * K8sRequiredProbes: every container (not init or ephemeral) must define each probe of
 * {@code probes} with at least one handler of {@code probeTypes}. Skipped on UPDATE.
 */
final class RequiredProbesKind extends RegoKind {

    RequiredProbesKind() {
        super("K8sRequiredProbes");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (Review.isUpdate(input)) {
            return;
        }
        JsonNode params = input.parameters();
        JsonNode types = params.path("probeTypes");
        Containers.forEach(input.object(), Containers.REGULAR, (field, container, pointer) -> {
            for (JsonNode probe : RegoValues.elements(params.path("probes"))) {
                if (!probe.isTextual()) {
                    continue;
                }
                JsonNode definition = container.path(probe.textValue());
                if (!RegoValues.truthy(definition) || !hasHandler(definition, types)) {
                    violations.sprintf(Pointer.field(pointer, probe.textValue()),
                            "Container <%v> in your <%v> <%v> has no <%v>", container.path("name"), Review.kind(input),
                            input.object().path("metadata").path("name"), probe);
                }
            }
        });
    }

    private static boolean hasHandler(JsonNode probe, JsonNode types) {
        for (JsonNode type : RegoValues.elements(types)) {
            if (type.isTextual() && RegoValues.truthy(probe.path(type.textValue()))) {
                return true;
            }
        }
        return false;
    }
}
