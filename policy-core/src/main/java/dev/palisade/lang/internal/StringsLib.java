package dev.palisade.lang.internal;

import dev.palisade.lang.Bytes;
import dev.palisade.lang.NullValue;
import dev.palisade.lang.TypeValue;
import dev.palisade.lang.UInt;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/** The ext.Strings library (v2 plus reverse): string manipulation by code point. */
final class StringsLib {
    private StringsLib() {
    }

    static void register(FunctionTable t) {
        t.member("charAt", 2, (f, a) -> {
            String s = Rt.str(a[0], "charAt");
            long i = Rt.toLong(a[1], "charAt");
            int[] cps = s.codePoints().toArray();
            if (i < 0 || i > cps.length) {
                throw new CelError("index out of range: " + i);
            }
            return i == cps.length ? "" : new String(Character.toChars(cps[(int) i]));
        });
        t.member("indexOf", 2, (f, a) -> indexOf(f, a[0], a[1], null, false));
        t.member("indexOf", 3, (f, a) -> indexOf(f, a[0], a[1], a[2], false));
        t.member("lastIndexOf", 2, (f, a) -> indexOf(f, a[0], a[1], null, true));
        t.member("lastIndexOf", 3, (f, a) -> indexOf(f, a[0], a[1], a[2], true));
        t.member("lowerAscii", 1, (f, a) -> {
            String s = Rt.str(a[0], "lowerAscii");
            f.cost(s.length() / 10);
            if (!hasAsciiBetween(s, 'A', 'Z')) {
                return s;
            }
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
            return sb.toString();
        });
        t.member("upperAscii", 1, (f, a) -> {
            String s = Rt.str(a[0], "upperAscii");
            f.cost(s.length() / 10);
            if (!hasAsciiBetween(s, 'a', 'z')) {
                return s;
            }
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                sb.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
            }
            return sb.toString();
        });
        t.member("replace", 3, (f, a) -> replace(f, a[0], a[1], a[2], -1L));
        t.member("replace", 4, (f, a) -> replace(f, a[0], a[1], a[2], Rt.toLong(a[3], "replace")));
        t.member("split", 2, (f, a) -> split(f, a[0], a[1], -1L));
        t.member("split", 3, (f, a) -> split(f, a[0], a[1], Rt.toLong(a[2], "split")));
        t.member("substring", 2, (f, a) -> substring(a[0], a[1], null));
        t.member("substring", 3, (f, a) -> substring(a[0], a[1], a[2]));
        t.member("trim", 1, (f, a) -> trim(Rt.str(a[0], "trim")));
        t.member("join", 1, (f, a) -> join(f, a[0], ""));
        t.member("join", 2, (f, a) -> join(f, a[0], Rt.str(a[1], "join")));
        t.member("reverse", 1, (f, a) -> {
            if (Rt.isList(a[0])) {
                List<Object> l = new ArrayList<>(Rt.elements(a[0]));
                Collections.reverse(l);
                return Collections.unmodifiableList(l);
            }
            String s = Rt.str(a[0], "reverse");
            int[] cps = s.codePoints().toArray();
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = cps.length - 1; i >= 0; i--) {
                sb.appendCodePoint(cps[i]);
            }
            return sb.toString();
        });
        t.member("format", 2, (f, a) -> {
            String fmt = Rt.str(a[0], "format");
            if (!Rt.isList(a[1])) {
                throw CelError.noSuchOverload("format", a[0], a[1]);
            }
            f.cost(fmt.length() / 10 + Rt.size(a[1]));
            return format(fmt, Rt.elements(a[1]));
        });
        t.global("strings.quote", 1, (f, a) -> quote(Rt.str(a[0], "strings.quote")));
    }

    private static Object indexOf(Frame f, Object recv, Object sub, Object start, boolean last) {
        String s = Rt.str(recv, last ? "lastIndexOf" : "indexOf");
        String needle = Rt.str(sub, last ? "lastIndexOf" : "indexOf");
        f.cost(s.length() / 10);
        int[] hay = s.codePoints().toArray();
        int[] nd = needle.codePoints().toArray();
        long from;
        if (start == null) {
            from = last ? hay.length : 0;
        } else {
            from = Rt.toLong(start, last ? "lastIndexOf" : "indexOf");
            if (from < 0 || from > hay.length) {
                throw new CelError("index out of range: " + from);
            }
        }
        if (last) {
            for (long i = Math.min(from, hay.length - nd.length); i >= 0; i--) {
                if (matchAt(hay, nd, (int) i)) {
                    return i;
                }
            }
            return -1L;
        }
        for (long i = from; i + nd.length <= hay.length; i++) {
            if (matchAt(hay, nd, (int) i)) {
                return i;
            }
        }
        return -1L;
    }

    private static boolean matchAt(int[] hay, int[] nd, int at) {
        for (int j = 0; j < nd.length; j++) {
            if (hay[at + j] != nd[j]) {
                return false;
            }
        }
        return true;
    }

    private static Object replace(Frame f, Object recv, Object from, Object to, long n) {
        String s = Rt.str(recv, "replace");
        String old = Rt.str(from, "replace");
        String rep = Rt.str(to, "replace");
        f.cost(s.length() / 10);
        if (n == 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        long done = 0;
        while (n < 0 || done < n) {
            int idx;
            if (old.isEmpty()) {
                if (pos > s.length()) {
                    break;
                }
                idx = pos;
            } else {
                idx = s.indexOf(old, pos);
                if (idx < 0) {
                    break;
                }
            }
            sb.append(s, pos, idx).append(rep);
            if (old.isEmpty()) {
                if (idx < s.length()) {
                    int cp = s.codePointAt(idx);
                    sb.appendCodePoint(cp);
                    pos = idx + Character.charCount(cp);
                } else {
                    pos = idx + 1;
                }
            } else {
                pos = idx + old.length();
            }
            done++;
            f.cost(rep.length() / 10);
        }
        if (pos <= s.length()) {
            sb.append(s, pos, s.length());
        }
        return sb.toString();
    }

    private static boolean hasAsciiBetween(String s, char low, char high) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= low && c <= high) {
                return true;
            }
        }
        return false;
    }

    private static Object split(Frame f, Object recv, Object sepv, long n) {
        String s = Rt.str(recv, "split");
        String sep = Rt.str(sepv, "split");
        f.cost(s.length() / 10);
        List<Object> out = new ArrayList<>();
        if (n == 0) {
            return List.of();
        }
        if (sep.isEmpty()) {
            int[] cps = s.codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                if (n > 0 && out.size() == n - 1) {
                    out.add(new String(cps, i, cps.length - i));
                    break;
                }
                out.add(new String(Character.toChars(cps[i])));
            }
            return Collections.unmodifiableList(out);
        }
        int pos = 0;
        while (n < 0 || out.size() < n - 1) {
            int idx = s.indexOf(sep, pos);
            if (idx < 0) {
                break;
            }
            out.add(s.substring(pos, idx));
            pos = idx + sep.length();
        }
        out.add(s.substring(pos));
        return Collections.unmodifiableList(out);
    }

    private static Object substring(Object recv, Object startv, Object endv) {
        String s = Rt.str(recv, "substring");
        int[] cps = s.codePoints().toArray();
        long start = Rt.toLong(startv, "substring");
        long end = endv == null ? cps.length : Rt.toLong(endv, "substring");
        if (start < 0 || start > cps.length) {
            throw new CelError("index out of range: " + start);
        }
        if (end < 0 || end > cps.length) {
            throw new CelError("index out of range: " + end);
        }
        if (start > end) {
            throw new CelError("invalid substring range. start: " + start + ", end: " + end);
        }
        return new String(cps, (int) start, (int) (end - start));
    }

    /** Trims Unicode white space as Go's strings.TrimSpace does. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(int cp) {
        switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> {
                return true;
            }
            default -> {
                return cp > 0xFF && Character.getType(cp) == Character.SPACE_SEPARATOR
                        || cp == 0x2028 || cp == 0x2029;
            }
        }
    }

    private static Object join(Frame f, Object list, String sep) {
        if (!Rt.isList(list)) {
            throw CelError.noSuchOverload("join", list);
        }
        List<Object> elems = Rt.elements(list);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < elems.size(); i++) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(Rt.str(elems.get(i), "join"));
        }
        f.cost(sb.length() / 10);
        return sb.toString();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0x0B -> sb.append("\\v");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                default -> {
                    if (cp < 0x20 || cp == 0x7F) {
                        sb.append(String.format("\\x%02x", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    static String format(String fmt, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argIndex = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i >= fmt.length()) {
                throw new CelError("could not parse formatting clause: unterminated clause at end of format string");
            }
            if (fmt.charAt(i) == '%') {
                out.append('%');
                continue;
            }
            int precision = -1;
            if (fmt.charAt(i) == '.') {
                int start = ++i;
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                if (start == i || i >= fmt.length()) {
                    throw new CelError("could not parse formatting clause: invalid precision");
                }
                if (i - start > 3) {
                    throw new CelError("could not parse formatting clause: precision above 999");
                }
                precision = Integer.parseInt(fmt.substring(start, i));
            }
            char verb = fmt.charAt(i);
            if ("sdfeboxX".indexOf(verb) < 0) {
                throw new CelError("could not parse formatting clause: unrecognized formatting clause \"" + verb + "\"");
            }
            if (argIndex >= args.size()) {
                throw new CelError("index " + argIndex + " out of range");
            }
            out.append(clause(verb, precision, args.get(argIndex++)));
        }
        return out.toString();
    }

    private static String clause(char verb, int precision, Object v) {
        switch (verb) {
            case 's' -> {
                return asString(v);
            }
            case 'd' -> {
                if (v instanceof Long || v instanceof UInt) {
                    return v.toString();
                }
                if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
                    return special(d);
                }
                throw formatError("decimal clause can only be used on integers, was given " + Rt.typeName(v));
            }
            case 'f' -> {
                double d = doubleFor(v, "fixed-point clause can only be used on doubles, was given ");
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return special(d);
                }
                return new BigDecimal(d).setScale(precision < 0 ? 6 : precision, RoundingMode.HALF_EVEN).toPlainString();
            }
            case 'e' -> {
                double d = doubleFor(v, "scientific clause can only be used on doubles, was given ");
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return special(d);
                }
                return scientific(d, precision < 0 ? 6 : precision);
            }
            case 'b' -> {
                if (v instanceof Long l) {
                    return l < 0 ? "-" + Long.toBinaryString(-l) : Long.toBinaryString(l);
                }
                if (v instanceof UInt u) {
                    return new BigInteger(u.toString()).toString(2);
                }
                if (v instanceof Boolean b) {
                    return b ? "1" : "0";
                }
                throw formatError("only integers and bools can be formatted as binary, was given " + Rt.typeName(v));
            }
            case 'o' -> {
                if (v instanceof Long l) {
                    return l < 0 ? "-" + Long.toOctalString(-l) : Long.toOctalString(l);
                }
                if (v instanceof UInt u) {
                    return new BigInteger(u.toString()).toString(8);
                }
                throw formatError("octal clause can only be used on integers, was given " + Rt.typeName(v));
            }
            default -> {
                String hex;
                if (v instanceof Long l) {
                    hex = l < 0 ? "-" + Long.toHexString(-l) : Long.toHexString(l);
                } else if (v instanceof UInt u) {
                    hex = new BigInteger(u.toString()).toString(16);
                } else if (v instanceof String s) {
                    hex = hexOf(s.getBytes(StandardCharsets.UTF_8));
                } else if (v instanceof Bytes b) {
                    hex = hexOf(b.toByteArray());
                } else {
                    throw formatError("only integers, byte buffers, and strings can be formatted as hex, was given "
                            + Rt.typeName(v));
                }
                return verb == 'X' ? hex.toUpperCase() : hex;
            }
        }
    }

    private static String hexOf(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }

    private static double doubleFor(Object v, String message) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof UInt u) {
            return (Double) Stdlib.toDouble(u);
        }
        throw formatError(message + Rt.typeName(v));
    }

    private static String scientific(double d, int precision) {
        if (d == 0) {
            return (1 / d < 0 ? "-" : "") + "0" + (precision > 0 ? "." + "0".repeat(precision) : "") + "e+00";
        }
        BigDecimal bd = new BigDecimal(d).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        String digits = bd.unscaledValue().abs().toString();
        while (digits.length() < precision + 1) {
            digits = digits + "0";
        }
        String mant = digits.charAt(0) + (precision > 0 ? "." + digits.substring(1, precision + 1) : "");
        return (d < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    private static String special(double d) {
        return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }

    private static CelError formatError(String message) {
        return new CelError("error during formatting: " + message);
    }

    private static String asString(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d) {
            return Double.isNaN(d) || Double.isInfinite(d) ? special(d) : Stdlib.formatDouble(d);
        }
        if (v instanceof NullValue) {
            return "null";
        }
        if (v instanceof Long || v instanceof UInt || v instanceof Boolean || v instanceof Bytes
                || v instanceof Instant || v instanceof Duration || v instanceof TypeValue || v instanceof CelObject) {
            return (String) Stdlib.toStr(v);
        }
        if (Rt.isList(v)) {
            StringBuilder sb = new StringBuilder("[");
            List<Object> elems = Rt.elements(v);
            for (int i = 0; i < elems.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(asString(elems.get(i)));
            }
            return sb.append(']').toString();
        }
        if (Rt.isMap(v)) {
            TreeMap<String, String> sorted = new TreeMap<>();
            for (Iterator<Object> it = Rt.keys(v); it.hasNext();) {
                Object k = it.next();
                sorted.put(asString(k), asString(Rt.mapGet(v, k)));
            }
            StringBuilder sb = new StringBuilder("{");
            sorted.forEach((k, val) -> sb.append(sb.length() == 1 ? "" : ", ").append(k).append(": ").append(val));
            return sb.append('}').toString();
        }
        throw formatError("string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given " + Rt.typeName(v));
    }
}
