package dev.palisade.core;

/**
 * Where a policy reports what it found. The engine adds the policy's metadata, the enforcement
 * action, the resource and the source position; it also applies exemptions, so policies never
 * decide whether a finding is exempt.
 */
public interface FindingSink {

    /**
     * Reports a violation.
     *
     * @param message what is wrong, for a human
     * @param path JSON pointer of the offending field ({@code ""} for the whole object); the field
     *     need not exist (a missing field is reported at its nearest existing ancestor)
     */
    void report(String message, String path);

    /**
     * Reports a violation with an action of its own instead of the policy's (for example PSA levels).
     *
     * @param message the violation's message
     * @param path the JSON pointer of the offending field
     * @param action the action of this finding
     */
    void report(String message, String path, EnforcementAction action);

    /**
     * Reports a violation whose problem has a severity of its own within the policy (for example one
     * check of a Pod Security Standards level). Sinks that do not record severities per finding
     * report it with the policy's severity.
     *
     * @param message the violation's message
     * @param path the JSON pointer of the offending field
     * @param severity the severity of this finding
     */
    default void report(String message, String path, Severity severity) {
        report(message, path);
    }

    /**
     * Reports a violation with an action and a severity of its own instead of the policy's.
     *
     * @param message the violation's message
     * @param path the JSON pointer of the offending field
     * @param action the action of this finding
     * @param severity the severity of this finding
     */
    default void report(String message, String path, EnforcementAction action, Severity severity) {
        report(message, path, action);
    }

    /**
     * Records an audit annotation (ValidatingAdmissionPolicy {@code auditAnnotations}).
     *
     * @param key the annotation key, without prefix
     * @param value the annotation value
     */
    default void annotate(String key, String value) {
    }
}
