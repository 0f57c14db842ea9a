package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.FindingSink;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import dev.palisade.lang.Bindings;
import dev.palisade.lang.CostMeter;
import dev.palisade.lang.NullValue;
import dev.palisade.lang.Program;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import dev.palisade.rules.gatekeeper.ConstraintKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A template's {@code K8sNativeValidation} code run by the rule language, with Gatekeeper's
 * bindings: {@code object} (null on DELETE), {@code oldObject}, {@code request}, {@code params}
 * (the constraint, {@code {spec: {parameters}}}), {@code namespaceObject} (from the inventory),
 * and {@code variables}: {@code anyObject} (object, or oldObject on DELETE), {@code params} (the
 * parameters, or null) and the template's own variables, each computed once per evaluation when
 * first read. {@code matchConditions} that are false skip the object; each false validation is
 * one violation with its {@code messageExpression}, else {@code message}, else the expression.
 * Immutable and thread-safe.
 */
public final class CelConstraintKind implements ConstraintKind {

    /** A compiled template variable. */
    public record Variable(String name, Program program) {
    }

    /** A compiled validation: its expression, and its message or message expression. */
    public record Validation(Program expression, String message, Optional<Program> messageExpression) {
    }

    /** A compiled match condition. */
    public record Condition(String name, Program expression) {
    }

    private final String kind;
    private final List<Variable> variables;
    private final List<Validation> validations;
    private final List<Condition> conditions;

    public CelConstraintKind(String kind, List<Variable> variables, List<Validation> validations,
            List<Condition> conditions) {
        this.kind = kind;
        this.variables = List.copyOf(variables);
        this.validations = List.copyOf(validations);
        this.conditions = List.copyOf(conditions);
    }

    @Override
    public InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.kinds("/Namespace");
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public void evaluate(ConstraintInput input, FindingSink sink) {
        CostMeter meter = CostMeter.of(input.context().expressionCostLimit(), input.context().policyCostBudget());
        Bindings bindings = bindings(input, meter);
        for (Condition condition : conditions) {
            Object matched = run(condition.expression(), bindings, meter, "matchCondition " + condition.name());
            if (!(matched instanceof Boolean)) {
                throw new PalisadeException(kind + ": matchCondition " + condition.name() + " returned " + matched
                        + ", not a bool");
            }
            if (!(Boolean) matched) {
                return;
            }
        }
        for (Validation validation : validations) {
            Object valid = run(validation.expression(), bindings, meter, "validation");
            if (!(valid instanceof Boolean)) {
                throw new PalisadeException(kind + ": validation '" + validation.expression().source() + "' returned "
                        + valid + ", not a bool");
            }
            if (!(Boolean) valid) {
                sink.report(message(validation, bindings, meter), "");
            }
        }
    }

    private String message(Validation validation, Bindings bindings, CostMeter meter) {
        if (validation.messageExpression().isPresent()) {
            try {
                meter.startCall();
                Object text = validation.messageExpression().get().evaluate(bindings, meter);
                if (text instanceof String s && !s.isBlank()) {
                    return s;
                }
            } catch (PalisadeException e) {
                // Kubernetes falls back to the static message when the message expression fails.
            }
        }
        if (!validation.message().isEmpty()) {
            return validation.message();
        }
        return "failed expression: " + validation.expression().source();
    }

    private Object run(Program program, Bindings bindings, CostMeter meter, String what) {
        try {
            meter.startCall();
            return program.evaluate(bindings, meter);
        } catch (PalisadeException e) {
            throw new PalisadeException(kind + ": " + what + " failed: " + e.getMessage(), e);
        }
    }

    private Bindings bindings(ConstraintInput input, CostMeter meter) {
        Resource resource = input.resource();
        Optional<AdmissionRequest> request = resource.request();
        boolean delete = request.map(r -> r.operation().equals("DELETE")).orElse(false);
        Object object = delete ? NullValue.NULL : resource.object();
        Object oldObject = request.flatMap(AdmissionRequest::oldObject).<Object>map(n -> n).orElse(NullValue.NULL);
        Object anyObject = delete ? oldObject : object;
        JsonNode parameters = input.parameters();
        Object requestValue = request.<Object>map(AdmissionRequest::raw).filter(raw -> raw instanceof JsonNode n
                && n.isObject()).orElseGet(() -> syntheticRequest(resource.id()));
        Supplier<Object> namespaceObject = () -> namespaceObject(input);
        Map<String, Object> vars = new HashMap<>();
        Bindings bindings = name -> switch (name) {
            case "object" -> object;
            case "oldObject" -> oldObject;
            case "request" -> requestValue;
            case "params" -> Map.of("spec", Map.of("parameters", parameters));
            case "namespaceObject" -> namespaceObject;
            case "variables" -> vars;
            default -> null;
        };
        vars.put("anyObject", anyObject);
        vars.put("params", parameters.isObject() ? parameters : NullValue.NULL);
        for (Variable variable : variables) {
            vars.put(variable.name(), new Once(() -> run(variable.program(), bindings, meter,
                    "variable " + variable.name())));
        }
        return bindings;
    }

    private static Object namespaceObject(ConstraintInput input) {
        String namespace = input.resource().id().namespace();
        if (namespace.isEmpty()) {
            return NullValue.NULL;
        }
        return input.inventory().find("", "Namespace", "", namespace).<Object>map(Resource::object)
                .orElse(NullValue.NULL);
    }

    private static Map<String, Object> syntheticRequest(ResourceId id) {
        return Map.of("operation", "CREATE", "name", id.name(), "namespace", id.namespace(),
                "kind", Map.of("group", id.group(), "version", id.version(), "kind", id.kind()));
    }

    /** A value computed on first read and remembered for the rest of one evaluation. */
    private static final class Once implements Supplier<Object> {
        private Supplier<Object> compute;
        private Object value;

        Once(Supplier<Object> compute) {
            this.compute = compute;
        }

        @Override
        public Object get() {
            if (compute != null) {
                value = compute.get();
                compute = null;
            }
            return value;
        }
    }
}
