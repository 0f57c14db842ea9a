package dev.palisade.rules.gatekeeper.internal.kinds;

import dev.palisade.rules.gatekeeper.ConstraintInput;

/** K8sBlockLoadBalancer and K8sBlockNodePort: a Service must not have the given {@code spec.type}. */
final class BlockServiceTypeKind extends RegoKind {
    private final String type;

    private BlockServiceTypeKind(String kind, String type) {
        super(kind);
        this.type = type;
    }

    static BlockServiceTypeKind loadBalancer() {
        return new BlockServiceTypeKind("K8sBlockLoadBalancer", "LoadBalancer");
    }

    static BlockServiceTypeKind nodePort() {
        return new BlockServiceTypeKind("K8sBlockNodePort", "NodePort");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if ("Service".equals(Review.kind(input))
                && type.equals(input.object().path("spec").path("type").textValue())) {
            violations.report("User is not allowed to create service of type " + type, "/spec/type");
        }
    }
}
