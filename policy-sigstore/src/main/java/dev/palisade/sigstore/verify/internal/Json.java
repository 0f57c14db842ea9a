package dev.palisade.sigstore.verify.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.sigstore.verify.RejectionReason;
import java.io.IOException;
import java.util.Base64;

/** Bounded JSON reading for untrusted signature material, with protobuf-JSON conventions. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(4 << 20).build())
            .build());

    private Json() {
    }

    /** Parses a JSON object. */
    public static JsonNode parse(byte[] json, String what) throws Rejected {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new Rejected(RejectionReason.MALFORMED, what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new Rejected(RejectionReason.MALFORMED, what + " is not valid JSON: " + e.getMessage());
        }
    }

    /** A required base64 field (standard alphabet, padding optional). */
    public static byte[] base64(JsonNode node, String what) throws Rejected {
        if (!node.isTextual()) {
            throw new Rejected(RejectionReason.MALFORMED, what + " is missing");
        }
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw new Rejected(RejectionReason.MALFORMED, what + " is not valid base64");
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

    /** A required string field. */
    public static String text(JsonNode node, String what) throws Rejected {
        if (!node.isTextual()) {
            throw new Rejected(RejectionReason.MALFORMED, what + " is missing");
        }
        return node.asText();
    }
}
