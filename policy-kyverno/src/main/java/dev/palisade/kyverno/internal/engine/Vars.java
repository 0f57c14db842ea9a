package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.kyverno.jmespath.JmesPath;
import dev.palisade.kyverno.jmespath.JmesPathException;
import dev.palisade.kyverno.jmespath.JmesPathNotFoundException;
import dev.palisade.kyverno.variables.JsonContext;
import dev.palisade.kyverno.variables.Substitution;
import dev.palisade.kyverno.variables.SubstitutionException;

/**
 * The engine's calls into the JMESPath and substitution packages, with their failures as
 * {@link ExpressionException}s (whose {@code notFound} says a key was missing).
 */
final class Vars {
    private Vars() {
    }

    /** Whether a string value or key of the document may hold a variable or a reference. */
    static boolean needsSubstitution(JsonNode node) {
        if (node.isTextual()) {
            String t = node.textValue();
            return t.contains("{{") || t.contains("$(");
        }
        if (node.isObject()) {
            for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                java.util.Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().contains("{{") || e.getKey().contains("$(") || needsSubstitution(e.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (needsSubstitution(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Evaluates a query over the context (loading the deferred entries it names). */
    static JsonNode query(JsonContext context, String query) {
        try {
            return context.query(query);
        } catch (JmesPathException e) {
            throw new ExpressionException(e.getMessage(), e instanceof JmesPathNotFoundException, e);
        } catch (SubstitutionException e) {
            throw new ExpressionException(e.getMessage(), e.isNotFound(), e);
        }
    }

    /** Evaluates a JMESPath expression over a value. */
    static JsonNode search(JmesPath jmesPath, String expression, JsonNode data) {
        try {
            return jmesPath.search(expression, data);
        } catch (JmesPathException e) {
            throw new ExpressionException(e.getMessage(), e instanceof JmesPathNotFoundException, e);
        }
    }

    /** Kyverno's {@code SubstituteAll}: references and variables throughout a document. */
    static JsonNode substitute(JsonNode document, JsonContext context) {
        if (!needsSubstitution(document)) {
            return document;
        }
        try {
            return Substitution.substituteAll(document, context);
        } catch (SubstitutionException e) {
            throw new ExpressionException(e.getMessage(), e.isNotFound(), e);
        } catch (JmesPathException e) {
            throw new ExpressionException(e.getMessage(), e instanceof JmesPathNotFoundException, e);
        }
    }
}
