package dev.palisade.lang.internal;

import dev.palisade.lang.Library;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The functions an expression may call: one declaration per overload — name, call style, arity
 * (receiver included), cost, purity, compile-time check, documentation — keyed by name, call style
 * and arity. A table is filled once and then only read.
 */
final class FunctionTable {
    /** How a function is called. */
    enum Style {
        /** {@code f(x, ...)}. */
        GLOBAL,
        /** {@code x.f(...)}. */
        MEMBER,
        /** Both {@code f(x, ...)} and {@code x.f(...)}. */
        BOTH
    }

    /**
     * One declared overload. As an {@link Fn} it charges its cost (from the argument values, before
     * any work) and then applies the implementation.
     */
    static final class Overload implements Fn {
        final String name;
        final Style style;
        final int arity;
        final Library library;
        final String signature;
        final String doc;
        final Cost cost;
        final boolean pure;
        final boolean checksConstants;
        /** Which receivers (first arguments) this overload serves when others share its name; null for all. */
        final Predicate<Object> accepts;
        final Fn impl;
        /** Whether a host declared it (through {@code Declarations.Builder.function}). */
        final boolean host;

        Overload(String name, Style style, int arity, Library library, String signature, String doc, Cost cost,
                boolean pure, boolean checksConstants, Predicate<Object> accepts, Fn impl, boolean host) {
            this.host = host;
            this.name = name;
            this.style = style;
            this.arity = arity;
            this.library = library;
            this.signature = signature;
            this.doc = doc;
            this.cost = cost;
            this.pure = pure;
            this.checksConstants = checksConstants;
            this.accepts = accepts;
            this.impl = impl;
        }

        @Override
        public Object apply(Frame f, Object[] args) {
            f.cost(cost.runtime(args));
            return impl.apply(f, args);
        }

        /** The same declaration with another implementation (a pattern compiled once, say). */
        Overload withImplementation(Fn other) {
            return new Overload(name, style, arity, library, signature, doc, cost, pure, checksConstants, accepts,
                    other, host);
        }
    }

    /** Overloads sharing name, style and arity, told apart by their receivers. */
    static final class Dispatch implements Fn {
        final List<Overload> overloads;

        Dispatch(List<Overload> overloads) {
            this.overloads = List.copyOf(overloads);
        }

        Overload select(Object[] args) {
            Overload fallback = null;
            for (Overload o : overloads) {
                if (o.accepts == null) {
                    fallback = o;
                } else if (args.length > 0 && o.accepts.test(args[0])) {
                    return o;
                }
            }
            return fallback != null ? fallback : overloads.get(overloads.size() - 1);
        }

        @Override
        public Object apply(Frame f, Object[] args) {
            return select(args).apply(f, args);
        }
    }

    private final Map<String, List<Overload>> byKey = new HashMap<>();
    private final Map<String, Fn> functions = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    private final List<Overload> declared = new ArrayList<>();
    private Library library;

    FunctionTable() {
    }

    /** A table holding everything {@code base} holds, to which host functions are added. */
    FunctionTable(FunctionTable base) {
        base.byKey.forEach((k, v) -> byKey.put(k, new ArrayList<>(v)));
        functions.putAll(base.functions);
        names.addAll(base.names);
        declared.addAll(base.declared);
    }

    /** The library the following declarations belong to (null: the standard functions). */
    void library(Library current) {
        library = current;
    }

    /** Starts the declaration of {@code name(...)}. */
    Declaring global(String name, int arity) {
        return new Declaring(name, Style.GLOBAL, arity);
    }

    /** Starts the declaration of {@code receiver.name(...)}; the arity counts the receiver. */
    Declaring member(String name, int arity) {
        return new Declaring(name, Style.MEMBER, arity);
    }

    /** Starts the declaration of a function callable both ways. */
    Declaring both(String name, int arity) {
        return new Declaring(name, Style.BOTH, arity);
    }

    /** Builds one declaration; {@link #impl} ends it and adds it to the table. */
    final class Declaring {
        private final String name;
        private final Style style;
        private final int arity;
        private String signature;
        private String doc = "";
        private Cost cost = Cost.ONE;
        private boolean pure = true;
        private boolean checksConstants;
        private Predicate<Object> accepts;
        private boolean host;

        private Declaring(String name, Style style, int arity) {
            this.name = name;
            this.style = style;
            this.arity = arity;
        }

        /** How the documentation writes a call, such as {@code s.charAt(i) → string}. */
        Declaring sig(String text) {
            signature = text;
            return this;
        }

        Declaring doc(String text) {
            doc = text;
            return this;
        }

        Declaring cost(Cost c) {
            cost = c;
            return this;
        }

        /** The result may differ between calls with the same arguments: never folded at compile time. */
        Declaring impure() {
            pure = false;
            return this;
        }

        /** Constant arguments are checked at compile time: an error with constant arguments is a compile error. */
        Declaring checkConstants() {
            checksConstants = true;
            return this;
        }

        /** Serves only receivers of this kind when other overloads share the name. */
        Declaring accepts(Predicate<Object> receivers) {
            accepts = receivers;
            return this;
        }

        /** Declared by a host. */
        Declaring host() {
            host = true;
            return this;
        }

        void impl(Fn fn) {
            add(new Overload(name, style, arity, library, signature == null ? name : signature, doc, cost, pure,
                    checksConstants, accepts, fn, host));
        }
    }

    void add(Overload o) {
        declared.add(o);
        names.add(o.name);
        if (o.style != Style.MEMBER) {
            put("g:" + o.name + "/" + o.arity, o);
        }
        if (o.style != Style.GLOBAL) {
            put("r:" + o.name + "/" + o.arity, o);
        }
    }

    private void put(String key, Overload o) {
        List<Overload> list = byKey.computeIfAbsent(key, k -> new ArrayList<>());
        list.add(o);
        functions.put(key, list.size() == 1 ? o : new Dispatch(list));
    }

    /** The function called as {@code name(...)} or {@code receiver.name(...)}, or null. */
    Fn find(boolean receiver, String name, int arity) {
        return functions.get((receiver ? "r:" : "g:") + name + "/" + arity);
    }

    /** The overloads of a call. */
    List<Overload> overloads(Fn fn) {
        if (fn instanceof Overload o) {
            return List.of(o);
        }
        if (fn instanceof Dispatch d) {
            return d.overloads;
        }
        return List.of();
    }

    boolean knows(String name) {
        return names.contains(name);
    }

    /** Whether every overload of the call may be folded at compile time. */
    boolean pure(Fn fn) {
        for (Overload o : overloads(fn)) {
            if (!o.pure) {
                return false;
            }
        }
        return true;
    }

    /** Whether constant arguments of the call are validated at compile time. */
    boolean checksConstants(Fn fn) {
        for (Overload o : overloads(fn)) {
            if (o.checksConstants) {
                return true;
            }
        }
        return false;
    }

    /** Every declared overload, in declaration order. */
    List<Overload> declared() {
        return Collections.unmodifiableList(declared);
    }

    /** Declared overloads by name, in declaration order. */
    Map<String, List<Overload>> byName() {
        Map<String, List<Overload>> out = new LinkedHashMap<>();
        for (Overload o : declared) {
            out.computeIfAbsent(o.name, k -> new ArrayList<>()).add(o);
        }
        return out;
    }
}
