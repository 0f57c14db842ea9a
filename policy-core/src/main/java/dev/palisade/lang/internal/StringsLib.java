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

    static final java.util.function.Predicate<Object> STRING = v -> v instanceof String;

    static void register(FunctionTable t) {
        Cost traversal = Cost.traversal(0, "s");
        // a substring search may compare the needle at every position of the string
        Cost search = Cost.substringSearch(0, 1);
        t.member("charAt", 2).sig("s.charAt(i)").doc("The character at code-point index i; \"\" at i = size(s).")
                .cost(traversal).impl((f, a) -> {
                    String s = Rt.str(a[0], "charAt");
                    long i = Rt.toLong(a[1], "charAt");
                    int n = s.codePointCount(0, s.length());
                    if (i < 0 || i > n) {
                        throw new CelError("index out of range: " + i);
                    }
                    if (i == n) {
                        return "";
                    }
                    int at = s.offsetByCodePoints(0, (int) i);
                    return new String(Character.toChars(s.codePointAt(at)));
                });
        t.member("indexOf", 2).sig("s.indexOf(t)").doc("The code-point index of the first t in s, or -1.")
                .cost(search).accepts(STRING).impl((f, a) -> indexOf(f, a[0], a[1], null, false));
        t.member("indexOf", 3).sig("s.indexOf(t, from)").doc("The index of the first t in s at or after from, or -1.")
                .cost(search).impl((f, a) -> indexOf(f, a[0], a[1], a[2], false));
        t.member("lastIndexOf", 2).sig("s.lastIndexOf(t)").doc("The code-point index of the last t in s, or -1.")
                .cost(search).accepts(STRING).impl((f, a) -> indexOf(f, a[0], a[1], null, true));
        t.member("lastIndexOf", 3).sig("s.lastIndexOf(t, from)")
                .doc("The index of the last t in s starting at or before from, or -1.")
                .cost(search).impl((f, a) -> indexOf(f, a[0], a[1], a[2], true));
        t.member("lowerAscii", 1).sig("s.lowerAscii()").doc("s with ASCII letters in lower case.").cost(traversal)
                .impl((f, a) -> {
                    String s = Rt.str(a[0], "lowerAscii");
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
        t.member("upperAscii", 1).sig("s.upperAscii()").doc("s with ASCII letters in upper case.").cost(traversal)
                .impl((f, a) -> {
                    String s = Rt.str(a[0], "upperAscii");
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
        Cost rebuild = Cost.of(a -> Cost.add(Cost.factor(Cost.size(a[0]), 2 * Cost.TRAVERSAL),
                Cost.contains(Cost.size(a[0]), Cost.size(a[1]))),
                sz -> sz[0].factor(2 * Cost.TRAVERSAL).plus(sz[0].factor(Cost.TRAVERSAL).times(sz[1].factor(Cost.TRAVERSAL))),
                "⌈0.2·|s|⌉ + ⌈0.1·|s|⌉ × ⌈0.1·|old|⌉ + ⌈0.1·|result|⌉ (charged as it is built)");
        t.member("replace", 3).sig("s.replace(old, new)").doc("s with every old replaced by new.").cost(rebuild)
                .impl((f, a) -> replace(f, a[0], a[1], a[2], -1L));
        t.member("replace", 4).sig("s.replace(old, new, n)").doc("s with the first n occurrences of old replaced (all when n < 0).")
                .cost(rebuild).impl((f, a) -> replace(f, a[0], a[1], a[2], Rt.toLong(a[3], "replace")));
        Cost splitting = Cost.of(a -> Cost.add(Cost.factor(Cost.size(a[0]), 2 * Cost.TRAVERSAL),
                Cost.contains(Cost.size(a[0]), Cost.size(a[1]))),
                sz -> sz[0].factor(2 * Cost.TRAVERSAL).plus(sz[0].factor(Cost.TRAVERSAL).times(sz[1].factor(Cost.TRAVERSAL))),
                "⌈0.2·|s|⌉ + ⌈0.1·|s|⌉ × ⌈0.1·|sep|⌉ + 1 per piece (charged as it is built)");
        t.member("split", 2).sig("s.split(sep)").doc("The pieces of s between separators (code points for \"\").")
                .cost(splitting).impl((f, a) -> split(f, a[0], a[1], -1L));
        t.member("split", 3).sig("s.split(sep, n)").doc("At most n pieces (all when n < 0).").cost(splitting)
                .impl((f, a) -> split(f, a[0], a[1], Rt.toLong(a[2], "split")));
        t.member("substring", 2).sig("s.substring(start)").doc("The code points of s from start.").cost(traversal)
                .impl((f, a) -> substring(a[0], a[1], null));
        t.member("substring", 3).sig("s.substring(start, end)").doc("The code points of s from start up to end.")
                .cost(traversal).impl((f, a) -> substring(a[0], a[1], a[2]));
        t.member("trim", 1).sig("s.trim()").doc("s without leading and trailing Unicode white space.").cost(traversal)
                .impl((f, a) -> trim(Rt.str(a[0], "trim")));
        Cost joining = Cost.of(a -> Cost.factor(Cost.joinedLength(a[0], a.length > 1 && a[1] instanceof String sep ? sep : ""),
                2 * Cost.TRAVERSAL), sz -> Cost.Range.UNKNOWN.factor(2 * Cost.TRAVERSAL), "⌈0.2·|result|⌉ (computed before joining)");
        t.member("join", 1).sig("l.join()").doc("The strings of a list, concatenated.").cost(joining)
                .impl((f, a) -> join(f, a[0], ""));
        t.member("join", 2).sig("l.join(sep)").doc("The strings of a list, with sep between them.").cost(joining)
                .impl((f, a) -> join(f, a[0], Rt.str(a[1], "join")));
        t.member("reverse", 1).sig("s.reverse()").doc("s with its code points in reverse order.").cost(traversal)
                .accepts(STRING).impl((f, a) -> {
                    String s = Rt.str(a[0], "reverse");
                    return new StringBuilder(s).reverse().toString();
                });
        t.member("format", 2).sig("s.format(args)")
                .doc("s with its %s %d %f %e %b %o %x %X clauses replaced by the list's values.")
                .cost(Cost.of(a -> Cost.add(Cost.factor(Cost.size(a[0]), Cost.TRAVERSAL), Cost.size(a[1])),
                        sz -> sz[0].factor(Cost.TRAVERSAL).plus(sz[1]),
                        "⌈0.1·|s|⌉ + size(args) + ⌈0.1·|result|⌉ (charged as it is built)"))
                .impl((f, a) -> {
                    String fmt = Rt.str(a[0], "format");
                    if (!Rt.isList(a[1])) {
                        throw CelError.noSuchOverload("format", a[0], a[1]);
                    }
                    return format(f, fmt, Rt.elements(a[1]));
                });
        t.global("strings.quote", 1).sig("strings.quote(s)").doc("s as a double-quoted string literal with escapes.")
                .cost(Cost.of(a -> Cost.factor(Cost.size(a[0]), Cost.TRAVERSAL), sz -> sz[0].factor(Cost.TRAVERSAL),
                        "⌈0.1·|s|⌉ + ⌈0.1·|result|⌉ (computed before quoting)"))
                .impl((f, a) -> {
                    String s = Rt.str(a[0], "strings.quote");
                    Cost.chargeOutput(f, quotedLength(s));
                    return quote(s);
                });
    }

    private static Object indexOf(Frame f, Object recv, Object sub, Object start, boolean last) {
        String s = Rt.str(recv, last ? "lastIndexOf" : "indexOf");
        String needle = Rt.str(sub, last ? "lastIndexOf" : "indexOf");
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
            Cost.chargeOutput(f, (long) (idx - pos) + rep.length() + 2);
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
        List<Object> out = new ArrayList<>();
        if (n == 0) {
            return List.of();
        }
        if (sep.isEmpty()) {
            int[] cps = s.codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                f.cost(1);
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
            f.cost(1);
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
        long length = Cost.joinedLength(list, sep);
        if (length > Integer.MAX_VALUE - 8) {
            throw new CelError("join: the result would exceed the largest string");
        }
        StringBuilder sb = new StringBuilder((int) length);
        for (int i = 0; i < elems.size(); i++) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(Rt.str(elems.get(i), "join"));
        }
        return sb.toString();
    }

    /** The length of {@link #quote}'s result, without building it. */
    static long quotedLength(String s) {
        long n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c == 7 || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t' || c == 0x0B || c == '\\'
                    || c == '"' ? 2 : c < 0x20 || c == 0x7F ? 4 : 1;
        }
        return n;
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
                        sb.append("\\x").append(Character.forDigit(cp >> 4, 16)).append(Character.forDigit(cp & 15, 16));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    static String format(Frame f, String fmt, List<Object> args) {
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
            String piece = clause(f, verb, precision, args.get(argIndex++));
            Cost.chargeOutput(f, piece.length());
            out.append(piece);
        }
        return out.toString();
    }

    private static String clause(Frame f, char verb, int precision, Object v) {
        switch (verb) {
            case 's' -> {
                return asString(f, v);
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
                    Cost.chargeOutput(f, 6L * s.length());
                    hex = hexOf(s.getBytes(StandardCharsets.UTF_8));
                } else if (v instanceof Bytes b) {
                    Cost.chargeOutput(f, 2L * b.size());
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
        StringBuilder sb = new StringBuilder(2 * bytes.length);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
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

    /** The %s text of a value; lists and maps charge each element's text before it is appended. */
    private static String asString(Frame f, Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d) {
            return Double.isNaN(d) || Double.isInfinite(d) ? special(d) : Stdlib.formatDouble(d);
        }
        if (v instanceof NullValue) {
            return "null";
        }
        if (v instanceof Bytes b) {
            Cost.chargeOutput(f, b.size());
            return (String) Stdlib.toStr(v);
        }
        if (v instanceof Long || v instanceof UInt || v instanceof Boolean
                || v instanceof Instant || v instanceof Duration || v instanceof TypeValue || v instanceof CelObject) {
            return (String) Stdlib.toStr(v);
        }
        if (Rt.isList(v)) {
            StringBuilder sb = new StringBuilder("[");
            int n = Rt.size(v);
            for (int i = 0; i < n; i++) {
                String e = asString(f, Rt.elem(v, i));
                Cost.chargeOutput(f, e.length() + 2);
                sb.append(i == 0 ? "" : ", ").append(e);
            }
            return sb.append(']').toString();
        }
        if (Rt.isMap(v)) {
            TreeMap<String, String> sorted = new TreeMap<>();
            for (Iterator<Object> it = Rt.keys(v); it.hasNext();) {
                Object k = it.next();
                String key = asString(f, k);
                String value = asString(f, Rt.mapGet(v, k));
                Cost.chargeOutput(f, key.length() + value.length() + 4);
                sorted.put(key, value);
            }
            StringBuilder sb = new StringBuilder("{");
            sorted.forEach((k, val) -> sb.append(sb.length() == 1 ? "" : ", ").append(k).append(": ").append(val));
            return sb.append('}').toString();
        }
        throw formatError("string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given " + Rt.typeName(v));
    }
}
