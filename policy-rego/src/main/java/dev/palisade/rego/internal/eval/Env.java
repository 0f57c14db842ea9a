package dev.palisade.rego.internal.eval;

import dev.palisade.rego.internal.builtins.Builtin;
import dev.palisade.rego.internal.compile.RuleTree;
import dev.palisade.rego.internal.eval.Plan.WithMod;
import dev.palisade.rego.internal.value.ObjectBuilder;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * What an expression sees: {@code input}, replaced parts of {@code data}, replaced functions (all
 * set by {@code with}), and the cache of rule values computed in that environment.
 */
final class Env {
    final Value input;
    final Overrides data;
    final Map<String, Mock> mocks;
    final Map<Object, Object> cache = new HashMap<>();
    private Env withoutMocks;

    Env(Value input, Overrides data, Map<String, Mock> mocks) {
        this.input = input;
        this.data = data;
        this.mocks = mocks;
    }

    /** This environment with no function replaced (where replacing functions run); cached. */
    Env withoutMocks() {
        if (mocks == null || mocks.isEmpty()) {
            return this;
        }
        if (withoutMocks == null) {
            withoutMocks = new Env(input, data, null);
        }
        return withoutMocks;
    }

    /** A function replaced by {@code with}: by a value, a builtin or a user function. */
    record Mock(Value value, Builtin builtin, RuleTree.Node function) {
    }

    /** A tree of replaced data paths. */
    static final class Overrides {
        Value value;
        final Map<Value, Overrides> children = new HashMap<>();

        Overrides copy() {
            Overrides o = new Overrides();
            o.value = value;
            for (Map.Entry<Value, Overrides> e : children.entrySet()) {
                o.children.put(e.getKey(), e.getValue().copy());
            }
            return o;
        }

        Overrides child(Value k) {
            return children.get(k);
        }
    }

    Env with(Ctx ctx, Value[] f, WithMod[] mods) {
        Value in = input;
        Overrides d = data;
        Map<String, Mock> m = mocks;
        boolean dataCopied = false;
        boolean mocksCopied = false;
        for (WithMod mod : mods) {
            switch (mod.kind) {
                case WithMod.INPUT -> {
                    Value v = mod.value.eval(ctx, f);
                    if (v == null) {
                        throw new EvalError(EvalError.INTERNAL, "with value is undefined", mod.value.loc);
                    }
                    in = mod.path.length == 0 ? v : setPath(in, mod.path, 0, v);
                }
                case WithMod.DATA -> {
                    Value v = mod.value.eval(ctx, f);
                    if (v == null) {
                        throw new EvalError(EvalError.INTERNAL, "with value is undefined", mod.value.loc);
                    }
                    if (!dataCopied) {
                        d = d == null ? new Overrides() : d.copy();
                        dataCopied = true;
                    }
                    Overrides o = d;
                    for (Value k : mod.path) {
                        o.value = null;
                        o = o.children.computeIfAbsent(k, x -> new Overrides());
                    }
                    o.value = v;
                    o.children.clear();
                }
                default -> {
                    if (!mocksCopied) {
                        m = m == null ? new HashMap<>() : new HashMap<>(m);
                        mocksCopied = true;
                    }
                    Mock mock;
                    if (mod.mockFunction != null) {
                        mock = new Mock(null, null, mod.mockFunction);
                    } else if (mod.mockBuiltin != null) {
                        mock = new Mock(null, ctx.builtin(mod.mockBuiltin), null);
                    } else {
                        Value v = mod.value.eval(ctx, f);
                        mock = new Mock(v, null, null);
                    }
                    m.put(mod.function, mock);
                }
            }
        }
        return new Env(in, d, m);
    }

    /** {@code base} with {@code path} set to {@code v}, creating objects where needed. */
    static Value setPath(Value base, Value[] path, int i, Value v) {
        if (i == path.length) {
            return v;
        }
        ObjectValue obj = base instanceof ObjectValue o ? o : ObjectValue.EMPTY;
        ObjectBuilder b = new ObjectBuilder(obj.size() + 1);
        for (int j = 0; j < obj.size(); j++) {
            b.put(obj.keyAt(j), obj.valueAt(j));
        }
        b.put(path[i], setPath(obj.get(path[i]), path, i + 1, v));
        return b.build();
    }
}
