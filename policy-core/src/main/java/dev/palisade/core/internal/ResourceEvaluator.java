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
    private final boolean setErrorsInResults;
    private final Map<List<String>, List<String>> evaluatedLists = new HashMap<>();

    /**
     * An evaluator of the set at the context's enforcement point.
     *
     * @param setErrorsInResults whether each result carries the set's load errors (and so decides
     *     {@link Decision#ERROR}); an audit reports them once, at the run level, instead
     */
    public ResourceEvaluator(PolicySet set, EvaluationContext context, boolean setErrorsInResults) {
        this.set = set;
        this.context = context;
        this.setErrorsInResults = setErrorsInResults && !set.errors().isEmpty();
        Instant now = context.clock().instant();
        List<Exemption> active = new ArrayList<>();
        for (Exemption exemption : set.exemptions()) {
            if (!exemption.isExpired(now)) {
                active.add(exemption);
            }
        }
        this.activeExemptions = List.copyOf(active);
    }

    /** Judges one resource. Never throws for a policy's failure: that is an error in the result. */
    public Result evaluate(Resource resource) {
        List<Policy> candidates = set.candidates(resource.id().group(), resource.id().kind());
        if (candidates.isEmpty() && !setErrorsInResults) {
            return Result.allowed(resource);
        }
        String operation = resource.request().map(r -> r.operation()).orElse(null);
        Collector collector = new Collector(resource);
        for (Policy policy : candidates) {
            Optional<EnforcementAction> action = policy.enforcement().at(context.enforcementPoint());
            if (action.isEmpty() || (operation != null && !policy.operations().contains(operation))) {
                continue;
            }
            collector.begin(policy, action.get());
            boolean matches;
            try {
                matches = policy.match().matches(resource, context.namespaceLabels());
            } catch (RuntimeException e) {
                collector.failed(policy, action.get(), e);
                continue;
            }
            if (!matches) {
                continue;
            }
            collector.evaluated.add(policy.metadata().id());
            try {
                policy.evaluate(resource, context, collector);
            } catch (RuntimeException e) {
                collector.failed(policy, action.get(), e);
            }
        }
        if (setErrorsInResults) {
            collector.errors.addAll(set.errors());
        }
        return collector.result();
    }

    private List<String> intern(List<String> evaluated) {
        if (evaluated.isEmpty()) {
            return List.of();
        }
        List<String> known = evaluatedLists.get(evaluated);
        if (known == null) {
            known = List.copyOf(evaluated);
            if (evaluatedLists.size() < 4096) {
                evaluatedLists.put(known, known);
            }
        }
        return known;
    }

    private final class Collector implements FindingSink {
        private final Resource resource;
        private final List<Finding> violations = new ArrayList<>();
        private final List<Finding> suppressed = new ArrayList<>();
        private final List<EvaluationError> errors = new ArrayList<>();
        private final List<String> evaluated = new ArrayList<>();
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
            String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            if (!evaluated.contains(failedPolicy.metadata().id())) {
                evaluated.add(failedPolicy.metadata().id());
            }
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
            } catch (RuntimeException e) {
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
            Decision decision = setErrorsInResults ? Decision.ERROR : Decision.ALLOW;
            for (Finding finding : violations) {
                decision = decision.max(Decision.of(finding.action()));
            }
            return new Result(resource.id(), resource.source(), resource.request(), decision, intern(evaluated),
                    violations, suppressed, errors, annotations == null ? Map.of() : annotations);
        }
    }
}
