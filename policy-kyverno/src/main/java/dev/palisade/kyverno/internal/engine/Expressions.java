package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The expression services the engine needs: JMESPath queries in Kyverno's dialect and
 * {@code {{ }}} variable substitution over JSON documents. Implemented over the
 * {@code dev.palisade.kyverno.jmespath} and {@code dev.palisade.kyverno.variables} packages;
 * implementations are thread-safe.
 */
public interface Expressions {

    /**
     * Evaluates a JMESPath expression.
     *
     * @throws ExpressionException when it does not compile or fails; {@link ExpressionException#notFound()}
     *     when a missing key reached the top (Kyverno's {@code Unknown key} error)
     */
    JsonNode search(String expression, JsonNode data);

    /**
     * Substitutes every {@code {{ }}} variable of a document (strings and map keys), querying the
     * context for each; an unresolved variable is an error.
     *
     * @param preconditions whether the document is a condition (Kyverno's preconditions resolver)
     * @throws ExpressionException when a variable cannot be resolved
     */
    JsonNode substitute(JsonNode document, JsonContext context, boolean preconditions);
}
