package dev.palisade.rules.gatekeeper;

import java.util.List;

/** The outcome of a {@code gator verify} run: one result per suite file, in path order. */
public record GatorReport(List<SuiteResult> suites) {

    public GatorReport {
        suites = List.copyOf(suites);
    }

    /** Assertions that held, over all suites. */
    public long passed() {
        return suites.stream().mapToLong(SuiteResult::passed).sum();
    }

    /** Assertions that did not hold, over all suites. */
    public long failed() {
        return suites.stream().mapToLong(SuiteResult::failed).sum();
    }

    /** {@return {@code N passed, M failed}, counting assertions} */
    public String summary() {
        return passed() + " passed, " + failed() + " failed";
    }
}
