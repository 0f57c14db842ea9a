package dev.palisade.rules.gatekeeper;

import dev.palisade.core.EvaluationContext;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.SourceLocation;
import dev.palisade.rules.gatekeeper.internal.SuiteExecution;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Runs Gatekeeper library test suites the way {@code gator verify} does: every {@code suite.yaml}
 * (or {@code suite.yml}) found recursively under the given paths, each test's template and
 * constraint, each case's object (or AdmissionReview) and inventory, each assertion's
 * {@code violations} ({@code yes}, {@code no}, or a count; YAML 1.1 {@code true}/{@code false}
 * accepted for yes/no) and {@code message} (RE2, unanchored, case-sensitive). Cases run at the CI
 * enforcement point ({@code gator.gatekeeper.sh}); the inventory is the case's {@code inventory}
 * objects and nothing else. Thread-safe.
 */
public final class GatorSuiteRunner {
    private final SuiteExecution execution;

    private GatorSuiteRunner(GatekeeperFormat format, EvaluationContext context) {
        this.execution = new SuiteExecution(format, context);
    }

    /** {@return a runner with Palisade's built-in constraint kinds and no image verifier} */
    public static GatorSuiteRunner create() {
        return new GatorSuiteRunner(new GatekeeperFormat(), EvaluationContext.defaults());
    }

    /**
     * {@return a runner with Palisade's built-in constraint kinds running templates with the given engine}
     *
     * @param engine which code of a template runs
     */
    public static GatorSuiteRunner create(GatekeeperEngine engine) {
        return new GatorSuiteRunner(GatekeeperFormat.withEngine(engine), EvaluationContext.defaults());
    }

    /**
     * {@return a runner with a given format and base context (for an image verifier or cost limits; its
     * enforcement point and inventory are replaced per case)}
     *
     * @param format the Gatekeeper format that compiles the suites' templates
     * @param context the base evaluation context
     */
    public static GatorSuiteRunner create(GatekeeperFormat format, EvaluationContext context) {
        return new GatorSuiteRunner(Objects.requireNonNull(format), Objects.requireNonNull(context));
    }

    /**
     * Runs every suite under the paths, in path order and then file-name order.
     *
     * @param paths suite files or directories searched for {@code suite.yaml} files
     * @return one result per suite
     */
    public GatorReport run(List<Path> paths) {
        List<SuiteResult> suites = new ArrayList<>();
        for (Path path : paths) {
            List<Path> files = suiteFiles(path);
            if (files.isEmpty()) {
                suites.add(new SuiteResult(path.toString(), "", List.of(new AssertionResult("", "", 0, false,
                        "suite.yaml files under " + path, Files.exists(path) ? "none" : "no such file or directory")), 0));
            }
            for (Path file : files) {
                suites.add(execution.run(file));
            }
        }
        return new GatorReport(suites);
    }

    /**
     * Runs the suites and prints, for the command line, one line per suite, each failing assertion
     * with its suite file, test and case and what was expected and found, and finally
     * {@code N passed, M failed}.
     *
     * @param paths suite files or directories searched for {@code suite.yaml} files
     * @param out where the lines are printed
     * @return the exit status: 0 when every assertion passed, 1 otherwise
     */
    public int verify(List<Path> paths, PrintWriter out) {
        GatorReport report = run(paths);
        for (SuiteResult suite : report.suites()) {
            if (suite.failed() == 0) {
                out.println("ok   " + suite.file() + " (" + suite.passed() + " passed"
                        + (suite.skipped() > 0 ? ", " + suite.skipped() + " skipped" : "") + ")");
                continue;
            }
            out.println("FAIL " + suite.file() + " (" + suite.passed() + " passed, " + suite.failed() + " failed)");
            for (AssertionResult assertion : suite.assertions()) {
                if (!assertion.passed()) {
                    out.println("  " + suite.file() + ": " + assertion.where() + ": expected " + assertion.expected()
                            + ", found " + assertion.found());
                }
            }
        }
        out.println(report.summary());
        out.flush();
        return report.failed() == 0 ? 0 : 1;
    }

    private static List<Path> suiteFiles(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().equals("suite.yaml")
                            || p.getFileName().toString().equals("suite.yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new PalisadeException("cannot list " + path + ": " + e.getMessage(),
                    new SourceLocation(path.toString(), 0, 0, 0), e);
        }
    }
}
