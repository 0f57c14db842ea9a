package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * K8sPSPFSGroup: the pod's {@code securityContext.fsGroup} must satisfy {@code rule}
 * ({@code MustRunAs}: set and within {@code ranges}; {@code MayRunAs}: unset or within
 * {@code ranges}; {@code RunAsAny}). Skipped on UPDATE and when {@code rule} is unset.
 */
final class FsGroupKind extends RegoKind {

    FsGroupKind() {
        super("K8sPSPFSGroup");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode params = input.parameters();
        JsonNode spec = input.object().path("spec");
        if (Review.isUpdate(input) || !RegoValues.truthy(params.path("rule")) || spec.isMissingNode()) {
            return;
        }
        if (!allowed(params, spec)) {
            violations.sprintf("/spec/securityContext/fsGroup", "The provided pod spec fsGroup is not allowed, pod: %v."
                    + " Allowed fsGroup: %v", input.object().path("metadata").path("name"), params);
        }
    }

    private static boolean allowed(JsonNode params, JsonNode spec) {
        String rule = params.path("rule").textValue();
        JsonNode fsGroup = spec.path("securityContext").path("fsGroup");
        if ("RunAsAny".equals(rule)) {
            return true;
        }
        if ("MayRunAs".equals(rule) && (!RegoValues.truthy(spec.path("securityContext")) || !RegoValues.truthy(fsGroup))) {
            return true;
        }
        if ("MustRunAs".equals(rule) || "MayRunAs".equals(rule)) {
            if (fsGroup.isMissingNode()) {
                return false;
            }
            for (JsonNode range : RegoValues.elements(params.path("ranges"))) {
                if (RegoValues.greaterOrEqual(fsGroup, range.path("min"))
                        && RegoValues.greaterOrEqual(range.path("max"), fsGroup)) {
                    return true;
                }
            }
        }
        return false;
    }
}
