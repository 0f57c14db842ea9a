package dev.palisade.core.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.BasePolicy;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.FindingSink;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.Match;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.core.policy.ValidationBlock;
import dev.palisade.core.policy.ValidationInput;
import dev.palisade.lang.CostMeter;
import java.util.Set;

/** A Palisade policy file compiled: metadata, match, enforcement and a validation block with inline params. */
public final class CelPolicy extends BasePolicy {
    private final ValidationBlock rules;
    private final JsonNode params;
    private final Set<String> operations;

    public CelPolicy(PolicyMetadata metadata, Match match, Enforcement enforcement, FailurePolicy failurePolicy,
            ValidationBlock rules, JsonNode params, Set<String> operations) {
        super(metadata, match, enforcement, failurePolicy);
        this.rules = rules;
        this.params = params;
        this.operations = Set.copyOf(operations);
    }

    @Override
    public Set<String> operations() {
        return operations;
    }

    @Override
    public InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.kinds("/Namespace");
    }

    @Override
    public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        CostMeter meter = CostMeter.of(context.expressionCostLimit(), context.policyCostBudget());
        rules.evaluate(ValidationInput.of(resource, context, params), meter, sink);
    }
}
