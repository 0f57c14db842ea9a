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
 * does: with the default engine (templates' CEL code where present, else native kinds), with native
 * kinds only, and with the templates' Rego alone on Palisade's interpreter. Every run must print
 * {@code 299 passed, 0 failed}. The corpus may be absent outside CI; with {@code CI} set its absence
 * fails.
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

    @Test
    void regoOnly() {
        verifyLibrary(GatekeeperFormat.withEngine(GatekeeperEngine.REGO));
    }

    /** The library's folder; skips when absent, fails when absent and {@code CI} is set. */
    static Path library() {
        String shared = System.getProperty("palisade.shared");
        Path library = Path.of(shared == null ? "../../shared" : shared, "conformance", "gatekeeper-library",
                "library");
        if (!Files.isDirectory(library)) {
            if (System.getenv("CI") != null) {
                org.junit.jupiter.api.Assertions.fail("no gatekeeper-library conformance data at "
                        + library.toAbsolutePath() + " (CI is set)");
            }
            assumeTrue(false, "no gatekeeper-library conformance data at " + library + "; skipping");
        }
        return library;
    }

    private static void verifyLibrary(GatekeeperFormat format) {
        Path library = library();

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
