package dev.palisade.rego.internal.builtins;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.ReaderLimits;
import dev.palisade.core.YamlDocument;
import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.Json;
import dev.palisade.rego.internal.value.NullValue;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.ObjectBuilder;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import dev.palisade.rego.internal.value.Values;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** base64, base64url, hex, urlquery, JSON and YAML built-ins, with Go's formats and errors. */
final class Encoding {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ManifestReader YAML = ManifestReader.create(ReaderLimits.DEFAULTS);

    private Encoding() {
    }

    static void register(Map<String, Builtin> m) {
        Registry.add(m, "base64.encode", 1, (c, a) -> str(c, Base64.getEncoder().encodeToString(bytes(Args.string(a, 0)))));
        Registry.add(m, "base64.decode", 1, (c, a) -> str(c, text(decodeBase64(Args.string(a, 0), false, true))));
        Registry.add(m, "base64.is_valid", 1, (c, a) -> {
            try {
                decodeBase64(Args.string(a, 0), false, true);
                return BoolValue.TRUE;
            } catch (BuiltinException e) {
                return BoolValue.FALSE;
            }
        });
        Registry.add(m, "base64url.encode", 1, (c, a) -> str(c, Base64.getUrlEncoder().encodeToString(bytes(Args.string(a, 0)))));
        Registry.add(m, "base64url.encode_no_pad", 1,
                (c, a) -> str(c, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(Args.string(a, 0)))));
        Registry.add(m, "base64url.decode", 1, (c, a) -> {
            String s = Args.string(a, 0);
            return str(c, text(decodeBase64(s, true, s.length() % 4 == 0)));
        });
        Registry.add(m, "hex.encode", 1, (c, a) -> {
            byte[] b = bytes(Args.string(a, 0));
            StringBuilder sb = new StringBuilder();
            for (byte x : b) {
                sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
            }
            return str(c, sb.toString());
        });
        Registry.add(m, "hex.decode", 1, (c, a) -> {
            String s = Args.string(a, 0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int i = 0;
            for (; i + 1 < s.length(); i += 2) {
                int hi = Character.digit(s.charAt(i), 16);
                int lo = Character.digit(s.charAt(i + 1), 16);
                if (hi < 0) {
                    throw invalidByte(s, i);
                }
                if (lo < 0) {
                    throw invalidByte(s, i + 1);
                }
                out.write(hi * 16 + lo);
            }
            if (s.length() % 2 == 1) {
                if (Character.digit(s.charAt(i), 16) < 0) {
                    throw invalidByte(s, i);
                }
                throw BuiltinException.error("encoding/hex: odd length hex string");
            }
            return str(c, text(out.toByteArray()));
        });
        Registry.add(m, "urlquery.encode", 1, (c, a) -> str(c, queryEscape(Args.string(a, 0))));
        Registry.add(m, "urlquery.decode", 1, (c, a) -> str(c, queryUnescape(Args.string(a, 0))));
        Registry.add(m, "urlquery.encode_object", 1, (c, a) -> {
            ObjectValue o = Args.object(a, 0);
            TreeMap<String, List<String>> vals = new TreeMap<>();
            for (int i = 0; i < o.size(); i++) {
                if (!(o.keyAt(i) instanceof StringValue k)) {
                    throw Args.operandError(1, "must be object of strings");
                }
                Value v = o.valueAt(i);
                List<String> vs = new ArrayList<>();
                if (v instanceof StringValue s) {
                    vs.add(s.value());
                } else if (v instanceof ArrayValue || v instanceof SetValue) {
                    for (Value e : Args.elements(v)) {
                        if (!(e instanceof StringValue s)) {
                            throw Args.operandError(1, "must be array of strings");
                        }
                        vs.add(s.value());
                    }
                } else {
                    throw Args.operandError(1, "must be string, array of strings, or set of strings");
                }
                vals.put(k.value(), vs);
            }
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, List<String>> e : vals.entrySet()) {
                for (String v : e.getValue()) {
                    if (sb.length() > 0) {
                        sb.append('&');
                    }
                    sb.append(queryEscape(e.getKey())).append('=').append(queryEscape(v));
                }
            }
            return str(c, sb.toString());
        });
        Registry.add(m, "urlquery.decode_object", 1, (c, a) -> {
            String s = Args.string(a, 0);
            Map<String, List<String>> vals = new LinkedHashMap<>();
            for (String part : s.split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (part.contains(";")) {
                    throw BuiltinException.error("invalid semicolon separator in query");
                }
                int eq = part.indexOf('=');
                String k = eq < 0 ? part : part.substring(0, eq);
                String v = eq < 0 ? "" : part.substring(eq + 1);
                vals.computeIfAbsent(queryUnescape(k), x -> new ArrayList<>()).add(queryUnescape(v));
            }
            ObjectBuilder b = new ObjectBuilder();
            for (Map.Entry<String, List<String>> e : vals.entrySet()) {
                Value[] vs = new Value[e.getValue().size()];
                for (int i = 0; i < vs.length; i++) {
                    vs[i] = StringValue.of(e.getValue().get(i));
                }
                b.put(e.getKey(), ArrayValue.of(vs));
            }
            return b.build();
        });
        Registry.add(m, "json.marshal", 1, (c, a) -> {
            c.charge(a[0].weight()); // before serialising: shared sub-values make text exponentially larger
            return str(c, Json.encode(a[0]));
        });
        Registry.add(m, "json.marshal_with_options", 2, (c, a) -> {
            c.charge(a[0].weight());
            ObjectValue opts = Args.object(a, 1);
            boolean pretty = false;
            boolean prettySet = false;
            String prefix = "";
            String indent = "\t";
            boolean custom = false;
            for (int i = 0; i < opts.size(); i++) {
                String k = opts.keyAt(i) instanceof StringValue s ? s.value() : opts.keyAt(i).toString();
                Value v = opts.valueAt(i);
                switch (k) {
                    case "pretty" -> {
                        if (!(v instanceof BoolValue b)) {
                            throw Args.operandError(2, "pretty must be a boolean");
                        }
                        pretty = b.value();
                        prettySet = true;
                    }
                    case "prefix" -> {
                        if (!(v instanceof StringValue s)) {
                            throw Args.operandError(2, "prefix must be a string");
                        }
                        prefix = s.value();
                        custom = true;
                    }
                    case "indent" -> {
                        if (!(v instanceof StringValue s)) {
                            throw Args.operandError(2, "indent must be a string");
                        }
                        indent = s.value();
                        custom = true;
                    }
                    default -> throw BuiltinException.type("json.marshal_with_options: object contained unknown key "
                            + dev.palisade.rego.internal.value.GoQuote.quote(k));
                }
            }
            if ((prettySet && !pretty) || (!prettySet && !custom)) {
                return str(c, Json.encode(a[0]));
            }
            StringBuilder sb = new StringBuilder(prefix);
            indented(sb, a[0], prefix, indent, 0);
            return str(c, sb.toString());
        });
        Registry.add(m, "json.unmarshal", 1, (c, a) -> {
            String s = Args.string(a, 0);
            c.charge(1 + s.length() / 16);
            return parseJson(s);
        });
        Registry.add(m, "json.is_valid", 1, (c, a) -> {
            if (!(a[0] instanceof StringValue s)) {
                return BoolValue.FALSE;
            }
            try {
                parseJson(s.value());
                return BoolValue.TRUE;
            } catch (BuiltinException e) {
                return BoolValue.FALSE;
            }
        });
        Registry.add(m, "yaml.marshal", 1, (c, a) -> {
            c.charge(a[0].weight());
            return str(c, YamlEmitter.emit(a[0]));
        });
        Registry.add(m, "yaml.unmarshal", 1, (c, a) -> {
            String s = Args.string(a, 0);
            c.charge(1 + s.length() / 16);
            return parseYaml(s);
        });
        Registry.add(m, "yaml.is_valid", 1, (c, a) -> {
            if (!(a[0] instanceof StringValue s)) {
                return BoolValue.FALSE;
            }
            try {
                parseYaml(s.value());
                return BoolValue.TRUE;
            } catch (BuiltinException e) {
                return BoolValue.FALSE;
            }
        });
    }

    private static Value str(BuiltinContext c, String s) {
        c.charge(1 + s.length() / 16);
        return StringValue.of(s);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes as a Go string: invalid UTF-8 becomes U+FFFD. */
    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static BuiltinException invalidByte(String s, int i) {
        int cp = s.codePointAt(i);
        String q = cp < 0x80 ? String.valueOf((char) cp) : new String(Character.toChars(cp));
        return BuiltinException.error("encoding/hex: invalid byte: U+" + String.format("%04X", cp) + " '" + q + "'");
    }

    /** Decodes base64 as Go's encoding/base64 (errors name the first illegal byte). */
    static byte[] decodeBase64(String s, boolean url, boolean padded) {
        String alphabet = url ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        // Go ignores \r and \n
        StringBuilder clean = new StringBuilder();
        int[] origIndex = new int[s.length() + 1];
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\r' || ch == '\n') {
                continue;
            }
            origIndex[clean.length()] = i;
            clean.append(ch);
        }
        String t = clean.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = t.length();
        int i = 0;
        while (i < n) {
            int[] quad = new int[4];
            int q = 0;
            int start = i;
            while (q < 4 && i < n) {
                char ch = t.charAt(i);
                if (ch == '=') {
                    break;
                }
                int v = alphabet.indexOf(ch);
                if (v < 0 || ch > 0x7f) {
                    throw BuiltinException.error("illegal base64 data at input byte " + i);
                }
                quad[q++] = v;
                i++;
            }
            if (q == 4) {
                out.write((quad[0] << 2) | (quad[1] >> 4));
                out.write(((quad[1] & 15) << 4) | (quad[2] >> 2));
                out.write(((quad[2] & 3) << 6) | quad[3]);
                continue;
            }
            // partial quantum: padding or end
            if (q == 1) {
                throw BuiltinException.error("illegal base64 data at input byte " + (i < n ? i : start + q));
            }
            if (padded) {
                int need = 4 - q;
                for (int k = 0; k < need; k++) {
                    if (i >= n || t.charAt(i) != '=') {
                        throw BuiltinException.error("illegal base64 data at input byte " + Math.min(i, n));
                    }
                    i++;
                }
                if (i < n) {
                    throw BuiltinException.error("illegal base64 data at input byte " + i);
                }
            } else if (i < n) {
                throw BuiltinException.error("illegal base64 data at input byte " + i);
            }
            if (q == 2) {
                out.write((quad[0] << 2) | (quad[1] >> 4));
            } else if (q == 3) {
                out.write((quad[0] << 2) | (quad[1] >> 4));
                out.write(((quad[1] & 15) << 4) | (quad[2] >> 2));
            }
        }
        return out.toByteArray();
    }

    /** Go's url.QueryEscape. */
    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes(s)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** Go's url.QueryUnescape. */
    static String queryUnescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = bytes(s);
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c == '%') {
                if (i + 2 >= b.length || Character.digit(b[i + 1], 16) < 0 || Character.digit(b[i + 2], 16) < 0) {
                    String bad = new String(b, i, Math.min(3, b.length - i), StandardCharsets.UTF_8);
                    throw BuiltinException.error("invalid URL escape " + dev.palisade.rego.internal.value.GoQuote.quote(bad));
                }
                out.write(Character.digit(b[i + 1], 16) * 16 + Character.digit(b[i + 2], 16));
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else {
                out.write(c);
            }
        }
        return text(out.toByteArray());
    }

    static Value parseJson(String s) {
        JsonNode n;
        try {
            n = JSON.readTree(s);
        } catch (JsonProcessingException e) {
            throw BuiltinException.error(e.getOriginalMessage());
        }
        if (n == null || n.isMissingNode()) {
            throw BuiltinException.error("unexpected end of JSON input");
        }
        return Values.materialize(Values.fromJson(n));
    }

    static Value parseYaml(String s) {
        List<YamlDocument> docs;
        try {
            docs = YAML.readDocuments("yaml.unmarshal", s);
        } catch (PalisadeException e) {
            String msg = e.getMessage();
            int line = e.location().map(l -> l.line()).orElse(0);
            String m = msg;
            int idx = m.indexOf("expected ");
            if (idx >= 0 && m.contains(", but")) {
                m = "did not find " + m.substring(idx, m.indexOf(", but", idx));
            }
            throw BuiltinException.error("yaml: line " + Math.max(line, 1) + ": " + m);
        }
        if (docs.isEmpty()) {
            return NullValue.INSTANCE;
        }
        return Values.materialize(Values.fromJson(docs.get(0).content()));
    }

    private static void indented(StringBuilder sb, Value v, String prefix, String indent, int depth) {
        if (v instanceof ArrayValue || v instanceof SetValue) {
            List<Value> els = Args.elements(v);
            if (els.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < els.size(); i++) {
                newline(sb, prefix, indent, depth + 1);
                indented(sb, els.get(i), prefix, indent, depth + 1);
                if (i < els.size() - 1) {
                    sb.append(',');
                }
            }
            newline(sb, prefix, indent, depth);
            sb.append(']');
        } else if (v instanceof ObjectValue o) {
            if (o.size() == 0) {
                sb.append("{}");
                return;
            }
            // key order as Go's encoding/json: by key text
            TreeMap<String, Value> sorted = new TreeMap<>(dev.palisade.rego.internal.value.StringValue::compareCodePoints);
            for (int i = 0; i < o.size(); i++) {
                Value k = o.keyAt(i);
                sorted.put(k instanceof StringValue s ? s.value() : Json.encode(k), o.valueAt(i));
            }
            sb.append('{');
            int i = 0;
            for (Map.Entry<String, Value> e : sorted.entrySet()) {
                newline(sb, prefix, indent, depth + 1);
                Json.string(sb, e.getKey(), true);
                sb.append(": ");
                indented(sb, e.getValue(), prefix, indent, depth + 1);
                if (i++ < sorted.size() - 1) {
                    sb.append(',');
                }
            }
            newline(sb, prefix, indent, depth);
            sb.append('}');
        } else {
            Json.encode(sb, v, true);
        }
    }

    private static void newline(StringBuilder sb, String prefix, String indent, int depth) {
        sb.append('\n').append(prefix);
        for (int i = 0; i < depth; i++) {
            sb.append(indent);
        }
    }

    static NumberValue unused() {
        return NumberValue.ZERO;
    }
}
