package dev.palisade.rules.gatekeeper;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one {@code suite.yaml}.
 *
 * @param file the suite file as found
 * @param name {@code metadata.name}, or {@code ""}
 * @param assertions every assertion run, in file order
 * @param skipped how many tests and cases were skipped ({@code skip: true})
 */
public record SuiteResult(String file, String name, List<AssertionResult> assertions, int skipped) {

    /**
     * Checks that the components are present, copies the collections.
     *
     * @param file the suite file as found
     * @param name {@code metadata.name}, or {@code ""}
     * @param assertions every assertion run, in file order
     * @param skipped how many tests and cases were skipped ({@code skip: true})
     */
    public SuiteResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        assertions = List.copyOf(assertions);
    }

    /** {@return how many assertions held} */
    public long passed() {
        return assertions.stream().filter(AssertionResult::passed).count();
    }

    /** {@return how many assertions did not hold} */
    public long failed() {
        return assertions.size() - passed();
    }
}
