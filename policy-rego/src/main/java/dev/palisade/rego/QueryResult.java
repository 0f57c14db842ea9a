package dev.palisade.rego;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The solutions of a query: for each, the values of the query's variables as JSON (sets as arrays
 * in Rego's sort order). No solutions means the query is undefined. Also reports builtin errors that
 * were turned into undefined results (outside strict mode) and the evaluation steps spent.
 */
public final class QueryResult {
    private final List<Map<String, JsonNode>> bindings;
    private final List<String> suppressedErrors;
    private final long steps;

    QueryResult(List<Map<String, JsonNode>> bindings, List<String> suppressedErrors, long steps) {
        this.bindings = List.copyOf(bindings);
        this.suppressedErrors = List.copyOf(suppressedErrors);
        this.steps = steps;
    }

    /** {@return every solution's variable bindings, in evaluation order} */
    public List<Map<String, JsonNode>> bindings() {
        return bindings;
    }

    /** {@return whether the query had no solution (is undefined)} */
    public boolean isEmpty() {
        return bindings.isEmpty();
    }

    /** {@return the number of solutions} */
    public int size() {
        return bindings.size();
    }

    /**
     * The values of one variable across solutions.
     *
     * @param variable a variable of the query
     * @return its value in each solution, in order
     */
    public List<JsonNode> values(String variable) {
        List<JsonNode> out = new ArrayList<>();
        for (Map<String, JsonNode> b : bindings) {
            JsonNode v = b.get(variable);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Builtin errors that made calls undefined ({@code file:line:col: code: message}), at most 100.
     *
     * @return the suppressed builtin errors, in order
     */
    public List<String> suppressedErrors() {
        return suppressedErrors;
    }

    /**
     * Evaluation steps spent (see {@link CostBudget}).
     *
     * @return the evaluation steps spent
     */
    public long steps() {
        return steps;
    }
}
