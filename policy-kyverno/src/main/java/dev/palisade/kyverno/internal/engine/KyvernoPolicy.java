package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.kyverno.internal.ConditionOperators;
import dev.palisade.kyverno.internal.JsonValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled {@code kyverno.io} ClusterPolicy or Policy: its rules as written (numbers as Go reads
 * them), the rules autogen derives per kind (computed once per kind and cached), and the
 * policy-level settings. Immutable and thread-safe.
 */
public final class KyvernoPolicy implements PolicyIdentity {
    private final Resource document;
    private final String kind;
    private final String name;
    private final String namespace;
    private final Map<String, String> annotations;
    private final JsonNode spec;
    private final List<ObjectNode> rawRules;
    private final List<Rule> rules;
    private final Map<String, List<Rule>> rulesByKind = new ConcurrentHashMap<>();

    private KyvernoPolicy(Resource document) {
        this.document = document;
        JsonNode object = document.object();
        this.kind = object.path("kind").asText("");
        JsonNode metadata = object.path("metadata");
        this.name = metadata.path("name").asText("");
        this.namespace = kind.equals("Policy") ? metadata.path("namespace").asText("default") : "";
        Map<String, String> ann = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.path("annotations").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            ann.put(e.getKey(), e.getValue().asText());
        }
        this.annotations = Collections.unmodifiableMap(ann);
        this.spec = object.path("spec");
        List<ObjectNode> raw = new ArrayList<>();
        List<Rule> compiled = new ArrayList<>();
        int i = 0;
        for (JsonNode r : spec.path("rules")) {
            ObjectNode rule = (ObjectNode) JsonValues.numbersAsFloats(r);
            raw.add(rule);
            compiled.add(new Rule(rule, "spec.rules[" + i++ + "]"));
        }
        this.rawRules = List.copyOf(raw);
        this.rules = List.copyOf(compiled);
    }

    /**
     * Compiles a policy document.
     *
     * @throws PalisadeException with the document's location when it is malformed
     */
    public static KyvernoPolicy compile(Resource document) {
        JsonNode object = document.object();
        String name = object.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            throw new PalisadeException(object.path("kind").asText() + " needs metadata.name", document.source());
        }
        JsonNode rules = object.path("spec").path("rules");
        if (!rules.isArray() || rules.isEmpty()) {
            throw new PalisadeException(object.path("kind").asText() + " '" + name + "' needs spec.rules",
                    document.locate("/spec"));
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String where = "/spec/rules/" + i;
            String ruleName = rule.path("name").asText("");
            if (ruleName.isEmpty()) {
                throw new PalisadeException("rule " + i + " of policy '" + name + "' needs a name",
                        document.locate(where));
            }
            if (!names.add(ruleName)) {
                throw new PalisadeException("policy '" + name + "' has two rules named '" + ruleName + "'",
                        document.locate(where));
            }
            int kinds = 0;
            for (String type : new String[] {"validate", "mutate", "generate", "verifyImages"}) {
                if (Rule.isSet(rule.get(type))) {
                    kinds++;
                }
            }
            if (kinds != 1) {
                throw new PalisadeException("rule '" + ruleName + "' of policy '" + name + "' must have exactly one of"
                        + " validate, mutate, generate or verifyImages", document.locate(where));
            }
            checkOperators(rule, where, document);
            if (rule.toString().contains("$(")) {
                throw new PalisadeException("rule '" + ruleName + "' of policy '" + name + "' uses a $(...) reference;"
                        + " Palisade does not support Kyverno's pattern references yet", document.locate(where));
            }
        }
        try {
            return new KyvernoPolicy(document);
        } catch (PalisadeException e) {
            throw new PalisadeException("policy '" + name + "': " + e.getMessage(), document.locate("/spec/rules"), e);
        }
    }

    private static void checkOperators(JsonNode node, String where, Resource document) {
        if (node.isObject()) {
            JsonNode op = node.get("operator");
            if (op != null && op.isTextual() && node.has("key") && !ConditionOperators.isKnown(op.textValue())) {
                throw new PalisadeException("unknown condition operator '" + op.textValue() + "'", document.locate(where));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                checkOperators(e.getValue(), where + "/" + e.getKey().replace("~", "~0").replace("/", "~1"),
                        document);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkOperators(node.get(i), where + "/" + i, document);
            }
        }
    }

    public Resource document() {
        return document;
    }

    /** {@code ClusterPolicy} or {@code Policy}. */
    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** The namespace of a {@code Policy} ({@code default} when unset), {@code ""} for a ClusterPolicy. */
    public String namespace() {
        return namespace;
    }

    public Map<String, String> annotations() {
        return annotations;
    }

    public JsonNode spec() {
        return spec;
    }

    /** The rules as written. */
    public List<Rule> rules() {
        return rules;
    }

    /** The rules that apply to a resource of this kind, autogen rules included. */
    public List<Rule> rulesFor(String resourceKind) {
        return rulesByKind.computeIfAbsent(resourceKind, k -> {
            List<ObjectNode> computed = Autogen.rulesFor(rawRules, annotations, k);
            if (computed == rawRules) {
                return rules;
            }
            List<Rule> out = new ArrayList<>();
            for (int i = 0; i < computed.size(); i++) {
                out.add(new Rule(computed.get(i), i < rules.size() ? rules.get(i).where() : "spec.rules[autogen]"));
            }
            return List.copyOf(out);
        });
    }

    /** The names of every autogen rule of the policy (for every controller autogen applies to). */
    public List<String> autogenRuleNames() {
        List<String> out = new ArrayList<>();
        for (ObjectNode rule : Autogen.allGenerated(rawRules, annotations)) {
            out.add(rule.path("name").asText());
        }
        return out;
    }

    public boolean hasValidate() {
        return rules.stream().anyMatch(Rule::hasValidate);
    }

    public boolean hasMutate() {
        return rules.stream().anyMatch(Rule::hasMutate);
    }

    public boolean hasGenerate() {
        return rules.stream().anyMatch(Rule::hasGenerate);
    }

    public boolean hasVerifyImages() {
        return rules.stream().anyMatch(Rule::hasVerifyImages);
    }

    /** {@code spec.validationFailureAction} ({@code Audit} when unset). */
    public String validationFailureAction() {
        return spec.path("validationFailureAction").asText("Audit");
    }

    /** {@code spec.background} (default true). */
    public boolean background() {
        return spec.path("background").asBoolean(true);
    }

    /** {@code spec.admission} (default true). */
    public boolean admission() {
        return spec.path("admission").asBoolean(true);
    }

    /** {@code spec.applyRules}: {@code One} stops after the first rule that applied. */
    public boolean applyOne() {
        return spec.path("applyRules").asText("All").equals("One");
    }

    /** {@code spec.emitWarning}. */
    public boolean emitWarning() {
        return spec.path("emitWarning").asBoolean(false);
    }

    /** {@code spec.failurePolicy} ({@code Fail} when unset). */
    public String failurePolicy() {
        return spec.path("failurePolicy").asText("Fail");
    }

    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}
