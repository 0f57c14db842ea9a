package dev.palisade.kyverno.internal.engine;

import dev.palisade.kyverno.variables.JsonContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.palisade.kyverno.internal.GoValues;
import dev.palisade.kyverno.jmespath.JmesPath;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a rule's {@code context} entries into the JSON context the way Kyverno does: rule values
 * from the test's values file first, then each entry as a deferred loader computed on first use
 * ({@code variable}, {@code configMap}, {@code apiCall}, {@code imageRegistry},
 * {@code globalReference}); entries whose data is not available are skipped.
 */
public final class ContextLoader {
    private final ExternalData external;
    private final RuleValues ruleValues;
    private final JmesPath jp;

    /** Values a test gives a policy's rules ({@code policies[].rules[].values}) and foreach values. */
    public interface RuleValues {
        /** No values. */
        RuleValues NONE = (policy, rule) -> Map.of();

        /** The values of a rule, by dotted variable path. */
        Map<String, JsonNode> values(String policy, String rule);

        /** The foreach values of a rule (each a list indexed by the foreach element). */
        default Map<String, JsonNode> foreachValues(String policy, String rule) {
            return Map.of();
        }
    }

    ContextLoader(ExternalData external, RuleValues ruleValues, JmesPath jp) {
        this.external = external;
        this.ruleValues = ruleValues;
        this.jp = jp;
    }

    /**
     * Loads the entries.
     *
     * @param foreachIndex the current foreach element index (for foreach values), or -1
     * @throws ExpressionException when an entry is malformed
     */
    void load(KyvernoPolicy policy, Rule rule, JsonNode entries, JsonContext context, int foreachIndex) {
        for (Map.Entry<String, JsonNode> v : ruleValues.values(policy.name(), rule.name()).entrySet()) {
            context.addVariable(v.getKey(), v.getValue());
        }
        for (Map.Entry<String, JsonNode> v : ruleValues.foreachValues(policy.name(), rule.name()).entrySet()) {
            int index = Math.max(foreachIndex, 0);
            if (v.getValue().isArray() && index < v.getValue().size()) {
                context.addVariable(v.getKey(), v.getValue().get(index));
            }
        }
        for (JsonNode entry : entries) {
            String name = entry.path("name").asText("");
            if (entry.hasNonNull("variable")) {
                defer(context, name, ctx -> Optional.of(variable(name, entry.get("variable"), ctx)));
            } else if (entry.hasNonNull("configMap")) {
                JsonNode cm = entry.get("configMap");
                defer(context, name, ctx -> configMap(name, cm, policy, ctx));
            } else if (entry.hasNonNull("apiCall")) {
                defer(context, name, ctx -> apiCall(name, entry.get("apiCall"), ctx));
            } else if (entry.hasNonNull("imageRegistry")) {
                defer(context, name, ctx -> imageRegistry(name, entry.get("imageRegistry"), ctx));
            } else if (entry.hasNonNull("globalReference")) {
                defer(context, name, ctx -> globalReference(name, entry.get("globalReference"), ctx));
            } else {
                throw new ExpressionException("missing ConfigMap|APICall|ImageRegistry|Variable in context entry "
                        + name, false, null);
            }
        }
    }

    /** An entry's value, or nothing when its source is not available here. */
    @FunctionalInterface
    private interface EntryLoader {
        Optional<JsonNode> load(JsonContext context);
    }

    /**
     * Registers an entry for deferred loading: computed when a query first names it; an
     * unavailable source adds nothing, so the name stays unresolved as in Kyverno's CLI.
     */
    private static void defer(JsonContext context, String name, EntryLoader loader) {
        context.addDeferredLoader(name, ctx -> loader.load(ctx).ifPresent(value -> ctx.replaceContextEntry(name, value)));
    }

    private JsonNode variable(String name, JsonNode variable, JsonContext ctx) {
        String path = "";
        if (variable.hasNonNull("jmesPath") && !variable.get("jmesPath").asText("").isEmpty()) {
            JsonNode jp;
            try {
                jp = Vars.substitute(variable.get("jmesPath"), ctx);
            } catch (ExpressionException e) {
                throw new ExpressionException("failed to substitute variables in context entry " + name + " "
                        + variable.get("jmesPath").asText() + ": " + e.getMessage(), e.notFound(), e);
            }
            if (!jp.isTextual()) {
                throw new ExpressionException("jmespath value must be a string " + name, false, null);
            }
            path = jp.textValue();
        }
        JsonNode defaultValue = null;
        if (variable.has("default") && !variable.get("default").isNull()) {
            try {
                defaultValue = Vars.substitute(variable.get("default"), ctx);
            } catch (ExpressionException e) {
                throw new ExpressionException("failed to substitute variables in context entry " + name + " "
                        + variable.get("default") + ": " + e.getMessage(), e.notFound(), e);
            }
        }
        JsonNode output = defaultValue;
        if (variable.has("value") && !variable.get("value").isNull()) {
            JsonNode value;
            try {
                value = Vars.substitute(variable.get("value"), ctx);
            } catch (ExpressionException e) {
                throw new ExpressionException("failed to substitute variables in context entry " + name + " "
                        + variable.get("value") + ": " + e.getMessage(), e.notFound(), e);
            }
            if (!path.isEmpty()) {
                try {
                    output = Vars.search(jp, path, value);
                } catch (ExpressionException e) {
                    if (defaultValue == null) {
                        throw new ExpressionException("failed to apply jmespath " + path + " to variable "
                                + GoValues.sprint(value) + ": " + e.getMessage(), e.notFound(), e);
                    }
                }
            } else {
                output = value;
            }
        } else if (!path.isEmpty()) {
            try {
                JsonNode result = Vars.query(ctx, path);
                if (!GoValues.isNil(result)) {
                    output = result;
                }
            } catch (ExpressionException e) {
                if (defaultValue == null) {
                    throw new ExpressionException("failed to apply jmespath " + path + " to variable <nil>: "
                            + e.getMessage(), e.notFound(), e);
                }
            }
        }
        if (GoValues.isNil(output)) {
            throw new ExpressionException("failed to add context entry for variable " + name
                    + " since it evaluated to nil", false, null);
        }
        return output;
    }

    private Optional<JsonNode> configMap(String name, JsonNode cm, KyvernoPolicy policy, JsonContext ctx) {
        JsonNode cmName = Vars.substitute(cm.path("name").isMissingNode() ? TextNode.valueOf("")
                : cm.get("name"), ctx);
        JsonNode cmNamespace = Vars.substitute(cm.path("namespace").isMissingNode() ? TextNode.valueOf("")
                : cm.get("namespace"), ctx);
        String namespace = cmNamespace.asText("");
        if (namespace.isEmpty()) {
            namespace = policy.namespace().isEmpty() ? "default" : policy.namespace();
        }
        if (!policy.namespace().isEmpty() && !namespace.equals(policy.namespace())) {
            throw new ExpressionException("context entry " + name + ": configMap namespace \"" + namespace
                    + "\" is different from policy namespace \"" + policy.namespace() + "\"", false, null);
        }
        return external.configMap(namespace, cmName.asText(""));
    }

    private Optional<JsonNode> apiCall(String name, JsonNode call, JsonContext ctx) {
        JsonNode substituted;
        try {
            com.fasterxml.jackson.databind.node.ObjectNode withoutPath = ((com.fasterxml.jackson.databind.node.ObjectNode) call)
                    .deepCopy();
            withoutPath.remove("jmesPath");
            withoutPath.remove("default");
            substituted = Vars.substitute(withoutPath, ctx);
        } catch (ExpressionException e) {
            throw new ExpressionException("failed to substitute variables in context entry " + name + " "
                    + call.path("urlPath").asText("") + ": " + e.getMessage(), e.notFound(), e);
        }
        Optional<JsonNode> response;
        try {
            response = external.apiCall(substituted);
        } catch (ExpressionException e) {
            if (call.has("default") && !call.get("default").isNull()) {
                return Optional.of(call.get("default"));
            }
            throw e;
        }
        if (response.isEmpty()) {
            return response;
        }
        String jmesPath = call.path("jmesPath").asText("");
        if (jmesPath.isEmpty()) {
            return response;
        }
        JsonNode path = Vars.substitute(call.get("jmesPath"), ctx);
        try {
            return Optional.of(Vars.search(jp, path.asText(), response.get()));
        } catch (ExpressionException e) {
            throw new ExpressionException("failed to apply JMESPath " + path.asText() + " for context entry " + name
                    + ": " + e.getMessage(), e.notFound(), e);
        }
    }

    private Optional<JsonNode> imageRegistry(String name, JsonNode entry, JsonContext ctx) {
        JsonNode reference = Vars.substitute(entry.path("reference"), ctx);
        Optional<JsonNode> data = external.imageData(reference.asText(""));
        if (data.isEmpty()) {
            return data;
        }
        String jmesPath = entry.path("jmesPath").asText("");
        if (jmesPath.isEmpty()) {
            return data;
        }
        JsonNode path = Vars.substitute(entry.get("jmesPath"), ctx);
        return Optional.of(Vars.search(jp, path.asText(), data.get()));
    }

    private Optional<JsonNode> globalReference(String name, JsonNode entry, JsonContext ctx) {
        Optional<JsonNode> data = external.globalContext(entry.path("name").asText(""));
        if (data.isEmpty()) {
            return data;
        }
        String jmesPath = entry.path("jmesPath").asText("");
        if (jmesPath.isEmpty()) {
            return data;
        }
        return Optional.of(Vars.search(jp, jmesPath, data.get()));
    }
}
