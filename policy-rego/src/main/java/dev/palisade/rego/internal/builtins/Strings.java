package dev.palisade.rego.internal.builtins;

import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.BigFloat;
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** String built-ins, with Go's semantics (runes, Unicode case mapping, strings.Replacer, fmt). */
final class Strings {
    private Strings() {
    }

    static void register(Map<String, Builtin> m) {
        Registry.add(m, "concat", 2, (c, a) -> {
            String sep = Args.string(a, 0);
            Value coll = a[1];
            if (!(coll instanceof ArrayValue) && !(coll instanceof SetValue)) {
                throw Args.typeError(2, coll, "set", "array");
            }
            List<Value> els = Args.elements(coll);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < els.size(); i++) {
                if (!(els.get(i) instanceof StringValue s)) {
                    throw elementError(2, coll, els.get(i), "string");
                }
                if (i > 0) {
                    sb.append(sep);
                }
                sb.append(s.value());
            }
            c.charge(1 + sb.length() / 16);
            return StringValue.of(sb.toString());
        });
        Registry.add(m, "contains", 2, (c, a) -> BoolValue.of(Args.string(a, 0).contains(Args.string(a, 1))));
        Registry.add(m, "startswith", 2, (c, a) -> BoolValue.of(Args.string(a, 0).startsWith(Args.string(a, 1))));
        Registry.add(m, "endswith", 2, (c, a) -> BoolValue.of(Args.string(a, 0).endsWith(Args.string(a, 1))));
        Registry.add(m, "lower", 1, (c, a) -> StringValue.of(goLower(Args.string(a, 0))));
        Registry.add(m, "upper", 1, (c, a) -> StringValue.of(goUpper(Args.string(a, 0))));
        Registry.add(m, "strings.count", 2, (c, a) -> NumberValue.of(count(Args.string(a, 0), Args.string(a, 1))));
        Registry.add(m, "strings.reverse", 1, (c, a) -> StringValue.of(reverse(Args.string(a, 0))));
        Registry.add(m, "format_int", 2, (c, a) -> {
            NumberValue n = Args.number(a, 0);
            NumberValue base = Args.number(a, 1);
            String b = base.text(false);
            int radix;
            switch (b) {
                case "2" -> radix = 2;
                case "8" -> radix = 8;
                case "10" -> radix = 10;
                case "16" -> radix = 16;
                default -> throw Args.operandError(2, "must be one of {2, 8, 10, 16}");
            }
            BigInteger i = BigFloat.of(n).truncate();
            return StringValue.of(i.toString(radix));
        });
        Registry.add(m, "indexof", 2, (c, a) -> {
            String base = Args.string(a, 0);
            String search = Args.string(a, 1);
            if (search.isEmpty()) {
                throw BuiltinException.error("empty search character");
            }
            int idx = base.indexOf(search);
            return NumberValue.of(idx < 0 ? -1 : base.codePointCount(0, idx));
        });
        Registry.add(m, "indexof_n", 2, (c, a) -> {
            String base = Args.string(a, 0);
            String search = Args.string(a, 1);
            if (search.isEmpty()) {
                throw BuiltinException.error("empty search character");
            }
            List<Value> out = new ArrayList<>();
            int from = 0;
            while (true) {
                int idx = base.indexOf(search, from);
                if (idx < 0) {
                    break;
                }
                out.add(NumberValue.of(base.codePointCount(0, idx)));
                from = idx + Character.charCount(base.codePointAt(idx));
            }
            c.charge(out.size());
            return ArrayValue.of(out);
        });
        Registry.add(m, "substring", 3, (c, a) -> {
            String base = Args.string(a, 0);
            int start = Args.integer(a, 1);
            int length = Args.integer(a, 2);
            if (start < 0) {
                throw BuiltinException.error("negative offset");
            }
            int[] cps = base.codePoints().toArray();
            if (start >= cps.length) {
                return StringValue.EMPTY;
            }
            int upto = length < 0 ? cps.length : (int) Math.min(cps.length, (long) start + length);
            return StringValue.of(new String(cps, start, upto - start));
        });
        Registry.add(m, "split", 2, (c, a) -> {
            String s = Args.string(a, 0);
            String d = Args.string(a, 1);
            List<String> parts = split(s, d);
            c.charge(parts.size());
            Value[] r = new Value[parts.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = StringValue.of(parts.get(i));
            }
            return ArrayValue.of(r);
        });
        Registry.add(m, "replace", 3, (c, a) -> {
            String s = Args.string(a, 0);
            String old = Args.string(a, 1);
            String n = Args.string(a, 2);
            String r = replaceAll(c, s, new String[] {old}, new String[] {n});
            return StringValue.of(r);
        });
        Registry.add(m, "strings.replace_n", 2, (c, a) -> {
            ObjectValue patterns = Args.object(a, 0);
            String s = Args.string(a, 1);
            String[] olds = new String[patterns.size()];
            String[] news = new String[patterns.size()];
            for (int i = 0; i < patterns.size(); i++) {
                if (!(patterns.keyAt(i) instanceof StringValue k)) {
                    throw Args.operandError(1, "non-string key found in pattern object");
                }
                if (!(patterns.valueAt(i) instanceof StringValue v)) {
                    throw Args.operandError(1, "non-string value found in pattern object");
                }
                olds[i] = k.value();
                news[i] = v.value();
            }
            return StringValue.of(replaceAll(c, s, olds, news));
        });
        Registry.add(m, "trim", 2, (c, a) -> StringValue.of(trimRight(trimLeft(Args.string(a, 0), Args.string(a, 1)), Args.string(a, 1))));
        Registry.add(m, "trim_left", 2, (c, a) -> StringValue.of(trimLeft(Args.string(a, 0), Args.string(a, 1))));
        Registry.add(m, "trim_right", 2, (c, a) -> StringValue.of(trimRight(Args.string(a, 0), Args.string(a, 1))));
        Registry.add(m, "trim_prefix", 2, (c, a) -> {
            String s = Args.string(a, 0);
            String p = Args.string(a, 1);
            return StringValue.of(s.startsWith(p) ? s.substring(p.length()) : s);
        });
        Registry.add(m, "trim_suffix", 2, (c, a) -> {
            String s = Args.string(a, 0);
            String p = Args.string(a, 1);
            return StringValue.of(s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s);
        });
        Registry.add(m, "trim_space", 1, (c, a) -> StringValue.of(trimSpace(Args.string(a, 0))));
        Registry.add(m, "strings.any_prefix_match", 2, (c, a) -> BoolValue.of(anyMatch(a, false)));
        Registry.add(m, "strings.any_suffix_match", 2, (c, a) -> BoolValue.of(anyMatch(a, true)));
        Registry.add(m, "sprintf", 2, (c, a) -> {
            String format = Args.string(a, 0);
            if (!(a[1] instanceof ArrayValue arr)) {
                throw Args.typeError(2, a[1], "array");
            }
            c.charge(arr.weight());
            List<Object> args = new ArrayList<>(arr.size());
            for (int i = 0; i < arr.size(); i++) {
                args.add(goArg(arr.get(i)));
            }
            String s = GoFmt.sprintf(format, args, c);
            return StringValue.of(s);
        });
    }

    /** The Go value OPA's sprintf passes for a Rego value. */
    static Object goArg(Value v) {
        if (v instanceof NumberValue n) {
            if (n.isInt64()) {
                return n.longValue();
            }
            String text = n.text(false);
            if (text.matches("-?\\d+")) {
                return new BigInteger(text);
            }
            double d = n.doubleValue();
            if (!Double.isInfinite(d) && !Double.isNaN(d)) {
                BigDecimal exact = n.bigDecimal();
                if (d != 0 || exact.signum() == 0) {
                    return d;
                }
            }
            return text;
        }
        if (v instanceof StringValue s) {
            return s.value();
        }
        return v.toString();
    }

    static BuiltinException elementError(int pos, Value composite, Value got, String expected) {
        String t = composite.typeName();
        return Args.operandError(pos, "must be " + t + " of " + expected + "s but got " + t + " containing " + got.typeName());
    }

    private static boolean anyMatch(Value[] a, boolean suffix) {
        List<String> strs = stringOrCollection(a, 0);
        List<String> fixes = stringOrCollection(a, 1);
        for (String s : strs) {
            for (String f : fixes) {
                if (suffix ? s.endsWith(f) : s.startsWith(f)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> stringOrCollection(Value[] a, int i) {
        Value v = a[i];
        if (v instanceof StringValue s) {
            return List.of(s.value());
        }
        if (v instanceof ArrayValue || v instanceof SetValue) {
            return Args.strings(a, i);
        }
        throw Args.typeError(i + 1, v, "string", "set", "array");
    }

    static String goLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
        return sb.toString();
    }

    static String goUpper(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toUpperCase(cp)));
        return sb.toString();
    }

    static String reverse(String s) {
        int[] cps = s.codePoints().toArray();
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = cps.length - 1; i >= 0; i--) {
            sb.appendCodePoint(cps[i]);
        }
        return sb.toString();
    }

    /** Go's strings.Count. */
    static int count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.codePointCount(0, s.length()) + 1;
        }
        int n = 0;
        int from = 0;
        while (true) {
            int i = s.indexOf(sub, from);
            if (i < 0) {
                return n;
            }
            n++;
            from = i + sub.length();
        }
    }

    /** Go's strings.Split. */
    static List<String> split(String s, String sep) {
        List<String> out = new ArrayList<>();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        int from = 0;
        while (true) {
            int i = s.indexOf(sep, from);
            if (i < 0) {
                out.add(s.substring(from));
                return out;
            }
            out.add(s.substring(from, i));
            from = i + sep.length();
        }
    }

    /**
     * Go's strings.NewReplacer(old1, new1, ...).Replace(s): at each position the first pattern (in
     * argument order) that matches wins; an empty pattern matches between every rune.
     */
    static String replaceAll(BuiltinContext c, String s, String[] olds, String[] news) {
        if (olds.length == 1) {
            String old = olds[0];
            if (old.isEmpty()) {
                c.charge(1 + ((long) s.length() + 1) * news[0].length() / 16 + s.length() / 16); // before building
                StringBuilder sb = new StringBuilder();
                sb.append(news[0]);
                s.codePoints().forEach(cp -> {
                    sb.appendCodePoint(cp);
                    sb.append(news[0]);
                });
                return sb.toString();
            }
            long count = 0;
            for (int at = s.indexOf(old); at >= 0; at = s.indexOf(old, at + old.length())) {
                count++;
            }
            c.charge(1 + (s.length() + count * Math.max(0, news[0].length() - old.length())) / 16);
            return s.replace(old, news[0]);
        }
        // generic replacer: Go picks, at each position, the pattern that appears first in the argument list
        // among those matching (with a lookup trie it prefers... the earliest-listed matching pattern)
        StringBuilder sb = new StringBuilder();
        boolean hasEmpty = false;
        for (String o : olds) {
            if (o.isEmpty()) {
                hasEmpty = true;
            }
        }
        int i = 0;
        long charged = 0;
        while (i <= s.length()) {
            if (sb.length() - charged > 4096) { // charge as the result grows, not after
                c.charge((sb.length() - charged) / 16);
                charged = sb.length();
            }
            int match = -1;
            for (int k = 0; k < olds.length; k++) {
                String o = olds[k];
                if (!o.isEmpty() && s.startsWith(o, i)) {
                    match = k;
                    break;
                }
                if (o.isEmpty() && match < 0) {
                    match = k;
                    break;
                }
            }
            if (match >= 0 && !olds[match].isEmpty()) {
                sb.append(news[match]);
                i += olds[match].length();
                continue;
            }
            if (match >= 0) {
                sb.append(news[match]);
            }
            if (i == s.length()) {
                break;
            }
            int cp = s.codePointAt(i);
            sb.appendCodePoint(cp);
            i += Character.charCount(cp);
            if (!hasEmpty && i == s.length()) {
                break;
            }
        }
        c.charge(1 + (sb.length() - charged) / 16);
        return sb.toString();
    }

    static String trimLeft(String s, String cutset) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (cutset.indexOf(cp) < 0) {
                break;
            }
            i += Character.charCount(cp);
        }
        return s.substring(i);
    }

    static String trimRight(String s, String cutset) {
        int j = s.length();
        while (j > 0) {
            int cp = s.codePointBefore(j);
            if (cutset.indexOf(cp) < 0) {
                break;
            }
            j -= Character.charCount(cp);
        }
        return s.substring(0, j);
    }

    /** Go's unicode.IsSpace. */
    static boolean isGoSpace(int cp) {
        switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0:
                return true;
            default:
                return cp > 0xFF && Character.isSpaceChar(cp);
        }
    }

    static String trimSpace(String s) {
        int i = 0;
        int j = s.length();
        while (i < j && isGoSpace(s.codePointAt(i))) {
            i += Character.charCount(s.codePointAt(i));
        }
        while (j > i && isGoSpace(s.codePointBefore(j))) {
            j -= Character.charCount(s.codePointBefore(j));
        }
        return s.substring(i, j);
    }
}
