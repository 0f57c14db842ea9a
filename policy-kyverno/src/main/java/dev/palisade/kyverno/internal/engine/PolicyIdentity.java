package dev.palisade.kyverno.internal.engine;

import java.util.Map;

/**
 * What a response says about the policy that produced it: a ClusterPolicy or Policy, or one of
 * Kyverno's CEL policy kinds.
 */
public interface PolicyIdentity {
    /** The policy's kind ({@code ClusterPolicy}, {@code ValidatingPolicy}, ...). */
    String kind();

    /** The policy's name. */
    String name();

    /** The policy's namespace ({@code ""} for cluster-wide kinds). */
    String namespace();

    /** The policy's annotations. */
    Map<String, String> annotations();

    /**
     * Whether the kind has no rules (Kyverno's {@code isRulelessPolicyKind}): every response of the
     * policy answers a test result, whatever rule the result names.
     */
    default boolean ruleless() {
        return !kind().equals("ClusterPolicy") && !kind().equals("Policy");
    }
}
