package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/** K8sReplicaLimits: {@code spec.replicas} must fall in one of the constraint's {@code ranges}. */
final class ReplicaLimitsKind extends RegoKind {

    ReplicaLimitsKind() {
        super("K8sReplicaLimits");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode spec = input.object().path("spec");
        if (spec.isMissingNode()) {
            return;
        }
        JsonNode replicas = spec.path("replicas");
        if (!ReplicaRanges.within(input.parameters().path("ranges"), replicas, replicas)) {
            violations.sprintf("/spec/replicas", "The provided number of replicas is not allowed for %v: %v. Allowed"
                    + " ranges: %v", Review.kind(input), input.object().path("metadata").path("name"),
                    input.parameters());
        }
    }
}
