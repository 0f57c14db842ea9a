package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rule of a Kyverno policy, as written or as autogen produced it: the raw rule (numbers read
 * as Go reads them, float64) with its parsed match and exclude blocks. Immutable after
 * construction.
 */
public final class Rule {
    private final ObjectNode node;
    private final String name;
    private final MatchBlock match;
    private final MatchBlock exclude;
    private final String where;

    /**
     * @param node the rule
     * @param where the rule's field ({@code spec.rules[0]}), for messages
     */
    public Rule(ObjectNode node, String where) {
        this.node = node;
        this.name = node.path("name").asText("");
        this.where = where;
        this.match = MatchBlock.read(node.get("match"), where + ".match");
        this.exclude = node.has("exclude") && !node.get("exclude").isNull()
                ? MatchBlock.read(node.get("exclude"), where + ".exclude") : null;
    }

    /** The rule as a JSON object. Callers must not modify it. */
    public ObjectNode node() {
        return node;
    }

    public String name() {
        return name;
    }

    /** The rule's field in the policy, for messages. */
    public String where() {
        return where;
    }

    public MatchBlock match() {
        return match;
    }

    /** The exclude block, or null. */
    public MatchBlock exclude() {
        return exclude;
    }

    /** {@code validate}, or a missing node. */
    public JsonNode validate() {
        return node.path("validate");
    }

    /** {@code mutate}, or a missing node. */
    public JsonNode mutate() {
        return node.path("mutate");
    }

    /** {@code generate}, or a missing node. */
    public JsonNode generate() {
        return node.path("generate");
    }

    /** {@code verifyImages}, or a missing node. */
    public JsonNode verifyImages() {
        return node.path("verifyImages");
    }

    public boolean hasValidate() {
        return isSet(node.get("validate"));
    }

    public boolean hasMutate() {
        return isSet(node.get("mutate"));
    }

    public boolean hasGenerate() {
        return isSet(node.get("generate"));
    }

    public boolean hasVerifyImages() {
        JsonNode v = node.get("verifyImages");
        return v != null && v.isArray() && !v.isEmpty();
    }

    /** Whether the rule's {@code mutate} has {@code targets} (mutate existing resources). */
    public boolean hasMutateExisting() {
        JsonNode t = mutate().get("targets");
        return t != null && t.isArray() && !t.isEmpty();
    }

    /** Whether the verifyImages rule has checks that run at validation time. */
    public boolean hasVerifyImageChecks() {
        if (!hasVerifyImages()) {
            return false;
        }
        for (JsonNode v : verifyImages()) {
            if (v.path("verifyDigest").asBoolean(true) || v.path("required").asBoolean(true)
                    || v.has("attestations") || v.has("attestors")) {
                return true;
            }
        }
        return false;
    }

    /** {@code context} entries (an array, possibly empty). */
    public JsonNode context() {
        JsonNode c = node.get("context");
        return c == null || c.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode() : c;
    }

    /** {@code preconditions}, or null. */
    public JsonNode preconditions() {
        JsonNode p = node.get("preconditions");
        return p == null || p.isNull() ? null : p;
    }

    /** {@code reportProperties} as strings. */
    public Map<String, String> reportProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("reportProperties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    static boolean isSet(JsonNode n) {
        return n != null && !n.isNull() && !(n.isObject() && n.isEmpty());
    }
}
