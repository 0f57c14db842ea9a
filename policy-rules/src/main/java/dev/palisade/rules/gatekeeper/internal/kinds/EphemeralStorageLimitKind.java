package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * K8sContainerEphemeralStorageLimit: every container and init container must set a parseable
 * {@code ephemeral-storage} limit no higher than the constraint's. Skipped on UPDATE (the field is
 * immutable).
 */
final class EphemeralStorageLimitKind extends RegoKind {
    private static final String FIELD = "ephemeral-storage";
    private final CompiledParameters<Optional<BigDecimal>> maximum =
            new CompiledParameters<>(params -> Quantities.memory(params.path(FIELD)));

    EphemeralStorageLimitKind() {
        super("K8sContainerEphemeralStorageLimit");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (Review.isUpdate(input)) {
            return;
        }
        JsonNode params = input.parameters();
        JsonNode maximum = params.path(FIELD);
        Optional<BigDecimal> maximumValue = this.maximum.of(params);
        Containers.forEach(input.object(), Containers.REGULAR_AND_INIT, (field, container, pointer) -> {
            if (ExemptImages.isExempt(params, container)) {
                return;
            }
            JsonNode name = container.path("name");
            JsonNode limits = container.path("resources").path("limits");
            JsonNode storage = limits.path(FIELD);
            String at = pointer + "/resources/limits";
            Optional<BigDecimal> value = Quantities.memory(storage);
            if (!storage.isMissingNode() && value.isEmpty()) {
                violations.sprintf(at + "/" + FIELD, "container <%v> ephemeral-storage limit <%v> could not be parsed",
                        name, storage);
            }
            ContainerResources.reportNoSection(container, pointer, "limits", violations);
            if (ContainerResources.missing(limits, FIELD)) {
                violations.sprintf(at, "container <%v> has no ephemeral-storage limit", name);
            }
            if (value.isPresent() && maximumValue.isPresent() && value.get().compareTo(maximumValue.get()) > 0) {
                violations.sprintf(at + "/" + FIELD,
                        "container <%v> ephemeral-storage limit <%v> is higher than the maximum allowed of <%v>", name,
                        storage, maximum);
            }
        });
    }
}
