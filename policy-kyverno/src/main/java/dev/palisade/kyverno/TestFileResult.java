package dev.palisade.kyverno;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@code kyverno-test.yaml}.
 *
 * @param file the test file as found
 * @param name the test's name
 * @param assertions every assertion, in result order
 * @param error why the test could not run (then it has no assertions), if it could not
 */
public record TestFileResult(String file, String name, List<TestAssertionResult> assertions, Optional<String> error) {

    /**
     * Checks that the components are present, copies the collections.
     *
     * @param file the test file as found
     * @param name the test's name
     * @param assertions every assertion, in result order
     * @param error why the test could not run (then it has no assertions), if it could not
     */
    public TestFileResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        assertions = List.copyOf(assertions);
        Objects.requireNonNull(error, "error");
    }

    /**
     * Assertions that held.
     *
     * @param strict whether a rule that produced no response counts as failed ({@code --strict})
     * @return the number of assertions that held
     */
    public long passed(boolean strict) {
        return assertions.stream().filter(a -> a.passed(strict)).count();
    }

    /**
     * Assertions that did not hold (not-supported ones aside).
     *
     * @param strict whether a rule that produced no response counts as failed ({@code --strict})
     * @return the number of assertions that did not hold
     */
    public long failed(boolean strict) {
        return assertions.stream().filter(a -> !a.passed(strict)
                && a.outcome() != TestAssertionResult.Outcome.NOT_SUPPORTED).count();
    }

    /**
     * Assertions about policy kinds Palisade does not run yet.
     *
     * @return the number of assertions that were not run
     */
    public long notSupported() {
        return assertions.stream().filter(a -> a.outcome() == TestAssertionResult.Outcome.NOT_SUPPORTED).count();
    }
}
