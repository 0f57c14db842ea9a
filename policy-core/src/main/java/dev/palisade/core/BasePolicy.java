package dev.palisade.core;

import java.util.Objects;

/**
 * A policy whose description is fixed at construction: its metadata, match, enforcement and failure
 * policy are given once and returned as they are. Subclasses supply {@link #evaluate} and must stay
 * immutable and thread-safe, as every {@link Policy} must.
 */
public abstract class BasePolicy implements Policy {
    private final PolicyMetadata metadata;
    private final Match match;
    private final Enforcement enforcement;
    private final FailurePolicy failurePolicy;

    /**
     * A policy with this description.
     *
     * @param metadata the policy's id, title, severity and texts
     * @param match which resources the policy applies to
     * @param enforcement the action at each enforcement point
     * @param failurePolicy what an evaluation error of the policy decides
     */
    protected BasePolicy(PolicyMetadata metadata, Match match, Enforcement enforcement, FailurePolicy failurePolicy) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.match = Objects.requireNonNull(match, "match");
        this.enforcement = Objects.requireNonNull(enforcement, "enforcement");
        this.failurePolicy = Objects.requireNonNull(failurePolicy, "failurePolicy");
    }

    @Override
    public final PolicyMetadata metadata() {
        return metadata;
    }

    @Override
    public final Match match() {
        return match;
    }

    @Override
    public final Enforcement enforcement() {
        return enforcement;
    }

    @Override
    public final FailurePolicy failurePolicy() {
        return failurePolicy;
    }
}
