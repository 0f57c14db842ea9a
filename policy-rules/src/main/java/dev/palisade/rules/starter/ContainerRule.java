package dev.palisade.rules.starter;

import dev.palisade.core.BasePolicy;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.ContainerView;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.FindingSink;
import dev.palisade.core.Match;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import java.util.Optional;

/**
 * A policy that judges each container of a Pod or pod template on its own. Applies to every kind
 * that carries a pod spec.
 */
abstract class ContainerRule extends BasePolicy {
    private static final Match POD_KINDS = Match.ALL.withKinds(PodSpecView.podKinds());

    ContainerRule(PolicyMetadata metadata, Enforcement enforcement) {
        super(metadata, POD_KINDS, enforcement, FailurePolicy.FAIL);
    }

    /** Judges each resource on its own. */
    @Override
    public InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.NONE;
    }

    @Override
    public final void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        Optional<PodSpecView> pod = PodSpecView.of(resource);
        if (pod.isEmpty()) {
            return;
        }
        for (ContainerView container : pod.get().containers()) {
            check(container, sink);
        }
    }

    /** Reports what is wrong with one container. */
    abstract void check(ContainerView container, FindingSink sink);

    /** How a container is named in messages: {@code container "app"} or {@code init container "setup"}. */
    static String describe(ContainerView container) {
        String kind = switch (container.type()) {
            case INIT -> "init container";
            case EPHEMERAL -> "ephemeral container";
            case REGULAR -> "container";
        };
        return kind + " \"" + container.name() + "\"";
    }
}
