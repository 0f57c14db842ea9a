package dev.palisade.rego.internal.eval;

import dev.palisade.rego.internal.ast.Ast.Loc;
import dev.palisade.rego.internal.builtins.Builtin;
import dev.palisade.rego.internal.builtins.BuiltinException;
import dev.palisade.rego.internal.compile.RuleTree;
import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.ObjectBuilder;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.SetBuilder;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The executable form of compiled Rego: terms and expressions with variables resolved to frame
 * slots. Evaluation is top-down with backtracking in continuation-passing style: an expression
 * calls its continuation once per solution, undoing its bindings (through the context's trail)
 * before trying the next; a continuation returns {@code false} to stop the search.
 */
public final class Plan {
    private Plan() {
    }

    /** A continuation. */
    @FunctionalInterface
    public interface K {
        boolean run();
    }

    /** A continuation receiving a value. */
    @FunctionalInterface
    public interface VK {
        boolean accept(Value v);
    }

    // ================================================================ terms

    /** Base of plan terms. */
    public abstract static class PTerm {
        public final Loc loc;

        PTerm(Loc loc) {
            this.loc = loc;
        }

        /**
         * The single value of the term, {@code null} when undefined. Only for terms whose variables
         * are bound and that do not iterate.
         */
        abstract Value eval(Ctx ctx, Value[] f);

        /** Every value of the term (refs with unbound variables iterate and bind). */
        boolean each(Ctx ctx, Value[] f, VK k) {
            Value v = eval(ctx, f);
            return v == null || k.accept(v);
        }

        /** Whether all variables of the term are bound in {@code f}. */
        abstract boolean ground(Value[] f);

        /** Whether the term may yield several values (a ref with unbound path variables). */
        boolean iterates(Value[] f) {
            return false;
        }
    }

    public static final class PConst extends PTerm {
        final Value value;

        PConst(Value value, Loc loc) {
            super(loc);
            this.value = value;
        }

        @Override
        Value eval(Ctx ctx, Value[] f) {
            return value;
        }

        @Override
        boolean ground(Value[] f) {
            return true;
        }
    }

    public static final class PVar extends PTerm {
        final int slot;
        final String name;

        PVar(int slot, String name, Loc loc) {
            super(loc);
            this.slot = slot;
            this.name = name;
        }

        @Override
        Value eval(Ctx ctx, Value[] f) {
            Value v = f[slot];
            if (v == null) {
                throw new EvalError(EvalError.INTERNAL, "var " + name + " is unbound", loc);
            }
            return v;
        }

        @Override
        boolean ground(Value[] f) {
            return f[slot] != null;
        }
    }

    public static final class PArray extends PTerm {
        final PTerm[] elems;

        PArray(PTerm[] elems, Loc loc) {
            super(loc);
            this.elems = elems;
        }

        @Override
        Value eval(Ctx ctx, Value[] f) {
            Value[] r = new Value[elems.length];
            for (int i = 0; i < r.length; i++) {
                Value v = elems[i].eval(ctx, f);
                if (v == null) {
                    return null;
                }
                r[i] = v;
            }
            return ArrayValue.of(r);
        }

        @Override
        boolean ground(Value[] f) {
            for (PTerm e : elems) {
                if (!e.ground(f)) {
                    return false;
                }
            }
            return true;
        }
    }

    public static final class PObject extends PTerm {
        final PTerm[] keys;
        final PTerm[] vals;

        PObject(PTerm[] keys, PTerm[] vals, Loc loc) {
            super(loc);
            this.keys = keys;
            this.vals = vals;
        }

        @Override
        Value eval(Ctx ctx, Value[] f) {
            ObjectBuilder b = new ObjectBuilder(keys.length);
            for (int i = 0; i < keys.length; i++) {
                Value k = keys[i].eval(ctx, f);
                Value v = vals[i].eval(ctx, f);
                if (k == null || v == null) {
                    return null;
                }
                b.put(k, v);
            }
            return b.build();
        }

        @Override
        boolean ground(Value[] f) {
            for (int i = 0; i < keys.length; i++) {
                if (!keys[i].ground(f) || !vals[i].ground(f)) {
                    return false;
                }
            }
            return true;
        }
    }

    public static final class PSet extends PTerm {
        final PTerm[] elems;

        PSet(PTerm[] elems, Loc loc) {
            super(loc);
            this.elems = elems;
        }

        @Override
        Value eval(Ctx ctx, Value[] f) {
            Value[] r = new Value[elems.length];
            for (int i = 0; i < r.length; i++) {
                Value v = elems[i].eval(ctx, f);
                if (v == null) {
                    return null;
                }
                r[i] = v;
            }
            return SetValue.of(r);
        }

        @Override
        boolean ground(Value[] f) {
            for (PTerm e : elems) {
                if (!e.ground(f)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Array, set and object comprehensions. */
    public static final class PCompr extends PTerm {
        static final int ARRAY = 0;
        static final int SET = 1;
        static final int OBJECT = 2;
        final int kind;
        final PTerm head;
        final PTerm value;
        final PExpr[] body;

        PCompr(int kind, PTerm head, PTerm value, PExpr[] body, Loc loc) {
            super(loc);
            this.kind = kind;
            this.head = head;
            this.value = value;
            this.body = body;
        }

        @Override
        Value eval(Ctx ctx, Value[] f) {
            switch (kind) {
                case ARRAY -> {
                    List<Value> out = new ArrayList<>();
                    Eval.body(body, 0, ctx, f, () -> {
                        out.add(head.eval(ctx, f));
                        ctx.charge(1);
                        return true;
                    });
                    return ArrayValue.of(out);
                }
                case SET -> {
                    SetBuilder out = new SetBuilder();
                    Eval.body(body, 0, ctx, f, () -> {
                        out.add(head.eval(ctx, f));
                        ctx.charge(1);
                        return true;
                    });
                    return out.build();
                }
                default -> {
                    ObjectBuilder out = new ObjectBuilder();
                    Eval.body(body, 0, ctx, f, () -> {
                        Value k = head.eval(ctx, f);
                        Value v = value.eval(ctx, f);
                        Value prev = out.get(k);
                        if (prev != null && !prev.equals(v)) {
                            throw new EvalError(EvalError.CONFLICT, "object keys must be unique", loc);
                        }
                        out.put(k, v);
                        ctx.charge(1);
                        return true;
                    });
                    return out.build();
                }
            }
        }

        @Override
        boolean ground(Value[] f) {
            return true;
        }
    }

    /** Where a ref starts. */
    public enum HeadKind { LOCAL, INPUT, DATA }

    /** A reference: a local variable, {@code input} or {@code data}, followed by path terms. */
    public static final class PRef extends PTerm {
        final HeadKind kind;
        final int slot;
        final String headName;
        final PTerm[] path;
        /** For data refs: the rule-tree node reached by the constant prefix, and how many path terms it took. */
        final RuleTree.Node node;
        final int nodeDepth;

        PRef(HeadKind kind, int slot, String headName, PTerm[] path, RuleTree.Node node, int nodeDepth, Loc loc) {
            super(loc);
            this.kind = kind;
            this.slot = slot;
            this.headName = headName;
            this.path = path;
            this.node = node;
            this.nodeDepth = nodeDepth;
        }

        @Override
        boolean ground(Value[] f) {
            if (kind == HeadKind.LOCAL && f[slot] == null) {
                return false;
            }
            for (PTerm p : path) {
                if (!p.ground(f)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        boolean iterates(Value[] f) {
            for (PTerm p : path) {
                if (!p.ground(f)) {
                    return true;
                }
            }
            return false;
        }

        private Value root(Ctx ctx, Value[] f) {
            if (kind == HeadKind.LOCAL) {
                Value v = f[slot];
                if (v == null) {
                    throw new EvalError(EvalError.INTERNAL, "var " + headName + " is unbound", loc);
                }
                return v;
            }
            return ctx.env.input;
        }

        @Override
        Value eval(Ctx ctx, Value[] f) {
            if (kind == HeadKind.DATA) {
                Value[] box = new Value[1];
                Data.each(ctx, this, f, v -> {
                    box[0] = v;
                    return false;
                });
                return box[0];
            }
            Value cur = root(ctx, f);
            for (PTerm p : path) {
                if (cur == null) {
                    return null;
                }
                Value key = p.eval(ctx, f);
                if (key == null) {
                    return null;
                }
                cur = Eval.lookup(cur, key);
            }
            return cur;
        }

        @Override
        boolean each(Ctx ctx, Value[] f, VK k) {
            if (kind == HeadKind.DATA) {
                return Data.each(ctx, this, f, k);
            }
            Value r = root(ctx, f);
            if (r == null) {
                return true;
            }
            return walk(ctx, f, r, 0, k);
        }

        boolean walk(Ctx ctx, Value[] f, Value cur, int i, VK k) {
            return Eval.walk(ctx, f, cur, path, i, k);
        }
    }

    // ================================================================ expressions

    /** Base of plan expressions. */
    public abstract static class PExpr {
        public final Loc loc;

        PExpr(Loc loc) {
            this.loc = loc;
        }

        /** Calls {@code k} for each solution; returns false if {@code k} asked to stop. */
        abstract boolean eval(Ctx ctx, Value[] f, K k);
    }

    /** A term used as an expression: true when defined and not false. */
    public static final class PTermExpr extends PExpr {
        final PTerm term;

        PTermExpr(PTerm term, Loc loc) {
            super(loc);
            this.term = term;
        }

        @Override
        boolean eval(Ctx ctx, Value[] f, K k) {
            if (!term.iterates(f)) {
                Value v = term.eval(ctx, f);
                return v == null || v == BoolValue.FALSE || k.run();
            }
            return term.each(ctx, f, v -> v == BoolValue.FALSE || k.run());
        }
    }

    /** Unification {@code a = b}. */
    public static final class PUnify extends PExpr {
        final PTerm a;
        final PTerm b;

        PUnify(PTerm a, PTerm b, Loc loc) {
            super(loc);
            this.a = a;
            this.b = b;
        }

        @Override
        boolean eval(Ctx ctx, Value[] f, K k) {
            if (producer(a)) {
                return a.each(ctx, f, v -> unifyWith(ctx, f, b, v, k));
            }
            if (producer(b)) {
                return b.each(ctx, f, v -> unifyWith(ctx, f, a, v, k));
            }
            if (a.ground(f)) {
                return unifyWith(ctx, f, b, a.eval(ctx, f), k);
            }
            if (b.ground(f)) {
                return unifyWith(ctx, f, a, b.eval(ctx, f), k);
            }
            int mark = ctx.mark();
            boolean ok = Eval.unifyPatterns(ctx, f, a, b);
            boolean r = !ok || k.run();
            ctx.undo(mark);
            return r;
        }

        private static boolean producer(PTerm t) {
            return t instanceof PRef || t instanceof PCompr;
        }

        private static boolean unifyWith(Ctx ctx, Value[] f, PTerm p, Value v, K k) {
            if (v == null) {
                return true;
            }
            if (producer(p)) {
                return p.each(ctx, f, w -> !w.equals(v) || k.run());
            }
            int mark = ctx.mark();
            boolean r = !Eval.match(ctx, f, p, v) || k.run();
            ctx.undo(mark);
            return r;
        }
    }

    /** A call of a builtin or a user function, with an optional output term. */
    public static final class PCall extends PExpr {
        final String name;
        final Builtin builtin;
        final RuleTree.Node function;
        final PTerm[] args;
        final PTerm out;

        PCall(String name, Builtin builtin, RuleTree.Node function, PTerm[] args, PTerm out, Loc loc) {
            super(loc);
            this.name = name;
            this.builtin = builtin;
            this.function = function;
            this.args = args;
            this.out = out;
        }

        @Override
        boolean eval(Ctx ctx, Value[] f, K k) {
            Value[] vals = new Value[args.length];
            for (int i = 0; i < vals.length; i++) {
                Value v = args[i].eval(ctx, f);
                if (v == null) {
                    return true;
                }
                vals[i] = v;
            }
            if (ctx.env.mocks != null) {
                Env.Mock m = ctx.env.mocks.get(name);
                if (m != null) {
                    return withResult(ctx, f, k, ctx.callMock(m, vals, this));
                }
            }
            if (function != null) {
                return withResult(ctx, f, k, ctx.callFunction(function, vals, loc));
            }
            if (builtin.relation()) {
                try {
                    return builtin.iterate(ctx, vals, v -> {
                        if (out == null) {
                            return v == BoolValue.FALSE || k.run();
                        }
                        int mark = ctx.mark();
                        boolean r = !Eval.match(ctx, f, out, v) || k.run();
                        ctx.undo(mark);
                        return r;
                    });
                } catch (BuiltinException e) {
                    ctx.builtinError(e, name, loc);
                    return true;
                }
            }
            return withResult(ctx, f, k, ctx.callBuiltin(builtin, vals, name, loc));
        }

        private boolean withResult(Ctx ctx, Value[] f, K k, Value r) {
            if (r == null) {
                return true;
            }
            if (out == null) {
                return r == BoolValue.FALSE || k.run();
            }
            int mark = ctx.mark();
            boolean res = !Eval.match(ctx, f, out, r) || k.run();
            ctx.undo(mark);
            return res;
        }
    }

    /** {@code not expr}. */
    public static final class PNot extends PExpr {
        final PExpr inner;

        PNot(PExpr inner, Loc loc) {
            super(loc);
            this.inner = inner;
        }

        @Override
        boolean eval(Ctx ctx, Value[] f, K k) {
            boolean[] found = new boolean[1];
            int mark = ctx.mark();
            inner.eval(ctx, f, () -> {
                found[0] = true;
                return false;
            });
            ctx.undo(mark);
            return found[0] || k.run();
        }
    }

    /** {@code every k, v in domain { body }}. */
    public static final class PEvery extends PExpr {
        final PTerm key;
        final PTerm value;
        final PTerm domain;
        final PExpr[] body;

        PEvery(PTerm key, PTerm value, PTerm domain, PExpr[] body, Loc loc) {
            super(loc);
            this.key = key;
            this.value = value;
            this.domain = domain;
            this.body = body;
        }

        @Override
        boolean eval(Ctx ctx, Value[] f, K k) {
            Value d = domain.eval(ctx, f);
            if (!(d instanceof ArrayValue || d instanceof ObjectValue || d instanceof SetValue)) {
                return true; // OPA: every over an undefined or non-collection domain is undefined
            }
            boolean[] all = {true};
            Eval.entries(d, (kk, vv) -> {
                ctx.step(loc);
                int mark = ctx.mark();
                boolean ok = Eval.match(ctx, f, key, kk) && Eval.match(ctx, f, value, vv);
                boolean[] found = new boolean[1];
                if (ok) {
                    Eval.body(body, 0, ctx, f, () -> {
                        found[0] = true;
                        return false;
                    });
                }
                ctx.undo(mark);
                if (!found[0]) {
                    all[0] = false;
                    return false;
                }
                return true;
            });
            return !all[0] || k.run();
        }
    }

    /** An expression under {@code with} modifiers. */
    public static final class PWith extends PExpr {
        final PExpr inner;
        final WithMod[] mods;

        PWith(PExpr inner, WithMod[] mods, Loc loc) {
            super(loc);
            this.inner = inner;
            this.mods = mods;
        }

        @Override
        boolean eval(Ctx ctx, Value[] f, K k) {
            Env saved = ctx.env;
            Env env = saved.with(ctx, f, mods);
            ctx.env = env;
            try {
                return inner.eval(ctx, f, () -> {
                    ctx.env = saved;
                    try {
                        return k.run();
                    } finally {
                        ctx.env = env;
                    }
                });
            } finally {
                ctx.env = saved;
            }
        }
    }

    /** One {@code with target as value}. */
    public static final class WithMod {
        static final int INPUT = 0;
        static final int DATA = 1;
        static final int FUNCTION = 2;
        final int kind;
        /** Path below input or data. */
        final Value[] path;
        /** Function name (builtin or data path name) for function mocks. */
        final String function;
        final PTerm value;
        /** For function-valued mocks: the replacing function. */
        final String mockBuiltin;
        final RuleTree.Node mockFunction;

        WithMod(int kind, Value[] path, String function, PTerm value, String mockBuiltin, RuleTree.Node mockFunction) {
            this.kind = kind;
            this.path = path;
            this.function = function;
            this.value = value;
            this.mockBuiltin = mockBuiltin;
            this.mockFunction = mockFunction;
        }
    }

    /** Always true (a body of just {@code true}, or a removed declaration). */
    static final PExpr TRUE = new PExpr(Loc.NONE) {
        @Override
        boolean eval(Ctx ctx, Value[] f, K k) {
            return k.run();
        }
    };

    // ================================================================ rules

    /** One rule body with its head, in the frame layout of that rule. */
    public static final class RulePlan {
        int slots;
        PExpr[] body;
        /** Function arguments (patterns), or null. */
        PTerm[] args;
        /** Ref terms after the ground prefix (partial object keys, general ref heads). */
        PTerm[] suffix;
        /** Multi-value key. */
        PTerm key;
        /** Value (null for multi-value rules). */
        PTerm value;
        boolean constValue;
        RulePlan elseRule;
        boolean isDefault;
        Loc loc;
        /** The rule's path below the node (for rules of descendant nodes merged into a general-ref node). */
        Value[] relPath = new Value[0];
    }

    /** All rules at a rule-tree node. */
    public static final class RuleSet {
        static final int COMPLETE = 0;
        static final int MULTI = 1;
        static final int OBJECT = 2;
        static final int FUNCTION = 3;
        int kind;
        final List<RulePlan> rules = new ArrayList<>();
        RulePlan defaultRule;
        int arity;
        RuleTree.Node node;
        String name;
    }

    static NumberValue index(int i) {
        return NumberValue.of(i);
    }

    static ObjectValue emptyObject() {
        return ObjectValue.EMPTY;
    }
}
