package dev.palisade.kyverno;

import java.util.Objects;

/**
 * The outcome of one assertion of a {@code kyverno test} file: one result entry of the test for
 * one of its resources (or for all resources when the entry names none).
 *
 * @param policy the policy as the result names it
 * @param rule the rule ({@code ""} when the result names none)
 * @param resource the resource as the result names it ({@code ""} for all resources)
 * @param expected the expected result ({@code pass}, {@code fail}, {@code skip}, {@code warn},
 *     {@code error}), with the patched or generated resource file when the result names one
 * @param outcome whether it held
 * @param found what the run produced, for a human
 */
public record TestAssertionResult(String policy, String rule, String resource, String expected, Outcome outcome,
        String found) {

    /** How an assertion ended. */
    public enum Outcome {
        /** The expected result was produced. */
        PASSED,
        /**
         * No rule of the policy produced a response for the resource (the rule did not match or
         * was excluded); Kyverno counts this as passed, {@code --strict} as failed.
         */
        NO_RESPONSE,
        /** Something else was produced, or nothing where something was expected. */
        FAILED,
        /** The result is about a policy kind Palisade does not run yet (Kyverno's CEL policy kinds). */
        NOT_SUPPORTED
    }

    /**
     * Checks that the components are present.
     *
     * @param policy the policy as the result names it
     * @param rule the rule ({@code ""} when the result names none)
     * @param resource the resource as the result names it ({@code ""} for all resources)
     * @param expected the expected result ({@code pass}, {@code fail}, {@code skip}, {@code warn},
     *     {@code error}), with the patched or generated resource file when the result names one
     * @param outcome whether it held
     * @param found what the run produced, for a human
     */
    public TestAssertionResult {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(found, "found");
    }

    /**
     * Whether the assertion counts as passed, with or without {@code --strict}.
     *
     * @param strict whether a rule that produced no response counts as failed ({@code --strict})
     * @return whether the assertion counts as passed
     */
    public boolean passed(boolean strict) {
        return outcome == Outcome.PASSED || outcome == Outcome.NO_RESPONSE && !strict;
    }

    /** {@return {@code policy/rule resource}, as printed} */
    public String where() {
        return policy + (rule.isEmpty() ? "" : "/" + rule) + " " + (resource.isEmpty() ? "(all resources)" : resource);
    }
}
