package dev.palisade.sigstore.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.sigstore.verify.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks that a Rekor entry body ({@code hashedrekord} / {@code rekord} 0.0.1, {@code dsse} 0.0.1)
 * records the signature being verified and returns the signer material it names (PEM certificate or
 * public key text) for comparison with the signing certificate or key.
 */
public final class EntryBody {
    private EntryBody() {
    }

    /** Checks hash and signature; returns the PEM texts of the signers the matching entry names. */
    public static List<String> check(byte[] body, BodyExpectation expected) throws Rejected {
        JsonNode root = Json.parse(body, "log entry body");
        String kind = root.path("kind").asText("");
        String version = root.path("apiVersion").asText("");
        JsonNode spec = root.path("spec");
        if (!version.equals("0.0.1")) {
            throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "unsupported log entry " + kind + " version " + version);
        }
        switch (kind) {
            case "hashedrekord", "rekord" -> {
                if (expected.dsse()) {
                    throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "log entry kind " + kind + " cannot record a DSSE signature");
                }
                checkHash(spec.path("data").path("hash"), expected.hashHex(), kind);
                JsonNode signature = spec.path("signature");
                checkSignature(signature.path("content").asText(""), expected.signature(), kind);
                return List.of(pem(signature.path("publicKey").path("content").asText(""), kind));
            }
            case "dsse" -> {
                if (!expected.dsse()) {
                    throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "dsse log entry cannot record a message signature");
                }
                checkHash(spec.path("payloadHash"), expected.hashHex(), kind);
                List<String> signers = new ArrayList<>();
                for (JsonNode signature : spec.path("signatures")) {
                    if (sameSignature(signature.path("signature").asText(""), expected.signature())) {
                        signers.add(pem(signature.path("verifier").asText(""), kind));
                    }
                }
                if (signers.isEmpty()) {
                    throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "dsse log entry does not record this signature");
                }
                return signers;
            }
            default -> throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "unsupported log entry kind '" + kind + "'");
        }
    }

    private static void checkHash(JsonNode hash, String expectedHex, String kind) throws Rejected {
        String algorithm = hash.path("algorithm").asText("");
        String value = hash.path("value").asText("");
        if (!algorithm.equals("sha256")) {
            throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, kind + " entry hash algorithm '" + algorithm + "' is not sha256");
        }
        if (!value.equalsIgnoreCase(expectedHex)) {
            throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, kind + " entry records hash " + value
                    + ", but the signed content hashes to " + expectedHex);
        }
    }

    private static void checkSignature(String base64, byte[] expected, String kind) throws Rejected {
        if (!sameSignature(base64, expected)) {
            throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, kind + " entry records another signature");
        }
    }

    private static boolean sameSignature(String base64, byte[] expected) {
        try {
            return MessageDigest.isEqual(Base64.getDecoder().decode(base64), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String pem(String base64, String kind) throws Rejected {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Rejected(RejectionReason.MALFORMED, kind + " entry signer is not base64");
        }
    }
}
