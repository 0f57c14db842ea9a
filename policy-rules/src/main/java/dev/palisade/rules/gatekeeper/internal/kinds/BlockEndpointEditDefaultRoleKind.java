package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * K8sBlockEndpointEditDefaultRole: the {@code system:aggregate-to-edit} ClusterRole must not grant
 * create, patch or update on endpoints.
 */
final class BlockEndpointEditDefaultRoleKind extends RegoKind {
    private static final String MESSAGE = "ClusterRole system:aggregate-to-edit should not allow endpoint edit"
            + " permissions. For k8s version < 1.22, the Cluster Role should be annotated with"
            + " rbac.authorization.kubernetes.io/autoupdate=false to prevent autoreconciliation back to default"
            + " permissions for this role.";

    BlockEndpointEditDefaultRoleKind() {
        super("K8sBlockEndpointEditDefaultRole");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode object = input.object();
        if (!"system:aggregate-to-edit".equals(object.path("metadata").path("name").textValue())) {
            return;
        }
        JsonNode rules = object.path("rules");
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            JsonNode verbs = rule.path("verbs");
            if (RegoValues.containsString(rule.path("resources"), "endpoints")
                    && (RegoValues.containsString(verbs, "create") || RegoValues.containsString(verbs, "patch")
                            || RegoValues.containsString(verbs, "update"))) {
                violations.report(MESSAGE, "/rules/" + i);
            }
        }
    }
}
