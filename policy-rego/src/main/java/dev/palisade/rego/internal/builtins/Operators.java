package dev.palisade.rego.internal.builtins;

import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.BigFloat;
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.SetBuilder;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import dev.palisade.rego.internal.value.Values;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Operators and the internal functions the compiler emits: comparison, arithmetic (OPA's
 * narrowest-representation rules: int32 window, exact big integers, 64-bit big floats), set
 * {@code &}/{@code |}/{@code -}, membership ({@code in}), print and template strings.
 */
final class Operators {
    private static final long MIN_SMALL = Integer.MIN_VALUE;
    private static final long MAX_SMALL = Integer.MAX_VALUE;

    private Operators() {
    }

    static void register(Map<String, Builtin> m) {
        Registry.add(m, "equal", 2, (c, a) -> BoolValue.of(a[0].compareTo(a[1]) == 0));
        Registry.add(m, "neq", 2, (c, a) -> BoolValue.of(a[0].compareTo(a[1]) != 0));
        Registry.add(m, "lt", 2, (c, a) -> BoolValue.of(a[0].compareTo(a[1]) < 0));
        Registry.add(m, "lte", 2, (c, a) -> BoolValue.of(a[0].compareTo(a[1]) <= 0));
        Registry.add(m, "gt", 2, (c, a) -> BoolValue.of(a[0].compareTo(a[1]) > 0));
        Registry.add(m, "gte", 2, (c, a) -> BoolValue.of(a[0].compareTo(a[1]) >= 0));
        Registry.add(m, "plus", 2, (c, a) -> arith(a, Op.PLUS));
        Registry.add(m, "mul", 2, (c, a) -> arith(a, Op.MUL));
        Registry.add(m, "div", 2, (c, a) -> arith(a, Op.DIV));
        Registry.add(m, "rem", 2, (c, a) -> arith(a, Op.REM));
        Registry.add(m, "minus", 2, Operators::minus);
        Registry.add(m, "set_diff", 2, (c, a) -> { // deprecated in OPA: a - b on sets
            Args.set(a, 0);
            Args.set(a, 1);
            return minus(c, a);
        });
        Registry.add(m, "and", 2, (c, a) -> {
            SetValue x = Args.set(a, 0);
            SetValue y = Args.set(a, 1);
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < x.size(); i++) {
                if (y.contains(x.get(i))) {
                    out.add(x.get(i));
                }
            }
            return SetValue.of(out);
        });
        Registry.add(m, "or", 2, (c, a) -> {
            SetValue x = Args.set(a, 0);
            SetValue y = Args.set(a, 1);
            List<Value> out = new ArrayList<>(x.size() + y.size());
            for (int i = 0; i < x.size(); i++) {
                out.add(x.get(i));
            }
            for (int i = 0; i < y.size(); i++) {
                out.add(y.get(i));
            }
            c.charge(out.size());
            return SetValue.of(out);
        });
        Registry.add(m, "abs", 1, (c, a) -> unary(a, 0));
        Registry.add(m, "round", 1, (c, a) -> unary(a, 1));
        Registry.add(m, "ceil", 1, (c, a) -> unary(a, 2));
        Registry.add(m, "floor", 1, (c, a) -> unary(a, 3));
        Registry.add(m, "internal.member_2", 2, (c, a) -> BoolValue.of(member(a[0], a[1])));
        Registry.add(m, "internal.member_3", 3, (c, a) -> BoolValue.of(member3(a[0], a[1], a[2])));
        Registry.add(m, new Builtin("print", 1) {
            @Override
            public Value call(BuiltinContext ctx, Value[] args) {
                return BoolValue.TRUE;
            }

            @Override
            public boolean isVoid() {
                return true;
            }
        });
        Registry.add(m, new Builtin("internal.print", 1) {
            @Override
            public Value call(BuiltinContext ctx, Value[] args) {
                ArrayValue parts = Args.array(args, 0);
                ctx.charge(parts.weight());
                String[] buf = new String[parts.size()];
                printCross(ctx, parts, 0, buf);
                return BoolValue.TRUE;
            }

            @Override
            public boolean isVoid() {
                return true;
            }
        });
        Registry.add(m, "internal.template_string", 1, (c, a) -> {
            ArrayValue parts = Args.array(a, 0);
            c.charge(parts.weight());
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < parts.size(); i++) {
                Value p = parts.get(i);
                if (p instanceof SetValue s) {
                    if (s.size() == 0) {
                        sb.append("<undefined>");
                    } else if (s.size() > 1) {
                        throw new BuiltinException(BuiltinException.BUILTIN,
                                "template-strings must not produce multiple outputs", true);
                    } else {
                        sb.append(Values.display(s.get(0)));
                    }
                } else {
                    sb.append(Values.display(p));
                }
            }
            c.charge(1 + sb.length() / 16);
            return StringValue.of(sb.toString());
        });
    }

    private static void printCross(BuiltinContext ctx, ArrayValue parts, int i, String[] buf) {
        if (i == parts.size()) {
            ctx.print(String.join(" ", buf));
            return;
        }
        Value p = parts.get(i);
        if (!(p instanceof SetValue s) || s.size() == 0) {
            buf[i] = p instanceof SetValue ? "<undefined>" : Values.display(p);
            printCross(ctx, parts, i + 1, buf);
            return;
        }
        for (int j = 0; j < s.size(); j++) {
            buf[i] = Values.display(s.get(j));
            printCross(ctx, parts, i + 1, buf);
        }
    }

    static boolean member(Value x, Value xs) {
        if (xs instanceof SetValue s) {
            return s.contains(x);
        }
        if (xs instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).equals(x)) {
                    return true;
                }
            }
            return false;
        }
        if (xs instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                if (o.valueAt(i).equals(x)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean member3(Value k, Value v, Value xs) {
        if (xs instanceof ObjectValue o) {
            Value x = o.get(k);
            return x != null && x.equals(v);
        }
        if (xs instanceof ArrayValue a) {
            if (k instanceof NumberValue n && n.isInt64()) {
                long i = n.longValue();
                return i >= 0 && i < a.size() && a.get((int) i).equals(v);
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- arithmetic

    enum Op { PLUS, MUL, DIV, REM, MINUS }

    private static Value minus(BuiltinContext c, Value[] a) {
        boolean n1 = a[0] instanceof NumberValue;
        boolean n2 = a[1] instanceof NumberValue;
        if (n1 && n2) {
            return arith(a, Op.MINUS);
        }
        boolean s1 = a[0] instanceof SetValue;
        boolean s2 = a[1] instanceof SetValue;
        if (s1 && s2) {
            SetValue x = (SetValue) a[0];
            SetValue y = (SetValue) a[1];
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < x.size(); i++) {
                if (!y.contains(x.get(i))) {
                    out.add(x.get(i));
                }
            }
            return SetValue.of(out);
        }
        if (!n1 && !s1) {
            throw Args.typeError(1, a[0], "number", "set");
        }
        if (n2) {
            throw Args.typeError(2, a[1], "set");
        }
        throw Args.typeError(2, a[1], "number");
    }

    static boolean small(NumberValue n) {
        if (!n.isInt64()) {
            return false;
        }
        long l = n.longValue();
        return l >= MIN_SMALL && l <= MAX_SMALL;
    }

    /** OPA's NumberToInt: the integer value after rounding to a 64-bit-mantissa float, or null. */
    static BigInteger toInt(NumberValue n) {
        BigFloat f = BigFloat.of(n);
        return f.isInt() ? f.truncate() : null;
    }

    static Value arith(Value[] a, Op op) {
        NumberValue x = Args.number(a, 0);
        NumberValue y = Args.number(a, 1);
        if (small(x) && small(y)) {
            long p = x.longValue();
            long q = y.longValue();
            switch (op) {
                case PLUS:
                    return NumberValue.of(p + q);
                case MINUS:
                    return NumberValue.of(p - q);
                case MUL:
                    return NumberValue.of(p * q);
                case DIV:
                    if (q == 0) {
                        throw BuiltinException.error("divide by zero");
                    }
                    if (p != 0 && p % q == 0) {
                        return NumberValue.of(p / q);
                    }
                    break;
                case REM:
                    if (q == 0) {
                        throw BuiltinException.error("modulo by zero");
                    }
                    return NumberValue.of(p % q);
                default:
                    break;
            }
        }
        if (op != Op.DIV) {
            BigInteger bx = toInt(x);
            BigInteger by = bx == null ? null : toInt(y);
            if (bx != null && by != null) {
                switch (op) {
                    case PLUS:
                        return NumberValue.of(bx.add(by));
                    case MINUS:
                        return NumberValue.of(bx.subtract(by));
                    case MUL:
                        return NumberValue.of(bx.multiply(by));
                    case REM:
                        if (by.signum() == 0) {
                            throw BuiltinException.error("modulo by zero");
                        }
                        return NumberValue.of(bx.remainder(by));
                    default:
                        break;
                }
            }
            if (op == Op.REM) {
                throw BuiltinException.error("modulo on floating-point number");
            }
        }
        BigFloat fx = BigFloat.of(x);
        BigFloat fy = BigFloat.of(y);
        BigFloat r;
        switch (op) {
            case PLUS -> r = fx.add(fy);
            case MINUS -> r = fx.sub(fy);
            case MUL -> r = fx.mul(fy);
            default -> {
                if (fy.isZero()) {
                    throw BuiltinException.error("divide by zero");
                }
                r = fx.quo(fy);
            }
        }
        return r.toNumber();
    }

    private static Value unary(Value[] a, int op) {
        NumberValue n = Args.number(a, 0);
        if (small(n)) {
            long l = n.longValue();
            return op == 0 ? NumberValue.of(Math.abs(l)) : NumberValue.of(l);
        }
        BigFloat f = BigFloat.of(n);
        BigFloat r;
        switch (op) {
            case 0 -> r = f.abs();
            case 1 -> {
                BigFloat half = BigFloat.of(new java.math.BigDecimal("0.5"));
                BigInteger i = (f.signbit() ? f.sub(half) : f.add(half)).truncate();
                r = BigFloat.of(i);
            }
            case 2 -> {
                BigInteger i = f.truncate();
                BigFloat t = BigFloat.of(i);
                r = t.signbit() || f.compareTo(t) == 0 ? t : t.add(BigFloat.of(BigInteger.ONE));
            }
            default -> {
                BigInteger i = f.truncate();
                BigFloat t = BigFloat.of(i);
                r = !t.signbit() || f.compareTo(t) == 0 ? t : t.sub(BigFloat.of(BigInteger.ONE));
            }
        }
        return r.toNumber();
    }

    static SetBuilder setBuilder() {
        return new SetBuilder();
    }
}
