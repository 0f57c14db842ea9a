package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.PalisadeException;
import dev.palisade.rego.CostBudget;
import dev.palisade.rego.EvaluationOptions;
import dev.palisade.rego.PreparedQuery;
import dev.palisade.rego.RegoException;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import dev.palisade.rules.gatekeeper.ConstraintKind;
import java.util.Optional;

/**
 * A template's Rego, compiled once, run as Gatekeeper runs it: the query
 * {@code data.<package>.violation} with {@code input = {"review": ..., "parameters": ...}} and
 * {@code data.inventory} served lazily from the evaluation's inventory; every
 * {@code {"msg": m, "details": d}} of the violation set is one finding at the field the message
 * names ({@link FindingLocator}). Rego errors (conflicts, exhausted budget, an unconfigured
 * {@code external_data}) are evaluation errors: the constraint fails closed. Immutable and
 * thread-safe.
 */
public final class RegoConstraintKind implements ConstraintKind {
    private final String kind;
    private final PreparedQuery violations;
    private final InventoryNeeds needs;
    private final boolean readsInventory;

    RegoConstraintKind(String kind, PreparedQuery violations, InventoryNeeds needs, boolean readsInventory) {
        this.kind = kind;
        this.violations = violations;
        this.needs = needs;
        this.readsInventory = readsInventory;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public InventoryNeeds inventoryNeeds() {
        return needs;
    }

    /** The Rego cost budget of one evaluation: the context's policy budget in steps, elements in proportion. */
    static CostBudget budget(EvaluationContext context) {
        long steps = context.policyCostBudget();
        long elements = Math.max(1, CostBudget.DEFAULT.maxElements() * steps / EvaluationContext.DEFAULT_POLICY_COST_BUDGET);
        return new CostBudget(steps, elements, CostBudget.DEFAULT.maxDepth());
    }

    @Override
    public void evaluate(ConstraintInput input, FindingSink sink) {
        EvaluationOptions.Builder options = EvaluationOptions.builder()
                .input(RegoInputs.input(input))
                .budget(budget(input.context()))
                .clock(input.context().clock());
        if (readsInventory) {
            options.lazyData("inventory", () -> RegoInputs.inventory(input.inventory()));
        }
        ExternalDataFunction.Calls calls = ExternalDataFunction.begin();
        Optional<JsonNode> result;
        try {
            result = violations.value(options.build());
        } catch (RegoException e) {
            throw new PalisadeException(kind + ": Rego evaluation failed: " + describe(e), e);
        } finally {
            ExternalDataFunction.end();
        }
        calls.failIfUnconfigured(kind);
        if (result.isEmpty()) {
            return;
        }
        JsonNode set = result.get();
        if (!set.isArray()) {
            throw new PalisadeException(kind + ": violation is not a set but " + set.getNodeType().toString()
                    .toLowerCase(java.util.Locale.ROOT) + "; write violation[{\"msg\": msg}] { ... }");
        }
        for (JsonNode violation : set) {
            JsonNode msg = violation.path("msg");
            if (!msg.isTextual()) {
                throw new PalisadeException(kind + ": a violation has no string msg: " + violation);
            }
            String message = msg.textValue();
            sink.report(message, FindingLocator.locate(input.resource(), message));
        }
    }

    private static String describe(RegoException e) {
        return e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).toString();
    }
}
