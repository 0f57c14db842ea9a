package dev.palisade.kyverno.jmespath.internal;

import static dev.palisade.kyverno.jmespath.internal.Function.ArgSpec.of;
import static dev.palisade.kyverno.jmespath.internal.Function.Type.ANY;
import static dev.palisade.kyverno.jmespath.internal.Function.Type.ARRAY;
import static dev.palisade.kyverno.jmespath.internal.Function.Type.NUMBER;
import static dev.palisade.kyverno.jmespath.internal.Function.Type.OBJECT;
import static dev.palisade.kyverno.jmespath.internal.Function.Type.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.palisade.core.internal.gotime.GoDuration;
import dev.palisade.core.internal.gotime.GoTime;
import dev.palisade.core.internal.gotime.GoTimeException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kyverno's function catalogue ({@code pkg/engine/jmespath}): names, argument types and results as
 * Kyverno defines them. Registering them replaces the standard {@code sum} with Kyverno's
 * arithmetic one, as Kyverno does.
 */
public final class KyvernoFunctions {
    private KyvernoFunctions() {
    }

    private static void add(Map<String, Function> t, String name, String returns, Function.Handler h,
                            Function.ArgSpec... args) {
        StandardFunctions.add(t, name, returns, h, args);
    }

    /** Adds Kyverno's functions to a table. */
    public static void register(Map<String, Function> t) {
        add(t, "compare", "number", (a, ev) -> {
            int c = Values.compareStrings(str(a[0]), str(a[1]));
            return Values.number(Integer.signum(c));
        }, of(STRING), of(STRING));
        add(t, "equal_fold", "bool", (a, ev) -> Values.bool(equalFold(str(a[0]), str(a[1]))), of(STRING), of(STRING));
        add(t, "replace", "string", (a, ev) -> {
            long n = GoFloat.toInt64(a[3].doubleValue());
            return text(ev, replace(str(a[0]), str(a[1]), str(a[2]), n, ev));
        }, of(STRING), of(STRING), of(STRING), of(NUMBER));
        add(t, "replace_all", "string", (a, ev) -> text(ev, replace(str(a[0]), str(a[1]), str(a[2]), -1, ev)),
                of(STRING), of(STRING), of(STRING));
        add(t, "to_upper", "string", (a, ev) -> text(ev, mapCase(str(a[0]), true)), of(STRING));
        add(t, "to_lower", "string", (a, ev) -> text(ev, mapCase(str(a[0]), false)), of(STRING));
        add(t, "trim", "string", (a, ev) -> Values.text(trim(str(a[0]), str(a[1]))), of(STRING), of(STRING));
        add(t, "trim_prefix", "string", (a, ev) -> {
            String s = str(a[0]);
            String p = str(a[1]);
            return Values.text(s.startsWith(p) ? s.substring(p.length()) : s);
        }, of(STRING), of(STRING));
        add(t, "split", "array[string]", (a, ev) -> split(str(a[0]), str(a[1]), ev), of(STRING), of(STRING));
        add(t, "regex_replace_all", "string", (a, ev) -> regexReplace("regex_replace_all", a, false, ev),
                of(STRING), of(STRING, NUMBER), of(STRING, NUMBER));
        add(t, "regex_replace_all_literal", "string", (a, ev) -> regexReplace("regex_replace_all_literal", a, true, ev),
                of(STRING), of(STRING, NUMBER), of(STRING, NUMBER));
        add(t, "regex_match", "bool", (a, ev) -> {
            Pattern p = regex("regex_match", str(a[0]));
            String src = toStr("regex_match", 2, a[1]);
            ev.steps(src.length());
            return Values.bool(p.matcher(src).find());
        }, of(STRING), of(STRING, NUMBER));
        add(t, "pattern_match", "bool", (a, ev) -> {
            String src = toStr("pattern_match", 2, a[1]);
            return Values.bool(Wildcard.match(str(a[0]), src, ev));
        }, of(STRING), of(STRING, NUMBER));
        add(t, "label_match", "bool", (a, ev) -> {
            for (Iterator<Map.Entry<String, JsonNode>> it = a[0].fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = a[1].get(e.getKey());
                if (other == null || !Values.equal(other, e.getValue(), ev)) {
                    return Values.bool(false);
                }
            }
            return Values.bool(true);
        }, of(OBJECT), of(OBJECT));
        add(t, "to_boolean", "bool", (a, ev) -> {
            String s = str(a[0]);
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "true" -> Values.bool(true);
                case "false" -> Values.bool(false);
                default -> throw FunctionError.of("to_boolean",
                        "lowercase argument must be 'true' or 'false' (provided: '" + s + "')");
            };
        }, of(STRING));
        add(t, "add", "any", (a, ev) -> Arithmetic.add(a[0], a[1], "add"), of(ANY), of(ANY));
        add(t, "sum", "any", (a, ev) -> {
            JsonNode items = a[0];
            if (items.size() == 0) {
                throw FunctionError.of("sum", "at least one element in the array is required");
            }
            JsonNode result = items.get(0);
            for (int i = 1; i < items.size(); i++) {
                ev.step();
                result = Arithmetic.add(result, items.get(i), "sum");
            }
            return result;
        }, of(ARRAY));
        add(t, "subtract", "any", (a, ev) -> Arithmetic.subtract(a[0], a[1]), of(ANY), of(ANY));
        add(t, "multiply", "any", (a, ev) -> Arithmetic.multiply(a[0], a[1]), of(ANY), of(ANY));
        add(t, "divide", "any", (a, ev) -> Arithmetic.divide(a[0], a[1]), of(ANY), of(ANY));
        add(t, "modulo", "any", (a, ev) -> Arithmetic.modulo(a[0], a[1]), of(ANY), of(ANY));
        add(t, "round", "number", (a, ev) -> {
            double v = a[0].doubleValue();
            double len = a[1].doubleValue();
            if (Double.isInfinite(len) || Double.isNaN(len) || Math.rint(len) != len) {
                throw FunctionError.of("round", "Non-integer argument(s) passed for round off");
            }
            if (len < 0) {
                throw FunctionError.of("round", "%!d(MISSING) argument is out of bounds (%!d(MISSING))");
            }
            double shift = Math.pow(10, len);
            return Values.number(goRound(v * shift) / shift);
        }, of(NUMBER), of(NUMBER));
        add(t, "base64_decode", "string", (a, ev) -> {
            try {
                byte[] bytes = Base64.getDecoder().decode(strict64(str(a[0])));
                ev.output(bytes.length);
                return Values.text(goString(bytes));
            } catch (IllegalArgumentException e) {
                throw new FunctionError("illegal base64 data: " + e.getMessage());
            }
        }, of(STRING));
        add(t, "base64_encode", "string", (a, ev) -> {
            byte[] bytes = str(a[0]).getBytes(StandardCharsets.UTF_8);
            ev.output(bytes.length * 4L / 3);
            return Values.text(Base64.getEncoder().encodeToString(bytes));
        }, of(STRING));
        add(t, "time_since", "string", KyvernoFunctions::timeSince, of(STRING), of(STRING), of(STRING));
        add(t, "time_now", "string", (a, ev) -> {
            Instant now = ev.runtime().clock().instant();
            ZoneOffset offset = ev.runtime().clock().getZone().getRules().getOffset(now);
            return Values.text(rfc3339(OffsetDateTime.ofInstant(now, offset)));
        });
        add(t, "time_now_utc", "string", (a, ev) ->
                Values.text(rfc3339(OffsetDateTime.ofInstant(ev.runtime().clock().instant(), ZoneOffset.UTC))));
        add(t, "path_canonicalize", "string", (a, ev) -> Values.text(cleanPath(str(a[0]))), of(STRING));
        add(t, "truncate", "string", (a, ev) -> {
            String s = str(a[0]);
            double len = a[1].doubleValue();
            long n = len < 0 ? 0 : GoFloat.toInt64(len);
            if (Values.runeCount(s) <= n) {
                return a[0];
            }
            return Values.text(s.substring(0, s.offsetByCodePoints(0, (int) n)));
        }, of(STRING), of(NUMBER));
        add(t, "semver_compare", "bool", (a, ev) -> Values.bool(Semver.compare(str(a[0]), str(a[1]))),
                of(STRING), of(STRING));
        add(t, "parse_json", "any", (a, ev) -> {
            ev.output(str(a[0]).length());
            try {
                return GoJson.parse(str(a[0]));
            } catch (IllegalArgumentException e) {
                throw FunctionError.of("parse_json", e.getMessage());
            }
        }, of(STRING));
        add(t, "parse_yaml", "any", (a, ev) -> {
            ev.output(str(a[0]).length());
            return YamlToJson.parse(str(a[0]));
        }, of(STRING));
        add(t, "lookup", "any", KyvernoFunctions::lookup, of(OBJECT, ARRAY), of(STRING, NUMBER));
        add(t, "items", "array", KyvernoFunctions::items, of(OBJECT, ARRAY), of(STRING), of(STRING));
        add(t, "object_from_lists", "object", (a, ev) -> {
            ObjectNode out = Values.object();
            for (int i = 0; i < a[0].size(); i++) {
                String key;
                try {
                    key = ifaceToString(a[0].get(i));
                } catch (IllegalArgumentException e) {
                    throw FunctionError.argType("object_from_lists", 1, "StringArray");
                }
                out.set(key, i < a[1].size() ? a[1].get(i) : Values.NULL);
            }
            ev.output(out.size());
            return out;
        }, of(ARRAY), of(ARRAY));
        add(t, "random", "string", (a, ev) -> {
            String pattern = str(a[0]);
            if (pattern.isEmpty()) {
                throw new FunctionError("no pattern provided");
            }
            return Values.text(RegexGenerator.generate(pattern, ev.runtime().random(), ev));
        }, of(STRING));
        add(t, "x509_decode", "object", (a, ev) -> X509Json.decode(str(a[0])), of(STRING));
        add(t, "time_to_cron", "string", (a, ev) -> {
            OffsetDateTime time = time("time_to_cron", a[0]);
            return Values.text(time.getMinute() + " " + time.getHour() + " " + time.getDayOfMonth() + " "
                    + time.getMonthValue() + " " + (time.getDayOfWeek().getValue() % 7));
        }, of(STRING));
        add(t, "time_add", "string", (a, ev) -> Values.text(rfc3339(time("time_add", a[0])
                .plusNanos(duration("time_add", a[1])))), of(STRING), of(STRING));
        add(t, "time_parse", "string", KyvernoFunctions::timeParse, of(STRING), of(STRING));
        add(t, "time_utc", "string", (a, ev) -> Values.text(rfc3339(
                time("time_utc", a[0]).withOffsetSameInstant(ZoneOffset.UTC))), of(STRING));
        add(t, "time_diff", "string", (a, ev) -> Values.text(GoDuration.format(
                GoTime.sub(time("time_diff", a[1]).toInstant(), time("time_diff", a[0]).toInstant()))), of(STRING), of(STRING));
        add(t, "time_before", "bool", (a, ev) -> Values.bool(time("time_before", a[0]).toInstant()
                .isBefore(time("time_before", a[1]).toInstant())), of(STRING), of(STRING));
        add(t, "time_after", "bool", (a, ev) -> Values.bool(time("time_after", a[0]).toInstant()
                .isAfter(time("time_after", a[1]).toInstant())), of(STRING), of(STRING));
        add(t, "time_between", "bool", (a, ev) -> {
            Instant x = time("time_between", a[0]).toInstant();
            Instant start = time("time_between", a[1]).toInstant();
            Instant end = time("time_between", a[2]).toInstant();
            return Values.bool(x.isAfter(start) && x.isBefore(end));
        }, of(STRING), of(STRING), of(STRING));
        add(t, "time_truncate", "string", (a, ev) -> Values.text(rfc3339(GoTime.truncate(
                time("time_truncate", a[0]), duration("time_truncate", a[1])))), of(STRING), of(STRING));
        add(t, "image_normalize", "string", (a, ev) -> {
            try {
                return Values.text(ImageInfos.info(str(a[0]), ev.runtime().defaultRegistry(),
                        ev.runtime().defaultRegistryMutation()).reference());
            } catch (IllegalArgumentException e) {
                throw FunctionError.of("image_normalize", e.getMessage());
            }
        }, of(STRING));
        add(t, "is_external_url", "bool", KyvernoFunctions::isExternalUrl, of(STRING));
        add(t, "sha256", "string", (a, ev) -> digest("SHA-256", str(a[0]), ev), of(STRING));
        add(t, "sha1", "string", (a, ev) -> digest("SHA-1", str(a[0]), ev), of(STRING));
        add(t, "md5", "string", (a, ev) -> digest("MD5", str(a[0]), ev), of(STRING));
    }

    static String str(JsonNode v) {
        return v.textValue();
    }

    private static JsonNode text(Eval ev, String s) {
        ev.output(s.length());
        return Values.text(s);
    }

    /** Kyverno's {@code ifaceToString}: numbers with 32-bit precision ({@code 'f', -1, 32}). */
    static String ifaceToString(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber()) {
            return GoFloat.fixed32(v.doubleValue());
        }
        if (v.isBoolean()) {
            return Boolean.toString(v.booleanValue());
        }
        throw new IllegalArgumentException("error, undefined type cast");
    }

    private static String toStr(String function, int index, JsonNode v) {
        try {
            return ifaceToString(v);
        } catch (IllegalArgumentException e) {
            throw FunctionError.argType(function, index, "String or Real");
        }
    }

    private static boolean equalFold(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            int p = x[i];
            int q = y[i];
            if (p != q && Character.toLowerCase(p) != Character.toLowerCase(q)
                    && Character.toUpperCase(p) != Character.toUpperCase(q)) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code strings.Replace(s, old, new, n)}; n < 0 replaces all. */
    static String replace(String s, String old, String repl, long n, Eval ev) {
        if (n == 0 || old.equals(repl)) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        if (old.isEmpty()) {
            // Go inserts the replacement before every rune and at the end
            int count = 0;
            int i = 0;
            while (i <= s.length() && (n < 0 || count < n)) {
                out.append(repl);
                count++;
                ev.output(repl.length() + 1);
                if (i == s.length()) {
                    i++;
                    break;
                }
                int cp = s.codePointAt(i);
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            if (i < s.length()) {
                out.append(s, i, s.length());
            }
            return out.toString();
        }
        int from = 0;
        int count = 0;
        while (n < 0 || count < n) {
            int at = s.indexOf(old, from);
            if (at < 0) {
                break;
            }
            out.append(s, from, at).append(repl);
            ev.output(repl.length() + (at - from));
            from = at + old.length();
            count++;
        }
        out.append(s, from, s.length());
        return out.toString();
    }

    private static String mapCase(String s, boolean upper) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp)));
        return out.toString();
    }

    /** Go's {@code strings.Trim(s, cutset)}. */
    private static String trim(String s, String cutset) {
        if (s.isEmpty() || cutset.isEmpty()) {
            return s;
        }
        int start = 0;
        int end = s.length();
        while (start < end) {
            int cp = s.codePointAt(start);
            if (cutset.indexOf(cp) < 0) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = s.codePointBefore(end);
            if (cutset.indexOf(cp) < 0) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(start, end);
    }

    /** Go's {@code strings.Split}: an empty separator splits into runes. */
    private static JsonNode split(String s, String sep, Eval ev) {
        ArrayNode out = Values.array();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        } else {
            int from = 0;
            while (true) {
                ev.step();
                int at = s.indexOf(sep, from);
                if (at < 0) {
                    out.add(s.substring(from));
                    break;
                }
                out.add(s.substring(from, at));
                from = at + sep.length();
            }
        }
        ev.output(out.size() + s.length());
        return out;
    }

    static Pattern regex(String function, String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new FunctionError("error parsing regexp: " + e.getDescription() + ": `" + e.getPattern() + "`");
        }
    }

    private static JsonNode regexReplace(String name, JsonNode[] a, boolean literal, Eval ev) {
        String src = toStr(name, 2, a[1]);
        String repl = toStr(name, 3, a[2]);
        Pattern p;
        try {
            p = Pattern.compile(str(a[0]));
        } catch (PatternSyntaxException e) {
            throw FunctionError.of(name, "error parsing regexp: " + e.getDescription() + ": `" + e.getPattern() + "`");
        }
        ev.steps(src.length());
        Matcher m = p.matcher(src);
        StringBuilder out = new StringBuilder();
        int last = 0;
        int lastMatchEnd = -1;
        while (m.find()) {
            // Go skips an empty match right after a previous match
            if (m.start() == m.end() && m.start() == lastMatchEnd) {
                continue;
            }
            out.append(src, last, m.start());
            if (literal) {
                out.append(repl);
            } else {
                expand(out, repl, m, p);
            }
            ev.output(out.length() - last);
            last = m.end();
            lastMatchEnd = m.end();
        }
        out.append(src, last, src.length());
        ev.output(out.length());
        return Values.text(out.toString());
    }

    /** Go's {@code Regexp.Expand} template: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}. */
    private static void expand(StringBuilder out, String template, Matcher m, Pattern p) {
        int i = 0;
        int n = template.length();
        while (i < n) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                out.append(template, i, n);
                return;
            }
            out.append(template, i, dollar);
            i = dollar + 1;
            if (i < n && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            boolean brace = i < n && template.charAt(i) == '{';
            int j = brace ? i + 1 : i;
            int nameStart = j;
            while (j < n) {
                int cp = template.codePointAt(j);
                if (!(Character.isLetterOrDigit(cp) || cp == '_')) {
                    break;
                }
                j += Character.charCount(cp);
            }
            String name = template.substring(nameStart, j);
            if (name.isEmpty() || (brace && (j >= n || template.charAt(j) != '}'))) {
                out.append('$');
                continue;
            }
            i = brace ? j + 1 : j;
            int num = -1;
            if (name.chars().allMatch(c -> c >= '0' && c <= '9')) {
                num = 0;
                for (int k = 0; k < name.length(); k++) {
                    num = num * 10 + (name.charAt(k) - '0');
                    if (num >= 100_000_000) {
                        num = -1;
                        break;
                    }
                }
            }
            String group = null;
            if (num >= 0) {
                if (num <= m.groupCount()) {
                    group = m.group(num);
                }
            } else if (p.namedGroups().containsKey(name)) {
                group = m.group(name);
            }
            if (group != null) {
                out.append(group);
            }
        }
    }

    /** Go's {@code math.Round}: half away from zero. */
    private static double goRound(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double a = Math.abs(x);
        double t = Math.floor(a);
        if (a - t >= 0.5) {
            t += 1;
        }
        return Math.copySign(t, x);
    }

    private static String strict64(String s) {
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            // Go's decoder ignores newlines
            return s.replace("\n", "").replace("\r", "");
        }
        return s;
    }

    /** Go's {@code string(bytes)}: invalid UTF-8 reads as U+FFFD (as Go's JSON encoder would write it). */
    static String goString(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static JsonNode timeSince(JsonNode[] a, Eval ev) {
        String layout = str(a[0]);
        String ts1 = str(a[1]);
        String ts2 = str(a[2]);
        String l = layout.isEmpty() ? GoTime.RFC3339 : layout;
        OffsetDateTime t1 = parseTime("time_since", l, ts1);
        OffsetDateTime t2 = ts2.isEmpty()
                ? OffsetDateTime.ofInstant(ev.runtime().clock().instant(), ZoneOffset.UTC) : parseTime("time_since", l, ts2);
        return Values.text(GoDuration.format(GoTime.sub(t2.toInstant(), t1.toInstant())));
    }

    private static JsonNode timeParse(JsonNode[] a, Eval ev) {
        String layout = str(a[0]);
        String ts = str(a[1]);
        if (GoStrconv.parseInt(layout) != null) {
            Long epoch = GoStrconv.parseInt(ts);
            if (epoch == null) {
                throw new FunctionError("strconv.ParseInt: parsing \"" + ts + "\": invalid syntax");
            }
            try {
                return Values.text(rfc3339(OffsetDateTime.ofInstant(Instant.ofEpochSecond(epoch), ZoneOffset.UTC)));
            } catch (java.time.DateTimeException e) {
                throw new FunctionError("time_parse: epoch " + ts + " is out of range");
            }
        }
        return Values.text(rfc3339(parseTime("time_parse", layout, ts)));
    }

    private static OffsetDateTime parseTime(String function, String layout, String value) {
        try {
            return GoTime.parse(layout, value).toOffsetDateTime();
        } catch (GoTimeException e) {
            throw new FunctionError(e.getMessage());
        } catch (DateTimeException e) {
            // Go reads offsets up to +24:60:60; Java's stop at 18 hours
            throw new FunctionError("parsing time \"" + value + "\": " + e.getMessage());
        }
    }

    /** {@code t.Format(time.RFC3339)}. */
    private static String rfc3339(OffsetDateTime t) {
        return GoTime.format(t, GoTime.RFC3339);
    }

    private static OffsetDateTime time(String function, JsonNode v) {
        return parseTime(function, GoTime.RFC3339, str(v));
    }

    private static long duration(String function, JsonNode v) {
        try {
            return GoDuration.parse(str(v));
        } catch (GoTimeException e) {
            throw new FunctionError(e.getMessage());
        }
    }

    /** Go's {@code path/filepath.Join(p)} on Linux: {@code Clean}, and "" for "". */
    static String cleanPath(String path) {
        if (path.isEmpty()) {
            return "";
        }
        boolean rooted = path.charAt(0) == '/';
        List<String> out = new ArrayList<>();
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!rooted) {
                    out.add("..");
                }
                continue;
            }
            out.add(part);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    private static JsonNode lookup(JsonNode[] a, Eval ev) {
        JsonNode input = a[0];
        if (input.isObject()) {
            if (!a[1].isTextual()) {
                throw FunctionError.argType("lookup", 2, "String");
            }
            JsonNode v = input.get(a[1].textValue());
            return v == null ? Values.NULL : v;
        }
        if (!a[1].isNumber()) {
            throw FunctionError.argType("lookup", 2, "Number");
        }
        double key = a[1].doubleValue();
        if (Double.isInfinite(key) || Double.isNaN(key) || Math.rint(key) != key) {
            throw new FunctionError("JMESPath function 'lookup': argument #2: expected an integer number but got: "
                    + GoFloat.v(key));
        }
        if (key < 0 || key > input.size() - 1) {
            return Values.NULL;
        }
        return input.get((int) key);
    }

    private static JsonNode items(JsonNode[] a, Eval ev) {
        String keyName = str(a[1]);
        String valName = str(a[2]);
        ArrayNode out = Values.array();
        JsonNode input = a[0];
        if (input.isObject()) {
            List<String> keys = new ArrayList<>();
            input.fieldNames().forEachRemaining(keys::add);
            keys.sort(Values::compareStrings);
            for (String k : keys) {
                ObjectNode o = Values.object();
                o.put(keyName, k);
                o.set(valName, input.get(k));
                out.add(o);
            }
        } else {
            for (int i = 0; i < input.size(); i++) {
                ObjectNode o = Values.object();
                o.set(keyName, Values.number(i));
                o.set(valName, input.get(i));
                out.add(o);
            }
        }
        ev.output(out.size() * 3L);
        return out;
    }

    private static JsonNode isExternalUrl(JsonNode[] a, Eval ev) {
        String text = str(a[0]);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new FunctionError("parse \"" + text + "\": " + e.getReason());
        }
        String host = uri.getHost();
        if (host == null) {
            host = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst(":[0-9]*$", "");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress literal = IpLiterals.parse(host);
        if (literal != null) {
            return Values.bool(!(literal.isLoopbackAddress() || IpLiterals.isPrivate(literal)));
        }
        List<InetAddress> addresses;
        try {
            addresses = ev.runtime().resolver().resolve(host);
        } catch (UnknownHostException e) {
            throw new FunctionError("lookup " + host + ": no such host");
        }
        for (InetAddress addr : addresses) {
            if (addr.isLoopbackAddress() || IpLiterals.isPrivate(addr)) {
                return Values.bool(false);
            }
        }
        return Values.bool(true);
    }

    private static JsonNode digest(String algorithm, String s, Eval ev) {
        try {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            ev.steps(bytes.length / 16);
            return Values.text(HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new FunctionError(algorithm + " is not available: " + e.getMessage());
        }
    }
}
