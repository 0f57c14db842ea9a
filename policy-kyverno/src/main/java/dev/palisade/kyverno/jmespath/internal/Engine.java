package dev.palisade.kyverno.jmespath.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.kyverno.jmespath.CostLimits;
import dev.palisade.kyverno.jmespath.JmesPathEvaluationException;
import dev.palisade.kyverno.jmespath.JmesPathNotFoundException;

/** Compiles expressions and runs them; the bridge between the public API and the nodes. */
public final class Engine {
    private Engine() {
    }

    /** A compiled expression: the node tree and the runtime it was compiled for. */
    public record Compiled(String text, Node root, Runtime runtime) {
        /** Evaluates with a fresh budget. */
        public JsonNode search(JsonNode data, CostLimits limits) {
            Eval ev = new Eval(text, runtime, limits);
            JsonNode result;
            try {
                result = root.eval(data, ev);
            } catch (FunctionError e) {
                throw new JmesPathEvaluationException(e.getMessage(), text, 0);
            } catch (StackOverflowError e) {
                throw new JmesPathEvaluationException("the input is nested too deeply", text, 0);
            }
            if (result.isMissingNode()) {
                throw new JmesPathNotFoundException(ev.missingKey == null ? "" : ev.missingKey, text);
            }
            if (result.isPojo()) {
                throw new JmesPathEvaluationException("an expression reference (&...) is only valid as a function"
                        + " argument", text, 0);
            }
            return result;
        }
    }

    /** Parses an expression against a runtime's function table. */
    public static Compiled compile(String text, Runtime runtime) {
        return new Compiled(text, Parser.parse(text, runtime.functions()), runtime);
    }
}
