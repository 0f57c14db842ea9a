package dev.palisade.rego;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A function a host adds to Rego (Gatekeeper's {@code external_data}, for example). Arguments and
 * result are JSON: Rego sets arrive as sorted arrays, objects with non-string keys with their keys
 * as JSON text. An empty result makes the call undefined; throw {@link RegoFunctionException} for
 * errors. Implementations must be thread-safe: one program serves concurrent evaluations.
 */
public final class RegoFunction {
    private final String name;
    private final int arity;
    private final Function<List<JsonNode>, Optional<JsonNode>> implementation;

    private RegoFunction(String name, int arity, Function<List<JsonNode>, Optional<JsonNode>> implementation) {
        this.name = Objects.requireNonNull(name, "name");
        this.arity = arity;
        this.implementation = Objects.requireNonNull(implementation, "implementation");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
            throw new IllegalArgumentException("invalid function name: " + name);
        }
        if (arity < 0) {
            throw new IllegalArgumentException("arity must not be negative: " + arity);
        }
    }

    /**
     * {@return a function called as {@code name(arg1, ..., argN)} in Rego}
     *
     * @param name the (dotted) name, e.g. {@code external_data}
     * @param arity the number of arguments
     * @param implementation maps the arguments to the result, or empty for undefined
     */
    public static RegoFunction of(String name, int arity, Function<List<JsonNode>, Optional<JsonNode>> implementation) {
        return new RegoFunction(name, arity, implementation);
    }

    /** {@return the name Rego calls the function by} */
    public String name() {
        return name;
    }

    /** {@return the number of arguments} */
    public int arity() {
        return arity;
    }

    /**
     * Calls the implementation.
     *
     * @param args the arguments, as many as the function's arity
     * @return the result; empty makes the call undefined
     */
    public Optional<JsonNode> call(List<JsonNode> args) {
        return implementation.apply(args);
    }
}
