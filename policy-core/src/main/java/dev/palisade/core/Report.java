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
 */
public record Report(List<Result> results, List<EvaluationError> errors, List<PolicyMetadata> policies,
        List<Exemption> expiredExemptions) {

    public Report {
        results = List.copyOf(results);
        errors = List.copyOf(errors);
        policies = List.copyOf(policies);
        expiredExemptions = List.copyOf(expiredExemptions);
    }

    /** Every error: input and policy errors, then those of individual resources. */
    public List<EvaluationError> allErrors() {
        List<EvaluationError> all = new ArrayList<>(errors);
        for (Result result : results) {
            all.addAll(result.errors());
        }
        return Collections.unmodifiableList(all);
    }

    /** The strongest decision over all resources. */
    public Decision decision() {
        Decision strongest = Decision.ALLOW;
        for (Result result : results) {
            if (result.decision().compareTo(strongest) > 0) {
                strongest = result.decision();
            }
        }
        return strongest;
    }

    /** Counts of resources, violations, suppressed findings and errors, and totals by dimension. */
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
