package dev.palisade.core.policy.internal;

import dev.palisade.core.FindingSink;
import dev.palisade.core.PalisadeException;
import dev.palisade.lang.Bindings;
import dev.palisade.lang.CostMeter;
import dev.palisade.lang.Program;
import dev.palisade.lang.Values;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The compiled expressions of one CEL policy — match conditions, variables, validations and audit
 * annotations — and how they run, with the semantics of ValidatingAdmissionPolicy: any false match
 * condition skips the policy; an error with no false condition is a failure; variables are computed
 * lazily, at most once per evaluation; a false validation reports its message; a validation that
 * errs makes the evaluation fail (handled by the policy's failure policy) after the other
 * validations have run. Immutable.
 */
public final class CelRuleSet {
    /** Kubernetes caps the result of a message expression at 5 KiB. */
    static final int MAX_MESSAGE_CHARS = 5 * 1024;

    private final List<NamedProgram> matchConditions;
    private final List<NamedProgram> variables;
    private final List<CompiledValidation> validations;
    private final List<NamedProgram> auditAnnotations;

    public CelRuleSet(List<NamedProgram> matchConditions, List<NamedProgram> variables,
            List<CompiledValidation> validations, List<NamedProgram> auditAnnotations) {
        this.matchConditions = List.copyOf(matchConditions);
        this.variables = List.copyOf(variables);
        this.validations = List.copyOf(validations);
        this.auditAnnotations = List.copyOf(auditAnnotations);
    }

    /**
     * Runs the rules with the base variables ({@code object}, {@code oldObject}, {@code request},
     * {@code params}, {@code namespaceObject}); reports violations to the sink.
     *
     * @param reportPrefix put before every message (for example the binding that applies)
     * @throws PalisadeException when an expression fails; violations already found stay reported
     */
    public void evaluate(Map<String, Object> base, CostMeter meter, FindingSink sink, String reportPrefix) {
        Map<String, Object> values = new HashMap<>(base);
        values.put("variables", lazyVariables(values, meter));
        Bindings bindings = name -> values.get(name);
        if (!conditionsHold(bindings, meter)) {
            return;
        }
        PalisadeException failure = null;
        for (CompiledValidation validation : validations) {
            try {
                if (validation.forEach().isPresent()) {
                    evaluateEach(validation, values, meter, sink, reportPrefix);
                } else if (!isTrue(validation.expression(), bindings, meter)) {
                    sink.report(reportPrefix + message(validation, bindings, meter), validation.path());
                }
            } catch (PalisadeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        for (NamedProgram annotation : auditAnnotations) {
            Object value = annotation.program().evaluate(bindings, meter);
            if (value instanceof String text) {
                sink.annotate(annotation.name(), text.length() > 10_240 ? text.substring(0, 10_240) : text);
            } else if (value != null && value != dev.palisade.lang.NullValue.NULL
                    && !(value instanceof com.fasterxml.jackson.databind.node.NullNode)) {
                throw new PalisadeException("auditAnnotations '" + annotation.name()
                        + "': valueExpression must return a string or null");
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private boolean conditionsHold(Bindings bindings, CostMeter meter) {
        PalisadeException error = null;
        for (NamedProgram condition : matchConditions) {
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

    private void evaluateEach(CompiledValidation validation, Map<String, Object> values, CostMeter meter,
            FindingSink sink, String reportPrefix) {
        Object object = values.get("object");
        if (!(object instanceof com.fasterxml.jackson.databind.JsonNode)) {
            return;
        }
        for (ForEach.Element element : validation.forEach().get().elements(currentResource(values))) {
            Map<String, Object> scoped = new HashMap<>(values);
            scoped.put("element", element.value());
            scoped.put("index", element.index());
            Bindings bindings = name -> scoped.get(name);
            if (!isTrue(validation.expression(), bindings, meter)) {
                String path = validation.path().isEmpty() ? element.path() : element.path() + "/" + validation.path();
                sink.report(reportPrefix + message(validation, bindings, meter), path);
            }
        }
    }

    private static dev.palisade.core.Resource currentResource(Map<String, Object> values) {
        return (dev.palisade.core.Resource) values.get(RESOURCE_KEY);
    }

    /** The key under which the evaluated resource travels in the base values (not a CEL variable). */
    public static final String RESOURCE_KEY = " resource";

    private static boolean isTrue(Program program, Bindings bindings, CostMeter meter) {
        Object value = program.evaluate(bindings, meter);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new PalisadeException("expression must evaluate to a bool, not " + Values.toJson(value)
                + ": " + program.source());
    }

    private static String message(CompiledValidation validation, Bindings bindings, CostMeter meter) {
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

    private Map<String, Object> lazyVariables(Map<String, Object> values, CostMeter meter) {
        if (variables.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> lazy = new LinkedHashMap<>();
        Bindings bindings = name -> values.get(name);
        for (NamedProgram variable : variables) {
            lazy.put(variable.name(), new Memo(() -> variable.program().evaluate(bindings, meter)));
        }
        return lazy;
    }

    /** Computes a value once. */
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
}
