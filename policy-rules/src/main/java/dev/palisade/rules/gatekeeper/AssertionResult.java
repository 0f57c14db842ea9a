package dev.palisade.rules.gatekeeper;

import java.util.Objects;

/**
 * The outcome of one assertion of a gator suite (or of one test-level check: an {@code invalid}
 * test, or a test or case that could not run, which count as one assertion each).
 *
 * @param test the test's name
 * @param caseName the case's name, or {@code ""} for a test-level check
 * @param index the assertion's one-based position in its case, or 0 for a test- or case-level check
 * @param passed whether it held
 * @param expected what the assertion asked for, as written
 * @param found what the run produced (violation count and messages, or the error)
 */
public record AssertionResult(String test, String caseName, int index, boolean passed, String expected,
        String found) {

    /**
     * Checks that the components are present.
     *
     * @param test the test's name
     * @param caseName the case's name, or {@code ""} for a test-level check
     * @param index the assertion's one-based position in its case, or 0 for a test- or case-level check
     * @param passed whether it held
     * @param expected what the assertion asked for, as written
     * @param found what the run produced (violation count and messages, or the error)
     */
    public AssertionResult {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(caseName, "caseName");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(found, "found");
    }

    /** {@return {@code test "t", case "c", assertion 2}, as printed} */
    public String where() {
        StringBuilder out = new StringBuilder("test \"").append(test).append('"');
        if (!caseName.isEmpty()) {
            out.append(", case \"").append(caseName).append('"');
        }
        if (index > 0) {
            out.append(", assertion ").append(index);
        }
        return out.toString();
    }
}
