package dev.palisade.rules.podsecurity.internal;

import dev.palisade.core.Severity;
import dev.palisade.rules.Severities;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.KindSelector;
import dev.palisade.core.Match;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import dev.palisade.rules.podsecurity.CheckFailure;
import dev.palisade.rules.podsecurity.Level;
import dev.palisade.rules.podsecurity.LevelVersion;
import dev.palisade.rules.podsecurity.PodSecurityResult;
import dev.palisade.rules.podsecurity.PsaOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pod Security Admission as a policy: each object is judged by the levels its Namespace's
 * {@code pod-security.kubernetes.io/*} labels select. Pods get enforce (deny), audit (dryrun) and
 * warn (warn); controllers get audit and warn only. Audit annotations carry what PSA records
 * ({@code enforce-policy}, {@code audit-violations}, {@code exempt}, {@code error}). Namespaces
 * themselves are validated: invalid labels are denied, and labels on an exempt namespace warn.
 */
public final class AdmissionPolicy implements Policy {

    private static final Match KINDS = Match.ALL.withKinds(kinds());

    private final PolicyMetadata metadata;
    private final PsaOptions options;

    public AdmissionPolicy(PolicyMetadata metadata, PsaOptions options) {
        this.metadata = metadata;
        this.options = options;
    }

    private static List<KindSelector> kinds() {
        List<KindSelector> kinds = new ArrayList<>(PodSpecView.podKinds());
        kinds.add(KindSelector.of("", "Namespace"));
        return kinds;
    }

    @Override
    public PolicyMetadata metadata() {
        return metadata;
    }

    @Override
    public Match match() {
        return KINDS;
    }

    @Override
    public Enforcement enforcement() {
        return Enforcement.of(EnforcementAction.DENY);
    }

    /** Judges each resource on its own and its namespace's labels. */
    @Override
    public InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.kinds("/Namespace");
    }

    @Override
    public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        ResourceId id = resource.id();
        if (id.group().isEmpty() && id.kind().equals("Namespace")) {
            NamespaceLabelsCheck.evaluate(resource, options, sink);
            return;
        }
        boolean isPod = id.group().isEmpty() && id.kind().equals("Pod");
        if (isPod ? !AdmissionScope.evaluatesPod(resource) : !AdmissionScope.evaluatesController(resource)) {
            return;
        }
        String namespace = id.namespace().isEmpty() ? "default" : id.namespace();
        Optional<String> exemption = requestExemption(resource, namespace);
        if (exemption.isPresent()) {
            sink.annotate("exempt", exemption.get());
            return;
        }
        Optional<NamespacePolicy> policy = namespacePolicy(resource, namespace, isPod, context, sink);
        if (policy.isEmpty() || nothingToCheck(policy.get(), isPod, sink)) {
            return;
        }
        Optional<PodSpecView> pod = PodSpecView.of(resource);
        if (pod.isPresent()) {
            judge(pod.get(), policy.get(), isPod, sink);
        }
    }

    /** {@code namespace} or {@code user} when the request is exempt before evaluation. */
    private Optional<String> requestExemption(Resource resource, String namespace) {
        if (options.exemptNamespaces().contains(namespace)) {
            return Optional.of("namespace");
        }
        String username = resource.request().map(AdmissionRequest::username).orElse("");
        if (!username.isEmpty() && options.exemptUsernames().contains(username)) {
            return Optional.of("user");
        }
        return Optional.empty();
    }

    /** The namespace's policy, or empty when an unknown namespace means the object is skipped. */
    private Optional<NamespacePolicy> namespacePolicy(Resource resource, String namespace, boolean isPod,
            EvaluationContext context, FindingSink sink) {
        Optional<Map<String, String>> labels = context.namespaceLabels().labelsOf(namespace);
        if (labels.isEmpty() && options.requireNamespace()) {
            if (isPod) {
                throw new PalisadeException("failed to lookup namespace \"" + namespace + "\" of "
                        + resource.id().display() + ": add the Namespace object to the input or the evaluation"
                        + " context", resource.source());
            }
            sink.annotate("error", "failed to lookup namespace \"" + namespace + "\"");
            return Optional.empty();
        }
        NamespacePolicy policy = NamespacePolicy.resolve(labels.orElse(Map.of()), options);
        if (!policy.errors().isEmpty()) {
            sink.annotate("error", "Failed to parse policy: " + policy.errorText());
        }
        return Optional.of(policy);
    }

    /** PSA's short-circuits: pods in fully privileged namespaces, controllers when audit and warn are privileged. */
    private static boolean nothingToCheck(NamespacePolicy policy, boolean isPod, FindingSink sink) {
        if (isPod) {
            if (policy.fullyPrivileged()) {
                sink.annotate("enforce-policy", LevelVersion.PRIVILEGED_LATEST.toString());
                return true;
            }
            return false;
        }
        return policy.audit().level() == Level.PRIVILEGED && policy.warn().level() == Level.PRIVILEGED;
    }

    /** Enforce (pods only), audit, then warn unless enforce denied. */
    private void judge(PodSpecView pod, NamespacePolicy policy, boolean isPod, FindingSink sink) {
        String runtimeClass = Fields.text(pod.spec().path("runtimeClassName"));
        if (!runtimeClass.isEmpty() && options.exemptRuntimeClasses().contains(runtimeClass)) {
            sink.annotate("exempt", "runtimeClass");
            return;
        }
        boolean denied = false;
        if (isPod) {
            sink.annotate("enforce-policy", policy.enforce().toString());
            List<CheckFailure> failures = evaluate(policy.enforce(), pod);
            report(sink, "violates PodSecurity ", policy.enforce(), failures, EnforcementAction.DENY);
            denied = !failures.isEmpty();
        }
        List<CheckFailure> audit = evaluate(policy.audit(), pod);
        report(sink, "would violate PodSecurity ", policy.audit(), audit, EnforcementAction.DRYRUN);
        if (!audit.isEmpty()) {
            sink.annotate("audit-violations", new PodSecurityResult(policy.audit(), audit).warning());
        }
        if (!denied) {
            report(sink, "would violate PodSecurity ", policy.warn(), evaluate(policy.warn(), pod),
                    EnforcementAction.WARN);
        }
    }

    private static List<CheckFailure> evaluate(LevelVersion levelVersion, PodSpecView pod) {
        return PodSecurityEvaluator.of(levelVersion.level(), levelVersion.version()).evaluate(pod);
    }

    private static void report(FindingSink sink, String lead, LevelVersion levelVersion, List<CheckFailure> failures,
            EnforcementAction action) {
        if (failures.isEmpty()) {
            return;
        }
        String prefix = lead + Text.goQuote(levelVersion.toString()) + ": ";
        for (CheckFailure failure : failures) {
            Optional<Severity> severity = Severities.ofPodSecurityCheck(failure.checkId());
            if (severity.isPresent()) {
                sink.report(prefix + failure.text(), failure.path(), action, severity.get());
            } else {
                sink.report(prefix + failure.text(), failure.path(), action);
            }
        }
    }
}
