package dev.palisade.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one run: one result per resource read (allowed ones included), the errors of
 * input and policies, the policies that were evaluated, and exemptions that have expired.
 *
 * @param results one result per resource, in input order
 * @param errors run-level errors: policies that could not be loaded, inputs that could not be read
 *     (errors of single resources are in their results)
 * @param policies metadata of the policies of the set, in set order
 * @param expiredExemptions exemptions of the set that had expired at the evaluation's clock
 */
public record Report(List<Result> results, List<EvaluationError> errors, List<PolicyMetadata> policies,
        List<Exemption> expiredExemptions) {

    /**
     * Copies the collections.
     *
     * @param results one result per resource, in input order
     * @param errors run-level errors: policies that could not be loaded, inputs that could not be read
     *     (errors of single resources are in their results)
     * @param policies metadata of the policies of the set, in set order
     * @param expiredExemptions exemptions of the set that had expired at the evaluation's clock
     */
    public Report {
        results = List.copyOf(results);
        errors = List.copyOf(errors);
        policies = List.copyOf(policies);
        expiredExemptions = List.copyOf(expiredExemptions);
    }

    /** {@return every error: input and policy errors, then those of individual resources} */
    public List<EvaluationError> allErrors() {
        List<EvaluationError> all = new ArrayList<>(errors);
        for (Result result : results) {
            all.addAll(result.errors());
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * {@return the decision of the run: {@link Decision#ERROR} when the report carries errors of input or
     * policies (something was not evaluated, so nothing may be read as allowed), otherwise the
     * strongest decision over all resources}
     */
    public Decision decision() {
        if (!errors.isEmpty()) {
            return Decision.ERROR;
        }
        Decision strongest = Decision.ALLOW;
        for (Result result : results) {
            strongest = strongest.max(result.decision());
        }
        return strongest;
    }

    /** {@return whether the run allows everything it judged: no errors, and no resource's decision denies} */
    public boolean allowed() {
        return decision().allows();
    }

    /**
     * {@return the same report with more run-level errors (of input or policies) added after its own}
     *
     * @param more the errors
     */
    public Report withErrors(List<EvaluationError> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<EvaluationError> all = new ArrayList<>(errors);
        all.addAll(more);
        return new Report(results, all, policies, expiredExemptions);
    }

    /**
     * Counts of resources, violations, suppressed findings and errors, and totals by dimension.
     *
     * @return the totals
     */
    public Totals totals() {
        int violations = 0;
        int suppressed = 0;
        Map<EnforcementAction, Integer> byAction = new EnumMap<>(EnforcementAction.class);
        Map<String, Integer> byPolicy = new TreeMap<>();
        Map<String, Integer> byNamespace = new TreeMap<>();
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        for (Result result : results) {
            for (Finding finding : result.violations()) {
                violations++;
                byAction.merge(finding.action(), 1, Integer::sum);
                byPolicy.merge(finding.policyId(), 1, Integer::sum);
                byNamespace.merge(finding.resource().namespace(), 1, Integer::sum);
                bySeverity.merge(finding.severity(), 1, Integer::sum);
            }
            suppressed += result.suppressed().size();
        }
        return new Totals(results.size(), violations, suppressed, allErrors().size(), byAction, byPolicy,
                byNamespace, bySeverity);
    }

    /**
     * Totals of unexempted violations. Maps are sorted (actions and severities in enum order,
     * policies and namespaces by name; {@code ""} is the cluster scope).
     */
    public record Totals(int resources, int violations, int suppressed, int errors,
            Map<EnforcementAction, Integer> byAction, Map<String, Integer> byPolicy,
            Map<String, Integer> byNamespace, Map<Severity, Integer> bySeverity) {

        /**
         * Copies and sorts the maps.
         *
         * @param resources resources judged
         * @param violations unexempted violations
         * @param suppressed exempted findings
         * @param errors errors, of the run and of single resources
         * @param byAction violations per enforcement action
         * @param byPolicy violations per policy id
         * @param byNamespace violations per namespace ({@code ""} for cluster-scoped objects)
         * @param bySeverity violations per severity
         */
        public Totals {
            byAction = Collections.unmodifiableMap(new EnumMap<>(byAction.isEmpty()
                    ? new EnumMap<>(EnforcementAction.class) : byAction));
            byPolicy = Collections.unmodifiableMap(new TreeMap<>(byPolicy));
            byNamespace = Collections.unmodifiableMap(new TreeMap<>(byNamespace));
            bySeverity = Collections.unmodifiableMap(bySeverity.isEmpty() ? new EnumMap<>(Severity.class)
                    : new EnumMap<>(bySeverity));
        }
    }
}
