package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * K8sPSPAllowedUsers: {@code runAsUser}, {@code runAsGroup}, {@code supplementalGroups} and
 * {@code fsGroup} of every container (falling back to the pod's {@code securityContext} for Pods)
 * must satisfy the constraint's rule for that field ({@code MustRunAs}, {@code MayRunAs},
 * {@code MustRunAsNonRoot}, {@code RunAsAny}) and ranges. Skipped on UPDATE.
 */
final class AllowedUsersKind extends RegoKind {
    private static final String[] GROUP_FIELDS = {"runAsGroup", "supplementalGroups", "fsGroup"};

    AllowedUsersKind() {
        super("K8sPSPAllowedUsers");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (Review.isUpdate(input)) {
            return;
        }
        JsonNode params = input.parameters();
        boolean pod = "Pod".equals(Review.kind(input));
        JsonNode podContext = input.object().path("spec").path("securityContext");
        Containers.forEach(input.object(), Containers.ALL, (list, container, pointer) -> {
            if (ExemptImages.isExempt(params, container)) {
                return;
            }
            Field user = Field.of("runAsUser", container, pointer, pod, podContext);
            JsonNode userParams = params.path("runAsUser");
            if (!userParams.isMissingNode()) {
                checkUser(userParams, user, Field.of("runAsNonRoot", container, pointer, pod, podContext), container,
                        violations);
            }
            for (String field : GROUP_FIELDS) {
                JsonNode fieldParams = params.path(field);
                if (!fieldParams.isMissingNode()) {
                    checkGroup(field, fieldParams, Field.of(field, container, pointer, pod, podContext), container,
                            violations);
                }
            }
        });
    }

    private static void checkUser(JsonNode params, Field user, Field nonRoot, JsonNode container,
            Violations violations) {
        JsonNode rule = params.path("rule");
        JsonNode name = container.path("name");
        if (!user.value.isMissingNode() && !acceptUser(rule.textValue(), user.value, params.path("ranges"))) {
            violations.sprintf(user.pointer, "Container %v is attempting to run as disallowed user %v. Allowed"
                    + " runAsUser: %v", name, user.value, params);
        }
        if (!RegoValues.truthy(user.value) && "MustRunAs".equals(rule.textValue())) {
            violations.sprintf(user.pointer, "Container %v is attempting to run without a required"
                    + " securityContext/runAsUser", name);
        }
        if ("MustRunAsNonRoot".equals(rule.textValue()) && !RegoValues.truthy(user.value)
                && !RegoValues.truthy(nonRoot.value)) {
            violations.sprintf(nonRoot.pointer, "Container %v is attempting to run without a required"
                    + " securityContext/runAsNonRoot or securityContext/runAsUser != 0", name);
        }
    }

    /** {@code accept_users}: false also where the Rego is undefined (unknown rule, missing ranges). */
    private static boolean acceptUser(String rule, JsonNode user, JsonNode ranges) {
        if (rule == null) {
            return false;
        }
        return switch (rule) {
            case "RunAsAny" -> true;
            case "MustRunAsNonRoot" -> !(user.isNumber() && user.decimalValue().signum() == 0);
            case "MustRunAs" -> !ranges.isMissingNode() && inRange(user, ranges);
            default -> false;
        };
    }

    private static void checkGroup(String field, JsonNode params, Field value, JsonNode container,
            Violations violations) {
        JsonNode rule = params.path("rule");
        JsonNode ranges = params.path("ranges");
        JsonNode name = container.path("name");
        if (!value.value.isMissingNode() && !value.value.isArray()
                && !acceptValue(rule.textValue(), value.value, ranges)) {
            violations.sprintf(value.pointer, "Container %v is attempting to run as disallowed group %v. Allowed %v: %v",
                    name, value.value, field, params);
        }
        if (value.value.isArray()) {
            for (JsonNode element : value.value) {
                if (!acceptValue(rule.textValue(), element, ranges)) {
                    violations.sprintf(value.pointer, "Container %v is attempting to run with disallowed"
                            + " supplementalGroups %v. Allowed %v: %v", name, value.value, field, params);
                }
            }
        }
        if (!RegoValues.truthy(value.value) && "MustRunAs".equals(rule.textValue())) {
            violations.sprintf(value.pointer, "Container %v is attempting to run without a required securityContext/%v."
                    + " Allowed %v: %v", name, field, field, params);
        }
    }

    /** {@code accept_value}: false also where the Rego is undefined. */
    private static boolean acceptValue(String rule, JsonNode value, JsonNode ranges) {
        if (rule == null) {
            return false;
        }
        return switch (rule) {
            case "RunAsAny" -> true;
            case "MayRunAs", "MustRunAs" -> !ranges.isMissingNode() && inRange(value, ranges);
            default -> false;
        };
    }

    /** {@code is_in_range}: some range has {@code min <= value <= max}. */
    private static boolean inRange(JsonNode value, JsonNode ranges) {
        for (JsonNode range : RegoValues.elements(ranges)) {
            if (RegoValues.greaterOrEqual(value, range.path("min")) && RegoValues.greaterOrEqual(range.path("max"), value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code get_field_value}: the container's security context field, else the Pod's. */
    private record Field(JsonNode value, String pointer) {
        static Field of(String field, JsonNode container, String pointer, boolean pod, JsonNode podContext) {
            JsonNode own = container.path("securityContext").path(field);
            if (!own.isMissingNode()) {
                return new Field(own, pointer + "/securityContext/" + field);
            }
            if (pod) {
                return new Field(podContext.path(field), "/spec/securityContext/" + field);
            }
            return new Field(MissingNode.getInstance(), pointer + "/securityContext/" + field);
        }
    }
}
