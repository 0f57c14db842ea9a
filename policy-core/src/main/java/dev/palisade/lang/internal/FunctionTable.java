package dev.palisade.lang.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The functions an expression may call, keyed by name, call style and arity (receiver included). */
final class FunctionTable {
    private final Map<String, Fn> functions = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> impure = new HashSet<>();

    void global(String name, int arity, Fn fn) {
        functions.put("g:" + name + "/" + arity, fn);
        names.add(name);
    }

    void member(String name, int arity, Fn fn) {
        functions.put("r:" + name + "/" + arity, fn);
        names.add(name);
    }

    /** Callable as {@code f(x, ...)} and {@code x.f(...)}. */
    void both(String name, int arity, Fn fn) {
        global(name, arity, fn);
        member(name, arity, fn);
    }

    /** Marks a function whose result must not be folded at compile time. */
    void impure(String name) {
        impure.add(name);
    }

    Fn find(boolean receiver, String name, int arity) {
        return functions.get((receiver ? "r:" : "g:") + name + "/" + arity);
    }

    boolean knows(String name) {
        return names.contains(name);
    }

    boolean pure(String name) {
        return !impure.contains(name);
    }
}
