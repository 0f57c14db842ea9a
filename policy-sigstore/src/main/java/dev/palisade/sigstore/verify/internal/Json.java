package dev.palisade.sigstore.verify.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.sigstore.verify.RejectionReason;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bounded, strict JSON reading for untrusted signature material, with protobuf-JSON conventions
 * (bytes as standard or URL-safe base64, int64 as a string or a number); and the RFC 8785 canonical
 * form of small documents. Duplicate object keys are rejected: two readers of the same bytes must
 * never see different values.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(4 << 20).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());
    /** The latest integrated time an {@link Instant} can hold (and a Rekor log could write). */
    private static final long MAX_EPOCH_SECOND = Instant.MAX.getEpochSecond();

    private Json() {
    }

    /** Parses a JSON object. */
    public static JsonNode parse(byte[] json, String what) throws Rejected {
        try {
            JsonParser parser = MAPPER.getFactory().createParser(json);
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || !node.isObject()) {
                throw new Rejected(RejectionReason.MALFORMED, what + " is not a JSON object");
            }
            if (parser.nextToken() != null) {
                throw new Rejected(RejectionReason.MALFORMED, what + " has content after its JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new Rejected(RejectionReason.MALFORMED, what + " is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A required bytes field: standard or URL-safe base64, padding optional (as protobuf JSON accepts). */
    public static byte[] base64(JsonNode node, String what) throws Rejected {
        if (!node.isTextual()) {
            throw new Rejected(RejectionReason.MALFORMED, what + " is missing");
        }
        return decodeBase64(node.asText(), what);
    }

    /** Decodes standard or URL-safe base64; line breaks are ignored, as Go's protobuf JSON reader ignores them. */
    public static byte[] decodeBase64(String text, String what) throws Rejected {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            text = text.replace("\n", "").replace("\r", "");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException again) {
                throw new Rejected(RejectionReason.MALFORMED, what + " is not valid base64");
            }
        }
    }

    /** A required int64 given as a JSON number or, as protobuf JSON writes it, a string. */
    public static long int64(JsonNode node, String what) throws Rejected {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.asText());
            } catch (NumberFormatException e) {
                throw new Rejected(RejectionReason.MALFORMED, what + " is not an integer");
            }
        }
        throw new Rejected(RejectionReason.MALFORMED, what + " is missing");
    }

    /** An optional int64 (0 when absent, as protobuf defaults it). */
    public static long optionalInt64(JsonNode node, String what) throws Rejected {
        return node.isMissingNode() || node.isNull() ? 0 : int64(node, what);
    }

    /** A non-negative int64. */
    public static long index(JsonNode node, String what) throws Rejected {
        long value = int64(node, what);
        if (value < 0) {
            throw new Rejected(RejectionReason.MALFORMED, what + " is negative (" + value + ")");
        }
        return value;
    }

    /** Seconds since the epoch that a time can hold: from 0 to the largest {@link Instant}. */
    public static long epochSeconds(long value, String what) throws Rejected {
        if (value < 0 || value > MAX_EPOCH_SECOND) {
            throw new Rejected(RejectionReason.MALFORMED, what + " " + value + " is not a time (seconds since 1970)");
        }
        return value;
    }

    /** A required string field. */
    public static String text(JsonNode node, String what) throws Rejected {
        if (!node.isTextual()) {
            throw new Rejected(RejectionReason.MALFORMED, what + " is missing");
        }
        return node.asText();
    }

    /**
     * The RFC 8785 (JCS) canonical form of a document made of objects, arrays and strings: keys sorted
     * by UTF-16 code units, no whitespace, minimal string escapes.
     */
    public static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        writeCanonical(node, out);
        return out.toString();
    }

    private static void writeCanonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                sorted.put(field.getKey(), field.getValue());
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(field.getKey(), out);
                out.append(':');
                writeCanonical(field.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeCanonical(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            writeString(node.asText(), out);
        } else if (node.isIntegralNumber() || node.isBoolean() || node.isNull()) {
            out.append(node.asText());
        } else {
            throw new IllegalArgumentException("canonical JSON of " + node.getNodeType() + " is not needed here");
        }
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
