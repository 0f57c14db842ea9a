package dev.palisade.core;

import java.util.Objects;

/**
 * Something that could not be read or evaluated: a malformed document, a bad policy, a policy that
 * failed on a resource. Evaluation goes on past it; the run's exit status reports it.
 *
 * @param location where the problem is ({@link SourceLocation#UNKNOWN} when nowhere in a file)
 * @param policyId the policy concerned, or {@code ""} for input problems
 * @param message what went wrong and what to do
 */
public record EvaluationError(SourceLocation location, String policyId, String message) {
    /**
     * Checks that the components are present.
     *
     * @param location where the problem is ({@link SourceLocation#UNKNOWN} when nowhere in a file)
     * @param policyId the policy concerned, or {@code ""} for input problems
     * @param message what went wrong and what to do
     */
    public EvaluationError {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(message, "message");
    }

    /**
     * {@return an input problem at a location}
     *
     * @param location where
     * @param message what went wrong
     */
    public static EvaluationError of(SourceLocation location, String message) {
        return new EvaluationError(location, "", message);
    }

    /**
     * {@return an error from an exception, located where the exception says}
     *
     * @param e the exception
     */
    public static EvaluationError of(PalisadeException e) {
        return new EvaluationError(e.location().orElse(SourceLocation.UNKNOWN), "", e.getMessage());
    }

    /** {@return {@code file:line:col: message}} */
    public String display() {
        String prefix = location.file().isEmpty() && !location.isKnown() ? "" : location.display() + ": ";
        return prefix + (policyId.isEmpty() ? "" : "policy " + policyId + ": ") + message;
    }
}
