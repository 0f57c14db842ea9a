package dev.palisade.kyverno;

import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.SourceLocation;
import dev.palisade.kyverno.internal.test.TestExecution;
import dev.palisade.kyverno.jmespath.JmesPath;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs Kyverno test files ({@code cli.kyverno.io/v1alpha1 Test}, usually
 * {@code .kyverno-test/kyverno-test.yaml}) as {@code kyverno test} does: every test file found
 * under the given paths, its policies applied to its resources with its values, user info and
 * exceptions, and every result entry checked. One assertion is one result entry for one resource
 * it names. As in Kyverno, a rule that produces no response for a resource (it did not match, or
 * was excluded) counts as passed; {@link Builder#strict(boolean)} counts it as failed. Results
 * about Kyverno's CEL policy kinds are reported as not yet supported, never as passed. Offline:
 * context entries that read a cluster or registry are served only from the test's values and
 * {@code apiCallResponses}. Thread-safe.
 */
public final class KyvernoTestRunner {
    /** The default test file name. */
    public static final String DEFAULT_FILE_NAME = "kyverno-test.yaml";

    private final String fileName;
    private final boolean strict;
    private final TestExecution execution;

    private KyvernoTestRunner(Builder builder) {
        this.fileName = builder.fileName;
        this.strict = builder.strict;
        JmesPath jmesPath = JmesPath.builder().clock(builder.clock)
                .hostResolver(host -> {
                    throw new UnknownHostException(host + " (kyverno test runs offline)");
                }).build();
        this.execution = new TestExecution(ManifestReader.create(), jmesPath);
    }

    /** {@return a runner with the default file name, not strict, on the system clock} */
    public static KyvernoTestRunner create() {
        return builder().build();
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return whether a rule with no response counts as failed} */
    public boolean strict() {
        return strict;
    }

    /**
     * Runs every test file under the paths, in path order and then file-name order.
     *
     * @param paths {@code kyverno-test.yaml} files or directories searched for them
     * @return one result per test file
     */
    public KyvernoTestReport run(List<Path> paths) {
        List<TestFileResult> results = new ArrayList<>();
        for (Path path : paths) {
            List<Path> files = testFiles(path);
            if (files.isEmpty()) {
                results.add(new TestFileResult(path.toString(), "", List.of(), Optional.of(
                        (Files.exists(path) ? "no " + fileName + " found" : "no such path") + " under " + path)));
            }
            for (Path file : files) {
                results.add(execution.run(file));
            }
        }
        return new KyvernoTestReport(results, strict);
    }

    /**
     * Runs the tests and prints one line per test file, each failing assertion with its policy, rule
     * and resource and what was expected and found, and finally {@code N passed, M failed}.
     *
     * @param paths {@code kyverno-test.yaml} files or directories searched for them
     * @param out where the lines are printed
     * @return the exit status: 0 every assertion passed, 1 some failed, 2 a test could not run or
     *     asserts on a policy kind that is not supported yet
     */
    public int verify(List<Path> paths, PrintWriter out) {
        KyvernoTestReport report = run(paths);
        for (TestFileResult file : report.files()) {
            if (file.error().isPresent()) {
                out.println("ERROR " + file.file() + ": " + file.error().get());
                continue;
            }
            long passed = file.passed(strict);
            long failed = file.failed(strict);
            long unsupported = file.notSupported();
            String counts = passed + " passed" + (failed > 0 ? ", " + failed + " failed" : "")
                    + (unsupported > 0 ? ", " + unsupported + " not supported" : "");
            out.println((failed > 0 ? "FAIL " : unsupported > 0 ? "SKIP " : "ok   ") + file.file() + " (" + counts + ")");
            for (TestAssertionResult a : file.assertions()) {
                if (!a.passed(strict) && a.outcome() != TestAssertionResult.Outcome.NOT_SUPPORTED) {
                    out.println("  " + a.where() + ": expected " + a.expected() + ", found " + a.found());
                }
            }
        }
        if (report.notSupported() > 0) {
            out.println(report.notSupported() + " assertions not run: Kyverno's CEL policy kinds are not yet supported");
        }
        if (report.errors() > 0) {
            out.println(report.errors() + " test files could not run");
        }
        out.println(report.summary());
        out.flush();
        return report.exitStatus();
    }

    private List<Path> testFiles(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().equals(fileName))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new PalisadeException("cannot list " + path + ": " + e.getMessage(),
                    new SourceLocation(path.toString(), 0, 0, 0), e);
        }
    }

    /** Builds a {@link KyvernoTestRunner}. */
    public static final class Builder {
        private String fileName = DEFAULT_FILE_NAME;
        private boolean strict;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the name of test files to look for (default {@code kyverno-test.yaml}).
         *
         * @param value the name of test files to look for
         * @return this builder
         */
        public Builder fileName(String value) {
            this.fileName = Objects.requireNonNull(value, "fileName");
            return this;
        }

        /**
         * Sets whether a rule that produced no response counts as failed (default false, as Kyverno).
         *
         * @param value whether a rule that produced no response counts as failed
         * @return this builder
         */
        public Builder strict(boolean value) {
            this.strict = value;
            return this;
        }

        /**
         * Sets the clock of time functions in policies (default: system UTC).
         *
         * @param value the clock of time functions in policies
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Builds the runner.
         *
         * @return the runner, immutable
         */
        public KyvernoTestRunner build() {
            return new KyvernoTestRunner(this);
        }
    }
}
