package dev.palisade.kyverno.internal.engine;

import dev.palisade.kyverno.variables.JsonContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.palisade.kyverno.internal.PatternValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * Kyverno's validate handler for pattern, anyPattern, deny and foreach rules
 * ({@code pkg/engine/handlers/validation/validate_resource.go}), nested foreach included; CEL and
 * Pod Security rules go to {@link CelValidation} and {@link PodSecurityValidation}.
 */
final class Validation {
    private final Engine engine;
    private final KyvernoPolicy policy;
    private final PolicyContext pctx;
    private final Rule rule;
    private final int nesting;
    private final JsonNode element;

    Validation(Engine engine, KyvernoPolicy policy, PolicyContext pctx, Rule rule, int nesting) {
        this(engine, policy, pctx, rule, nesting, MissingNode.getInstance());
    }

    private Validation(Engine engine, KyvernoPolicy policy, PolicyContext pctx, Rule rule, int nesting,
            JsonNode element) {
        this.engine = engine;
        this.policy = policy;
        this.pctx = pctx;
        this.rule = rule;
        this.nesting = nesting;
        this.element = element;
    }

    /** The rule's responses (after match, context and preconditions). */
    List<RuleResponse> validateRule(List<PolicyExceptions.Entry> candidates) {
        JsonNode validate = rule.validate();
        if (validate.hasNonNull("podSecurity")) {
            RuleResponse r = new PodSecurityValidation(engine, policy, pctx, rule).validate(candidates);
            return r == null ? List.of() : List.of(r);
        }
        List<PolicyExceptions.Entry> matched = engine.matchingExceptions(candidates, pctx);
        if (!matched.isEmpty()) {
            return List.of(Engine.skippedByExceptions(rule, RuleResponse.Type.VALIDATION, matched, false));
        }
        if (validate.hasNonNull("cel")) {
            return List.of(new CelValidation(policy, pctx, rule).validate());
        }
        if (validate.hasNonNull("manifests") || validate.hasNonNull("assert")) {
            return List.of(RuleResponse.error(rule, RuleResponse.Type.VALIDATION, "validate."
                    + (validate.hasNonNull("manifests") ? "manifests" : "assert")
                    + " rules are not supported by Palisade"));
        }
        RuleResponse r = validate(validate, null);
        return r == null ? List.of() : List.of(r);
    }

    /**
     * Kyverno's {@code validator.validate}: at the rule level (no foreach context) or for one
     * foreach element.
     *
     * @param foreach the foreach declaration (its context, preconditions, pattern, deny, nested
     *     foreach), or null at the rule level
     */
    private RuleResponse validate(JsonNode spec, JsonNode foreach) {
        JsonNode source = foreach == null ? spec : foreach;
        if (foreach != null) {
            try {
                engine.loader().load(policy, rule, contextOf(foreach), pctx.json(), 0);
            } catch (ExpressionException e) {
                return RuleResponse.error(rule, RuleResponse.Type.VALIDATION, "failed to load context", e.getMessage());
            }
            Conditions.Outcome pre;
            try {
                pre = Conditions.evaluate(foreach.get("preconditions"), pctx.json());
            } catch (ExpressionException e) {
                return RuleResponse.error(rule, RuleResponse.Type.VALIDATION, "failed to evaluate preconditions",
                        e.getMessage());
            }
            if (!pre.holds()) {
                return RuleResponse.skip(rule, RuleResponse.Type.VALIDATION,
                        Conditions.joinNonEmpty(List.of("preconditions not met", pre.message()), "; "));
            }
        }
        if (source.hasNonNull("deny")) {
            return validateDeny(source.get("deny"));
        }
        if (source.hasNonNull("pattern") || source.hasNonNull("anyPattern")) {
            JsonNode pattern = source.get("pattern");
            JsonNode anyPattern = source.get("anyPattern");
            try {
                if (pattern != null && !pattern.isNull()) {
                    pattern = Vars.substitute(pattern, pctx.json());
                } else {
                    anyPattern = Vars.substitute(anyPattern, pctx.json());
                }
            } catch (ExpressionException e) {
                return RuleResponse.error(rule, RuleResponse.Type.VALIDATION, "variable substitution failed",
                        e.getMessage());
            }
            JsonNode target = element.isObject() ? element : pctx.newResource();
            if (!element.isObject() && pctx.isDelete()) {
                return null;
            }
            return validatePatterns(target, pattern, anyPattern);
        }
        JsonNode nested = source.get("foreach");
        if (nested != null && !nested.isNull()) {
            return validateForEach(nested);
        }
        return null;
    }

    private static JsonNode contextOf(JsonNode foreach) {
        JsonNode c = foreach.get("context");
        return c == null || c.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode() : c;
    }

    private RuleResponse validateForEach(JsonNode foreachList) {
        int applyCount = 0;
        ExpressionException listError = null;
        for (JsonNode foreach : foreachList) {
            List<JsonNode> elements;
            try {
                elements = Engine.evaluateList(foreach.path("list").asText(""), pctx.json());
            } catch (ExpressionException e) {
                if (e.getMessage() != null && e.getMessage().contains("Unknown key")) {
                    continue;
                }
                listError = e;
                continue;
            }
            Boolean elementScope = foreach.hasNonNull("elementScope") ? foreach.get("elementScope").asBoolean() : null;
            ElementsOutcome outcome = validateElements(foreach, elements, elementScope);
            if (outcome.response.status() != RuleResponse.Status.PASS) {
                return outcome.response;
            }
            applyCount += outcome.applyCount;
        }
        if (applyCount == 0) {
            if (listError != null) {
                return RuleResponse.error(rule, RuleResponse.Type.VALIDATION, "failed to evaluate list",
                        listError.getMessage());
            }
            return null;
        }
        return RuleResponse.pass(rule, RuleResponse.Type.VALIDATION, "rule passed");
    }

    private record ElementsOutcome(RuleResponse response, int applyCount) {
    }

    private ElementsOutcome validateElements(JsonNode foreach, List<JsonNode> elements, Boolean elementScope) {
        JsonContext json = pctx.json();
        json.checkpoint();
        try {
            int applyCount = 0;
            String listPointer = listPointer(foreach.path("list").asText(""));
            for (int index = 0; index < elements.size(); index++) {
                JsonNode element = elements.get(index);
                if (element == null || element.isNull() || element.isMissingNode()) {
                    continue;
                }
                json.reset();
                JsonNode scoped;
                try {
                    scoped = Engine.addElement(json, element, index, nesting, elementScope);
                } catch (ExpressionException e) {
                    return new ElementsOutcome(RuleResponse.error(rule, RuleResponse.Type.VALIDATION,
                            "failed to process foreach", e.getMessage()), applyCount);
                }
                Validation nested = new Validation(engine, policy, pctx, rule, nesting + 1,
                        scoped.isObject() ? scoped : this.element);
                RuleResponse r = nested.validate(null, foreach);
                if (r == null || r.status() == RuleResponse.Status.SKIP) {
                    continue;
                }
                if (r.status() != RuleResponse.Status.PASS) {
                    if (r.status() == RuleResponse.Status.ERROR
                            && r.message().contains("failed to evaluate preconditions")) {
                        continue;
                    }
                    String pointer = r.pointer();
                    if (listPointer != null) {
                        pointer = listPointer + "/" + index + (scoped.isObject() ? pointer : "");
                    }
                    return new ElementsOutcome(new RuleResponse(rule.name(), RuleResponse.Type.VALIDATION, r.status(),
                            "validation failure: " + r.message(), pointer, rule.reportProperties(), List.of(), null,
                            List.of()), applyCount);
                }
                applyCount++;
            }
            return new ElementsOutcome(RuleResponse.pass(rule, RuleResponse.Type.VALIDATION, ""), applyCount);
        } finally {
            json.restore();
        }
    }

    /**
     * The JSON pointer of a foreach list when it is a plain path into the object
     * ({@code request.object.spec.containers} → {@code /spec/containers}), for finding positions.
     */
    static String listPointer(String list) {
        String s = list.strip();
        String prefix = "request.object.";
        if (!s.startsWith(prefix)) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String part : s.substring(prefix.length()).split("\\.", -1)) {
            if (!part.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return null;
            }
            out.append('/').append(part);
        }
        return out.toString();
    }

    private RuleResponse validateDeny(JsonNode deny) {
        Conditions.Outcome outcome;
        try {
            outcome = Conditions.evaluate(deny.get("conditions"), pctx.json());
        } catch (ExpressionException e) {
            return RuleResponse.error(rule, RuleResponse.Type.VALIDATION, "failed to check deny conditions",
                    e.getMessage());
        }
        if (outcome.holds()) {
            return RuleResponse.fail(rule, RuleResponse.Type.VALIDATION, denyMessage(true, outcome.message()));
        }
        return RuleResponse.pass(rule, RuleResponse.Type.VALIDATION, denyMessage(false, outcome.message()));
    }

    private String denyMessage(boolean deny, String msg) {
        if (!deny) {
            return "validation rule '" + rule.name() + "' passed.";
        }
        String ruleMessage = rule.validate().path("message").asText("");
        if (ruleMessage.isEmpty() && msg.isEmpty()) {
            return "validation error: rule " + rule.name() + " failed";
        }
        String s = Conditions.joinNonEmpty(List.of(ruleMessage, msg), "; ");
        JsonNode raw;
        try {
            raw = Vars.substitute(com.fasterxml.jackson.databind.node.TextNode.valueOf(s),
                    pctx.json());
        } catch (ExpressionException e) {
            return msg;
        }
        if (raw.isTextual()) {
            return raw.textValue();
        }
        return "the produced message didn't resolve to a string, check your policy definition.";
    }

    private RuleResponse validatePatterns(JsonNode resource, JsonNode pattern, JsonNode anyPattern) {
        if (pattern != null && !pattern.isNull()) {
            PatternValidator.Outcome outcome = PatternValidator.match(resource, pattern);
            if (outcome instanceof PatternValidator.Skip skip) {
                return RuleResponse.skip(rule, RuleResponse.Type.VALIDATION, skip.message());
            }
            if (outcome instanceof PatternValidator.Failure f) {
                if (f.path().isEmpty()) {
                    return RuleResponse.error(rule, RuleResponse.Type.VALIDATION, errorMessage(f.message(), ""));
                }
                return RuleResponse.fail(rule, RuleResponse.Type.VALIDATION, errorMessage(f.message(), f.path()))
                        .at(f.pointer());
            }
            return RuleResponse.pass(rule, RuleResponse.Type.VALIDATION,
                    "validation rule '" + rule.name() + "' passed.");
        }
        if (anyPattern != null && !anyPattern.isNull()) {
            if (!anyPattern.isArray()) {
                return RuleResponse.error(rule, RuleResponse.Type.VALIDATION,
                        "failed to deserialize anyPattern, expected type array");
            }
            List<String> failed = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            String firstPointer = "";
            for (int i = 0; i < anyPattern.size(); i++) {
                PatternValidator.Outcome outcome = PatternValidator.match(resource, anyPattern.get(i));
                if (outcome instanceof PatternValidator.Pass) {
                    return RuleResponse.pass(rule, RuleResponse.Type.VALIDATION,
                            "validation rule '" + rule.name() + "' anyPattern[" + i + "] passed.");
                }
                if (outcome instanceof PatternValidator.Skip skip) {
                    skipped.add("rule " + rule.name() + "[" + i + "] skipped: " + skip.message());
                } else if (outcome instanceof PatternValidator.Failure f) {
                    if (f.path().isEmpty()) {
                        failed.add("rule " + rule.name() + "[" + i + "] failed: " + f.message());
                    } else {
                        failed.add("rule " + rule.name() + "[" + i + "] failed at path " + f.path());
                        if (firstPointer.isEmpty()) {
                            firstPointer = f.pointer();
                        }
                    }
                }
            }
            if (!skipped.isEmpty() && failed.isEmpty()) {
                return RuleResponse.skip(rule, RuleResponse.Type.VALIDATION, String.join(" ", skipped));
            }
            if (!failed.isEmpty()) {
                return RuleResponse.fail(rule, RuleResponse.Type.VALIDATION, anyPatternMessage(failed))
                        .at(firstPointer);
            }
        }
        return RuleResponse.pass(rule, RuleResponse.Type.VALIDATION, rule.validate().path("message").asText(""));
    }

    private String substitutedMessage() {
        String message = rule.validate().path("message").asText("");
        JsonNode raw = Vars.substitute(com.fasterxml.jackson.databind.node.TextNode.valueOf(message), pctx.json());
        return raw.isTextual() ? raw.textValue() : raw.toString();
    }

    private String errorMessage(String error, String path) {
        String message = rule.validate().path("message").asText("");
        if (message.isEmpty()) {
            if (!path.isEmpty()) {
                return "validation error: rule " + rule.name() + " failed at path " + path;
            }
            return "validation error: rule " + rule.name() + " execution error: " + error;
        }
        String msg;
        try {
            msg = substitutedMessage();
        } catch (ExpressionException e) {
            return "validation error: variables substitution error in rule " + rule.name() + " execution error: "
                    + error;
        }
        if (!msg.endsWith(".")) {
            msg = msg + ".";
        }
        if (!path.isEmpty()) {
            return "validation error: " + msg + " rule " + rule.name() + " failed at path " + path;
        }
        return "validation error: " + msg + " rule " + rule.name() + " execution error: " + error;
    }

    private String anyPatternMessage(List<String> errors) {
        String errStr = String.join(" ", errors);
        String message = rule.validate().path("message").asText("");
        if (message.isEmpty()) {
            return "validation error: " + errStr;
        }
        String msg;
        try {
            msg = substitutedMessage();
        } catch (ExpressionException e) {
            return "validation error: variables substitution error in rule " + rule.name() + " execution error: "
                    + errStr;
        }
        if (msg.endsWith(".")) {
            return "validation error: " + msg + " " + errStr;
        }
        return "validation error: " + msg + ". " + errStr;
    }

    static JsonNode missing() {
        return MissingNode.getInstance();
    }
}
