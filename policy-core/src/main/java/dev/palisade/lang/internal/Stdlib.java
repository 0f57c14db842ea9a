package dev.palisade.lang.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.lang.Bytes;
import dev.palisade.lang.NullValue;
import dev.palisade.lang.TypeValue;
import dev.palisade.lang.UInt;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/** The standard CEL functions and operators, and the optional-type functions. */
final class Stdlib {
    private Stdlib() {
    }

    /** {@code ==} and {@code !=}: ⌈0.1 × the smaller size⌉ (one unit for scalars), as cel-go charges. */
    static final Cost EQUALITY = Cost.of(a -> BinaryNode.comparisonCost(a[0], a[1]),
            s -> new Cost.Range(Math.min(s[0].min(), s[1].min()), Math.min(s[0].max(), s[1].max())).factor(Cost.TRAVERSAL),
            "⌈0.1·min(size(a), size(b))⌉");
    /** Ordering: strings and bytes are compared up to the shorter one. */
    static final Cost ORDERING = EQUALITY;
    /** {@code +}: strings and bytes are copied (⌈0.1 × both sizes⌉); lists are joined as a view (1). */
    static final Cost ADDITION = Cost.of(a -> additionCost(a[0], a[1]),
            s -> s[0].plus(s[1]).factor(Cost.TRAVERSAL), "⌈0.1·(|a| + |b|)⌉ for strings and bytes, else 1");
    /** {@code in}: a list is searched element by element; a map lookup costs 1. */
    static final Cost MEMBERSHIP = Cost.of(a -> Rt.isList(a[1]) ? 1L + Rt.size(a[1]) : 1, s -> s[1],
            "1 + size(l) for a list, 1 for a map");
    static final Cost CONTAINS = Cost.substringSearch(0, 1);
    static final Cost AFFIX = Cost.of(a -> BinaryNode.affixCost(a[1]), s -> s[1].factor(Cost.TRAVERSAL), "⌈0.1·|t|⌉");
    static final Cost REGEX = Cost.regex(0, 1);

    static long additionCost(Object x, Object y) {
        if (x instanceof String || x instanceof dev.palisade.lang.Bytes) {
            return Cost.factor(Cost.add(Cost.size(x), Cost.size(y)), Cost.TRAVERSAL);
        }
        return 1;
    }

    static void register(FunctionTable t) {
        t.library(null);
        t.global("_+_", 2).sig("a + b").doc("Addition of numbers, durations and timestamps; concatenation of strings, bytes and lists.")
                .cost(ADDITION).impl((f, a) -> add(f, a[0], a[1]));
        t.global("_-_", 2).sig("a - b").doc("Subtraction of numbers, durations and timestamps.").impl((f, a) -> sub(a[0], a[1]));
        t.global("_*_", 2).sig("a * b").doc("Multiplication.").impl((f, a) -> mul(a[0], a[1]));
        t.global("_/_", 2).sig("a / b").doc("Division; an error when dividing integers by zero.").impl((f, a) -> div(a[0], a[1]));
        t.global("_%_", 2).sig("a % b").doc("Remainder of integers.").impl((f, a) -> mod(a[0], a[1]));
        t.global("-_", 1).sig("-a").doc("Negation.").impl((f, a) -> neg(a[0]));
        t.global("_==_", 2).sig("a == b").doc("Heterogeneous equality.").cost(EQUALITY).impl((f, a) -> Rt.eq(a[0], a[1]));
        t.global("_!=_", 2).sig("a != b").doc("Inequality.").cost(EQUALITY).impl((f, a) -> !Rt.eq(a[0], a[1]));
        t.global("_<_", 2).sig("a < b").doc("Ordering.").cost(ORDERING).impl((f, a) -> {
            int c = Rt.compare(a[0], a[1], "_<_");
            return c == -1;
        });
        t.global("_<=_", 2).sig("a <= b").doc("Ordering.").cost(ORDERING).impl((f, a) -> {
            int c = Rt.compare(a[0], a[1], "_<=_");
            return c == -1 || c == 0;
        });
        t.global("_>_", 2).sig("a > b").doc("Ordering.").cost(ORDERING).impl((f, a) -> Rt.compare(a[0], a[1], "_>_") == 1);
        t.global("_>=_", 2).sig("a >= b").doc("Ordering.").cost(ORDERING).impl((f, a) -> {
            int c = Rt.compare(a[0], a[1], "_>=_");
            return c == 1 || c == 0;
        });
        t.global("@in", 2).sig("x in c").doc("Membership in a list or among the keys of a map.").cost(MEMBERSHIP)
                .impl((f, a) -> in(f, a[0], a[1]));

        t.both("size", 1).sig("size(x), x.size()").doc("Code points of a string, bytes, list elements or map entries.")
                .cost(Cost.traversal(0, "s")).impl((f, a) -> size(a[0]));
        t.member("contains", 2).sig("s.contains(t)").doc("Whether t occurs in s.").cost(CONTAINS)
                .impl((f, a) -> Rt.str(a[0], "contains").contains(Rt.str(a[1], "contains")));
        t.member("startsWith", 2).sig("s.startsWith(t)").doc("Whether s starts with t.").cost(AFFIX)
                .impl((f, a) -> Rt.str(a[0], "startsWith").startsWith(Rt.str(a[1], "startsWith")));
        t.member("endsWith", 2).sig("s.endsWith(t)").doc("Whether s ends with t.").cost(AFFIX)
                .impl((f, a) -> Rt.str(a[0], "endsWith").endsWith(Rt.str(a[1], "endsWith")));
        t.both("matches", 2).sig("s.matches(re), matches(s, re)")
                .doc("Whether the RE2 pattern matches somewhere in s (unanchored).").cost(REGEX).checkConstants()
                .impl((f, a) -> {
                    String s = Rt.str(a[0], "matches");
                    String re = Rt.str(a[1], "matches");
                    return Regexes.compile(f, re).matcher(s).find();
                });

        Cost parse = Cost.traversal(0, "s");
        t.global("int", 1).sig("int(x)").doc("Conversion to int (from uint, double, string, timestamp).").cost(parse)
                .impl((f, a) -> toInt(a[0]));
        t.global("uint", 1).sig("uint(x)").doc("Conversion to uint.").cost(parse).impl((f, a) -> toUInt(a[0]));
        t.global("double", 1).sig("double(x)").doc("Conversion to double.").cost(parse).impl((f, a) -> toDouble(a[0]));
        t.global("string", 1).sig("string(x)").doc("Conversion to string.").cost(parse).impl((f, a) -> toStr(a[0]));
        t.global("bytes", 1).sig("bytes(s)").doc("The UTF-8 encoding of a string.").cost(parse).impl((f, a) -> {
            if (a[0] instanceof Bytes) {
                return a[0];
            }
            return Bytes.utf8(Rt.str(a[0], "bytes"));
        });
        t.global("bool", 1).sig("bool(x)").doc("Conversion to bool (from 'true', 'false', ...).").cost(parse)
                .impl((f, a) -> toBool(a[0]));
        t.global("dyn", 1).sig("dyn(x)").doc("x, typed dynamically.").impl((f, a) -> a[0]);
        t.global("type", 1).sig("type(x)").doc("The type of x.").impl((f, a) -> new TypeValue(Rt.typeName(a[0])));
        t.global("timestamp", 1).sig("timestamp(x)").doc("A timestamp from an RFC 3339 string or Unix seconds.")
                .cost(parse).checkConstants().impl((f, a) -> {
                    if (a[0] instanceof Instant) {
                        return a[0];
                    }
                    if (a[0] instanceof Long l) {
                        return Times.fromEpochSeconds(l);
                    }
                    return Times.parseTimestamp(Rt.str(a[0], "timestamp"));
                });
        t.global("duration", 1).sig("duration(x)").doc("A duration from Go syntax ('1h30m') or seconds.").cost(parse)
                .checkConstants().impl((f, a) -> {
                    if (a[0] instanceof Duration) {
                        return a[0];
                    }
                    if (a[0] instanceof Long l) {
                        return Times.fromSeconds(l);
                    }
                    return Times.parseDuration(Rt.str(a[0], "duration"));
                });

        timeAccessor(t, "getFullYear", "The year", z -> z.getYear(), null);
        timeAccessor(t, "getMonth", "The month, 0 for January", z -> z.getMonthValue() - 1, null);
        timeAccessor(t, "getDate", "The day of the month, from 1", z -> z.getDayOfMonth(), null);
        timeAccessor(t, "getDayOfMonth", "The day of the month, from 0", z -> z.getDayOfMonth() - 1, null);
        timeAccessor(t, "getDayOfWeek", "The day of the week, 0 for Sunday", z -> z.getDayOfWeek().getValue() % 7, null);
        timeAccessor(t, "getDayOfYear", "The day of the year, from 0", z -> z.getDayOfYear() - 1, null);
        timeAccessor(t, "getHours", "Hours", z -> z.getHour(), Duration::toHours);
        timeAccessor(t, "getMinutes", "Minutes", z -> z.getMinute(), Duration::toMinutes);
        timeAccessor(t, "getSeconds", "Seconds", z -> z.getSecond(), Duration::getSeconds);
        timeAccessor(t, "getMilliseconds", "Milliseconds", z -> z.getNano() / 1_000_000, Duration::toMillisPart);

        t.global("optional.of", 1).sig("optional.of(x)").doc("An optional holding x.").impl((f, a) -> Optional.of(a[0]));
        t.global("optional.none", 0).sig("optional.none()").doc("The empty optional.").impl((f, a) -> Optional.empty());
        t.global("optional.ofNonZeroValue", 1).sig("optional.ofNonZeroValue(x)")
                .doc("An optional holding x, empty when x is a zero value.")
                .impl((f, a) -> isZero(a[0]) ? Optional.empty() : Optional.of(a[0]));
        t.member("hasValue", 1).sig("o.hasValue()").doc("Whether the optional holds a value.")
                .impl((f, a) -> optional(a[0], "hasValue").isPresent());
        t.member("value", 1).sig("o.value()").doc("The optional's value; an error when empty.").impl((f, a) -> {
            Optional<?> o = optional(a[0], "value");
            if (o.isEmpty()) {
                throw new CelError("optional.none() dereference: value() called on an empty optional");
            }
            return Rt.norm(o.get());
        });
        t.member("or", 2).sig("o.or(p)").doc("o when it holds a value, else the optional p.").impl((f, a) -> {
            Optional<?> o = optional(a[0], "or");
            optional(a[1], "or");
            return o.isPresent() ? o : a[1];
        });
        t.member("orValue", 2).sig("o.orValue(x)").doc("The optional's value, else x.").impl((f, a) -> {
            Optional<?> o = optional(a[0], "orValue");
            return o.isPresent() ? Rt.norm(o.get()) : a[1];
        });
    }

    static Optional<?> optional(Object v, String fn) {
        if (v instanceof Optional<?> o) {
            return o;
        }
        throw CelError.noSuchOverload(fn, v);
    }

    private static void timeAccessor(FunctionTable t, String name, String what, ToLongFunction<ZonedDateTime> ts,
            ToLongFunction<Duration> dur) {
        t.member(name, 1).sig("t." + name + "()").doc(what + (dur != null ? " of a timestamp (UTC), or of a duration." : " of a timestamp (UTC)."))
                .impl((f, a) -> {
                    if (a[0] instanceof Instant i) {
                        return ts.applyAsLong(i.atZone(ZoneOffset.UTC));
                    }
                    if (dur != null && a[0] instanceof Duration d) {
                        return dur.applyAsLong(d);
                    }
                    throw CelError.noSuchOverload(name, a[0]);
                });
        t.member(name, 2).sig("t." + name + "(tz)").doc(what + " of a timestamp in a time zone (IANA name or ±HH:MM).")
                .cost(Cost.traversal(1, "tz")).impl((f, a) -> {
                    if (a[0] instanceof Instant i && a[1] instanceof String tz) {
                        ZoneId zone = Times.zone(tz);
                        return ts.applyAsLong(i.atZone(zone));
                    }
                    throw CelError.noSuchOverload(name, a[0], a[1]);
                });
    }

    static boolean isZero(Object v) {
        if (v instanceof Long l) {
            return l == 0;
        } else if (v instanceof UInt u) {
            return u.bits() == 0;
        } else if (v instanceof Double d) {
            return d == 0;
        } else if (v instanceof String s) {
            return s.isEmpty();
        } else if (v instanceof Boolean b) {
            return !b;
        } else if (v instanceof Bytes b) {
            return b.size() == 0;
        } else if (v instanceof NullValue) {
            return true;
        } else if (Rt.isList(v)) {
            return Rt.size(v) == 0;
        } else if (Rt.isMap(v)) {
            return Rt.mapSize(v) == 0;
        } else if (v instanceof Duration d) {
            return d.isZero();
        } else if (v instanceof Instant i) {
            return i.equals(Instant.EPOCH);
        }
        return false;
    }

    static Object size(Object v) {
        if (v instanceof String s) {
            return (long) s.codePointCount(0, s.length());
        } else if (v instanceof Bytes b) {
            return (long) b.size();
        } else if (Rt.isList(v)) {
            return (long) Rt.size(v);
        } else if (Rt.isMap(v)) {
            return (long) Rt.mapSize(v);
        }
        throw CelError.noSuchOverload("size", v);
    }

    static Object in(Frame f, Object elem, Object container) {
        if (container instanceof ObjectNode o) {
            return elem instanceof String s && o.get(s) != null;
        }
        if (Rt.isList(container)) {
            int n = Rt.size(container);
            for (int i = 0; i < n; i++) {
                if (Rt.eq(elem, Rt.elem(container, i))) {
                    return true;
                }
            }
            return false;
        }
        if (Rt.isMap(container)) {
            return Rt.mapGet(container, elem) != Rt.ABSENT;
        }
        throw CelError.noSuchOverload("@in", elem, container);
    }

    static Object add(Frame f, Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long r = x + y;
            if (((x ^ r) & (y ^ r)) < 0) {
                throw overflow();
            }
            return r;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x + y;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.concat(y);
        }
        if (a instanceof UInt x && b instanceof UInt y) {
            long r = x.bits() + y.bits();
            if (Long.compareUnsigned(r, x.bits()) < 0) {
                throw overflow();
            }
            return new UInt(r);
        }
        if (Rt.isList(a) && Rt.isList(b)) {
            long n = (long) Rt.size(a) + Rt.size(b);
            if (n > Integer.MAX_VALUE - 8) {
                throw new CelError("list concatenation exceeds the largest list size");
            }
            return n == 0 ? List.of() : new ConcatenatedList(a, b);
        }
        if (a instanceof Bytes x && b instanceof Bytes y) {
            byte[] out = new byte[x.size() + y.size()];
            System.arraycopy(x.toByteArray(), 0, out, 0, x.size());
            System.arraycopy(y.toByteArray(), 0, out, x.size(), y.size());
            return Bytes.wrap(out);
        }
        if (a instanceof Instant t && b instanceof Duration d) {
            return Times.add(t, d);
        }
        if (a instanceof Duration d && b instanceof Instant t) {
            return Times.add(t, d);
        }
        if (a instanceof Duration x && b instanceof Duration y) {
            return Times.plus(x, y);
        }
        throw CelError.noSuchOverload("_+_", a, b);
    }

    static Object sub(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long r = x - y;
            if (((x ^ y) & (x ^ r)) < 0) {
                throw overflow();
            }
            return r;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x - y;
        }
        if (a instanceof UInt x && b instanceof UInt y) {
            if (Long.compareUnsigned(x.bits(), y.bits()) < 0) {
                throw overflow();
            }
            return new UInt(x.bits() - y.bits());
        }
        if (a instanceof Instant t && b instanceof Duration d) {
            return Times.add(t, d.negated());
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return Times.between(x, y);
        }
        if (a instanceof Duration x && b instanceof Duration y) {
            return Times.plus(x, y.negated());
        }
        throw CelError.noSuchOverload("_-_", a, b);
    }

    static Object mul(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long hi = Math.multiplyHigh(x, y);
            long lo = x * y;
            if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
                throw overflow();
            }
            return lo;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x * y;
        }
        if (a instanceof UInt x && b instanceof UInt y) {
            long hi = Math.multiplyHigh(x.bits(), y.bits()) + ((x.bits() >> 63) & y.bits()) + ((y.bits() >> 63) & x.bits());
            if (hi != 0) {
                throw overflow();
            }
            return new UInt(x.bits() * y.bits());
        }
        throw CelError.noSuchOverload("_*_", a, b);
    }

    static Object div(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            if (y == 0) {
                throw new CelError("divide by zero");
            }
            if (x == Long.MIN_VALUE && y == -1) {
                throw overflow();
            }
            return x / y;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x / y;
        }
        if (a instanceof UInt x && b instanceof UInt y) {
            if (y.bits() == 0) {
                throw new CelError("divide by zero");
            }
            return new UInt(Long.divideUnsigned(x.bits(), y.bits()));
        }
        throw CelError.noSuchOverload("_/_", a, b);
    }

    static Object mod(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            if (y == 0) {
                throw new CelError("modulus by zero");
            }
            if (x == Long.MIN_VALUE && y == -1) {
                throw overflow();
            }
            return x % y;
        }
        if (a instanceof UInt x && b instanceof UInt y) {
            if (y.bits() == 0) {
                throw new CelError("modulus by zero");
            }
            return new UInt(Long.remainderUnsigned(x.bits(), y.bits()));
        }
        throw CelError.noSuchOverload("_%_", a, b);
    }

    static Object neg(Object a) {
        if (a instanceof Long x) {
            if (x == Long.MIN_VALUE) {
                throw overflow();
            }
            return -x;
        }
        if (a instanceof Double d) {
            return -d;
        }
        if (a instanceof Duration d) {
            return Times.checked(d.negated());
        }
        throw CelError.noSuchOverload("-_", a);
    }

    static CelError overflow() {
        return new CelError("return error for overflow");
    }

    static Object toInt(Object v) {
        if (v instanceof Long) {
            return v;
        }
        if (v instanceof UInt u) {
            if (u.bits() < 0) {
                throw new CelError("range error: uint " + u + " does not fit in int");
            }
            return u.bits();
        }
        if (v instanceof Double d) {
            if (Double.isNaN(d) || d <= -0x1p63 || d >= 0x1p63) {
                throw new CelError("range error: double " + d + " does not fit in int");
            }
            return (long) d.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new CelError("cannot convert string '" + s + "' to int");
            }
        }
        if (v instanceof Instant i) {
            return i.getEpochSecond();
        }
        throw CelError.noSuchOverload("int", v);
    }

    static Object toUInt(Object v) {
        if (v instanceof UInt) {
            return v;
        }
        if (v instanceof Long l) {
            if (l < 0) {
                throw new CelError("range error: int " + l + " does not fit in uint");
            }
            return new UInt(l);
        }
        if (v instanceof Double d) {
            if (Double.isNaN(d) || d < 0 || d >= 0x1p64) {
                throw new CelError("range error: double " + d + " does not fit in uint");
            }
            return new UInt(new BigDecimal(d).toBigInteger().longValue());
        }
        if (v instanceof String s) {
            try {
                return new UInt(Long.parseUnsignedLong(s));
            } catch (NumberFormatException e) {
                throw new CelError("cannot convert string '" + s + "' to uint");
            }
        }
        throw CelError.noSuchOverload("uint", v);
    }

    static Object toDouble(Object v) {
        if (v instanceof Double) {
            return v;
        }
        if (v instanceof Long l) {
            return (double) l;
        }
        if (v instanceof UInt u) {
            return new BigInteger(Long.toUnsignedString(u.bits())).doubleValue();
        }
        if (v instanceof String s) {
            return parseDouble(s);
        }
        throw CelError.noSuchOverload("double", v);
    }

    static double parseDouble(String s) {
        String t = s.trim();
        switch (t.toLowerCase()) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
            }
        }
        if (t.isEmpty() || !t.equals(s) || t.endsWith("d") || t.endsWith("D") || t.endsWith("f") || t.endsWith("F")
                || t.startsWith("0x") || t.startsWith("0X")) {
            throw new CelError("cannot convert string '" + s + "' to double");
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new CelError("cannot convert string '" + s + "' to double");
        }
    }

    static Object toStr(Object v) {
        if (v instanceof String) {
            return v;
        }
        if (v instanceof Long || v instanceof UInt || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Double d) {
            return formatDouble(d);
        }
        if (v instanceof Bytes b) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b.toByteArray())).toString();
            } catch (CharacterCodingException e) {
                throw new CelError("invalid UTF-8 in bytes, cannot convert to string");
            }
        }
        if (v instanceof Instant i) {
            return Times.formatTimestamp(i);
        }
        if (v instanceof Duration d) {
            return Times.formatDuration(d);
        }
        if (v instanceof TypeValue tv) {
            return tv.name();
        }
        if (v instanceof CelObject) {
            return v.toString();
        }
        throw CelError.noSuchOverload("string", v);
    }

    /** Formats like Go's strconv.FormatFloat(d, 'g', -1, 64), as cel-go does. */
    static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 6) {
            String digits = bd.unscaledValue().abs().toString();
            String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return (d < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return bd.toPlainString();
    }

    static Object toBool(Object v) {
        if (v instanceof Boolean) {
            return v;
        }
        if (v instanceof String s) {
            switch (s) {
                case "1", "t", "true", "TRUE", "True" -> {
                    return true;
                }
                case "0", "f", "false", "FALSE", "False" -> {
                    return false;
                }
                default -> throw new CelError("Type conversion error: cannot convert string '" + s + "' to bool");
            }
        }
        throw CelError.noSuchOverload("bool", v);
    }
}
