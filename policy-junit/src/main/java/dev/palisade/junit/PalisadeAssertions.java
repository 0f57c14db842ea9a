package dev.palisade.junit;

import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Manifests;
import dev.palisade.core.Palisade;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.policy.LoadedPolicies;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Assertions that manifests comply with policies, for tests: a team asserts that its chart's rendered
 * output, its {@code k8s/} directory or an object its code builds passes the same policies CI and the
 * cluster run. A failure is an {@link org.opentest4j.AssertionFailedError} whose message lists every
 * finding as the CLI prints it, {@code file:line:col: severity policy-id message (action, resource)},
 * then every error, then the summary line.
 *
 * <pre>{@code
 * static final PolicySet POLICIES = PolicySet.of(Palisade.policies("builtin:default", "policies/"));
 *
 * @Test void theManifestsComply() {
 *     PalisadeAssertions.assertCompliant(Path.of("k8s"), POLICIES);
 * }
 *
 * @Test void aPrivilegedPodIsDenied() {
 *     PalisadeAssertions.assertDenied(Resource.fromObject(pod), POLICIES, "no-privileged-containers");
 * }
 * }</pre>
 *
 * <p>Fail closed: no assertion passes on a report with errors (a policy that could not be loaded, a
 * file that could not be read, a policy that failed on a resource), on a report of nothing (no
 * Kubernetes object was read: a wrong path passes nothing), or on a policy set without policies. Every
 * assertion judges with {@link EvaluationContext#defaults()}; for another context, audit yourself and
 * use {@link #assertThat(Report)}. Each returns the report it judged, for further checks.
 */
public final class PalisadeAssertions {
    private PalisadeAssertions() {
    }

    /**
     * Asserts that the report is compliant: at least one resource judged by at least one policy, no
     * unexempted violation of any action (deny, warn or dry run; exempted findings are listed but
     * pass), and no error.
     *
     * @param report the report to check
     * @return the report judged
     * @throws org.opentest4j.AssertionFailedError listing every finding and error otherwise
     */
    public static Report assertCompliant(Report report) {
        return assertThat(report).isCompliant().report();
    }

    /**
     * Audits what was read as one inventory (read errors included) and asserts that it complies
     * ({@link #assertCompliant(Report)}).
     *
     * @param manifests what to judge
     * @param policies the policies to judge with (load errors fail the assertion)
     * @return the report judged
     */
    public static Report assertCompliant(Manifests manifests, PolicySet policies) {
        return assertCompliant(audit(manifests, policies));
    }

    /**
     * As {@link #assertCompliant(Manifests, PolicySet)}, load errors of the policies included.
     *
     * @param manifests what to judge
     * @param policies the policies to judge with (load errors fail the assertion)
     * @return the report judged
     */
    public static Report assertCompliant(Manifests manifests, LoadedPolicies policies) {
        return assertCompliant(manifests, PolicySet.of(policies));
    }

    /**
     * Reads a file or directory as the CLI does ({@link Palisade#reader()}: Helm charts rendered when
     * policy-helm is on the class path) and asserts that it complies ({@link #assertCompliant(Report)}).
     * Locations are relative to the current directory when the path is.
     *
     * @param manifests what to judge
     * @param policies the policies to judge with (load errors fail the assertion)
     * @return the report judged
     */
    public static Report assertCompliant(Path manifests, PolicySet policies) {
        return assertCompliant(read(manifests), policies);
    }

    /**
     * As {@link #assertCompliant(Path, PolicySet)}, load errors of the policies included.
     *
     * @param manifests what to judge
     * @param policies the policies to judge with (load errors fail the assertion)
     * @return the report judged
     */
    public static Report assertCompliant(Path manifests, LoadedPolicies policies) {
        return assertCompliant(manifests, PolicySet.of(policies));
    }

    /**
     * Judges one object (read from a file, or a host's object: {@link Resource#fromObject}) and asserts
     * that it complies ({@link #assertCompliant(Report)}); findings on host objects are located by JSON
     * pointer, {@code <object>#/spec/containers/0/image}.
     *
     * @param resource the object to judge
     * @param policies the policies to judge with (load errors fail the assertion)
     * @return the report judged
     */
    public static Report assertCompliant(Resource resource, PolicySet policies) {
        return assertCompliant(evaluate(resource, policies));
    }

    /**
     * As {@link #assertCompliant(Resource, PolicySet)}, load errors of the policies included.
     *
     * @param resource the object to judge
     * @param policies the policies to judge with (load errors fail the assertion)
     * @return the report judged
     */
    public static Report assertCompliant(Resource resource, LoadedPolicies policies) {
        return assertCompliant(resource, PolicySet.of(policies));
    }

    /**
     * Asserts that the policy denies something in the report: at least one unexempted violation of
     * {@code policyId} with the deny action, and no error (a denial next to an error proves nothing
     * about the rest).
     *
     * @param report the report to check
     * @param policyId the id of the policy expected to deny
     * @return the report judged
     * @throws org.opentest4j.AssertionFailedError otherwise, listing what was found instead; also when
     *     the report's policies do not include {@code policyId} (a misspelt id never passes or fails
     *     silently)
     */
    public static Report assertDenied(Report report, String policyId) {
        return assertThat(report).isDeniedBy(policyId).report();
    }

    /**
     * Audits what was read and asserts that the policy denies it ({@link #assertDenied(Report, String)}).
     *
     * @param manifests what to judge
     * @param policies the policies to judge with (load errors fail the assertion)
     * @param policyId the id of the policy expected to deny
     * @return the report judged
     */
    public static Report assertDenied(Manifests manifests, PolicySet policies, String policyId) {
        return assertDenied(audit(manifests, policies), policyId);
    }

    /**
     * As {@link #assertDenied(Manifests, PolicySet, String)}, load errors of the policies included.
     *
     * @param manifests what to judge
     * @param policies the policies to judge with (load errors fail the assertion)
     * @param policyId the id of the policy expected to deny
     * @return the report judged
     */
    public static Report assertDenied(Manifests manifests, LoadedPolicies policies, String policyId) {
        return assertDenied(manifests, PolicySet.of(policies), policyId);
    }

    /**
     * Reads a file or directory as {@link #assertCompliant(Path, PolicySet)} does and asserts that the policy denies it.
     *
     * @param manifests what to judge
     * @param policies the policies to judge with (load errors fail the assertion)
     * @param policyId the id of the policy expected to deny
     * @return the report judged
     */
    public static Report assertDenied(Path manifests, PolicySet policies, String policyId) {
        return assertDenied(read(manifests), policies, policyId);
    }

    /**
     * As {@link #assertDenied(Path, PolicySet, String)}, load errors of the policies included.
     *
     * @param manifests what to judge
     * @param policies the policies to judge with (load errors fail the assertion)
     * @param policyId the id of the policy expected to deny
     * @return the report judged
     */
    public static Report assertDenied(Path manifests, LoadedPolicies policies, String policyId) {
        return assertDenied(manifests, PolicySet.of(policies), policyId);
    }

    /**
     * Judges one object and asserts that the policy denies it ({@link #assertDenied(Report, String)}).
     *
     * @param resource the object to judge
     * @param policies the policies to judge with (load errors fail the assertion)
     * @param policyId the id of the policy expected to deny
     * @return the report judged
     */
    public static Report assertDenied(Resource resource, PolicySet policies, String policyId) {
        return assertDenied(evaluate(resource, policies), policyId);
    }

    /**
     * As {@link #assertDenied(Resource, PolicySet, String)}, load errors of the policies included.
     *
     * @param resource the object to judge
     * @param policies the policies to judge with (load errors fail the assertion)
     * @param policyId the id of the policy expected to deny
     * @return the report judged
     */
    public static Report assertDenied(Resource resource, LoadedPolicies policies, String policyId) {
        return assertDenied(resource, PolicySet.of(policies), policyId);
    }

    /**
     * Fluent assertions on a report (one made with another {@link EvaluationContext}, a streaming audit,
     * or any report): {@code assertThat(report).hasNoErrors().hasViolationAt("no-latest-tag", "k8s/web.yaml:21:18")}.
     *
     * @param report the report to check
     * @return assertions on the report
     */
    public static ReportAssert assertThat(Report report) {
        return new ReportAssert(Objects.requireNonNull(report, "report"));
    }

    private static Report audit(Manifests manifests, PolicySet policies) {
        Objects.requireNonNull(manifests, "manifests");
        return policies.audit(manifests, EvaluationContext.defaults());
    }

    private static Report evaluate(Resource resource, PolicySet policies) {
        Objects.requireNonNull(resource, "resource");
        return policies.evaluate(Stream.of(resource), EvaluationContext.defaults());
    }

    private static Manifests read(Path manifests) {
        return Palisade.reader().read(List.of(Objects.requireNonNull(manifests, "manifests").toString()));
    }
}
