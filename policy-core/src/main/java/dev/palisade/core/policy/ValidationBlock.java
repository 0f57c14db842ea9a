package dev.palisade.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.FindingSink;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.core.policy.internal.ExpressionSource;
import dev.palisade.core.policy.internal.ForEach;
import dev.palisade.lang.Bindings;
import dev.palisade.lang.CostMeter;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.NullValue;
import dev.palisade.lang.Program;
import dev.palisade.lang.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The one home of ValidatingAdmissionPolicy semantics: a compiled VAP-shaped block —
 * {@code matchConditions}, {@code variables}, {@code validations} ({@code expression},
 * {@code message}, {@code messageExpression}, {@code reason}; Palisade policies add {@code path} and
 * {@code forEach}), {@code auditAnnotations} and {@code failurePolicy} — read from any document
 * (a Palisade {@code Policy}, a {@code ValidatingAdmissionPolicy}, a Gatekeeper template's
 * {@code K8sNativeValidation} source) and run as the API server runs it:
 *
 * <ul>
 *   <li>a false match condition skips the block; an erring one is an error unless another is false;</li>
 *   <li>variables are computed when first read, at most once per evaluation;</li>
 *   <li>a false validation reports its {@code messageExpression}'s result when that is a non-empty
 *       string without line breaks (cut at {@value #MAX_MESSAGE_CHARS} characters), else its
 *       {@code message}, else {@code failed expression: <expression>};</li>
 *   <li>a validation that errs (or returns a non-bool) does not stop the others: the first error is
 *       thrown after every validation and audit annotation has run, so the policy's failure policy
 *       decides what it means;</li>
 *   <li>audit annotations are strings (cut at {@value #MAX_ANNOTATION_CHARS} characters) or null.</li>
 * </ul>
 *
 * <p>Compiled once, immutable and thread-safe; each evaluation has its own {@link CostMeter}.
 */
public final class ValidationBlock {
    /** Kubernetes caps the result of a message expression at 5 KiB. */
    public static final int MAX_MESSAGE_CHARS = 5 * 1024;
    /** Kubernetes caps an audit annotation's value at 10 KiB. */
    public static final int MAX_ANNOTATION_CHARS = 10 * 1024;

    /**
     * What a block may contain and how its expressions compile.
     *
     * @param declarations the variables expressions may use
     * @param forEach whether validations may have Palisade's {@code forEach} and {@code path}
     * @param reservedVariables variable names the block may not declare (host variables)
     */
    public record Options(Declarations declarations, boolean forEach, Set<String> reservedVariables) {
        /**
         * Validates the fields and copies the reserved names.
         *
         * @param declarations the variables expressions may use
         * @param forEach whether validations may have Palisade's {@code forEach} and {@code path}
         * @param reservedVariables variable names the block may not declare (host variables)
         */
        public Options {
            Objects.requireNonNull(declarations, "declarations");
            reservedVariables = Set.copyOf(reservedVariables);
        }

        /**
         * {@return a ValidatingAdmissionPolicy's block: admission variables, no {@code forEach}, nothing reserved}
         */
        public static Options admission() {
            return new Options(Declarations.admission(), false, Set.of());
        }
    }

    private record Named(String name, Program program) {
    }

    private record Validation(Program expression, String message, Optional<Program> messageExpression, String reason,
            String path, Optional<ForEach> forEach) {
    }

    private final List<Named> matchConditions;
    private final List<Named> variables;
    private final List<Validation> validations;
    private final List<Named> auditAnnotations;
    private final FailurePolicy failurePolicy;

    private ValidationBlock(List<Named> matchConditions, List<Named> variables, List<Validation> validations,
            List<Named> auditAnnotations, FailurePolicy failurePolicy) {
        this.matchConditions = List.copyOf(matchConditions);
        this.variables = List.copyOf(variables);
        this.validations = List.copyOf(validations);
        this.auditAnnotations = List.copyOf(auditAnnotations);
        this.failurePolicy = failurePolicy;
    }

    /**
     * Reads and compiles the block at a JSON pointer of a document ({@code /spec} of a policy,
     * {@code /spec/targets/0/code/0/source} of a Gatekeeper template).
     *
     * @param document the document
     * @param pointer the JSON pointer of the block
     * @param options what the block may hold and how it compiles
     * @return the block
     * @throws PalisadeException naming the field ({@code spec.validations[0].expression}) at its line,
     *     with the compiler's caret excerpt for expressions
     */
    public static ValidationBlock read(Resource document, String pointer, Options options) {
        return new Reader(document, pointer, options).read();
    }

    /** {@return {@code failurePolicy}: {@code Fail} (the default) or {@code Ignore}} */
    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    /** {@return the number of validations (for tools and tests)} */
    public int validationCount() {
        return validations.size();
    }

    /**
     * Runs the block on the bindings, reporting each violation (its message after {@code prefix}) to
     * the sink and each audit annotation with {@link FindingSink#annotate}.
     *
     * @param input the bindings
     * @param meter charges the expressions' cost
     * @param sink receives violations and audit annotations
     * @throws PalisadeException when an expression fails; violations found before and after it stay
     *     reported
     */
    public void evaluate(ValidationInput input, CostMeter meter, FindingSink sink) {
        Map<String, Object> values = new HashMap<>(8);
        values.put("object", input.object());
        values.put("oldObject", input.oldObject());
        values.put("request", input.request());
        values.put("params", input.params());
        values.put("namespaceObject", input.namespaceObject());
        values.put("variables", variables(input, values, meter));
        Bindings bindings = values::get;
        if (!conditionsHold(bindings, meter)) {
            return;
        }
        PalisadeException failure = null;
        for (Validation validation : validations) {
            try {
                if (validation.forEach().isPresent()) {
                    evaluateEach(validation, input, values, meter, sink);
                } else if (!isTrue(validation.expression(), bindings, meter)) {
                    sink.report(message(validation, bindings, meter), validation.path());
                }
            } catch (PalisadeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        for (Named annotation : auditAnnotations) {
            try {
                Object value = annotation.program().evaluate(bindings, meter);
                if (value instanceof String text) {
                    sink.annotate(annotation.name(), text.length() > MAX_ANNOTATION_CHARS
                            ? text.substring(0, MAX_ANNOTATION_CHARS) : text);
                } else if (value != null && value != NullValue.NULL && !(value instanceof NullNode)) {
                    throw new PalisadeException("auditAnnotations '" + annotation.name()
                            + "': valueExpression must return a string or null");
                }
            } catch (PalisadeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private boolean conditionsHold(Bindings bindings, CostMeter meter) {
        PalisadeException error = null;
        for (Named condition : matchConditions) {
            try {
                if (!isTrue(condition.program(), bindings, meter)) {
                    return false;
                }
            } catch (PalisadeException e) {
                if (error == null) {
                    error = new PalisadeException("matchCondition '" + condition.name() + "' failed: "
                            + e.getMessage(), e);
                }
            }
        }
        if (error != null) {
            throw error;
        }
        return true;
    }

    private void evaluateEach(Validation validation, ValidationInput input, Map<String, Object> values,
            CostMeter meter, FindingSink sink) {
        if (!(input.object() instanceof JsonNode object) || !object.isObject()) {
            return;
        }
        for (ForEach.Element element : validation.forEach().get().elements(input.resource())) {
            Map<String, Object> scoped = new HashMap<>(values);
            scoped.put("element", element.value());
            scoped.put("index", element.index());
            Bindings bindings = scoped::get;
            if (!isTrue(validation.expression(), bindings, meter)) {
                String path = validation.path().isEmpty() ? element.path() : element.path() + "/" + validation.path();
                sink.report(message(validation, bindings, meter), path);
            }
        }
    }

    private static boolean isTrue(Program program, Bindings bindings, CostMeter meter) {
        Object value = program.evaluate(bindings, meter);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new PalisadeException("expression must evaluate to a bool, not " + Values.toJson(value)
                + ": " + program.source());
    }

    private static String message(Validation validation, Bindings bindings, CostMeter meter) {
        if (validation.messageExpression().isPresent()) {
            try {
                Object value = validation.messageExpression().get().evaluate(bindings, meter);
                if (value instanceof String text && !text.isBlank() && text.indexOf('\n') < 0) {
                    return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) : text;
                }
            } catch (PalisadeException e) {
                // Kubernetes falls back to the static message when the message expression fails.
            }
        }
        return validation.message();
    }

    private Map<String, Object> variables(ValidationInput input, Map<String, Object> values, CostMeter meter) {
        if (variables.isEmpty() && input.hostVariables().isEmpty()) {
            return Map.of();
        }
        Map<String, Object> lazy = new LinkedHashMap<>(input.hostVariables());
        Bindings bindings = values::get;
        for (Named variable : variables) {
            lazy.put(variable.name(), new Memo(() -> {
                try {
                    return variable.program().evaluate(bindings, meter);
                } catch (PalisadeException e) {
                    throw new PalisadeException("variable '" + variable.name() + "' failed: " + e.getMessage(), e);
                }
            }));
        }
        return lazy;
    }

    /** Computes a value once (an error is not remembered: it is thrown again to each reader). */
    private static final class Memo implements Supplier<Object> {
        private final Supplier<Object> compute;
        private Object value;
        private boolean done;

        Memo(Supplier<Object> compute) {
            this.compute = compute;
        }

        @Override
        public Object get() {
            if (!done) {
                value = compute.get();
                done = true;
            }
            return value;
        }
    }

    /** Reads a block, naming every bad field with its path from the document's root. */
    private static final class Reader {
        private final Resource document;
        private final String pointer;
        private final Options options;
        private final ExpressionSource source;

        Reader(Resource document, String pointer, Options options) {
            this.document = document;
            this.pointer = pointer;
            this.options = options;
            this.source = new ExpressionSource(document, options.declarations());
        }

        ValidationBlock read() {
            JsonNode block = document.object().at(pointer);
            List<Named> conditions = named(block, "matchConditions", "expression");
            List<Named> variables = named(block, "variables", "expression");
            for (int i = 0; i < variables.size(); i++) {
                if (options.reservedVariables().contains(variables.get(i).name())) {
                    throw error("variables/" + i + "/name", "'" + variables.get(i).name() + "' is reserved (the host"
                            + " provides variables." + variables.get(i).name() + "); choose another name");
                }
            }
            List<Named> annotations = named(block, "auditAnnotations", "valueExpression");
            List<Validation> validations = new ArrayList<>();
            JsonNode list = block.path("validations");
            if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
                throw error("validations", "must be a list");
            }
            for (int i = 0; i < list.size(); i++) {
                validations.add(validation(list.get(i), i));
            }
            if (validations.isEmpty() && annotations.isEmpty()) {
                throw error("validations", "is empty: a policy needs at least one validation (or audit annotation)");
            }
            return new ValidationBlock(conditions, variables, validations, annotations, failurePolicy(block));
        }

        private Validation validation(JsonNode node, int i) {
            String at = "validations/" + i;
            if (!node.isObject()) {
                throw error(at, "must be a mapping with an expression");
            }
            Set<String> known = options.forEach() ? Set.of("expression", "message", "messageExpression", "reason",
                    "path", "forEach") : Set.of("expression", "message", "messageExpression", "reason");
            node.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    throw error(at + "/" + name, "is not a validation field; known: " + String.join(", ",
                            new TreeSet<>(known)));
                }
            });
            Program expression = compile(at + "/expression");
            String message = node.path("message").asText("");
            if (message.indexOf('\n') >= 0) {
                throw error(at + "/message", "must not contain line breaks");
            }
            if (message.isEmpty()) {
                message = "failed expression: " + expression.source().strip();
            }
            Optional<Program> messageExpression = node.has("messageExpression")
                    ? Optional.of(compile(at + "/messageExpression")) : Optional.empty();
            String path = node.path("path").asText("");
            Optional<ForEach> forEach = Optional.empty();
            if (node.has("forEach")) {
                String listName = node.path("forEach").asText("");
                if (!listName.equals(ForEach.CONTAINERS) && !listName.startsWith("/")) {
                    throw error(at + "/forEach", "must be 'containers' or a JSON pointer such as /spec/rules");
                }
                forEach = Optional.of(new ForEach(listName));
                if (path.startsWith("/")) {
                    throw error(at + "/path", "is relative to each element in a forEach validation (no leading /)");
                }
            } else if (!path.isEmpty() && !path.startsWith("/")) {
                throw error(at + "/path", "must be a JSON pointer such as /spec/replicas");
            }
            return new Validation(expression, message, messageExpression, node.path("reason").asText("Invalid"), path,
                    forEach);
        }

        private List<Named> named(JsonNode block, String field, String expressionField) {
            JsonNode list = block.path(field);
            List<Named> programs = new ArrayList<>();
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
                    throw error(field + "/" + i, "needs a " + nameField);
                }
                if (!names.add(name)) {
                    throw error(field + "/" + i + "/" + nameField, "'" + name + "' is used twice");
                }
                programs.add(new Named(name, compile(field + "/" + i + "/" + expressionField)));
            }
            return programs;
        }

        private FailurePolicy failurePolicy(JsonNode block) {
            JsonNode node = block.path("failurePolicy");
            if (node.isMissingNode() || node.isNull()) {
                return FailurePolicy.FAIL;
            }
            return switch (node.asText()) {
                case "Fail" -> FailurePolicy.FAIL;
                case "Ignore" -> FailurePolicy.IGNORE;
                default -> throw error("failurePolicy", "must be Fail or Ignore, not '" + node.asText() + "'");
            };
        }

        private Program compile(String relative) {
            String at = pointer + "/" + relative;
            return source.compile(at, fieldName(at));
        }

        private PalisadeException error(String relative, String message) {
            String at = pointer + "/" + relative;
            return new PalisadeException(fieldName(at) + " " + message, document.locate(at));
        }
    }

    /** A JSON pointer as messages name the field: {@code /spec/validations/0} is {@code spec.validations[0]}. */
    static String fieldName(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            if (!part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
                out.append('[').append(part).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.toString();
    }
}
