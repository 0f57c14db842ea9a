package dev.palisade.rules.podsecurity.internal;

import dev.palisade.core.Enforcement;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.Match;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.rules.Severities;
import dev.palisade.rules.podsecurity.CheckFailure;
import dev.palisade.rules.podsecurity.LevelVersion;
import java.util.List;
import java.util.Optional;

/**
 * One Pod Security Standards level at one version as a policy: one finding per failed check, on Pods
 * and on the pod template of every controller.
 */
public final class StandardPolicy implements Policy {

    private static final Match POD_KINDS = Match.ALL.withKinds(PodSpecView.podKinds());

    private final PolicyMetadata metadata;
    private final PodSecurityEvaluator evaluator;
    private final String prefix;

    public StandardPolicy(LevelVersion levelVersion, PolicyMetadata metadata) {
        this.metadata = metadata;
        this.evaluator = PodSecurityEvaluator.of(levelVersion.level(), levelVersion.version());
        this.prefix = "violates PodSecurity " + Text.goQuote(levelVersion.toString()) + ": ";
    }

    @Override
    public PolicyMetadata metadata() {
        return metadata;
    }

    @Override
    public Match match() {
        return POD_KINDS;
    }

    @Override
    public Enforcement enforcement() {
        return Enforcement.of(EnforcementAction.DENY);
    }

    /** Judges each resource on its own. */
    @Override
    public InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.NONE;
    }

    @Override
    public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        boolean isPod = resource.id().group().isEmpty() && resource.id().kind().equals("Pod");
        if (isPod ? !AdmissionScope.evaluatesPod(resource) : !AdmissionScope.evaluatesController(resource)) {
            return;
        }
        Optional<PodSpecView> pod = PodSpecView.of(resource);
        if (pod.isEmpty()) {
            return;
        }
        List<CheckFailure> failures = evaluator.evaluate(pod.get());
        for (CheckFailure failure : failures) {
            sink.report(prefix + failure.text(), failure.path(),
                    Severities.ofPodSecurityCheck(failure.checkId()).orElse(metadata.severity()));
        }
    }

    @Override
    public String toString() {
        return metadata.id();
    }
}
