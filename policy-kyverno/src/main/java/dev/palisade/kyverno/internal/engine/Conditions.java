package dev.palisade.kyverno.internal.engine;

import dev.palisade.kyverno.variables.JsonContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.palisade.kyverno.internal.ConditionOperators;
import java.util.ArrayList;
import java.util.List;

/**
 * Kyverno's conditions ({@code pkg/engine/variables/evaluate.go}): {@code any}/{@code all} blocks
 * or the older plain list, each condition's key and value substituted (with the preconditions
 * resolver) and compared by its operator.
 */
final class Conditions {
    private Conditions() {
    }

    /**
     * The outcome of a block: whether it holds, and the messages of the conditions that decided it.
     */
    record Outcome(boolean holds, String message) {
    }

    /**
     * Evaluates a conditions block ({@code preconditions}, {@code deny.conditions}); a missing block holds.
     *
     * @throws ExpressionException when a variable cannot be substituted
     */
    static Outcome evaluate(JsonNode conditions, JsonContext context) {
        if (conditions == null || conditions.isNull() || conditions.isMissingNode()) {
            return new Outcome(true, "");
        }
        if (conditions.isArray()) {
            List<String> trueMessages = new ArrayList<>();
            for (JsonNode condition : conditions) {
                Single single = evaluateOne(condition, context);
                if (!single.holds) {
                    return new Outcome(false, single.message);
                }
                trueMessages.add(single.message);
            }
            return new Outcome(true, joinNonEmpty(trueMessages, ";"));
        }
        if (!conditions.isObject()) {
            throw new ExpressionException("invalid preconditions", false, null);
        }
        JsonNode any = conditions.get("any");
        JsonNode all = conditions.get("all");
        boolean anyResult = true;
        boolean allResult = true;
        List<String> falseMessages = new ArrayList<>();
        List<String> trueMessages = new ArrayList<>();
        if (any != null && !any.isNull()) {
            anyResult = false;
            for (JsonNode condition : any) {
                Single single = evaluateOne(condition, context);
                if (single.holds) {
                    anyResult = true;
                    trueMessages.add(single.message);
                    break;
                }
                falseMessages.add(single.message);
            }
        }
        if (all != null) {
            for (JsonNode condition : all) {
                Single single = evaluateOne(condition, context);
                if (!single.holds) {
                    allResult = false;
                    falseMessages.add(single.message);
                    break;
                }
                trueMessages.add(single.message);
            }
        }
        boolean result = anyResult && allResult;
        return new Outcome(result, joinNonEmpty(result ? trueMessages : falseMessages, "; "));
    }

    private record Single(boolean holds, String message) {
    }

    private static Single evaluateOne(JsonNode condition, JsonContext context) {
        JsonNode key;
        try {
            key = Vars.substitute(valueOf(condition.get("key")), context);
        } catch (ExpressionException e) {
            throw new ExpressionException("failed to substitute variables in condition key: " + e.getMessage(),
                    e.notFound(), e);
        }
        JsonNode value;
        try {
            value = Vars.substitute(valueOf(condition.get("value")), context);
        } catch (ExpressionException e) {
            throw new ExpressionException("failed to substitute variables in condition value: " + e.getMessage(),
                    e.notFound(), e);
        }
        String operator = condition.path("operator").asText("");
        boolean holds;
        try {
            holds = ConditionOperators.evaluate(operator, key, value);
        } catch (IllegalArgumentException e) {
            throw new ExpressionException("failed to create handler for condition operator: " + e.getMessage(), false,
                    e);
        }
        return new Single(holds, condition.path("message").asText(""));
    }

    private static JsonNode valueOf(JsonNode node) {
        return node == null ? NullNode.getInstance() : node;
    }

    static String joinNonEmpty(List<String> parts, String separator) {
        List<String> kept = new ArrayList<>();
        for (String p : parts) {
            if (!p.isEmpty()) {
                kept.add(p);
            }
        }
        return String.join(separator, kept);
    }
}
