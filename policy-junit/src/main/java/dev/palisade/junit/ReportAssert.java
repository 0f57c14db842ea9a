package dev.palisade.junit;

import dev.palisade.core.EnforcementAction;
import dev.palisade.core.Finding;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Report;
import dev.palisade.core.Result;
import dev.palisade.core.report.ReportFormat;
import dev.palisade.core.report.ReportOptions;
import dev.palisade.core.report.ReportWriters;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent assertions on a {@link Report} ({@link PalisadeAssertions#assertThat(Report)}). Each method
 * returns this object, so checks chain; each failure is an {@link AssertionFailedError} whose message
 * says what was expected, then lists the report as the CLI's text output does: every finding as
 * {@code file:line:col: severity policy-id message (action, resource)}, every error, the summary line.
 *
 * <p>Fail closed: every assertion fails on a report with errors, since something was not evaluated.
 * Only unexempted findings count as violations; exempted ones are listed in failure messages as
 * {@code suppressed}.
 */
public final class ReportAssert {
    private final Report report;

    ReportAssert(Report report) {
        this.report = report;
    }

    /**
     * The report these assertions are about.
     *
     * @return the report
     */
    public Report report() {
        return report;
    }

    /**
     * Asserts that the report carries no error: every policy loaded, every input read, every policy
     * evaluated on every resource.
     *
     * @return these assertions, to chain more
     */
    public ReportAssert hasNoErrors() {
        if (!report.allErrors().isEmpty()) {
            int errors = report.allErrors().size();
            throw fail("expected no errors, but " + count(errors, "error") + " left part of the input or the "
                    + "policies unevaluated");
        }
        return this;
    }

    /**
     * Asserts that something was judged: at least one resource and at least one policy (a wrong path or
     * an empty policy set otherwise passes every check vacuously).
     *
     * @return these assertions, to chain more
     */
    public ReportAssert judgedSomething() {
        hasNoErrors();
        if (report.policies().isEmpty()) {
            throw fail("expected policies to judge the input, but the policy set is empty");
        }
        if (report.results().isEmpty()) {
            throw fail("expected Kubernetes objects to judge, but none was read (a wrong path, an empty "
                    + "directory, or only files that are skipped?)");
        }
        return this;
    }

    /**
     * Asserts that no unexempted finding of any action (deny, warn or dry run) was reported, and no
     * error. Unlike {@link #isCompliant()}, an empty report passes.
     *
     * @return these assertions, to chain more
     */
    public ReportAssert hasNoFindings() {
        hasNoErrors();
        int violations = report.totals().violations();
        if (violations > 0) {
            throw fail("expected no findings, but found " + count(violations, "violation"));
        }
        return this;
    }

    /**
     * Asserts compliance: something was judged ({@link #judgedSomething()}), nothing was found
     * ({@link #hasNoFindings()}) and there is no error.
     *
     * @return these assertions, to chain more
     */
    public ReportAssert isCompliant() {
        hasNoErrors();
        int violations = report.totals().violations();
        if (violations > 0) {
            throw fail("expected the input to comply with " + count(report.policies().size(), "policy")
                    + ", but found " + count(violations, "violation"));
        }
        return judgedSomething();
    }

    /**
     * Asserts that the run allows what it judged ({@link Report#allowed()}): no error and no unexempted
     * deny violation; warnings and dry-run findings pass. Something must have been judged.
     *
     * @return these assertions, to chain more
     */
    public ReportAssert isAllowed() {
        judgedSomething();
        if (!report.allowed()) {
            throw fail("expected the input to be allowed, but the decision is " + report.decision().label());
        }
        return this;
    }

    /**
     * Asserts that the policy denies something: an unexempted violation of {@code policyId} with the
     * deny action, and no error.
     *
     * @param policyId the policy's id, as reports show it
     * @return these assertions, to chain more
     * @throws AssertionFailedError also when the report's policies do not include {@code policyId}
     */
    public ReportAssert isDeniedBy(String policyId) {
        requirePolicy(policyId);
        List<Finding> found = violations(f -> f.policyId().equals(policyId));
        if (found.stream().noneMatch(f -> f.action() == EnforcementAction.DENY)) {
            throw fail("expected policy " + policyId + " to deny, but it "
                    + (found.isEmpty() ? "reported nothing" : "only reported with action "
                    + found.get(0).action().label()));
        }
        return this;
    }

    /**
     * Asserts that the policy reported at least one unexempted violation, whatever its action, and that
     * there is no error.
     *
     * @param policyId the policy's id, as reports show it
     * @return these assertions, to chain more
     * @throws AssertionFailedError also when the report's policies do not include {@code policyId}
     */
    public ReportAssert hasViolation(String policyId) {
        requirePolicy(policyId);
        if (violations(f -> f.policyId().equals(policyId)).isEmpty()) {
            throw fail("expected a violation of " + policyId + ", but it reported nothing");
        }
        return this;
    }

    /**
     * Asserts that the policy reported an unexempted violation at a location, written as reports show
     * it: {@code k8s/web.yaml:21:18}, {@code charts/web/templates/deployment.yaml (rendered from chart web):18:13},
     * or {@code <object>#/spec/containers/0/image} for host objects; and that there is no error.
     *
     * @param policyId the policy's id, as reports show it
     * @param location the location as reports show it
     * @return these assertions, to chain more
     * @throws AssertionFailedError also when the report's policies do not include {@code policyId}
     */
    public ReportAssert hasViolationAt(String policyId, String location) {
        Objects.requireNonNull(location, "location");
        requirePolicy(policyId);
        if (violations(f -> f.policyId().equals(policyId) && f.location().display().equals(location)).isEmpty()) {
            throw fail("expected a violation of " + policyId + " at " + location + ", but there is none");
        }
        return this;
    }

    /**
     * Asserts that exactly this many unexempted violations were reported, and no error.
     *
     * @param expected the number of unexempted violations
     * @return these assertions, to chain more */
    public ReportAssert hasViolationCount(int expected) {
        hasNoErrors();
        int violations = report.totals().violations();
        if (violations != expected) {
            throw fail("expected " + count(expected, "violation") + ", but found " + violations);
        }
        return this;
    }

    private void requirePolicy(String policyId) {
        Objects.requireNonNull(policyId, "policyId");
        hasNoErrors();
        if (report.policies().stream().noneMatch(p -> p.id().equals(policyId))) {
            List<String> ids = report.policies().stream().map(PolicyMetadata::id).toList();
            throw fail("policy " + policyId + " is not in the policy set"
                    + (ids.isEmpty() ? " (the set is empty)" : "; its policies: " + String.join(", ", shortened(ids))));
        }
    }

    private static List<String> shortened(List<String> ids) {
        if (ids.size() <= 20) {
            return ids;
        }
        List<String> first = new java.util.ArrayList<>(ids.subList(0, 20));
        first.add("... " + (ids.size() - 20) + " more");
        return first;
    }

    private List<Finding> violations(Predicate<Finding> filter) {
        return report.results().stream().map(Result::violations).flatMap(List::stream).filter(filter).toList();
    }

    private AssertionFailedError fail(String expectation) {
        return new AssertionFailedError(expectation + ":\n" + listing(report));
    }

    /** The report as the CLI's text output shows it, without colours, every finding and error listed. */
    static String listing(Report report) {
        StringWriter text = new StringWriter();
        try {
            ReportWriters.of(ReportFormat.TEXT, ReportOptions.defaults()).write(report, text);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString().stripTrailing();
    }

    private static String count(int n, String noun) {
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return n + " " + (n == 1 ? noun : plural);
    }
}
