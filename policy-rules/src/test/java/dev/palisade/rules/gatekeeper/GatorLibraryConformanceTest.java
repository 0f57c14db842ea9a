package dev.palisade.rules.gatekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the suite runner over the whole gatekeeper-library conformance data. Every assertion whose
 * template Palisade can load (a native kind, or CEL code once the rule language is present) must
 * pass; assertions of templates without an implementation are reported and counted separately.
 */
class GatorLibraryConformanceTest {
    /** Failures that name a missing implementation rather than a wrong decision. */
    private static final List<String> GAPS = List.of("no native implementation",
            "undeclared reference to function");
    private static final int LIBRARY_ASSERTIONS = 299;

    @Test
    void everyImplementedLibraryAssertionPasses() {
        String shared = System.getProperty("palisade.shared");
        assumeTrue(shared != null, "palisade.shared is not set; skipping the gatekeeper-library run");
        Path library = Path.of(shared, "conformance", "gatekeeper-library", "library");
        assumeTrue(Files.isDirectory(library), "no gatekeeper-library conformance data at " + library);

        StringWriter printed = new StringWriter();
        int exit = GatorSuiteRunner.create().verify(List.of(library), new PrintWriter(printed));
        GatorReport report = GatorSuiteRunner.create().run(List.of(library));

        List<String> realFailures = new ArrayList<>();
        long unimplemented = 0;
        for (SuiteResult suite : report.suites()) {
            System.out.println(suite.file() + ": " + suite.passed() + " passed, " + suite.failed() + " failed");
            for (AssertionResult assertion : suite.assertions()) {
                if (assertion.passed()) {
                    continue;
                }
                if (GAPS.stream().anyMatch(assertion.found()::contains)) {
                    unimplemented++;
                } else {
                    realFailures.add(suite.file() + ": " + assertion.where() + ": expected " + assertion.expected()
                            + ", found " + assertion.found());
                }
            }
        }
        String lastLine = printed.toString().strip().lines().reduce((a, b) -> b).orElse("");
        System.out.println(lastLine);
        System.out.println("(" + unimplemented + " failed only because their template has no implementation yet or the rule language lacks a"
                + " function)");

        assertEquals(report.summary(), lastLine);
        assertEquals(49, report.suites().size(), "suites in the library");
        assertEquals(LIBRARY_ASSERTIONS, report.passed() + report.failed(), "assertions in the library");
        assertEquals(report.failed() == 0 ? 0 : 1, exit);
        assertTrue(realFailures.isEmpty(), String.join("\n", realFailures));
    }
}
