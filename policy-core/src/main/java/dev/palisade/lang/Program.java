package dev.palisade.lang;

import java.util.Map;

/**
 * A compiled expression. Immutable and safe to share between threads; evaluate it as often as
 * needed.
 *
 * <p>Result values: {@code int} → Long, {@code uint} → {@link UInt}, {@code double} → Double,
 * {@code string} → String, {@code bytes} → {@link Bytes}, {@code bool} → Boolean, {@code null} →
 * {@link NullValue#NULL}, lists → {@code java.util.List} or a Jackson {@code ArrayNode} taken
 * from the input, maps → {@code java.util.Map} or a Jackson {@code ObjectNode}, timestamps →
 * {@code java.time.Instant}, durations → {@code java.time.Duration}, types → {@link TypeValue},
 * optionals → {@code java.util.Optional}; library values (quantity, IP, CIDR, URL, semver) are
 * opaque objects whose {@code toString()} is their canonical text. {@link Values#toJson(Object)}
 * renders any result as JSON.
 */
public interface Program {
    /** {@return the expression text} */
    String source();

    /**
     * {@return the variables the expression reads (top-level names such as {@code object} or
     * {@code variables}), so that a loader can reject, for example, {@code variables} in an
     * admission policy's matchConditions}
     */
    java.util.Set<String> variables();

    /**
     * {@return the static estimate of what an evaluation costs, as the Kubernetes API server estimates it
     * before it accepts an expression (cel-go's cost estimator with Kubernetes' function costs):
     * the cheapest and the most expensive evaluation, with values read from variables sized as large
     * as a 3 MiB request allows (Kubernetes' bound for data without a schema)}
     */
    CostEstimate costEstimate();

    /**
     * Evaluates with these variable values and the Kubernetes per-call cost limit.
     *
     * @param bindings the variables' values
     * @return the result, as a CEL value
     */
    Object evaluate(Map<String, ?> bindings);

    /**
     * Evaluates with lazily resolved variables, charging the meter.
     *
     * @param bindings resolves the variables
     * @param meter charges the cost
     * @return the result, as a CEL value
     * @throws EvaluationException when evaluation fails
     * @throws CostLimitExceededException when the meter's per-call limit or budget is exceeded
     */
    Object evaluate(Bindings bindings, CostMeter meter);
}
