package dev.palisade.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.BasePolicy;
import dev.palisade.core.Enforcement;
import dev.palisade.core.policy.EnforcementParser;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.Match;
import dev.palisade.core.policy.MatchParser;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.core.Severity;
import java.util.Set;

/**
 * A built-in policy as a {@code BuiltinPolicy} document configures it: the same logic with the
 * document's enforcement, match and severity where given.
 */
public final class ConfiguredPolicy extends BasePolicy {
    private final Policy base;

    private ConfiguredPolicy(Policy base, PolicyMetadata metadata, Match match, Enforcement enforcement) {
        super(metadata, match, enforcement, base.failurePolicy());
        this.base = base;
    }

    /** Applies {@code spec.enforcementAction}, {@code spec.match} and {@code spec.severity} to the policy. */
    public static Policy configure(Policy base, JsonNode spec) {
        PolicyMetadata metadata = base.metadata();
        if (spec.hasNonNull("severity")) {
            metadata = metadata.withSeverity(Severity.parse(spec.path("severity").asText()));
        }
        Match match = spec.has("match") ? MatchParser.parse(spec.path("match"), "spec.match") : base.match();
        return new ConfiguredPolicy(base, metadata, match, EnforcementParser.parse(spec, base.enforcement()));
    }

    @Override
    public InventoryNeeds inventoryNeeds() {
        return base.inventoryNeeds();
    }

    @Override
    public Set<String> operations() {
        return base.operations();
    }

    @Override
    public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        base.evaluate(resource, context, sink);
    }
}
