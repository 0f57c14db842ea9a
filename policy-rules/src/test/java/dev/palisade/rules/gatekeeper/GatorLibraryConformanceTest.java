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
 * does: once with templates' CEL code (where present) and once with native kinds only. Both runs
 * must print {@code 299 passed, 0 failed}.
 */
class GatorLibraryConformanceTest {
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

        List<String> failures = new ArrayList<>();
        for (SuiteResult suite : report.suites()) {
            System.out.println(library.relativize(Path.of(suite.file())) + ": " + suite.passed() + " passed, "
                    + suite.failed() + " failed");
            for (AssertionResult assertion : suite.assertions()) {
                if (assertion.passed()) {
                    continue;
                }
                failures.add(suite.file() + ": " + assertion.where() + ": expected " + assertion.expected()
                        + ", found " + assertion.found());
            }
        }
        String lastLine = printed.toString().strip().lines().reduce((a, b) -> b).orElse("");
        System.out.println(lastLine);

        assertEquals(report.summary(), lastLine);
        assertEquals(49, report.suites().size(), "suites in the library");
        assertEquals(LIBRARY_ASSERTIONS, report.passed() + report.failed(), "assertions in the library");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(LIBRARY_ASSERTIONS + " passed, 0 failed", lastLine);
        assertEquals(0, exit);
    }
}
