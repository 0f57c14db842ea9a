package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.FindingSink;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.policy.ValidationBlock;
import dev.palisade.core.policy.ValidationInput;
import dev.palisade.lang.CostMeter;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import dev.palisade.rules.gatekeeper.ConstraintKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A template's {@code K8sNativeValidation} code, run by core's {@link ValidationBlock} with
 * Gatekeeper's bindings: {@code params} is the constraint ({@code {spec: {parameters}}}), and
 * {@code variables.anyObject} (object, or oldObject on DELETE) and {@code variables.params} (the
 * parameters, or null) come before the template's own variables. Immutable and thread-safe.
 */
public final class CelConstraintKind implements ConstraintKind {
    /** Gatekeeper's variable holding the object, or the old object on DELETE. */
    static final String ANY_OBJECT = "anyObject";
    /** Gatekeeper's variable holding the constraint's parameters. */
    static final String PARAMS = "params";

    private final String kind;
    private final ValidationBlock block;

    public CelConstraintKind(String kind, ValidationBlock block) {
        this.kind = kind;
        this.block = block;
    }

    /** Points findings that CEL reports on the whole object at the field their message names. */
    private record LocatingSink(FindingSink delegate, ConstraintInput input) implements FindingSink {
        @Override
        public void report(String message, String path) {
            delegate.report(message, path.isEmpty() ? FindingLocator.locate(input.resource(), message) : path);
        }

        @Override
        public void report(String message, String path, dev.palisade.core.EnforcementAction action) {
            delegate.report(message, path.isEmpty() ? FindingLocator.locate(input.resource(), message) : path,
                    action);
        }

        @Override
        public void annotate(String key, String value) {
            delegate.annotate(key, value);
        }
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
        JsonNode parameters = input.parameters();
        ObjectNode constraint = JsonNodeFactory.instance.objectNode();
        constraint.putObject("spec").set("parameters", parameters);
        ValidationInput base = ValidationInput.of(input.resource(), input.context(), constraint);
        Object anyObject = base.object() instanceof NullNode ? base.oldObject() : base.object();
        Map<String, Object> gatekeeper = new LinkedHashMap<>();
        gatekeeper.put(ANY_OBJECT, anyObject);
        gatekeeper.put(PARAMS, parameters.isObject() ? parameters : NullNode.getInstance());
        try {
            block.evaluate(base.withHostVariables(gatekeeper), meter, new LocatingSink(sink, input));
        } catch (PalisadeException e) {
            throw new PalisadeException(kind + ": " + e.getMessage(), e);
        }
    }
}
