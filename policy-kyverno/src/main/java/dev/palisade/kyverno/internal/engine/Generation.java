package dev.palisade.kyverno.internal.engine;

import dev.palisade.kyverno.variables.JsonContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.kyverno.internal.JsonValues;
import dev.palisade.kyverno.internal.Kinds;
import java.util.ArrayList;
import java.util.List;

/**
 * Kyverno's generate rules as {@code kyverno test} runs them ({@code pkg/engine/background.go} and
 * {@code pkg/background/generate}): the rule applies when it matches and its preconditions hold;
 * the resources it would create come from {@code data} (variables substituted) or are cloned
 * ({@code clone}, {@code cloneList}) from existing resources; {@code foreach} generates per
 * element. Nothing is written anywhere: the generated objects are returned in the response.
 */
final class Generation {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Engine engine;
    private final KyvernoPolicy policy;
    private final PolicyContext pctx;
    private final Rule rule;

    Generation(Engine engine, KyvernoPolicy policy, PolicyContext pctx, Rule rule) {
        this.engine = engine;
        this.policy = policy;
        this.pctx = pctx;
        this.rule = rule;
    }

    /** The rule's response with what it generates, or null when it does not match. */
    RuleResponse generate() {
        List<PolicyExceptions.Entry> matched = engine.matchingExceptions(
                engine.matchingExceptionsCandidates(policy, rule), pctx);
        if (!matched.isEmpty()) {
            return Engine.skippedByExceptions(rule, RuleResponse.Type.GENERATION, matched, true);
        }
        if (!Engine.matchesResource(policy, rule, pctx, pctx.newResource())) {
            if (Engine.matchesResource(policy, rule, pctx, pctx.oldResource())) {
                return RuleResponse.fail(rule, RuleResponse.Type.GENERATION, "");
            }
            return null;
        }
        JsonContext json = pctx.json();
        json.checkpoint();
        try {
            try {
                engine.loader().load(policy, rule, rule.context(), json, -1);
            } catch (ExpressionException e) {
                return null;
            }
            Conditions.Outcome pre;
            try {
                pre = Conditions.evaluate(rule.preconditions(), json);
            } catch (ExpressionException e) {
                return RuleResponse.error(rule, RuleResponse.Type.GENERATION, "failed to evaluate conditions",
                        e.getMessage());
            }
            if (!pre.holds()) {
                return RuleResponse.skip(rule, RuleResponse.Type.GENERATION, "");
            }
            List<JsonNode> generated = new ArrayList<>();
            String error = null;
            try {
                JsonNode generate = rule.generate();
                JsonNode foreach = generate.get("foreach");
                if (foreach != null && foreach.isArray()) {
                    for (JsonNode f : foreach) {
                        List<JsonNode> elements = Engine.evaluateList(f.path("list").asText(""), json);
                        json.checkpoint();
                        try {
                            for (int i = 0; i < elements.size(); i++) {
                                if (elements.get(i) == null || elements.get(i).isNull()) {
                                    continue;
                                }
                                json.reset();
                                Engine.addElement(json, elements.get(i), i, 0, null);
                                generated.addAll(generateOne(f, f.path("context"), f.get("preconditions")));
                            }
                        } finally {
                            json.restore();
                        }
                    }
                } else {
                    generated.addAll(generateOne(generate, NODES.arrayNode(), null));
                }
            } catch (ExpressionException e) {
                error = e.getMessage();
            }
            if (error != null) {
                return RuleResponse.error(rule, RuleResponse.Type.GENERATION, "failed to generate resources", error);
            }
            return RuleResponse.pass(rule, RuleResponse.Type.GENERATION, "").withGenerated(generated);
        } finally {
            json.restore();
        }
    }

    private List<JsonNode> generateOne(JsonNode pattern, JsonNode context, JsonNode preconditions) {
        JsonContext json = pctx.json();
        engine.loader().load(policy, rule, context.isArray() ? context : NODES.arrayNode(), json, 0);
        if (preconditions != null && !Conditions.evaluate(preconditions, json).holds()) {
            return List.of();
        }
        ObjectNode spec = pattern.deepCopy();
        spec.remove("foreach");
        spec.remove("context");
        spec.remove("preconditions");
        JsonNode data = spec.remove("data");
        JsonNode substituted = Vars.substitute(spec, json);
        String apiVersion = substituted.path("apiVersion").asText("");
        String kind = substituted.path("kind").asText("");
        String namespace = substituted.path("namespace").asText("");
        String name = substituted.path("name").asText("");
        boolean synchronize = substituted.path("synchronize").asBoolean(false);
        List<JsonNode> out = new ArrayList<>();
        JsonNode clone = substituted.path("clone");
        JsonNode cloneList = substituted.path("cloneList");
        if (!clone.path("name").asText("").isEmpty()) {
            List<JsonNode> sources = engine.resources().find(apiVersion, kind, clone.path("namespace").asText(""),
                    clone.path("name").asText(""));
            if (sources.isEmpty()) {
                throw new ExpressionException("source resource " + apiVersion + "/" + kind + " "
                        + clone.path("namespace").asText("") + "/" + clone.path("name").asText("") + " not found",
                        false, null);
            }
            JsonNode created = cloned(sources.get(0), apiVersion, kind, namespace, name, synchronize);
            if (created != null) {
                out.add(created);
            }
        } else if (cloneList.path("kinds").size() > 0) {
            String sourceNamespace = cloneList.path("namespace").asText("");
            for (JsonNode k : cloneList.path("kinds")) {
                String selector = k.asText();
                String sourceKind = Kinds.kindOf(selector);
                String sourceVersion = selector.contains("/") ? selector.substring(0, selector.lastIndexOf('/')) : "";
                for (JsonNode source : engine.resources().find(sourceVersion, sourceKind, sourceNamespace, "")) {
                    if (cloneList.hasNonNull("selector") && !MatchBlock.selectorMatches(
                            dev.palisade.core.policy.MatchParser.selector(cloneList.get("selector"), "cloneList.selector")
                                    .orElse(dev.palisade.core.LabelSelector.EVERYTHING),
                            MatchBlock.stringMap(source.path("metadata").path("labels")))) {
                        continue;
                    }
                    if (source.path("metadata").path("namespace").asText("").equals(namespace)) {
                        continue;
                    }
                    JsonNode created = cloned(source, source.path("apiVersion").asText(""),
                            source.path("kind").asText(""), namespace, source.path("metadata").path("name").asText(""),
                            synchronize);
                    if (created != null) {
                        out.add(created);
                    }
                }
            }
        } else if (data != null && !data.isNull()) {
            JsonNode resource = Vars.substitute(data, json);
            if (!resource.isObject()) {
                throw new ExpressionException("generate.data must be an object", false, null);
            }
            if (exists(apiVersion, kind, namespace, name) && !synchronize) {
                return out;
            }
            ObjectNode created = (ObjectNode) JsonValues.numbersAsUnstructured(resource);
            created.put("apiVersion", apiVersion);
            if (created.path("kind").asText("").isEmpty()) {
                created.put("kind", kind);
            }
            ObjectNode metadata = created.get("metadata") instanceof ObjectNode m ? m : created.putObject("metadata");
            metadata.put("name", name);
            if (namespace.isEmpty()) {
                metadata.remove("namespace");
            } else {
                metadata.put("namespace", namespace);
            }
            labels(created);
            out.add(created);
        }
        return out;
    }

    private boolean exists(String apiVersion, String kind, String namespace, String name) {
        return !engine.resources().find(apiVersion, kind, namespace, name).isEmpty();
    }

    private JsonNode cloned(JsonNode source, String apiVersion, String kind, String namespace, String name,
            boolean synchronize) {
        String sourceNamespace = source.path("metadata").path("namespace").asText("");
        if (sourceNamespace.equals(namespace) && source.path("metadata").path("name").asText("").equals(name)) {
            return null;
        }
        if (exists(apiVersion, kind, namespace, name) && !synchronize) {
            return null;
        }
        ObjectNode copy = source.deepCopy();
        ObjectNode metadata = copy.get("metadata") instanceof ObjectNode m ? m : copy.putObject("metadata");
        for (String field : new String[] {"uid", "selfLink", "creationTimestamp", "managedFields", "resourceVersion"}) {
            metadata.remove(field);
        }
        if (!sourceNamespace.equals(namespace)) {
            metadata.remove("ownerReferences");
        }
        metadata.put("name", name);
        if (namespace.isEmpty()) {
            metadata.remove("namespace");
        } else {
            metadata.put("namespace", namespace);
        }
        copy.put("apiVersion", apiVersion);
        copy.put("kind", kind);
        labels(copy);
        return copy;
    }

    /** The labels Kyverno puts on generated resources. */
    private void labels(ObjectNode resource) {
        ObjectNode metadata = resource.get("metadata") instanceof ObjectNode m ? m : resource.putObject("metadata");
        ObjectNode labels = metadata.get("labels") instanceof ObjectNode l ? l : metadata.putObject("labels");
        labels.put("app.kubernetes.io/managed-by", "kyverno");
        labels.put("generate.kyverno.io/policy-name", policy.name());
        labels.put("generate.kyverno.io/rule-name", rule.name());
    }
}
