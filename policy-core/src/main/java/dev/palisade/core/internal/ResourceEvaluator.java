package dev.palisade.core.internal;

import dev.palisade.core.ContainerView;
import dev.palisade.core.Decision;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.Exemption;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.Finding;
import dev.palisade.core.FindingSink;
import dev.palisade.core.Glob;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.Severity;
import dev.palisade.core.Suppression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the policies of a set over resources at one enforcement point: selects candidates by kind,
 * applies match criteria, collects findings with their positions, applies exemptions and computes
 * the decision. One evaluator per run; it holds no per-resource state between calls.
 */
public final class ResourceEvaluator {
    private final PolicySet set;
    private final EvaluationContext context;
    private final List<Exemption> activeExemptions;

    public ResourceEvaluator(PolicySet set, EvaluationContext context) {
        this.set = set;
        this.context = context;
        Instant now = context.clock().instant();
        List<Exemption> active = new ArrayList<>();
        for (Exemption exemption : set.exemptions()) {
            if (!exemption.isExpired(now)) {
                active.add(exemption);
            }
        }
        this.activeExemptions = List.copyOf(active);
    }

    public Result evaluate(Resource resource) {
        List<Policy> candidates = set.candidates(resource.id().group(), resource.id().kind());
        if (candidates.isEmpty()) {
            return new Result(resource, Decision.ALLOW, List.of(), List.of(), List.of(), Map.of());
        }
        Collector collector = new Collector(resource);
        for (Policy policy : candidates) {
            Optional<EnforcementAction> action = policy.enforcement().at(context.enforcementPoint());
            if (action.isEmpty()) {
                continue;
            }
            boolean matches;
            try {
                matches = policy.match().matches(resource, context.namespaceLabels());
            } catch (PalisadeException e) {
                collector.errors.add(new EvaluationError(resource.source(), policy.metadata().id(), e.getMessage()));
                continue;
            }
            if (!matches) {
                continue;
            }
            collector.begin(policy, action.get());
            try {
                policy.evaluate(resource, context, collector);
            } catch (RuntimeException e) {
                collector.failed(policy, action.get(), e);
            }
        }
        return collector.result();
    }

    private final class Collector implements FindingSink {
        private final Resource resource;
        private final List<Finding> violations = new ArrayList<>();
        private final List<Finding> suppressed = new ArrayList<>();
        private final List<EvaluationError> errors = new ArrayList<>();
        private Map<String, String> annotations;
        private Optional<PodSpecView> podSpec;
        private Policy policy;
        private EnforcementAction action;

        Collector(Resource resource) {
            this.resource = resource;
        }

        void begin(Policy current, EnforcementAction currentAction) {
            this.policy = current;
            this.action = currentAction;
        }

        @Override
        public void report(String message, String path) {
            report(message, path, action);
        }

        @Override
        public void report(String message, String path, EnforcementAction findingAction) {
            report(message, path, findingAction, policy.metadata().severity());
        }

        @Override
        public void report(String message, String path, Severity severity) {
            report(message, path, action, severity);
        }

        @Override
        public void report(String message, String path, EnforcementAction findingAction, Severity severity) {
            PolicyMetadata metadata = policy.metadata();
            if (metadata.severity() != severity) {
                metadata = metadata.withSeverity(severity);
            }
            Finding finding = new Finding(metadata, resource.id(), message, findingAction, path,
                    resource.locate(path), containerAt(path), Optional.empty());
            Optional<Suppression> suppression = suppressionFor(finding);
            if (suppression.isPresent()) {
                suppressed.add(finding.suppressedBy(suppression.get()));
            } else {
                violations.add(finding);
            }
        }

        @Override
        public void annotate(String key, String value) {
            if (annotations == null) {
                annotations = new HashMap<>();
            }
            annotations.put(policy.metadata().id() + "/" + key, value);
        }

        void failed(Policy failedPolicy, EnforcementAction failedAction, RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            errors.add(new EvaluationError(resource.source(), failedPolicy.metadata().id(), reason));
            if (failedPolicy.failurePolicy() == FailurePolicy.FAIL) {
                report("policy could not be evaluated (failing closed): " + reason, "", failedAction);
            }
        }

        private Optional<String> containerAt(String path) {
            if (path.isEmpty()) {
                return Optional.empty();
            }
            if (podSpec == null) {
                podSpec = PodSpecView.of(resource);
            }
            return podSpec.flatMap(view -> view.containerAt(path)).map(ContainerView::name);
        }

        private Optional<Suppression> suppressionFor(Finding finding) {
            for (Exemption exemption : activeExemptions) {
                if (exemption.coversPolicy(finding.policyId()) && exemption.coversContainer(finding.container())
                        && exemptionMatches(exemption)) {
                    return Optional.of(exemption.suppression());
                }
            }
            if (set.annotationExemptionsEnabled()) {
                String listed = resource.annotations().get(PolicySet.EXEMPT_ANNOTATION);
                if (listed != null && coversByAnnotation(listed, finding.policyId())) {
                    String reason = resource.annotations().getOrDefault(PolicySet.EXEMPT_REASON_ANNOTATION,
                            "exempted by annotation " + PolicySet.EXEMPT_ANNOTATION);
                    return Optional.of(new Suppression("annotation:" + PolicySet.EXEMPT_ANNOTATION, reason, "",
                            Optional.empty()));
                }
            }
            return Optional.empty();
        }

        private boolean exemptionMatches(Exemption exemption) {
            try {
                return exemption.match().matches(resource, context.namespaceLabels());
            } catch (PalisadeException e) {
                return false;
            }
        }

        private boolean coversByAnnotation(String listed, String policyId) {
            for (String pattern : listed.split(",")) {
                if (!pattern.isBlank() && Glob.matches(pattern.trim(), policyId)) {
                    return true;
                }
            }
            return false;
        }

        Result result() {
            Decision decision = Decision.ALLOW;
            for (Finding finding : violations) {
                Decision d = Decision.of(finding.action());
                if (d.compareTo(decision) > 0) {
                    decision = d;
                }
            }
            return new Result(resource, decision, violations, suppressed, errors,
                    annotations == null ? Map.of() : annotations);
        }
    }
}
