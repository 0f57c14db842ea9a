package dev.palisade.rego.internal.builtins;

import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.BigFloat;
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.NullValue;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.ObjectBuilder;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.SetBuilder;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Aggregates, arrays, sets, objects, types, casts, bits, numbers.range, walk. */
final class Collections2 {
    private Collections2() {
    }

    static void register(Map<String, Builtin> m) {
        Registry.add(m, "count", 1, (c, a) -> {
            Value v = a[0];
            if (v instanceof ArrayValue x) {
                return NumberValue.of(x.size());
            }
            if (v instanceof ObjectValue x) {
                return NumberValue.of(x.size());
            }
            if (v instanceof SetValue x) {
                return NumberValue.of(x.size());
            }
            if (v instanceof StringValue s) {
                return NumberValue.of(s.value().codePointCount(0, s.value().length()));
            }
            throw Args.typeError(1, v, "array", "object", "set", "string");
        });
        Registry.add(m, "sum", 1, (c, a) -> sumProduct(a, true));
        Registry.add(m, "product", 1, (c, a) -> sumProduct(a, false));
        Registry.add(m, "max", 1, (c, a) -> maxMin(a, true));
        Registry.add(m, "min", 1, (c, a) -> maxMin(a, false));
        Registry.add(m, "sort", 1, (c, a) -> {
            if (!(a[0] instanceof ArrayValue) && !(a[0] instanceof SetValue)) {
                throw Args.typeError(1, a[0], "array", "set");
            }
            Value[] vs = Args.elements(a[0]).toArray(new Value[0]);
            Arrays.sort(vs);
            return ArrayValue.of(vs);
        });
        Registry.add(m, "all", 1, (c, a) -> {
            collection(a[0]);
            for (Value v : Args.elements(a[0])) {
                if (v != BoolValue.TRUE) {
                    return BoolValue.FALSE;
                }
            }
            return BoolValue.TRUE;
        });
        Registry.add(m, "any", 1, (c, a) -> {
            collection(a[0]);
            for (Value v : Args.elements(a[0])) {
                if (v == BoolValue.TRUE) {
                    return BoolValue.TRUE;
                }
            }
            return BoolValue.FALSE;
        });
        // arrays
        Registry.add(m, "array.concat", 2, (c, a) -> {
            ArrayValue x = Args.array(a, 0);
            ArrayValue y = Args.array(a, 1);
            c.charge(x.size() + y.size());
            Value[] r = new Value[x.size() + y.size()];
            for (int i = 0; i < x.size(); i++) {
                r[i] = x.get(i);
            }
            for (int i = 0; i < y.size(); i++) {
                r[x.size() + i] = y.get(i);
            }
            return ArrayValue.of(r);
        });
        Registry.add(m, "array.slice", 3, (c, a) -> {
            ArrayValue x = Args.array(a, 0);
            int start = Args.integer(a, 1);
            int stop = Args.integer(a, 2);
            if (stop < 0) {
                stop = 0;
            } else if (stop > x.size()) {
                stop = x.size();
            }
            if (start < 0) {
                start = 0;
            } else if (start > stop) {
                start = stop;
            }
            Value[] r = new Value[stop - start];
            for (int i = start; i < stop; i++) {
                r[i - start] = x.get(i);
            }
            return ArrayValue.of(r);
        });
        Registry.add(m, "array.reverse", 1, (c, a) -> {
            ArrayValue x = Args.array(a, 0);
            Value[] r = new Value[x.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = x.get(r.length - 1 - i);
            }
            return ArrayValue.of(r);
        });
        Registry.add(m, "array.flatten", 1, (c, a) -> {
            ArrayValue x = Args.array(a, 0);
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < x.size(); i++) {
                Value e = x.get(i);
                if (e instanceof ArrayValue inner) {
                    for (int j = 0; j < inner.size(); j++) {
                        out.add(inner.get(j));
                    }
                } else {
                    out.add(e);
                }
            }
            c.charge(out.size());
            return ArrayValue.of(out);
        });
        // sets
        Registry.add(m, "intersection", 1, (c, a) -> {
            SetValue sets = Args.set(a, 0);
            SetValue result = null;
            for (int i = 0; i < sets.size(); i++) {
                if (!(sets.get(i) instanceof SetValue s)) {
                    throw Args.operandError(1, "must be set of sets but got set containing " + sets.get(i).typeName());
                }
                if (result == null) {
                    result = s;
                } else {
                    List<Value> out = new ArrayList<>();
                    for (int j = 0; j < result.size(); j++) {
                        if (s.contains(result.get(j))) {
                            out.add(result.get(j));
                        }
                    }
                    result = SetValue.of(out);
                }
            }
            return result == null ? SetValue.EMPTY : result;
        });
        Registry.add(m, "union", 1, (c, a) -> {
            SetValue sets = Args.set(a, 0);
            SetBuilder out = new SetBuilder();
            for (int i = 0; i < sets.size(); i++) {
                if (!(sets.get(i) instanceof SetValue s)) {
                    throw Args.operandError(1, "must be set of sets but got set containing " + sets.get(i).typeName());
                }
                for (int j = 0; j < s.size(); j++) {
                    out.add(s.get(j));
                }
            }
            c.charge(out.size());
            return out.build();
        });
        // numbers
        Registry.add(m, "numbers.range", 2, (c, a) -> range(c, a, false));
        Registry.add(m, "numbers.range_step", 3, (c, a) -> range(c, a, true));
        // objects
        Registry.add(m, "object.get", 3, (c, a) -> {
            ObjectValue o = Args.object(a, 0);
            if (!(a[1] instanceof ArrayValue path)) {
                Value v = o.get(a[1]);
                return v != null ? v : a[2];
            }
            if (path.size() == 0) {
                return o;
            }
            Value cur = o;
            for (int i = 0; i < path.size(); i++) {
                cur = lookup(cur, path.get(i));
                if (cur == null) {
                    return a[2];
                }
            }
            return cur;
        });
        Registry.add(m, "object.keys", 1, (c, a) -> {
            ObjectValue o = Args.object(a, 0);
            Value[] ks = new Value[o.size()];
            for (int i = 0; i < ks.length; i++) {
                ks[i] = o.keyAt(i);
            }
            return SetValue.of(ks);
        });
        Registry.add(m, "object.remove", 2, (c, a) -> {
            ObjectValue o = Args.object(a, 0);
            SetValue keys = keySet(a[1], 2);
            ObjectBuilder b = new ObjectBuilder(o.size());
            for (int i = 0; i < o.size(); i++) {
                if (!keys.contains(o.keyAt(i))) {
                    b.put(o.keyAt(i), o.valueAt(i));
                }
            }
            return b.build();
        });
        Registry.add(m, "object.filter", 2, (c, a) -> {
            ObjectValue o = Args.object(a, 0);
            SetValue keys = keySet(a[1], 2);
            ObjectBuilder b = new ObjectBuilder();
            for (int i = 0; i < o.size(); i++) {
                if (keys.contains(o.keyAt(i))) {
                    b.put(o.keyAt(i), o.valueAt(i));
                }
            }
            return b.build();
        });
        Registry.add(m, "object.union", 2, (c, a) -> {
            ObjectValue x = Args.object(a, 0);
            ObjectValue y = Args.object(a, 1);
            c.charge(Math.min(x.weight(), y.weight())); // the merge recurses into shared keys
            return union(x, y);
        });
        Registry.add(m, "object.union_n", 1, (c, a) -> {
            ArrayValue arr = Args.array(a, 0);
            c.charge(arr.weight());
            ObjectValue r = ObjectValue.EMPTY;
            for (int i = 0; i < arr.size(); i++) {
                if (!(arr.get(i) instanceof ObjectValue o)) {
                    throw Args.operandError(1, "must be array of objects but got array containing " + arr.get(i).typeName());
                }
                r = union(r, o);
            }
            return r;
        });
        Registry.add(m, "object.subset", 2, (c, a) -> {
            Value sup = a[0];
            Value sub = a[1];
            c.charge(sub.weight()); // the check recurses through the subset's members
            if (sup instanceof ObjectValue x && sub instanceof ObjectValue y) {
                return BoolValue.of(objectSubset(x, y));
            }
            if (sup instanceof SetValue x && sub instanceof SetValue y) {
                return BoolValue.of(setSubset(x, y));
            }
            if (sup instanceof ArrayValue x && sub instanceof ArrayValue y) {
                return BoolValue.of(arraySubset(x, y));
            }
            if (sup instanceof ArrayValue x && sub instanceof SetValue y) {
                int unmatched = y.size();
                for (int i = 0; i < x.size(); i++) {
                    if (y.contains(x.get(i))) {
                        unmatched--;
                    }
                    if (unmatched == 0) {
                        return BoolValue.TRUE;
                    }
                }
                return BoolValue.FALSE;
            }
            throw BuiltinException.type("both arguments object.subset must be of the same type or array and set");
        });
        // types
        type(m, "is_number", v -> v instanceof NumberValue);
        type(m, "is_string", v -> v instanceof StringValue);
        type(m, "is_boolean", v -> v instanceof BoolValue);
        type(m, "is_array", v -> v instanceof ArrayValue);
        type(m, "is_set", v -> v instanceof SetValue);
        type(m, "is_object", v -> v instanceof ObjectValue);
        type(m, "is_null", v -> v instanceof NullValue);
        Registry.add(m, "type_name", 1, (c, a) -> StringValue.of(a[0].typeName()));
        // casts
        Registry.add(m, "to_number", 1, (c, a) -> toNumber(a[0]));
        Registry.add(m, "cast_array", 1, (c, a) -> {
            if (a[0] instanceof ArrayValue) {
                return a[0];
            }
            if (a[0] instanceof SetValue s) {
                return ArrayValue.of(s.toArray());
            }
            throw Args.typeError(1, a[0], "array", "set");
        });
        Registry.add(m, "cast_set", 1, (c, a) -> {
            if (a[0] instanceof SetValue) {
                return a[0];
            }
            if (a[0] instanceof ArrayValue arr) {
                return SetValue.of(arr.toArray());
            }
            throw Args.typeError(1, a[0], "array", "set");
        });
        Registry.add(m, "cast_string", 1, (c, a) -> StringValue.of(Args.string(a, 0)));
        Registry.add(m, "cast_boolean", 1, (c, a) -> {
            if (a[0] instanceof BoolValue) {
                return a[0];
            }
            throw Args.typeError(1, a[0], "boolean");
        });
        Registry.add(m, "cast_null", 1, (c, a) -> {
            if (a[0] instanceof NullValue) {
                return a[0];
            }
            throw Args.typeError(1, a[0], "null");
        });
        Registry.add(m, "cast_object", 1, (c, a) -> Args.object(a, 0));
        // bits
        Registry.add(m, "bits.and", 2, (c, a) -> NumberValue.of(bigInt(a, 0).and(bigInt(a, 1))));
        Registry.add(m, "bits.or", 2, (c, a) -> NumberValue.of(bigInt(a, 0).or(bigInt(a, 1))));
        Registry.add(m, "bits.xor", 2, (c, a) -> NumberValue.of(bigInt(a, 0).xor(bigInt(a, 1))));
        Registry.add(m, "bits.negate", 1, (c, a) -> NumberValue.of(bigInt(a, 0).not()));
        Registry.add(m, "bits.lsh", 2, (c, a) -> {
            BigInteger x = bigInt(a, 0);
            int s = shift(a, 1);
            c.charge(s / 64);
            return NumberValue.of(x.shiftLeft(s));
        });
        Registry.add(m, "bits.rsh", 2, (c, a) -> NumberValue.of(bigInt(a, 0).shiftRight(shift(a, 1))));
        // walk
        Registry.add(m, new Builtin("walk", 1) {
            @Override
            public Value call(BuiltinContext ctx, Value[] args) {
                throw new IllegalStateException("walk is a relation");
            }

            @Override
            public boolean relation() {
                return true;
            }

            @Override
            public boolean iterate(BuiltinContext ctx, Value[] args, Predicate<Value> k) {
                return walk(ctx, new ArrayList<>(), args[0], k);
            }
        });
    }

    private static boolean walk(BuiltinContext ctx, List<Value> path, Value v, Predicate<Value> k) {
        ctx.charge(1);
        if (!k.test(ArrayValue.of(ArrayValue.of(path), v))) {
            return false;
        }
        if (v instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                path.add(o.keyAt(i));
                boolean r = walk(ctx, path, o.valueAt(i), k);
                path.remove(path.size() - 1);
                if (!r) {
                    return false;
                }
            }
        } else if (v instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                path.add(NumberValue.of(i));
                boolean r = walk(ctx, path, a.get(i), k);
                path.remove(path.size() - 1);
                if (!r) {
                    return false;
                }
            }
        } else if (v instanceof SetValue s) {
            for (int i = 0; i < s.size(); i++) {
                path.add(s.get(i));
                boolean r = walk(ctx, path, s.get(i), k);
                path.remove(path.size() - 1);
                if (!r) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void type(Map<String, Builtin> m, String name, Predicate<Value> p) {
        Registry.add(m, name, 1, (c, a) -> BoolValue.of(p.test(a[0])));
    }

    private static void collection(Value v) {
        if (!(v instanceof ArrayValue) && !(v instanceof SetValue)) {
            throw Args.typeError(1, v, "array", "set");
        }
    }

    static Value lookup(Value cur, Value key) {
        if (cur instanceof ObjectValue o) {
            return o.get(key);
        }
        if (cur instanceof ArrayValue a) {
            if (key instanceof NumberValue n && n.isInt64()) {
                long i = n.longValue();
                return i >= 0 && i < a.size() ? a.get((int) i) : null;
            }
            return null;
        }
        if (cur instanceof SetValue s) {
            return s.contains(key) ? key : null;
        }
        return null;
    }

    private static Value sumProduct(Value[] a, boolean sum) {
        Value v = a[0];
        if (!(v instanceof ArrayValue) && !(v instanceof SetValue)) {
            throw Args.typeError(1, v, "set", "array");
        }
        BigFloat acc = BigFloat.of(BigInteger.valueOf(sum ? 0 : 1));
        boolean allInts = true;
        BigInteger exact = sum ? BigInteger.ZERO : BigInteger.ONE;
        for (Value e : Args.elements(v)) {
            if (!(e instanceof NumberValue n)) {
                throw Args.operandError(1, "must be " + v.typeName() + " of numbers but got " + v.typeName()
                        + " containing " + e.typeName());
            }
            if (allInts && n.isInt64()) {
                exact = sum ? exact.add(BigInteger.valueOf(n.longValue())) : exact.multiply(BigInteger.valueOf(n.longValue()));
            } else {
                allInts = false;
            }
            acc = sum ? acc.add(BigFloat.of(n)) : acc.mul(BigFloat.of(n));
        }
        if (allInts && exact.bitLength() < 63) {
            return NumberValue.of(exact);
        }
        return acc.toNumber();
    }

    private static Value maxMin(Value[] a, boolean max) {
        Value v = a[0];
        if (!(v instanceof ArrayValue) && !(v instanceof SetValue)) {
            throw Args.typeError(1, v, "set", "array");
        }
        Value best = null;
        for (Value e : Args.elements(v)) {
            if (best == null || (max ? e.compareTo(best) > 0 : e.compareTo(best) < 0)) {
                best = e;
            }
        }
        return best;
    }

    private static Value range(BuiltinContext c, Value[] a, boolean stepped) {
        String name = stepped ? "numbers.range_step" : "numbers.range";
        BigInteger x = rangeInt(a, 0);
        BigInteger y = rangeInt(a, 1);
        BigInteger step = BigInteger.ONE;
        if (stepped) {
            step = rangeInt(a, 2);
            if (step.signum() <= 0) {
                throw BuiltinException.error("step must be a positive integer");
            }
        }
        BigInteger count = y.subtract(x).abs().divide(step).add(BigInteger.ONE);
        if (count.bitLength() > 31) {
            c.charge(Long.MAX_VALUE / 2);
        }
        c.charge(count.longValue());
        List<Value> out = new ArrayList<>(count.intValue());
        if (x.compareTo(y) <= 0) {
            for (BigInteger i = x; i.compareTo(y) <= 0; i = i.add(step)) {
                out.add(NumberValue.of(i));
            }
        } else {
            for (BigInteger i = x; i.compareTo(y) >= 0; i = i.subtract(step)) {
                out.add(NumberValue.of(i));
            }
        }
        return ArrayValue.of(out);
    }

    private static BigInteger rangeInt(Value[] a, int i) {
        NumberValue n = Args.number(a, i);
        BigInteger b = n.text() == null || n.isInt64() ? n.bigIntegerExact() : null;
        if (b == null) {
            b = n.bigIntegerExact();
            if (b == null || n.text() != null && !n.isInt64() && n.text().contains(".")) {
                throw Args.operandError(i + 1, "must be integer number but got floating-point number");
            }
        }
        return b;
    }

    private static BigInteger bigInt(Value[] a, int i) {
        NumberValue n = Args.number(a, i);
        BigInteger b = n.bigIntegerExact();
        if (b == null) {
            throw Args.operandError(i + 1, "must be integer number but got floating-point number");
        }
        return b;
    }

    private static int shift(Value[] a, int i) {
        BigInteger b = bigInt(a, i);
        if (b.signum() < 0) {
            throw Args.operandError(i + 1, "must be an unsigned integer number but got a negative integer");
        }
        if (b.bitLength() > 20) {
            throw Args.operandError(i + 1, "is too large a shift");
        }
        return b.intValue();
    }

    private static SetValue keySet(Value keys, int pos) {
        if (keys instanceof SetValue s) {
            return s;
        }
        if (keys instanceof ArrayValue arr) {
            return SetValue.of(arr.toArray());
        }
        if (keys instanceof ObjectValue o) {
            Value[] ks = new Value[o.size()];
            for (int i = 0; i < ks.length; i++) {
                ks[i] = o.keyAt(i);
            }
            return SetValue.of(ks);
        }
        throw Args.typeError(pos, keys, "object", "set", "array");
    }

    static ObjectValue union(ObjectValue x, ObjectValue y) {
        ObjectBuilder b = new ObjectBuilder(x.size() + y.size());
        for (int i = 0; i < x.size(); i++) {
            Value k = x.keyAt(i);
            Value yv = y.get(k);
            Value xv = x.valueAt(i);
            if (yv == null) {
                b.put(k, xv);
            } else if (xv instanceof ObjectValue xo && yv instanceof ObjectValue yo) {
                b.put(k, union(xo, yo));
            } else {
                b.put(k, yv);
            }
        }
        for (int i = 0; i < y.size(); i++) {
            if (x.get(y.keyAt(i)) == null) {
                b.put(y.keyAt(i), y.valueAt(i));
            }
        }
        return b.build();
    }

    private static boolean objectSubset(ObjectValue sup, ObjectValue sub) {
        for (int i = 0; i < sub.size(); i++) {
            Value st = sup.get(sub.keyAt(i));
            Value v = sub.valueAt(i);
            if (st == null) {
                return false;
            }
            if (v.equals(st)) {
                continue;
            }
            if (st instanceof ObjectValue so && v instanceof ObjectValue vo) {
                if (!objectSubset(so, vo)) {
                    return false;
                }
            } else if (st instanceof SetValue ss && v instanceof SetValue vs) {
                if (!setSubset(ss, vs)) {
                    return false;
                }
            } else if (st instanceof ArrayValue sa && v instanceof ArrayValue va) {
                if (!arraySubset(sa, va)) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean setSubset(SetValue sup, SetValue sub) {
        for (int i = 0; i < sub.size(); i++) {
            if (!sup.contains(sub.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean arraySubset(ArrayValue sup, ArrayValue sub) {
        if (sub.size() > sup.size()) {
            return false;
        }
        if (sub.equals(sup)) {
            return true;
        }
        int superCursor = 0;
        int subCursor = 0;
        while (true) {
            if (subCursor == sub.size()) {
                return true;
            }
            if (superCursor + subCursor == sup.size()) {
                return false;
            }
            if (sup.get(superCursor + subCursor).compareTo(sub.get(subCursor)) == 0) {
                subCursor++;
            } else {
                superCursor++;
                subCursor = 0;
            }
        }
    }

    static Value toNumber(Value v) {
        if (v instanceof NullValue) {
            return NumberValue.ZERO;
        }
        if (v instanceof BoolValue b) {
            return b.value() ? NumberValue.ONE : NumberValue.ZERO;
        }
        if (v instanceof NumberValue) {
            return v;
        }
        if (v instanceof StringValue s) {
            String str = s.value();
            String lower = str.toLowerCase(java.util.Locale.ROOT);
            String bare = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
            if (bare.equals("inf") || bare.equals("infinity") || bare.equals("nan")) {
                throw BuiltinException.type("strconv.ParseFloat: parsing " + dev.palisade.rego.internal.value.GoQuote.quote(str)
                        + ": invalid syntax");
            }
            BigDecimal d = parseGoFloat(str);
            if (d == null) {
                throw BuiltinException.error("strconv.ParseFloat: parsing " + dev.palisade.rego.internal.value.GoQuote.quote(str)
                        + ": invalid syntax");
            }
            return NumberValue.of(d, str);
        }
        throw Args.typeError(1, v, "null", "boolean", "number", "string");
    }

    /** Go's ParseFloat syntax (decimal, optional sign, exponent, underscores not allowed here). */
    static BigDecimal parseGoFloat(String s) {
        if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            if (s.matches("[+-]?0[xX][0-9a-fA-F]+")) {
                boolean neg = s.startsWith("-");
                String hex = s.replaceFirst("^[+-]?0[xX]", "");
                BigInteger v = new BigInteger(hex, 16);
                return new BigDecimal(neg ? v.negate() : v);
            }
            return null;
        }
        return new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
    }
}
