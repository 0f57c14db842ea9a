package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/** K8sBlockWildcardIngress: no Ingress rule may have an empty, missing or wildcard host. */
final class BlockWildcardIngressKind extends RegoKind {

    BlockWildcardIngressKind() {
        super("K8sBlockWildcardIngress");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (!"Ingress".equals(Review.kind(input))) {
            return;
        }
        JsonNode rules = input.object().path("spec").path("rules");
        for (int i = 0; rules.isArray() && i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            if (!rule.isObject()) {
                continue;
            }
            JsonNode host = rule.path("host");
            String hostname = host.isMissingNode() ? "" : host.textValue();
            if (hostname != null && (hostname.isEmpty() || hostname.contains("*"))) {
                violations.report("Hostname '" + hostname + "' is not allowed since it counts as a wildcard, which"
                        + " can be used to intercept traffic from other applications.", "/spec/rules/" + i + "/host");
            }
        }
    }
}
