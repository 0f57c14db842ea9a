package dev.palisade.rules.starter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.Enforcement;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.Glob;
import dev.palisade.core.Match;
import dev.palisade.core.policy.MatchParser;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.rules.Severities;
import java.util.List;

/**
 * Workloads may only be deployed to the listed namespaces (globs). Parameters:
 * {@code namespaces: [team-a, "team-b-*"]}.
 */
public final class AllowedNamespaces implements Policy {
    /** The policy id. */
    public static final String ID = "allowed-namespaces";
    private static final Match WORKLOADS = Match.ALL.withKinds(PodSpecView.podKinds());

    private final List<String> allowed;
    private final PolicyMetadata metadata;

    public AllowedNamespaces(List<String> allowed) {
        if (allowed.isEmpty()) {
            throw new PalisadeException(ID + " needs parameters.namespaces: at least one namespace or glob");
        }
        this.allowed = List.copyOf(allowed);
        this.metadata = PolicyMetadata.of(ID, "Workloads only in allowed namespaces", Severities.of(ID))
                .withCategory("Multi-tenancy")
                .withDescription("Each team deploys only to the namespaces it owns; a workload elsewhere bypasses"
                        + " that namespace's quotas, network policies and access rules.")
                .withRemediation("Set metadata.namespace to one of the allowed namespaces: "
                        + String.join(", ", this.allowed) + ".")
                .withHelpUrl("docs/rules/allowed-namespaces.md");
    }

    /** Reads {@code namespaces} from the parameters. */
    public static AllowedNamespaces fromParameters(JsonNode parameters) {
        return new AllowedNamespaces(MatchParser.strings(parameters.path("namespaces"), "parameters.namespaces"));
    }

    @Override
    public PolicyMetadata metadata() {
        return metadata;
    }

    @Override
    public Match match() {
        return WORKLOADS;
    }

    @Override
    public Enforcement enforcement() {
        return Enforcement.of(EnforcementAction.WARN);
    }

    /** Judges each resource on its own. */
    @Override
    public InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.NONE;
    }

    @Override
    public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        String namespace = resource.id().namespace();
        String who = resource.id().kind() + " \"" + resource.id().name() + "\"";
        if (namespace.isEmpty()) {
            sink.report(who + " has no metadata.namespace; set it to one of: " + String.join(", ", allowed),
                    "/metadata");
        } else if (!Glob.matchesAny(allowed, namespace)) {
            sink.report(who + " is in namespace \"" + namespace + "\", which is not allowed; allowed: "
                    + String.join(", ", allowed), "/metadata/namespace");
        }
    }
}
