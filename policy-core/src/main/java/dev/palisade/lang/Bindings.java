package dev.palisade.lang;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The values of an expression's variables for one evaluation. Hosts implement it to bind lazily.
 * Values may be Jackson {@code JsonNode}s (read in place, never copied) or Java values (Boolean,
 * Integer/Long, Double, String, byte[], List, Map, Instant, Duration, Optional); a
 * {@link java.util.function.Supplier} anywhere (as a variable or as a map/list element) is
 * resolved when the expression first reads it, so hosts can compute values lazily (memoising in
 * the supplier if they want a value computed once per evaluation).
 */
@FunctionalInterface
public interface Bindings {
    /**
     * {@return the value of the variable, or {@code null} when the variable is not bound; return
     * {@link NullValue#NULL} for a variable bound to CEL {@code null}}
     *
     * @param name the variable's name
     */
    Object resolve(String name);

    /**
     * Bindings backed by a map; a key absent from the map is not bound, a key mapped to
     * {@code null} is bound to CEL {@code null} (as {@code oldObject} is on CREATE).
     *
     * @param values the values by name
     * @return the bindings
     */
    static Bindings of(Map<String, ?> values) {
        return name -> {
            Object v = values.get(name);
            return v != null || !values.containsKey(name) ? v : NullValue.NULL;
        };
    }

    /**
     * {@return a supplier that computes its value on first use and then returns it again, for binding values
     * (such as admission-policy {@code variables}) that must be computed at most once per evaluation}
     * Not thread-safe: create one per evaluation.
     *
     * @param supplier computes the value
     */
    static Supplier<Object> memoize(Supplier<?> supplier) {
        return new Supplier<>() {
            private boolean done;
            private Object value;

            @Override
            public Object get() {
                if (!done) {
                    value = supplier.get();
                    done = true;
                }
                return value;
            }
        };
    }

    /**
     * No variable bound.
     *
     * @return the empty bindings
     */
    static Bindings empty() {
        return name -> null;
    }
}
