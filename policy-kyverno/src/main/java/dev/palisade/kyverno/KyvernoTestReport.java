package dev.palisade.kyverno;

import java.util.List;

/**
 * The outcome of a {@code kyverno test} run: one result per test file, in path order.
 *
 * @param files the test files
 * @param strict whether a rule that produced no response counts as failed
 */
public record KyvernoTestReport(List<TestFileResult> files, boolean strict) {

    /**
     * Copies the collections.
     *
     * @param files the test files
     * @param strict whether a rule that produced no response counts as failed
     */
    public KyvernoTestReport {
        files = List.copyOf(files);
    }

    /**
     * Assertions that held.
     *
     * @return the number of assertions that held
     */
    public long passed() {
        return files.stream().mapToLong(f -> f.passed(strict)).sum();
    }

    /**
     * Assertions that did not hold.
     *
     * @return the number of assertions that did not hold
     */
    public long failed() {
        return files.stream().mapToLong(f -> f.failed(strict)).sum();
    }

    /**
     * Assertions about policy kinds Palisade does not run yet (Kyverno's CEL policy kinds).
     *
     * @return the number of assertions that were not run
     */
    public long notSupported() {
        return files.stream().mapToLong(TestFileResult::notSupported).sum();
    }

    /**
     * Test files that could not run.
     *
     * @return the number of test files that could not run
     */
    public long errors() {
        return files.stream().filter(f -> f.error().isPresent()).count();
    }

    /** {@return {@code N passed, M failed}, counting assertions} */
    public String summary() {
        return passed() + " passed, " + failed() + " failed";
    }

    /**
     * {@return the exit status: 0 every assertion passed, 1 some failed, 2 a test could not run or is not supported}
     */
    public int exitStatus() {
        if (errors() > 0 || notSupported() > 0) {
            return 2;
        }
        return failed() > 0 ? 1 : 0;
    }
}
