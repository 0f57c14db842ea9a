package dev.palisade.kyverno.internal.engine;

import dev.palisade.kyverno.variables.JsonContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.LabelSelector;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.policy.MatchParser;
import dev.palisade.kyverno.internal.JsonValues;
import dev.palisade.kyverno.internal.mutate.JsonPatch;
import dev.palisade.kyverno.internal.mutate.StrategicMerge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Kyverno's mutate handlers ({@code pkg/engine/handlers/mutation}, {@code pkg/engine/mutate}):
 * {@code patchStrategicMerge} and {@code patchesJson6902} after variable substitution over the
 * whole rule, {@code foreach} mutations (nested, in reverse order for strategic merges, as
 * Kyverno does), and mutate-existing {@code targets}.
 */
final class Mutation {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Engine engine;
    private final KyvernoPolicy policy;
    private final PolicyContext pctx;
    private final Rule rule;

    /** The resource after the rule and the rule's responses. */
    record Result(JsonNode resource, List<RuleResponse> responses) {
    }

    /** A mutation's own outcome ({@code mutate.Response}). */
    private record Outcome(RuleResponse.Status status, JsonNode resource, String message) {
        static Outcome error(String message, String cause) {
            return new Outcome(RuleResponse.Status.ERROR, null, cause == null ? message : message + ": " + cause);
        }
    }

    Mutation(Engine engine, KyvernoPolicy policy, PolicyContext pctx, Rule rule) {
        this.engine = engine;
        this.policy = policy;
        this.pctx = pctx;
        this.rule = rule;
    }

    Result mutate(JsonNode resource, List<PolicyExceptions.Entry> candidates) {
        List<PolicyExceptions.Entry> matched = engine.matchingExceptions(candidates, pctx);
        if (!matched.isEmpty()) {
            return new Result(resource, List.of(Engine.skippedByExceptions(rule, RuleResponse.Type.MUTATION, matched,
                    false)));
        }
        if (rule.hasMutateExisting()) {
            return new Result(resource, mutateExisting());
        }
        Outcome outcome;
        JsonNode foreach = rule.mutate().get("foreach");
        if (foreach != null && !foreach.isNull()) {
            outcome = forEach(foreach, resource, 0);
        } else {
            outcome = mutateOnce(resource);
        }
        if (outcome == null) {
            return new Result(resource, List.of());
        }
        JsonNode patched = outcome.status() == RuleResponse.Status.ERROR ? resource : outcome.resource();
        return new Result(patched, List.of(response(outcome, false)));
    }

    private RuleResponse response(Outcome outcome, boolean target) {
        String message = outcome.message();
        if (outcome.status() == RuleResponse.Status.PASS) {
            message = successMessage(outcome.resource());
        }
        RuleResponse r = RuleResponse.of(rule, RuleResponse.Type.MUTATION, outcome.status(), message);
        if (target && outcome.status() == RuleResponse.Status.PASS) {
            r = r.withPatchedTarget(outcome.resource());
        }
        return r;
    }

    private static String successMessage(JsonNode r) {
        if (r == null || !r.isObject()) {
            return "mutated resource";
        }
        String ns = r.path("metadata").path("namespace").asText("");
        String base = "mutated " + r.path("kind").asText("") + "/" + r.path("metadata").path("name").asText("");
        return ns.isEmpty() ? base : base + " in namespace " + ns;
    }

    /** {@code mutate.Mutate}: the rule with its variables substituted, then its patch. */
    private Outcome mutateOnce(JsonNode resource) {
        JsonNode substituted;
        try {
            substituted = Vars.substitute(rule.node(), pctx.json());
        } catch (ExpressionException e) {
            return Outcome.error("variable substitution failed", e.getMessage());
        }
        JsonNode mutate = substituted.path("mutate");
        return patch(resource, mutate.get("patchStrategicMerge"), mutate.path("patchesJson6902").asText(""),
                rule.hasMutateExisting());
    }

    private Outcome patch(JsonNode resource, JsonNode strategic, String jsonPatch, boolean existing) {
        JsonNode patched;
        try {
            if (strategic != null && !strategic.isNull()) {
                patched = StrategicMerge.apply(resource, strategic);
            } else if (!jsonPatch.isEmpty()) {
                patched = JsonPatch.apply(resource, operations(jsonPatch));
            } else {
                return Outcome.error("empty mutate rule", null);
            }
        } catch (StrategicMerge.PatchException e) {
            return Outcome.error("failed to patch resource", e.getMessage());
        }
        patched = JsonValues.numbersAsUnstructured(patched);
        if (JsonValues.jsonEqual(patched, resource)) {
            return new Outcome(RuleResponse.Status.SKIP, resource, "no patches applied");
        }
        if (existing && patched.isObject()) {
            pctx.json().setTargetResource(patched);
        }
        return new Outcome(RuleResponse.Status.PASS, patched, "resource patched");
    }

    /** {@code patchesJson6902} as written: YAML unless it starts with {@code [}. */
    private static JsonNode operations(String text) {
        try {
            if (text.startsWith("[")) {
                return JSON.readTree(text);
            }
            List<dev.palisade.core.YamlDocument> docs = dev.palisade.core.ManifestReader.create()
                    .readDocuments("patchesJson6902", text);
            return docs.isEmpty() ? NODES.arrayNode() : docs.get(0).content();
        } catch (JsonProcessingException e) {
            throw new StrategicMerge.PatchException("failed to decode patches: " + e.getOriginalMessage());
        } catch (PalisadeException e) {
            throw new StrategicMerge.PatchException("failed to convert patchesJSON6902 to JSON: " + e.getMessage());
        }
    }

    // ---- foreach ----

    private Outcome forEach(JsonNode foreachList, JsonNode resource, int nesting) {
        int applyCount = 0;
        JsonNode current = resource;
        for (JsonNode foreach : foreachList) {
            List<JsonNode> elements;
            String list = foreach.path("list").asText("");
            try {
                elements = Engine.evaluateList(list, pctx.json());
            } catch (ExpressionException e) {
                return Outcome.error("failed to evaluate list " + list, e.getMessage());
            }
            Outcome outcome = mutateElements(foreach, elements, current, nesting);
            if (outcome.status() == RuleResponse.Status.ERROR) {
                return Outcome.error("failed to mutate elements", outcome.message());
            }
            if (outcome.status() != RuleResponse.Status.SKIP) {
                applyCount++;
                if (outcome.status() == RuleResponse.Status.PASS) {
                    current = outcome.resource();
                }
                if (outcome.resource() != null && outcome.resource().isObject()) {
                    pctx.json().addResource(outcome.resource());
                }
            }
        }
        String msg = applyCount + " elements processed";
        return new Outcome(applyCount == 0 ? RuleResponse.Status.SKIP : RuleResponse.Status.PASS, current, msg);
    }

    private Outcome mutateElements(JsonNode foreach, List<JsonNode> elements, JsonNode resource, int nesting) {
        JsonContext json = pctx.json();
        json.checkpoint();
        try {
            JsonNode patched = resource.deepCopy();
            boolean reverse = foreach.hasNonNull("patchStrategicMerge");
            if (foreach.hasNonNull("order")) {
                reverse = foreach.get("order").asText("").equals("Descending");
            }
            List<JsonNode> ordered = new ArrayList<>(elements);
            if (reverse) {
                Collections.reverse(ordered);
            }
            for (int i = 0; i < ordered.size(); i++) {
                JsonNode element = ordered.get(i);
                if (element == null || element.isNull() || element.isMissingNode()) {
                    continue;
                }
                int index = reverse ? ordered.size() - 1 - i : i;
                json.reset();
                try {
                    Engine.addElement(json, element, index, nesting, Boolean.FALSE);
                } catch (ExpressionException e) {
                    return Outcome.error("failed to add element to mutate.foreach[" + index + "].context",
                            e.getMessage());
                }
                try {
                    engine.loader().load(policy, rule, contextOf(foreach), json, 0);
                } catch (ExpressionException e) {
                    return Outcome.error("failed to load to mutate.foreach[" + index + "].context", e.getMessage());
                }
                Conditions.Outcome pre;
                try {
                    pre = Conditions.evaluate(foreach.get("preconditions"), json);
                } catch (ExpressionException e) {
                    return Outcome.error("failed to evaluate mutate.foreach[" + index + "].preconditions",
                            e.getMessage());
                }
                if (!pre.holds()) {
                    continue;
                }
                Outcome outcome;
                JsonNode nested = foreach.get("foreach");
                if (nested != null && nested.isArray() && !nested.isEmpty()) {
                    outcome = forEach(nested, patched, nesting + 1);
                } else {
                    outcome = mutateElement(foreach, patched);
                }
                if (outcome.status() == RuleResponse.Status.FAIL || outcome.status() == RuleResponse.Status.ERROR) {
                    return outcome;
                }
                if (outcome.status() == RuleResponse.Status.PASS) {
                    patched = outcome.resource();
                }
            }
            if (!JsonValues.jsonEqual(resource, patched)) {
                return new Outcome(RuleResponse.Status.PASS, patched, "");
            }
            return new Outcome(RuleResponse.Status.SKIP, patched, "no patches applied");
        } finally {
            json.restore();
        }
    }

    /** {@code mutate.ForEach}: one element's patch, substituted. */
    private Outcome mutateElement(JsonNode foreach, JsonNode resource) {
        ObjectNode patches = NODES.objectNode();
        patches.set("patchStrategicMerge", foreach.has("patchStrategicMerge") ? foreach.get("patchStrategicMerge")
                : NODES.nullNode());
        patches.put("patchesJson6902", foreach.path("patchesJson6902").asText(""));
        JsonNode substituted;
        try {
            substituted = Vars.substitute(patches, pctx.json());
        } catch (ExpressionException e) {
            return Outcome.error("variable substitution failed", e.getMessage());
        }
        return patch(resource, substituted.get("patchStrategicMerge"),
                substituted.path("patchesJson6902").asText(""), false);
    }

    private static JsonNode contextOf(JsonNode foreach) {
        JsonNode c = foreach.get("context");
        return c == null || c.isNull() ? NODES.arrayNode() : c;
    }

    // ---- mutate existing ----

    private List<RuleResponse> mutateExisting() {
        List<RuleResponse> responses = new ArrayList<>();
        JsonNode targets = rule.mutate().get("targets");
        List<String> errors = new ArrayList<>();
        record Target(JsonNode resource, JsonNode context, JsonNode preconditions) {
        }
        List<Target> found = new ArrayList<>();
        int i = 0;
        for (JsonNode target : targets) {
            ObjectNode selectorSpec = target.deepCopy();
            selectorSpec.remove("context");
            selectorSpec.remove("preconditions");
            JsonNode spec;
            try {
                spec = Vars.substitute(selectorSpec, pctx.json());
            } catch (ExpressionException e) {
                errors.add("failed to substitute variables in target[" + i + "]: " + e.getMessage());
                i++;
                continue;
            }
            i++;
            String namespace = spec.path("namespace").asText("");
            if (!policy.namespace().isEmpty()) {
                namespace = policy.namespace();
            }
            Optional<LabelSelector> selector;
            try {
                selector = spec.hasNonNull("selector") ? MatchParser.selector(spec.get("selector"), "targets.selector")
                        : Optional.empty();
            } catch (PalisadeException e) {
                errors.add(e.getMessage());
                continue;
            }
            for (JsonNode r : engine.resources().find(spec.path("apiVersion").asText(""), spec.path("kind").asText(""),
                    namespace, spec.path("name").asText(""))) {
                if (selector.isPresent() && !MatchBlock.selectorMatches(selector.get(),
                        MatchBlock.stringMap(r.path("metadata").path("labels")))) {
                    continue;
                }
                found.add(new Target(r, target.get("context"), target.get("preconditions")));
            }
        }
        if (!errors.isEmpty()) {
            responses.add(RuleResponse.error(rule, RuleResponse.Type.MUTATION, "", String.join("; ", errors)));
        }
        for (Target target : found) {
            pctx.json().setTargetResource(target.resource());
            try {
                engine.loader().load(policy, rule, target.context() == null ? NODES.arrayNode() : target.context(),
                        pctx.json(), 0);
            } catch (ExpressionException e) {
                responses.add(RuleResponse.error(rule, RuleResponse.Type.MUTATION, "failed to load context",
                        e.getMessage()));
                continue;
            }
            Conditions.Outcome pre;
            try {
                pre = Conditions.evaluate(target.preconditions(), pctx.json());
            } catch (ExpressionException e) {
                responses.add(RuleResponse.error(rule, RuleResponse.Type.MUTATION, "failed to evaluate preconditions",
                        e.getMessage()));
                continue;
            }
            if (!pre.holds()) {
                responses.add(RuleResponse.skip(rule, RuleResponse.Type.MUTATION,
                        Conditions.joinNonEmpty(List.of("preconditions not met", pre.message()), "; ")));
                continue;
            }
            Outcome outcome;
            JsonNode foreach = rule.mutate().get("foreach");
            if (foreach != null && !foreach.isNull()) {
                outcome = forEach(foreach, target.resource(), 0);
            } else {
                outcome = mutateOnce(target.resource());
            }
            if (outcome != null) {
                responses.add(response(outcome, true));
            }
        }
        return responses;
    }
}
