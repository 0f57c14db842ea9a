package dev.palisade.rego.internal.builtins;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The catalogue of Palisade's built-in functions (OPA's, minus the unsupported families). */
public final class Registry {
    private static final Map<String, Builtin> BUILTINS;

    static {
        Map<String, Builtin> m = new HashMap<>();
        Operators.register(m);
        Collections2.register(m);
        Strings.register(m);
        Regex.register(m);
        Encoding.register(m);
        JsonPaths.register(m);
        Times.register(m);
        Net.register(m);
        Misc.register(m);
        Graph.register(m);
        BUILTINS = Collections.unmodifiableMap(m);
    }

    private Registry() {
    }

    /** The builtin with this name, or {@code null}. */
    public static Builtin get(String name) {
        return BUILTINS.get(name);
    }

    /** Names of every builtin. */
    public static Set<String> names() {
        return BUILTINS.keySet();
    }

    static void add(Map<String, Builtin> m, Builtin b) {
        if (m.put(b.name, b) != null) {
            throw new IllegalStateException("duplicate builtin " + b.name);
        }
    }

    static void add(Map<String, Builtin> m, String name, int arity, Builtin.Fn fn) {
        add(m, Builtin.of(name, arity, fn));
    }
}
