package dev.palisade.rules.gatekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.palisade.core.EvaluationContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the suite runner over the whole gatekeeper-library conformance data, as the library's CI
 * does: once with templates' CEL code (where present) and once with native kinds only. Every
 * assertion whose template Palisade can run must pass; assertions that fail only because an
 * implementation is missing (no native kind, or a rule-language function not yet there) are
 * printed and counted apart.
 */
class GatorLibraryConformanceTest {
    /** Failures that name a missing implementation rather than a wrong decision. */
    private static final List<String> GAPS = List.of("no native implementation",
            "undeclared reference to function");
    private static final int LIBRARY_ASSERTIONS = 299;

    @Test
    void celWherePresentOtherwiseNativeKinds() {
        verifyLibrary(new GatekeeperFormat());
    }

    @Test
    void nativeKindsOnly() {
        verifyLibrary(GatekeeperFormat.nativeOnly());
    }

    private static void verifyLibrary(GatekeeperFormat format) {
        String shared = System.getProperty("palisade.shared");
        assumeTrue(shared != null, "palisade.shared is not set; skipping the gatekeeper-library run");
        Path library = Path.of(shared, "conformance", "gatekeeper-library", "library");
        assumeTrue(Files.isDirectory(library), "no gatekeeper-library conformance data at " + library);

        GatorSuiteRunner runner = GatorSuiteRunner.create(format, EvaluationContext.defaults());
        StringWriter printed = new StringWriter();
        int exit = runner.verify(List.of(library), new PrintWriter(printed));
        GatorReport report = runner.run(List.of(library));

        List<String> realFailures = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        for (SuiteResult suite : report.suites()) {
            System.out.println(library.relativize(Path.of(suite.file())) + ": " + suite.passed() + " passed, "
                    + suite.failed() + " failed");
            for (AssertionResult assertion : suite.assertions()) {
                if (assertion.passed()) {
                    continue;
                }
                String line = suite.file() + ": " + assertion.where() + ": expected " + assertion.expected()
                        + ", found " + assertion.found();
                (GAPS.stream().anyMatch(assertion.found()::contains) ? gaps : realFailures).add(line);
            }
        }
        String lastLine = printed.toString().strip().lines().reduce((a, b) -> b).orElse("");
        System.out.println(lastLine);
        System.out.println("(" + gaps.size() + " failed only because an implementation is missing)");

        assertEquals(report.summary(), lastLine);
        assertEquals(49, report.suites().size(), "suites in the library");
        assertEquals(LIBRARY_ASSERTIONS, report.passed() + report.failed(), "assertions in the library");
        assertEquals(report.failed() == 0 ? 0 : 1, exit);
        assertTrue(realFailures.isEmpty(), String.join("\n", realFailures));
    }
}
