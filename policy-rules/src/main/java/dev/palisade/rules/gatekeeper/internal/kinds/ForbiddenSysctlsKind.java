package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * K8sPSPForbiddenSysctls: no pod sysctl may match {@code forbiddenSysctls} ({@code *} and
 * {@code prefix*} patterns), and, when {@code allowedSysctls} is set, every sysctl must match it.
 * Skipped on UPDATE.
 */
final class ForbiddenSysctlsKind extends RegoKind {
    ForbiddenSysctlsKind() {
        super("K8sPSPForbiddenSysctls");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (Review.isUpdate(input)) {
            return;
        }
        JsonNode object = input.object();
        JsonNode params = input.parameters();
        JsonNode forbidden = params.path("forbiddenSysctls");
        JsonNode allowed = params.path("allowedSysctls");
        JsonNode name = object.path("metadata").path("name");
        JsonNode sysctls = object.path("spec").path("securityContext").path("sysctls");
        for (int i = 0; sysctls.isArray() && i < sysctls.size(); i++) {
            JsonNode sysctl = sysctls.get(i).path("name");
            if (!sysctl.isTextual()) {
                continue;
            }
            String pointer = "/spec/securityContext/sysctls/" + i + "/name";
            if (matches(forbidden, sysctl.textValue())) {
                violations.sprintf(pointer, "The sysctl %v is not allowed, pod: %v. Forbidden sysctls: %v", sysctl, name,
                        forbidden);
            }
            if (RegoValues.truthy(allowed) && !matches(allowed, sysctl.textValue())) {
                violations.sprintf(pointer, "The sysctl %v is not explicitly allowed, pod: %v. Allowed sysctls: %v",
                        sysctl, name, allowed);
            }
        }
    }

    /** {@code *}, the exact name, or a {@code prefix*} pattern. */
    private static boolean matches(JsonNode patterns, String sysctl) {
        for (JsonNode pattern : RegoValues.elements(patterns)) {
            if (!pattern.isTextual()) {
                continue;
            }
            String text = pattern.textValue();
            if (text.equals("*") || text.equals(sysctl)
                    || (text.endsWith("*") && sysctl.startsWith(text.substring(0, text.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
