package dev.palisade.kyverno.variables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.kyverno.jmespath.JmesPathException;

/**
 * Where substitution reads variables from: evaluates a JMESPath expression against the variables
 * and knows the admission operation. {@link JsonContext} is the usual one.
 */
public interface VariableSource {
    /**
     * Evaluates an expression against the variables.
     *
     * @param expression a JMESPath expression
     * @return its value
     * @throws JmesPathException when it does not compile, a key is missing, or it fails
     */
    JsonNode query(String expression);

    /** {@return the admission operation ({@code CREATE}, {@code DELETE}, …), or "" when unknown} */
    default String operation() {
        return "";
    }
}
