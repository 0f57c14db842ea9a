package dev.palisade.kyverno.jmespath.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON as Go writes and reads it: {@code encoding/json} (and json-iterator's standard-library
 * mode, which Kyverno's substitution uses) sort object keys, escape {@code <>&} and format numbers
 * with {@link GoFloat#json}.
 */
public final class GoJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private GoJson() {
    }

    /** The shared strict reader: one JSON value, nothing after it. */
    public static ObjectMapper mapper() {
        return STRICT;
    }

    /**
     * Parses one JSON value as Go's {@code json.Unmarshal} into {@code interface{}} would accept it.
     *
     * @throws IllegalArgumentException with Jackson's explanation when the text is not JSON
     */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = STRICT.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("unexpected end of JSON input");
            }
            checkFinite(node);
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private static void checkFinite(JsonNode node) {
        if (node.isNumber()) {
            if (!Double.isFinite(node.doubleValue())) {
                throw new IllegalArgumentException("number " + node.asText() + " is out of the range of float64");
            }
        } else if (node.isContainerNode()) {
            for (JsonNode child : node) {
                checkFinite(child);
            }
        }
    }

    /** Decodes the body of a JSON string (without its quotes). */
    public static String decodeString(String body) {
        JsonNode node = parse("\"" + body + "\"");
        return node.textValue();
    }

    /** {@code encoding/json.Marshal}: sorted keys, HTML escaping, Go numbers. */
    public static String marshal(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(out, node, true);
        return out.toString();
    }

    /** json-iterator's standard-library mode (Kyverno's substitution): as {@link #marshal} but {@code \b \f} as {@code \u0008 \u000c}. */
    public static String marshalJsoniter(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(out, node, false);
        return out.toString();
    }

    private static void write(StringBuilder out, JsonNode node, boolean shortBf) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isTextual()) {
            writeString(out, node.textValue(), shortBf);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isNumber()) {
            double d = node.doubleValue();
            if (!Double.isFinite(d)) {
                throw new FunctionError("json: unsupported value: " + GoFloat.v(d));
            }
            out.append(GoFloat.json(d));
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, node.get(i), shortBf);
            }
            out.append(']');
        } else if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.size());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                entries.add(it.next());
            }
            entries.sort((a, b) -> Values.compareStrings(a.getKey(), b.getKey()));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : entries) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, e.getKey(), shortBf);
                out.append(':');
                write(out, e.getValue(), shortBf);
            }
            out.append('}');
        } else if (node.isBinary()) {
            writeString(out, java.util.Base64.getEncoder().encodeToString(binary(node)), shortBf);
        } else {
            out.append("null");
        }
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    static void writeString(StringBuilder out, String s, boolean shortBf) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicode(out, c);
                default -> {
                    if (c == '\b' && shortBf) {
                        out.append("\\b");
                    } else if (c == '\f' && shortBf) {
                        out.append("\\f");
                    } else if (c < 0x20) {
                        unicode(out, c);
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            out.append("\\ufffd");
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 15]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15])
                .append(HEX[c & 15]);
    }
}
