package dev.palisade.rules.podsecurity.internal;

import dev.palisade.core.AdmissionRequest;
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
        if (options.exemptNamespaces().contains(namespace)) {
            sink.annotate("exempt", "namespace");
            return;
        }
        String username = resource.request().map(AdmissionRequest::username).orElse("");
        if (!username.isEmpty() && options.exemptUsernames().contains(username)) {
            sink.annotate("exempt", "user");
            return;
        }
        Optional<Map<String, String>> labels = context.namespaceLabels().labelsOf(namespace);
        if (labels.isEmpty() && options.requireNamespace()) {
            if (isPod) {
                throw new PalisadeException("failed to lookup namespace \"" + namespace + "\" of " + id.display()
                        + ": add the Namespace object to the input or the evaluation context", resource.source());
            }
            sink.annotate("error", "failed to lookup namespace \"" + namespace + "\"");
            return;
        }
        NamespacePolicy policy = NamespacePolicy.resolve(labels.orElse(Map.of()), options);
        if (!policy.errors().isEmpty()) {
            sink.annotate("error", "Failed to parse policy: " + policy.errorText());
        }
        if (isPod ? policy.fullyPrivileged() : policy.audit().level() == Level.PRIVILEGED
                && policy.warn().level() == Level.PRIVILEGED) {
            if (isPod) {
                sink.annotate("enforce-policy", LevelVersion.PRIVILEGED_LATEST.toString());
            }
            return;
        }
        Optional<PodSpecView> pod = PodSpecView.of(resource);
        if (pod.isEmpty()) {
            return;
        }
        String runtimeClass = Fields.text(pod.get().spec().path("runtimeClassName"));
        if (!runtimeClass.isEmpty() && options.exemptRuntimeClasses().contains(runtimeClass)) {
            sink.annotate("exempt", "runtimeClass");
            return;
        }
        boolean denied = false;
        if (isPod) {
            sink.annotate("enforce-policy", policy.enforce().toString());
            List<CheckFailure> failures = evaluate(policy.enforce(), pod.get());
            report(sink, "violates PodSecurity ", policy.enforce(), failures, EnforcementAction.DENY);
            denied = !failures.isEmpty();
        }
        List<CheckFailure> audit = evaluate(policy.audit(), pod.get());
        report(sink, "would violate PodSecurity ", policy.audit(), audit, EnforcementAction.DRYRUN);
        if (!audit.isEmpty()) {
            sink.annotate("audit-violations", new PodSecurityResult(policy.audit(), audit).warning());
        }
        if (!denied) {
            report(sink, "would violate PodSecurity ", policy.warn(), evaluate(policy.warn(), pod.get()),
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
            sink.report(prefix + failure.text(), failure.path(), action);
        }
    }
}
