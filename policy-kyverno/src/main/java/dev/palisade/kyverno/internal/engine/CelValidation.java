package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.lang.Bindings;
import dev.palisade.lang.CostMeter;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.Expressions;
import dev.palisade.lang.Program;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code validate.cel} rules ({@code pkg/engine/handlers/validation/validate_cel.go}) on Palisade's
 * rule language: {@code celPreconditions} as match conditions, {@code variables}, and
 * {@code expressions} with their messages, over Kyverno's CEL variables ({@code object},
 * {@code oldObject}, {@code request}, {@code namespaceObject}, {@code variables}). An expression
 * that is false fails the rule; one that errs fails it too (Kyverno's failure policy defaults to
 * Fail); false preconditions skip it. Programs are compiled once per expression text.
 */
final class CelValidation {
    /** Kubernetes' admission variables, with Kyverno's lenient {@code orValue} (cel-go 0.27's, which Kyverno keeps). */
    private static final Declarations DECLARATIONS = Declarations.of("object", "oldObject", "request", "params",
            "namespaceObject", "variables", "authorizer").toBuilder().lenientOrValue().build();
    private static final Map<String, Program> PROGRAMS = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 8192;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final KyvernoPolicy policy;
    private final PolicyContext pctx;
    private final Rule rule;

    CelValidation(KyvernoPolicy policy, PolicyContext pctx, Rule rule) {
        this.policy = policy;
        this.pctx = pctx;
        this.rule = rule;
    }

    /** Compiles (cached by text) an expression of a CEL rule. */
    static Program compile(String source) {
        Program cached = PROGRAMS.get(source);
        if (cached != null) {
            return cached;
        }
        Program program = Expressions.compile(source, DECLARATIONS);
        if (PROGRAMS.size() < MAX_CACHED) {
            PROGRAMS.put(source, program);
        }
        return program;
    }

    RuleResponse validate() {
        JsonNode cel = rule.validate().get("cel");
        if (cel.hasNonNull("paramKind") || cel.hasNonNull("paramRef")) {
            return RuleResponse.error(rule, RuleResponse.Type.VALIDATION, "error in parameterized resource",
                    "validate.cel with paramKind needs parameter resources from a cluster, which Palisade does not"
                            + " read for Kyverno rules");
        }
        Map<String, Object> values = new HashMap<>();
        JsonNode object = pctx.newResource().isObject() ? pctx.newResource() : NullNode.getInstance();
        JsonNode oldObject = pctx.oldResource().isObject() ? pctx.oldResource() : NullNode.getInstance();
        values.put("object", object);
        values.put("oldObject", oldObject);
        values.put("request", request(object.isObject() ? object : oldObject));
        values.put("params", NullNode.getInstance());
        values.put("namespaceObject", namespaceObject(object.isObject() ? object : oldObject));
        CostMeter meter = CostMeter.kubernetes();
        Map<String, Object> variables = new LinkedHashMap<>();
        values.put("variables", variables);
        Bindings bindings = name -> values.get(name);
        try {
            for (JsonNode v : cel.path("variables")) {
                Program program = compile(v.path("expression").asText(""));
                variables.put(v.path("name").asText(""), memo(() -> program.evaluate(bindings, meter)));
            }
            String error = null;
            for (JsonNode condition : rule.node().path("celPreconditions")) {
                Program program = compile(condition.path("expression").asText(""));
                try {
                    Object result = program.evaluate(bindings, meter);
                    if (Boolean.FALSE.equals(result)) {
                        return RuleResponse.skip(rule, RuleResponse.Type.VALIDATION, "cel preconditions not met");
                    }
                    if (!(result instanceof Boolean)) {
                        error = "matchCondition '" + condition.path("name").asText("") + "' must evaluate to bool";
                    }
                } catch (PalisadeException e) {
                    if (error == null) {
                        error = "matchCondition '" + condition.path("name").asText("") + "' failed: " + e.getMessage();
                    }
                }
            }
            if (error != null) {
                return RuleResponse.fail(rule, RuleResponse.Type.VALIDATION, error);
            }
            String ruleMessage = rule.validate().path("message").asText("");
            for (JsonNode validation : cel.path("expressions")) {
                String expression = validation.path("expression").asText("");
                Program program = compile(expression);
                Object result;
                try {
                    result = program.evaluate(bindings, meter);
                } catch (PalisadeException e) {
                    return RuleResponse.fail(rule, RuleResponse.Type.VALIDATION,
                            "expression '" + expression.strip() + "' resulted in error: " + e.getMessage());
                }
                if (!(result instanceof Boolean)) {
                    return RuleResponse.fail(rule, RuleResponse.Type.VALIDATION,
                            "expression '" + expression.strip() + "' resulted in error: must evaluate to bool");
                }
                if (!((Boolean) result)) {
                    return RuleResponse.fail(rule, RuleResponse.Type.VALIDATION,
                            message(validation, ruleMessage, expression, bindings, meter));
                }
            }
        } catch (PalisadeException e) {
            return RuleResponse.error(rule, RuleResponse.Type.VALIDATION, "Error while compiling CEL expressions",
                    e.getMessage());
        }
        return RuleResponse.pass(rule, RuleResponse.Type.VALIDATION, "Validation rule '" + rule.name() + "' passed.");
    }

    private static String message(JsonNode validation, String ruleMessage, String expression, Bindings bindings,
            CostMeter meter) {
        if (validation.hasNonNull("messageExpression")) {
            try {
                Object value = compile(validation.get("messageExpression").asText()).evaluate(bindings, meter);
                if (value instanceof String text && !text.isBlank() && text.indexOf('\n') < 0) {
                    return text;
                }
            } catch (PalisadeException e) {
                // Kubernetes falls back to the static message
            }
        }
        String message = validation.path("message").asText("");
        if (message.isEmpty()) {
            message = ruleMessage;
        }
        return message.isEmpty() ? "failed expression: " + expression.strip() : message;
    }

    private static Supplier<Object> memo(Supplier<Object> compute) {
        return Bindings.memoize(compute);
    }

    private JsonNode request(JsonNode object) {
        ObjectNode request = NODES.objectNode();
        ObjectNode kind = request.putObject("kind");
        kind.put("group", pctx.group()).put("version", pctx.version()).put("kind", pctx.kind());
        ObjectNode resource = request.putObject("resource");
        resource.put("group", "").put("version", "").put("resource", "");
        if (!pctx.subresource().isEmpty()) {
            request.put("subResource", pctx.subresource());
        }
        request.put("name", object.path("metadata").path("name").asText(""));
        String namespace = object.path("metadata").path("namespace").asText("");
        if (pctx.kind().equals("Namespace") && pctx.group().isEmpty()) {
            namespace = "";
        }
        request.put("namespace", namespace);
        request.put("operation", pctx.operation());
        ObjectNode userInfo = request.putObject("userInfo");
        RequestInfo info = pctx.requestInfo();
        if (!info.username().isEmpty()) {
            userInfo.put("username", info.username());
        }
        if (!info.groups().isEmpty()) {
            info.groups().forEach(userInfo.putArray("groups")::add);
        }
        request.put("dryRun", false);
        return request;
    }

    private JsonNode namespaceObject(JsonNode object) {
        String namespace = object.path("metadata").path("namespace").asText("");
        if (namespace.isEmpty() || pctx.kind().equals("Namespace") && pctx.group().isEmpty()) {
            return NullNode.getInstance();
        }
        ObjectNode ns = NODES.objectNode();
        ns.put("apiVersion", "v1");
        ns.put("kind", "Namespace");
        ObjectNode metadata = ns.putObject("metadata");
        metadata.put("name", namespace);
        if (!pctx.namespaceLabels().isEmpty()) {
            ObjectNode labels = metadata.putObject("labels");
            pctx.namespaceLabels().forEach(labels::put);
        }
        return ns;
    }
}
