package dev.palisade.rules.gatekeeper;

import java.util.List;

/** The outcome of a {@code gator verify} run: one result per suite file, in path order. */
public record GatorReport(List<SuiteResult> suites) {

    /**
     * Copies the suite results.
     *
     * @param suites one result per suite file, in path order
     */
    public GatorReport {
        suites = List.copyOf(suites);
    }

    /**
     * Assertions that held, over all suites.
     *
     * @return the number of assertions that held
     */
    public long passed() {
        return suites.stream().mapToLong(SuiteResult::passed).sum();
    }

    /**
     * Assertions that did not hold, over all suites.
     *
     * @return the number of assertions that did not hold
     */
    public long failed() {
        return suites.stream().mapToLong(SuiteResult::failed).sum();
    }

    /** {@return {@code N passed, M failed}, counting assertions} */
    public String summary() {
        return passed() + " passed, " + failed() + " failed";
    }
}
