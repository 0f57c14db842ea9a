package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * K8sDisallowAnonymous: a (Cluster)RoleBinding must not bind {@code system:unauthenticated} or
 * {@code system:anonymous} (and, with {@code disallowAuthenticated}, {@code system:authenticated})
 * unless its role is in {@code allowedRoles}.
 */
final class DisallowAnonymousKind extends RegoKind {
    private static final String[] ANONYMOUS = {"system:unauthenticated", "system:anonymous"};

    DisallowAnonymousKind() {
        super("K8sDisallowAnonymous");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode object = input.object();
        JsonNode params = input.parameters();
        if (object.path("roleRef").isMissingNode()) {
            // `not is_allowed(input.review.object.roleRef, ...)`: the undefined argument is bound before
            // the negation (as OPA compiles it), so no rule holds
            return;
        }
        JsonNode roleName = object.path("roleRef").path("name");
        if (roleName.isTextual() && RegoValues.containsString(params.path("allowedRoles"), roleName.textValue())) {
            return;
        }
        for (String group : ANONYMOUS) {
            reportSubjects(object, group, violations);
        }
        JsonNode disallowAuthenticated = params.path("disallowAuthenticated");
        if (RegoValues.truthy(disallowAuthenticated)) {
            reportSubjects(object, "system:authenticated", violations);
        }
    }

    private static void reportSubjects(JsonNode object, String group, Violations violations) {
        JsonNode subjects = object.path("subjects");
        for (int i = 0; subjects.isArray() && i < subjects.size(); i++) {
            if (group.equals(subjects.get(i).path("name").textValue())) {
                violations.sprintf("/subjects/" + i + "/name", "%v is not allowed as a subject name in %v %v", group,
                        object.path("kind"), object.path("metadata").path("name"));
            }
        }
    }
}
