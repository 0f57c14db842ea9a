package dev.palisade.rego.internal.eval;

import dev.palisade.rego.internal.compile.RuleTree;
import dev.palisade.rego.internal.eval.Plan.PRef;
import dev.palisade.rego.internal.eval.Plan.PTerm;
import dev.palisade.rego.internal.eval.Plan.RuleSet;
import dev.palisade.rego.internal.eval.Plan.VK;
import dev.palisade.rego.internal.value.ObjectBuilder;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.Value;
import java.util.TreeSet;

/**
 * References into {@code data}: base documents (the host's JSON) merged with the virtual documents
 * that rules define, and parts replaced by {@code with}. Rules are evaluated only when a reference
 * reaches them.
 */
final class Data {
    private Data() {
    }

    static boolean each(Ctx ctx, PRef ref, Value[] f, VK k) {
        if (ctx.env.data == null) {
            RuleTree.Node n = ref.node;
            if (n != null && n.hasRules()) {
                Value v = ctx.ruleValue(n, ref.loc);
                return v == null || Eval.walk(ctx, f, v, ref.path, ref.nodeDepth, k);
            }
            if (n == null) {
                // the constant prefix leaves the rule tree: only base documents are below
                return ctx.data == null || walk(ctx, f, null, ctx.data, null, ref.path, 0, k, ref);
            }
        }
        return walk(ctx, f, ctx.prog.tree().root, ctx.data, ctx.env.data, ref.path, 0, k, ref);
    }

    private static boolean walk(Ctx ctx, Value[] f, RuleTree.Node n, Value base, Env.Overrides o, PTerm[] path,
                                int i, VK k, PRef ref) {
        if (o != null && o.value != null) {
            return Eval.walk(ctx, f, o.value, path, i, k);
        }
        if (n != null && n.hasRules()) {
            if (o != null && !o.children.isEmpty()) {
                Value v = materialize(ctx, n, base, o, ref);
                return v == null || Eval.walk(ctx, f, v, path, i, k);
            }
            Value v = ctx.ruleValue(n, ref.loc);
            return v == null || Eval.walk(ctx, f, v, path, i, k);
        }
        if (n == null && o == null) {
            if (base == null) {
                return true;
            }
            if (i < path.length && path[i].ground(f)) {
                Value key = path[i].eval(ctx, f);
                Value cb = key == null ? null : baseLookup(base, key);
                return cb == null || walk(ctx, f, null, cb, null, path, i + 1, k, ref);
            }
            return Eval.walk(ctx, f, base, path, i, k);
        }
        if (i == path.length) {
            Value v = materialize(ctx, n, base, o, ref);
            return v == null || k.accept(v);
        }
        PTerm p = path[i];
        if (p.ground(f)) {
            Value key = p.eval(ctx, f);
            if (key == null) {
                return true;
            }
            RuleTree.Node cn = n == null ? null : n.child(key);
            Value cb = base == null ? null : baseLookup(base, key);
            Env.Overrides co = o == null ? null : o.child(key);
            if (cn == null && cb == null && co == null) {
                return true;
            }
            return walk(ctx, f, cn, cb, co, path, i + 1, k, ref);
        }
        TreeSet<Value> keys = keys(n, base, o);
        for (Value key : keys) {
            ctx.step(p.loc);
            RuleTree.Node cn = n == null ? null : n.child(key);
            if (cn != null && cn.isFunction()) {
                continue;
            }
            int mark = ctx.mark();
            boolean r = !Eval.match(ctx, f, p, key)
                    || walk(ctx, f, cn, base == null ? null : Eval.lookup(base, key), o == null ? null : o.child(key),
                    path, i + 1, k, ref);
            ctx.undo(mark);
            if (!r) {
                return false;
            }
        }
        return true;
    }

    private static TreeSet<Value> keys(RuleTree.Node n, Value base, Env.Overrides o) {
        TreeSet<Value> keys = new TreeSet<>();
        if (n != null) {
            keys.addAll(n.children.keySet());
        }
        if (base instanceof ObjectValue obj) {
            for (int i = 0; i < obj.size(); i++) {
                keys.add(obj.keyAt(i));
            }
        }
        if (o != null) {
            keys.addAll(o.children.keySet());
        }
        return keys;
    }

    /** The whole document at a position of the data tree. */
    private static Value materialize(Ctx ctx, RuleTree.Node n, Value base, Env.Overrides o, PRef ref) {
        if (o != null && o.value != null) {
            return o.value;
        }
        if (n != null && n.hasRules()) {
            if (n.isFunction()) {
                return null;
            }
            Value v = ctx.ruleValue(n, ref.loc);
            if (base != null && v != null) {
                v = mergeBaseWins(base, v); // OPA merges the base document over the virtual one
            }
            if (o == null || o.children.isEmpty() || !(v instanceof ObjectValue)) {
                return v;
            }
            base = v;
            n = null;
        }
        if (n == null && (o == null || o.children.isEmpty())) {
            return base;
        }
        if (base != null && !(base instanceof ObjectValue) && n == null) {
            base = null;
        }
        ObjectBuilder b = new ObjectBuilder();
        for (Value key : keys(n, base, o)) {
            RuleTree.Node cn = n == null ? null : n.child(key);
            if (cn != null && cn.isFunction()) {
                continue;
            }
            ctx.step(ref.loc);
            Value v = materialize(ctx, cn, base == null ? null : Eval.lookup(base, key), o == null ? null : o.child(key), ref);
            if (v != null) {
                b.put(key, v);
            }
        }
        return b.build();
    }

    /**
     * A key of a base document. As OPA turns a data reference into a storage path, a number key
     * also finds the object member named by its text ({@code data[2]} reads {@code "2"}).
     */
    private static Value baseLookup(Value base, Value key) {
        Value v = Eval.lookup(base, key);
        if (v == null && key instanceof dev.palisade.rego.internal.value.NumberValue nv && base instanceof ObjectValue obj) {
            v = obj.get(nv.text(false));
        }
        return v;
    }

    /** OPA's merge of a base document with a virtual one: objects merge key by key, otherwise the base wins. */
    private static Value mergeBaseWins(Value base, Value virtual) {
        if (!(base instanceof ObjectValue b) || !(virtual instanceof ObjectValue v)) {
            return base;
        }
        ObjectBuilder out = new ObjectBuilder();
        for (int i = 0; i < v.size(); i++) {
            out.put(v.keyAt(i), v.valueAt(i));
        }
        for (int i = 0; i < b.size(); i++) {
            Value k = b.keyAt(i);
            Value other = v.get(k);
            out.put(k, other == null ? b.valueAt(i) : mergeBaseWins(b.valueAt(i), other));
        }
        return out.build();
    }

    static boolean isFunctionNode(RuleTree.Node n) {
        return n != null && n.plan instanceof RuleSet rs && rs.kind == RuleSet.FUNCTION;
    }
}
