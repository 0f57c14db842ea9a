package dev.palisade.kyverno.jmespath;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.kyverno.jmespath.internal.Engine;
import java.util.Objects;

/**
 * A compiled JMESPath expression: immutable and safe to share between threads; evaluate it as
 * often as needed. Obtain one from {@link JmesPath#compile(String)}.
 */
public final class Expression {
    private final String text;
    private final Engine.Compiled compiled;
    private final CostLimits limits;

    Expression(String text, Engine.Compiled compiled, CostLimits limits) {
        this.text = text;
        this.compiled = compiled;
        this.limits = limits;
    }

    /** {@return the expression as written} */
    public String text() {
        return text;
    }

    /**
     * Evaluates the expression against a JSON value (not copied, never modified) with the default
     * cost limits of its {@link JmesPath}.
     *
     * @param data the document searched
     * @return the result; JSON null as a {@code NullNode}, never Java null. Numbers are integral
     *     nodes when whole, doubles otherwise; values taken from the input are the input's nodes.
     * @throws JmesPathNotFoundException when a missing key reaches the top (Kyverno's dialect)
     * @throws JmesPathEvaluationException when a function fails
     * @throws JmesPathCostException when the budget runs out
     */
    public JsonNode search(JsonNode data) {
        return search(data, limits);
    }

    /**
     * As {@link #search(JsonNode)} with explicit limits.
     *
     * @param data the document searched
     * @param costLimits the budget of this search
     * @return the result, as {@link #search(JsonNode)} gives it
     * @throws JmesPathException as {@link #search(JsonNode)}
     */
    public JsonNode search(JsonNode data, CostLimits costLimits) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(costLimits, "costLimits");
        return compiled.search(data, costLimits);
    }

    @Override
    public String toString() {
        return text;
    }
}
