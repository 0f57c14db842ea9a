package dev.palisade.rego.internal.eval;

import dev.palisade.rego.internal.eval.Plan.K;
import dev.palisade.rego.internal.eval.Plan.PArray;
import dev.palisade.rego.internal.eval.Plan.PConst;
import dev.palisade.rego.internal.eval.Plan.PExpr;
import dev.palisade.rego.internal.eval.Plan.PObject;
import dev.palisade.rego.internal.eval.Plan.PTerm;
import dev.palisade.rego.internal.eval.Plan.PVar;
import dev.palisade.rego.internal.eval.Plan.VK;
import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.Value;
import java.util.function.BiPredicate;

/** Evaluation helpers: bodies, ref lookups and iteration, matching values against patterns. */
final class Eval {
    private Eval() {
    }

    /** Evaluates body[i..] and calls {@code k} for each solution. */
    static boolean body(PExpr[] body, int i, Ctx ctx, Value[] f, K k) {
        if (i == body.length) {
            return k.run();
        }
        PExpr e = body[i];
        ctx.step(e.loc);
        if (i + 1 == body.length) {
            return e.eval(ctx, f, k);
        }
        return e.eval(ctx, f, () -> body(body, i + 1, ctx, f, k));
    }

    /** The member of a collection at a key, or {@code null}. */
    static Value lookup(Value cur, Value key) {
        if (cur instanceof ObjectValue o) {
            return o.get(key);
        }
        if (cur instanceof ArrayValue a) {
            if (key instanceof NumberValue n && n.isInt64()) {
                long i = n.longValue();
                if (i >= 0 && i < a.size()) {
                    return a.get((int) i);
                }
            }
            return null;
        }
        if (cur instanceof SetValue s) {
            return s.contains(key) ? key : null;
        }
        return null;
    }

    /** Calls {@code f(key, value)} for each entry of a collection; stops when it returns false. */
    static boolean entries(Value v, BiPredicate<Value, Value> f) {
        if (v instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                if (!f.test(o.keyAt(i), o.valueAt(i))) {
                    return false;
                }
            }
        } else if (v instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                if (!f.test(NumberValue.of(i), a.get(i))) {
                    return false;
                }
            }
        } else if (v instanceof SetValue s) {
            for (int i = 0; i < s.size(); i++) {
                Value e = s.get(i);
                if (!f.test(e, e)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Walks path[i..] from {@code cur}, iterating over unbound path terms. */
    static boolean walk(Ctx ctx, Value[] f, Value cur, PTerm[] path, int i, VK k) {
        for (; i < path.length; i++) {
            PTerm p = path[i];
            if (p.ground(f)) {
                Value key = p.eval(ctx, f);
                if (key == null) {
                    return true;
                }
                cur = lookup(cur, key);
                if (cur == null) {
                    return true;
                }
                continue;
            }
            final int next = i + 1;
            return entries(cur, (key, value) -> {
                ctx.step(p.loc);
                int mark = ctx.mark();
                boolean r = !match(ctx, f, p, key) || walk(ctx, f, value, path, next, k);
                ctx.undo(mark);
                return r;
            });
        }
        return k.accept(cur);
    }

    /** Matches a value against a pattern term, binding unbound variables. */
    static boolean match(Ctx ctx, Value[] f, PTerm p, Value v) {
        if (p instanceof PVar pv) {
            Value cur = f[pv.slot];
            if (cur == null) {
                ctx.bind(f, pv.slot, v);
                return true;
            }
            return cur.equals(v);
        }
        if (p instanceof PConst c) {
            return c.value.equals(v);
        }
        if (p instanceof PArray pa) {
            if (!(v instanceof ArrayValue a) || a.size() != pa.elems.length) {
                return false;
            }
            for (int i = 0; i < pa.elems.length; i++) {
                if (!match(ctx, f, pa.elems[i], a.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (p instanceof PObject po) {
            if (!(v instanceof ObjectValue o) || o.size() != po.keys.length) {
                return false;
            }
            for (int i = 0; i < po.keys.length; i++) {
                Value key = po.keys[i].eval(ctx, f);
                if (key == null) {
                    return false;
                }
                Value member = o.get(key);
                if (member == null || !match(ctx, f, po.vals[i], member)) {
                    return false;
                }
            }
            return true;
        }
        Value pv = p.eval(ctx, f);
        return pv != null && pv.equals(v);
    }

    /** Unifies two patterns that both have unbound variables (element by element, to a fixpoint). */
    static boolean unifyPatterns(Ctx ctx, Value[] f, PTerm a, PTerm b) {
        if (a.ground(f)) {
            Value v = a.eval(ctx, f);
            return v != null && match(ctx, f, b, v);
        }
        if (b.ground(f)) {
            Value v = b.eval(ctx, f);
            return v != null && match(ctx, f, a, v);
        }
        if (a instanceof PArray x && b instanceof PArray y) {
            if (x.elems.length != y.elems.length) {
                return false;
            }
            return pairs(ctx, f, x.elems, y.elems);
        }
        if (a instanceof PObject x && b instanceof PObject y) {
            if (x.keys.length != y.keys.length) {
                return false;
            }
            PTerm[] xs = new PTerm[x.keys.length];
            PTerm[] ys = new PTerm[x.keys.length];
            for (int i = 0; i < x.keys.length; i++) {
                Value k = x.keys[i].eval(ctx, f);
                int j = -1;
                for (int m = 0; m < y.keys.length; m++) {
                    Value k2 = y.keys[m].eval(ctx, f);
                    if (k != null && k.equals(k2)) {
                        j = m;
                        break;
                    }
                }
                if (j < 0) {
                    return false;
                }
                xs[i] = x.vals[i];
                ys[i] = y.vals[j];
            }
            return pairs(ctx, f, xs, ys);
        }
        if (a instanceof PVar || b instanceof PVar) {
            throw new EvalError(EvalError.INTERNAL, "cannot unify two unbound terms", a.loc);
        }
        return false;
    }

    private static boolean pairs(Ctx ctx, Value[] f, PTerm[] xs, PTerm[] ys) {
        boolean[] done = new boolean[xs.length];
        int remaining = xs.length;
        while (remaining > 0) {
            boolean progress = false;
            for (int i = 0; i < xs.length; i++) {
                if (done[i]) {
                    continue;
                }
                if (xs[i].ground(f) || ys[i].ground(f)) {
                    if (!unifyPatterns(ctx, f, xs[i], ys[i])) {
                        return false;
                    }
                    done[i] = true;
                    remaining--;
                    progress = true;
                } else if ((xs[i] instanceof PArray && ys[i] instanceof PArray)
                        || (xs[i] instanceof PObject && ys[i] instanceof PObject)) {
                    if (!unifyPatterns(ctx, f, xs[i], ys[i])) {
                        return false;
                    }
                    done[i] = true;
                    remaining--;
                    progress = true;
                }
            }
            if (!progress) {
                throw new EvalError(EvalError.INTERNAL, "cannot unify two unbound terms", xs[0].loc);
            }
        }
        return true;
    }
}
