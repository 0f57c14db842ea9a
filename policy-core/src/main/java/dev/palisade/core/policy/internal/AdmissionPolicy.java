package dev.palisade.core.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.palisade.core.BasePolicy;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.FindingSink;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.Operations;
import dev.palisade.core.Match;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.core.policy.ValidationBlock;
import dev.palisade.core.policy.ValidationInput;
import dev.palisade.lang.CostMeter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A ValidatingAdmissionPolicy with one of its bindings: the policy's match constraints and the
 * binding's match resources both select the resource; the parameters come from the binding; the
 * binding's validation actions give the enforcement. One cost budget per (policy, binding, param).
 */
public final class AdmissionPolicy extends BasePolicy {
    private final MatchResources policyResources;
    private final MatchResources bindingResources;
    private final Optional<ParamSource> params;
    private final ValidationBlock rules;
    private final Match bindingNamespaces;

    public AdmissionPolicy(PolicyMetadata metadata, Match match, Enforcement enforcement, FailurePolicy failurePolicy,
            MatchResources policyResources, MatchResources bindingResources, Optional<ParamSource> params,
            ValidationBlock rules) {
        super(metadata, match, enforcement, failurePolicy);
        this.policyResources = policyResources;
        this.bindingResources = bindingResources;
        this.params = params;
        this.rules = rules;
        this.bindingNamespaces = bindingResources.namespaceSelector().map(Match.ALL::withNamespaceSelector)
                .orElse(Match.ALL);
    }

    /** Every operation: the policy's and binding's resource rules say which ones they match. */
    @Override
    public Set<String> operations() {
        return Operations.ALL;
    }

    /** Namespaces (for {@code namespaceObject}) and the binding's parameter kind. */
    @Override
    public InventoryNeeds inventoryNeeds() {
        return params.map(p -> InventoryNeeds.kinds("/Namespace", p.group() + "/" + p.kind()))
                .orElse(InventoryNeeds.kinds("/Namespace"));
    }

    @Override
    public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        if (!policyResources.matches(resource) || !bindingResources.matches(resource)
                || !bindingNamespaces.matches(resource, context.namespaceLabels())) {
            return;
        }
        List<JsonNode> paramObjects = params.map(p -> p.find(resource, context)).orElse(List.of(NullNode.getInstance()));
        if (paramObjects.isEmpty()) {
            ParamSource source = params.orElseThrow();
            if (source.denyWhenMissing()) {
                throw new PalisadeException("no parameter object found: " + source.describe()
                        + " (paramRef.parameterNotFoundAction is Deny)");
            }
            return;
        }
        for (JsonNode param : paramObjects) {
            CostMeter meter = CostMeter.of(context.expressionCostLimit(), context.policyCostBudget());
            rules.evaluate(ValidationInput.of(resource, context, param), meter, sink);
        }
    }
}
