package dev.palisade.core.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.PalisadeException;
import dev.palisade.lang.Program;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the expression blocks shared by Palisade policies and ValidatingAdmissionPolicies —
 * {@code matchConditions}, {@code variables}, {@code validations}, {@code auditAnnotations} — and
 * compiles them, naming the field of every error.
 */
public final class RuleSetReader {
    private final ExpressionSource source;
    private final String specPointer;

    public RuleSetReader(ExpressionSource source, String specPointer) {
        this.source = source;
        this.specPointer = specPointer;
    }

    public CelRuleSet read(boolean allowForEach) {
        JsonNode spec = source.document().object().at(specPointer);
        List<NamedProgram> conditions = named(spec, "matchConditions", "expression");
        List<NamedProgram> variables = named(spec, "variables", "expression");
        List<NamedProgram> annotations = named(spec, "auditAnnotations", "valueExpression");
        List<CompiledValidation> validations = new ArrayList<>();
        JsonNode list = spec.path("validations");
        if (!list.isMissingNode() && !list.isArray()) {
            throw error("validations", "must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            validations.add(validation(list.get(i), i, allowForEach));
        }
        if (validations.isEmpty() && annotations.isEmpty()) {
            throw error("validations", "is empty: a policy needs at least one validation (or audit annotation)");
        }
        return new CelRuleSet(conditions, variables, validations, annotations);
    }

    private CompiledValidation validation(JsonNode node, int i, boolean allowForEach) {
        String field = "validations[" + i + "]";
        String pointer = specPointer + "/validations/" + i;
        if (!node.isObject()) {
            throw error(field, "must be a mapping with an expression");
        }
        Set<String> known = allowForEach ? Set.of("expression", "message", "messageExpression", "reason", "path",
                "forEach") : Set.of("expression", "message", "messageExpression", "reason");
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw error(field + "." + name, "is not a validation field; known: " + String.join(", ",
                        new java.util.TreeSet<>(known)));
            }
        });
        Program expression = source.compile(pointer + "/expression", "spec." + field + ".expression");
        String message = node.path("message").asText("");
        if (message.indexOf('\n') >= 0) {
            throw error(field + ".message", "must not contain line breaks");
        }
        if (message.isEmpty()) {
            message = "failed expression: " + expression.source().strip();
        }
        Optional<Program> messageExpression = node.has("messageExpression")
                ? Optional.of(source.compile(pointer + "/messageExpression", "spec." + field + ".messageExpression"))
                : Optional.empty();
        String path = node.path("path").asText("");
        Optional<ForEach> forEach = Optional.empty();
        if (node.has("forEach")) {
            String list = node.path("forEach").asText("");
            if (!list.equals(ForEach.CONTAINERS) && !list.startsWith("/")) {
                throw error(field + ".forEach", "must be 'containers' or a JSON pointer such as /spec/rules");
            }
            forEach = Optional.of(new ForEach(list));
            if (path.startsWith("/")) {
                throw error(field + ".path", "is relative to each element in a forEach validation (no leading /)");
            }
        } else if (!path.isEmpty() && !path.startsWith("/")) {
            throw error(field + ".path", "must be a JSON pointer such as /spec/replicas");
        }
        return new CompiledValidation(expression, message, messageExpression, node.path("reason").asText("Invalid"),
                path, forEach);
    }

    private List<NamedProgram> named(JsonNode spec, String field, String expressionField) {
        JsonNode list = spec.path(field);
        List<NamedProgram> programs = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return programs;
        }
        if (!list.isArray()) {
            throw error(field, "must be a list");
        }
        Set<String> names = new HashSet<>();
        String nameField = field.equals("auditAnnotations") ? "key" : "name";
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).path(nameField).asText("");
            if (name.isEmpty()) {
                throw error(field + "[" + i + "]", "needs a " + nameField);
            }
            if (!names.add(name)) {
                throw error(field + "[" + i + "]." + nameField, "'" + name + "' is used twice");
            }
            programs.add(new NamedProgram(name, source.compile(specPointer + "/" + field + "/" + i + "/"
                    + expressionField, "spec." + field + "[" + i + "]." + expressionField)));
        }
        return programs;
    }

    /** Reads {@code failurePolicy}: {@code Fail} (default) or {@code Ignore}. */
    public FailurePolicy failurePolicy() {
        JsonNode node = source.document().object().at(specPointer + "/failurePolicy");
        if (node.isMissingNode() || node.isNull()) {
            return FailurePolicy.FAIL;
        }
        return switch (node.asText()) {
            case "Fail" -> FailurePolicy.FAIL;
            case "Ignore" -> FailurePolicy.IGNORE;
            default -> throw error("failurePolicy", "must be Fail or Ignore, not '" + node.asText() + "'");
        };
    }

    private PalisadeException error(String field, String message) {
        String pointer = specPointer + "/" + field.replaceAll("\\[(\\d+)]", "/$1").replace('.', '/');
        return new PalisadeException("spec." + field + " " + message, source.document().locate(pointer));
    }
}
