package dev.palisade.rego.internal.builtins;

import dev.palisade.rego.internal.value.Value;
import java.util.function.Predicate;

/**
 * A built-in function: name, arity, and its implementation. {@link #call} returns the result, or
 * {@code null} for undefined; errors are thrown as {@link BuiltinException}. Relations (such as
 * {@code walk}) produce several results through {@link #iterate}.
 */
public abstract class Builtin {
    public final String name;
    public final int arity;

    protected Builtin(String name, int arity) {
        this.name = name;
        this.arity = arity;
    }

    /** Evaluates the function; {@code null} means undefined. */
    public abstract Value call(BuiltinContext ctx, Value[] args);

    /** Whether the function produces several results (a relation, like {@code walk}). */
    public boolean relation() {
        return false;
    }

    /** Whether the function returns no value (like {@code print}). */
    public boolean isVoid() {
        return false;
    }

    /** Produces each result of a relation; stops when {@code k} returns false. */
    public boolean iterate(BuiltinContext ctx, Value[] args, Predicate<Value> k) {
        Value v = call(ctx, args);
        return v == null || k.test(v);
    }

    /** A builtin from a lambda. */
    public static Builtin of(String name, int arity, Fn fn) {
        return new Builtin(name, arity) {
            @Override
            public Value call(BuiltinContext ctx, Value[] args) {
                return fn.call(ctx, args);
            }
        };
    }

    /** Implementation of a builtin. */
    @FunctionalInterface
    public interface Fn {
        Value call(BuiltinContext ctx, Value[] args);
    }
}
