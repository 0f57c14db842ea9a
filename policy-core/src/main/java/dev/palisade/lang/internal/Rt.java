package dev.palisade.lang.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.palisade.lang.Bytes;
import dev.palisade.lang.NullValue;
import dev.palisade.lang.TypeValue;
import dev.palisade.lang.UInt;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Runtime value helpers: normalisation of host and JSON values, type names, equality, ordering, access. */
public final class Rt {
    /** Marker for an absent map entry. */
    static final Object ABSENT = new Object();
    static final BigInteger UINT_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Rt() {
    }

    /** A host or JSON value as a CEL runtime value. */
    public static Object norm(Object v) {
        if (v == null) {
            return NullValue.NULL;
        }
        if (v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof Double) {
            return v;
        }
        if (v instanceof JsonNode n) {
            return json(n);
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigInteger b) {
            return bigInteger(b);
        }
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof byte[] b) {
            return Bytes.of(b);
        }
        if (v instanceof Supplier<?> s) {
            return norm(s.get());
        }
        if (v instanceof Character c) {
            return c.toString();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof ZonedDateTime t) {
            return t.toInstant();
        }
        return v;
    }

    static Object bigInteger(BigInteger b) {
        if (b.bitLength() < 64) {
            return b.longValue();
        }
        if (b.signum() > 0 && b.bitLength() == 64) {
            return new UInt(b.longValue());
        }
        return b.doubleValue();
    }

    /** A Jackson node as a CEL value; arrays and objects stay nodes (read in place). */
    public static Object json(JsonNode n) {
        if (n instanceof ContainerNode) {
            return n;
        }
        if (n instanceof TextNode) {
            return n.textValue();
        }
        if (n instanceof BooleanNode) {
            return n.booleanValue() ? Boolean.TRUE : Boolean.FALSE;
        }
        return scalar(n);
    }

    private static Object scalar(JsonNode n) {
        switch (n.getNodeType()) {
            case STRING:
                return n.textValue();
            case NUMBER:
                if (n.isIntegralNumber()) {
                    return n.canConvertToLong() ? (Object) n.longValue() : bigInteger(n.bigIntegerValue());
                }
                return n.doubleValue();
            case BOOLEAN:
                return n.booleanValue();
            case NULL:
            case MISSING:
                return NullValue.NULL;
            case BINARY:
                try {
                    return Bytes.wrap(n.binaryValue());
                } catch (java.io.IOException e) {
                    throw new CelError("unreadable binary node");
                }
            case POJO:
                return norm(((com.fasterxml.jackson.databind.node.POJONode) n).getPojo());
            default:
                return n;
        }
    }

    public static String typeName(Object v) {
        if (v instanceof Long) {
            return "int";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof Double) {
            return "double";
        } else if (v instanceof UInt) {
            return "uint";
        } else if (v instanceof NullValue) {
            return "null_type";
        } else if (v instanceof Bytes) {
            return "bytes";
        } else if (isList(v)) {
            return "list";
        } else if (isMap(v)) {
            return "map";
        } else if (v instanceof Instant) {
            return "google.protobuf.Timestamp";
        } else if (v instanceof Duration) {
            return "google.protobuf.Duration";
        } else if (v instanceof TypeValue) {
            return "type";
        } else if (v instanceof Optional) {
            return "optional_type";
        } else if (v instanceof CelObject o) {
            return o.typeName();
        }
        return v == null ? "null_type" : v.getClass().getSimpleName();
    }

    static boolean isList(Object v) {
        return v instanceof ArrayNode || !(v instanceof JsonNode) && v instanceof List;
    }

    static boolean isMap(Object v) {
        return v instanceof ObjectNode || !(v instanceof JsonNode) && v instanceof Map;
    }

    static int size(Object list) {
        return list instanceof ArrayNode a ? a.size() : ((List<?>) list).size();
    }

    static Object elem(Object list, int i) {
        return list instanceof ArrayNode a ? json(a.get(i)) : norm(((List<?>) list).get(i));
    }

    /** The elements of a list as CEL values. */
    static List<Object> elements(Object list) {
        int n = size(list);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(elem(list, i));
        }
        return out;
    }

    static int mapSize(Object map) {
        return map instanceof ObjectNode o ? o.size() : ((Map<?, ?>) map).size();
    }

    /** Map lookup with CEL's numeric key equivalence; {@link #ABSENT} when missing. */
    static Object mapGet(Object map, Object key) {
        if (map instanceof ObjectNode o) {
            if (key instanceof String s) {
                JsonNode n = o.get(s);
                return n == null ? ABSENT : json(n);
            }
            return ABSENT;
        }
        return javaMapGet((Map<?, ?>) map, key);
    }

    private static Object javaMapGet(Map<?, ?> m, Object key) {
        Object v = lookup(m, key);
        if (v != ABSENT) {
            return v;
        }
        if (key instanceof Long l) {
            if (l >= 0) {
                v = lookup(m, new UInt(l));
            }
            if (v == ABSENT && l == l.intValue()) {
                v = lookup(m, l.intValue());
            }
        } else if (key instanceof UInt u) {
            if (u.bits() >= 0) {
                v = lookup(m, u.bits());
                if (v == ABSENT && u.bits() == (int) u.bits()) {
                    v = lookup(m, (int) u.bits());
                }
            }
        } else if (key instanceof Double d) {
            if (d == Math.rint(d) && !Double.isInfinite(d)) {
                if (d >= -0x1p63 && d < 0x1p63) {
                    v = javaMapGet(m, (long) d.doubleValue());
                } else if (d >= 0 && d < 0x1p64) {
                    v = javaMapGet(m, new UInt(new BigDecimal(d).toBigInteger().longValue()));
                }
            }
        }
        return v;
    }

    private static Object lookup(Map<?, ?> m, Object key) {
        Object v = m.get(key);
        if (v != null) {
            return norm(v);
        }
        return m.containsKey(key) ? NullValue.NULL : ABSENT;
    }

    /** The keys of a map as CEL values. */
    static Iterator<Object> keys(Object map) {
        if (map instanceof ObjectNode o) {
            Iterator<String> it = o.fieldNames();
            return new Iterator<>() {
                public boolean hasNext() {
                    return it.hasNext();
                }

                public Object next() {
                    return it.next();
                }
            };
        }
        Iterator<?> it = ((Map<?, ?>) map).keySet().iterator();
        return new Iterator<>() {
            public boolean hasNext() {
                return it.hasNext();
            }

            public Object next() {
                return norm(it.next());
            }
        };
    }

    static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof UInt;
    }

    /** CEL heterogeneous equality. */
    public static boolean eq(Object a, Object b) {
        if (a instanceof String s) {
            return s.equals(b);
        }
        if (a instanceof Boolean x) {
            return x.equals(b);
        }
        return eqOther(a, b);
    }

    private static boolean eqOther(Object a, Object b) {
        if (a instanceof Long x) {
            if (b instanceof Long y) {
                return x.longValue() == y.longValue();
            }
            if (b instanceof UInt u) {
                return x >= 0 && x == u.bits();
            }
            if (b instanceof Double d) {
                return compareLongDouble(x, d) == 0;
            }
            return false;
        }
        if (a instanceof String s) {
            return s.equals(b);
        }
        if (a instanceof Double d) {
            if (b instanceof Double e) {
                return d.doubleValue() == e.doubleValue();
            }
            if (b instanceof Long || b instanceof UInt) {
                return eq(b, a);
            }
            return false;
        }
        if (a instanceof UInt u) {
            if (b instanceof UInt v) {
                return u.bits() == v.bits();
            }
            if (b instanceof Long l) {
                return eq(b, a);
            }
            if (b instanceof Double d) {
                return compareUIntDouble(u, d) == 0;
            }
            return false;
        }
        if (isList(a)) {
            if (!isList(b)) {
                return false;
            }
            int n = size(a);
            if (n != size(b)) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (!eq(elem(a, i), elem(b, i))) {
                    return false;
                }
            }
            return true;
        }
        if (isMap(a)) {
            if (!isMap(b) || mapSize(a) != mapSize(b)) {
                return false;
            }
            for (Iterator<Object> it = keys(a); it.hasNext();) {
                Object k = it.next();
                Object bv = mapGet(b, k);
                if (bv == ABSENT || !eq(mapGet(a, k), bv)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Optional<?> oa) {
            if (!(b instanceof Optional<?> ob)) {
                return false;
            }
            if (oa.isEmpty() || ob.isEmpty()) {
                return oa.isEmpty() && ob.isEmpty();
            }
            return eq(norm(oa.get()), norm(ob.get()));
        }
        return a.equals(b);
    }

    static int compareLongDouble(long x, double d) {
        if (Double.isNaN(d)) {
            return 2;
        }
        return Integer.signum(Double.compare((double) x + 0.0, d + 0.0));
    }

    static int compareUIntDouble(UInt u, double d) {
        if (Double.isNaN(d)) {
            return 2;
        }
        double ud = u.bits() >= 0 ? (double) u.bits() : ((double) (u.bits() >>> 1)) * 2.0;
        return Integer.signum(Double.compare(ud + 0.0, d + 0.0));
    }

    /** CEL ordering; returns 2 for unordered (NaN) and throws for incomparable types. */
    static int compare(Object a, Object b, String op) {
        if (a instanceof Long x) {
            if (b instanceof Long y) {
                return Integer.signum(Long.compare(x, y));
            }
            if (b instanceof UInt u) {
                return x < 0 ? -1 : Integer.signum(Long.compareUnsigned(x, u.bits()));
            }
            if (b instanceof Double d) {
                return compareLongDouble(x, d);
            }
        } else if (a instanceof Double d) {
            if (b instanceof Double e) {
                return Double.isNaN(d) || Double.isNaN(e) ? 2 : Integer.signum(Double.compare(d + 0.0, e + 0.0));
            }
            if (b instanceof Long y) {
                int c = compareLongDouble(y, d);
                return c == 2 ? 2 : -c;
            }
            if (b instanceof UInt u) {
                int c = compareUIntDouble(u, d);
                return c == 2 ? 2 : -c;
            }
        } else if (a instanceof UInt u) {
            if (b instanceof UInt v) {
                return Integer.signum(Long.compareUnsigned(u.bits(), v.bits()));
            }
            if (b instanceof Long y) {
                return y < 0 ? 1 : Integer.signum(Long.compareUnsigned(u.bits(), y));
            }
            if (b instanceof Double d) {
                return compareUIntDouble(u, d);
            }
        } else if (a instanceof String s && b instanceof String t) {
            return compareStrings(s, t);
        } else if (a instanceof Boolean x && b instanceof Boolean y) {
            return Integer.signum(Boolean.compare(x, y));
        } else if (a instanceof Bytes x && b instanceof Bytes y) {
            return Integer.signum(x.compareTo(y));
        } else if (a instanceof Instant x && b instanceof Instant y) {
            return Integer.signum(x.compareTo(y));
        } else if (a instanceof Duration x && b instanceof Duration y) {
            return Integer.signum(x.compareTo(y));
        } else if (a instanceof Comparables.Ordered x && b instanceof Comparables.Ordered y && x.getClass() == y.getClass()) {
            return Integer.signum(x.compareWith(y));
        }
        throw CelError.noSuchOverload(op, a, b);
    }

    /** Orders strings by code point. */
    static int compareStrings(String s, String t) {
        int n = Math.min(s.length(), t.length());
        for (int i = 0; i < n; i++) {
            char a = s.charAt(i);
            char b = t.charAt(i);
            if (a != b) {
                if (Character.isSurrogate(a) || Character.isSurrogate(b)) {
                    return Integer.signum(Integer.compare(s.codePointAt(i), t.codePointAt(i)));
                }
                return a < b ? -1 : 1;
            }
        }
        return Integer.signum(Integer.compare(s.length(), t.length()));
    }

    static boolean bool(Object v, String what) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new CelError("no such overload: " + what + " expects bool, got " + typeName(v));
    }

    static long toLong(Object v, String fn) {
        if (v instanceof Long l) {
            return l;
        }
        throw CelError.noSuchOverload(fn, v);
    }

    static String str(Object v, String fn) {
        if (v instanceof String s) {
            return s;
        }
        throw CelError.noSuchOverload(fn, v);
    }

    /** Index of a list element from an int, uint or integral double. */
    static int listIndex(Object list, Object idx) {
        long i;
        if (idx instanceof Long l) {
            i = l;
        } else if (idx instanceof UInt u) {
            i = u.bits() < 0 ? Long.MAX_VALUE : u.bits();
        } else if (idx instanceof Double d) {
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw new CelError("unsupported index value " + d + ": not an integer");
            }
            i = (long) d.doubleValue();
        } else {
            throw new CelError("no such overload: list index with " + typeName(idx));
        }
        int n = size(list);
        if (i < 0 || i >= n) {
            throw new CelError("index out of bounds: " + i + " (list size " + n + ")");
        }
        return (int) i;
    }

    /** The CEL value as an immutable map key, checking the key type. */
    static Object mapKey(Object k) {
        if (k instanceof String || k instanceof Long || k instanceof UInt || k instanceof Boolean) {
            return k;
        }
        throw new CelError("unsupported key type: " + typeName(k));
    }
}
