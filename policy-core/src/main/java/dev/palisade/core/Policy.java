package dev.palisade.core;

/**
 * A compiled policy: what it is, which resources it applies to, what it does at each enforcement
 * point, and how it judges a resource. Implementations must be immutable and thread-safe: one
 * instance serves every evaluation.
 */
public interface Policy {

    PolicyMetadata metadata();

    /** Which resources the policy applies to. */
    Match match();

    /** The action at each enforcement point. */
    Enforcement enforcement();

    /** What an evaluation error means. Policies fail closed unless they say otherwise. */
    default FailurePolicy failurePolicy() {
        return FailurePolicy.FAIL;
    }

    /**
     * Judges one resource that {@link #match()} selected, reporting each violation to the sink.
     * Throwing any runtime exception is an evaluation error handled per {@link #failurePolicy()}.
     */
    void evaluate(Resource resource, EvaluationContext context, FindingSink sink);
}
