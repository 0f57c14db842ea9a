package dev.palisade.sigstore.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.sigstore.verify.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Locale;

/**
 * Rekor entry bodies. Rekor v1 bodies ({@code hashedrekord} 0.0.1, {@code dsse} 0.0.1, {@code intoto}
 * 0.0.2, and {@code rekord} 0.0.1 for legacy cosign layers) are checked field by field against the
 * signature. For Rekor v2 bodies ({@code hashedrekord} and {@code dsse} 0.0.2) the entry the log must
 * hold is rebuilt from the signature, as sigstore-go does, and its canonical form is what the inclusion
 * proof must prove: nothing in the offered body is trusted.
 */
public final class EntryBody {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private EntryBody() {
    }

    /** A parsed body: kind, API version and spec. */
    public record Parsed(String kind, String apiVersion, JsonNode spec) {
        /** Whether this is a Rekor v2 (tile-based log) entry. */
        public boolean rekorV2() {
            return apiVersion.equals("0.0.2") && ((kind.equals("hashedrekord") && spec.has("hashedRekordV002"))
                    || (kind.equals("dsse") && spec.has("dsseV002")));
        }
    }

    /** Parses a body: a JSON object with {@code kind}, {@code apiVersion} and {@code spec}. */
    public static Parsed parse(byte[] body) throws Rejected {
        JsonNode root = Json.parse(body, "log entry body");
        JsonNode spec = root.path("spec");
        if (!root.path("kind").isTextual() || !root.path("apiVersion").isTextual() || !spec.isObject()) {
            throw new Rejected(RejectionReason.MALFORMED, "log entry body lacks kind, apiVersion or spec");
        }
        return new Parsed(root.path("kind").asText(), root.path("apiVersion").asText(), spec);
    }

    /**
     * Checks that a Rekor v1 body records this content, signature and signer.
     *
     * @param legacy whether the entry came with a legacy cosign layer (which may be a {@code rekord} entry)
     */
    public static void checkV1(Parsed body, BodyExpectation expected, Signer signer, boolean legacy) throws Rejected {
        String kind = body.kind();
        String version = body.apiVersion();
        JsonNode spec = body.spec();
        if ((kind.equals("hashedrekord") || (legacy && kind.equals("rekord"))) && version.equals("0.0.1")) {
            if (expected.dsse()) {
                throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "log entry kind " + kind + " cannot record a DSSE signature");
            }
            checkHexHash(spec.path("data").path("hash"), expected.digestAlgorithm(), expected.digest(), kind);
            JsonNode signature = spec.path("signature");
            if (!sameBase64(signature.path("content").asText(""), expected.signature())) {
                throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, kind + " entry records another signature");
            }
            requireSigner(pem(signature.path("publicKey").path("content").asText(""), kind), signer);
            return;
        }
        if (kind.equals("dsse") && version.equals("0.0.1")) {
            requireDsse(expected, kind);
            checkHexHash(spec.path("payloadHash"), "SHA2_256", Digests.sha256(expected.payload()), kind);
            boolean recorded = false;
            for (JsonNode signature : spec.path("signatures")) {
                if (sameBase64(signature.path("signature").asText(""), expected.signature())) {
                    recorded = true;
                    if (signer.isNamedBy(pem(signature.path("verifier").asText(""), kind))) {
                        return;
                    }
                }
            }
            throw recorded ? new Rejected(RejectionReason.KEY_MISMATCH, "log entry records another signing certificate or key")
                    : new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "dsse log entry does not record this signature");
        }
        if (kind.equals("intoto") && version.equals("0.0.2")) {
            requireDsse(expected, kind);
            JsonNode content = spec.path("content");
            checkHexHash(content.path("payloadHash"), "SHA2_256", Digests.sha256(expected.payload()), kind);
            boolean recorded = false;
            for (JsonNode signature : content.path("envelope").path("signatures")) {
                byte[] inner = Json.decodeBase64(signature.path("sig").asText(""), "intoto entry signature");
                if (sameBase64(new String(inner, StandardCharsets.US_ASCII), expected.signature())) {
                    recorded = true;
                    if (signer.isNamedBy(pem(signature.path("publicKey").asText(""), kind))) {
                        return;
                    }
                }
            }
            throw recorded ? new Rejected(RejectionReason.KEY_MISMATCH, "log entry records another signing certificate or key")
                    : new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "intoto log entry does not record this signature");
        }
        throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "unsupported log entry " + kind + " version " + version);
    }

    private static void requireDsse(BodyExpectation expected, String kind) throws Rejected {
        if (!expected.dsse()) {
            throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, kind + " log entry cannot record a message signature");
        }
    }

    private static void requireSigner(String pem, Signer signer) throws Rejected {
        if (!signer.isNamedBy(pem)) {
            throw new Rejected(RejectionReason.KEY_MISMATCH, "log entry records another signing certificate or key");
        }
    }

    private static void checkHexHash(JsonNode hash, String expectedAlgorithm, byte[] expected, String kind) throws Rejected {
        String algorithm = hash.path("algorithm").asText("");
        String value = hash.path("value").asText("");
        String wanted = switch (expectedAlgorithm) {
            case "SHA2_256" -> "sha256";
            case "SHA2_384" -> "sha384";
            case "SHA2_512" -> "sha512";
            default -> "";
        };
        if (!algorithm.equals(wanted)) {
            throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, kind + " entry hash algorithm '" + algorithm
                    + "' is not that of the signed content (" + (wanted.isEmpty() ? expectedAlgorithm : wanted) + ")");
        }
        String expectedHex = Hex.encode(expected);
        if (!value.toLowerCase(Locale.ROOT).equals(expectedHex)) {
            throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, kind + " entry records hash " + value
                    + ", but the signed content hashes to " + expectedHex);
        }
    }

    private static boolean sameBase64(String base64, byte[] expected) {
        try {
            return MessageDigest.isEqual(Json.decodeBase64(base64, "signature"), expected);
        } catch (Rejected e) {
            return false;
        }
    }

    private static String pem(String base64, String kind) throws Rejected {
        return new String(Json.decodeBase64(base64, kind + " entry signer"), StandardCharsets.UTF_8);
    }

    /**
     * The canonical Rekor v2 entry the log must hold for this signature, rebuilt from the signature
     * alone (kind as declared by the offered body). The offered body must say the same; a difference is
     * reported as a body mismatch naming the part that differs.
     */
    public static byte[] expectedV2(Parsed body, BodyExpectation expected, Signer signer) throws Rejected {
        String keyDetails = rekorV2KeyDetails(signer.key());
        String hash = keyDetailsHash(keyDetails);
        ObjectNode verifier = NODES.objectNode();
        verifier.put("keyDetails", keyDetails);
        signer.certificateDer().ifPresentOrElse(
                der -> verifier.putObject("x509Certificate").put("rawBytes", B64.encodeToString(der)),
                () -> verifier.putObject("publicKey").put("rawBytes", B64.encodeToString(signer.keyDer())));
        ObjectNode signature = NODES.objectNode();
        signature.put("content", B64.encodeToString(expected.signature()));
        signature.set("verifier", verifier);
        ObjectNode root = NODES.objectNode();
        root.put("apiVersion", "0.0.2");
        root.put("kind", body.kind());
        ObjectNode spec = root.putObject("spec");
        if (body.kind().equals("hashedrekord")) {
            byte[] digest;
            if (expected.dsse()) {
                digest = digest(hash, SignedContent.pae(expected.payloadType(), expected.payload()));
            } else {
                if (!expected.digestAlgorithm().equals(hash)) {
                    throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "the message digest is " + expected.digestAlgorithm()
                            + ", but a Rekor v2 entry for a " + keyDetails + " key records " + hash);
                }
                digest = expected.digest();
            }
            ObjectNode entry = spec.putObject("hashedRekordV002");
            entry.putObject("data").put("algorithm", hash).put("digest", B64.encodeToString(digest));
            entry.set("signature", signature);
        } else {
            if (!expected.dsse()) {
                throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "dsse log entry cannot record a message signature");
            }
            ObjectNode entry = spec.putObject("dsseV002");
            entry.putObject("payloadHash").put("algorithm", "SHA2_256")
                    .put("digest", B64.encodeToString(Digests.sha256(expected.payload())));
            entry.putArray("signatures").add(signature);
        }
        JsonNode offered = body.spec().path(body.kind().equals("hashedrekord") ? "hashedRekordV002" : "dsseV002");
        JsonNode wanted = spec.path(body.kind().equals("hashedrekord") ? "hashedRekordV002" : "dsseV002");
        compareV2(offered, wanted);
        return Json.canonical(root).getBytes(StandardCharsets.UTF_8);
    }

    private static void compareV2(JsonNode offered, JsonNode wanted) throws Rejected {
        if (offered.equals(wanted)) {
            return;
        }
        JsonNode offeredSignature = offered.has("signature") ? offered.path("signature") : offered.path("signatures").path(0);
        JsonNode wantedSignature = wanted.has("signature") ? wanted.path("signature") : wanted.path("signatures").path(0);
        if (!offered.path("data").equals(wanted.path("data")) || !offered.path("payloadHash").equals(wanted.path("payloadHash"))) {
            throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "Rekor v2 entry records digest "
                    + (offered.has("data") ? offered.path("data") : offered.path("payloadHash")) + ", but the signed content has "
                    + (wanted.has("data") ? wanted.path("data") : wanted.path("payloadHash")));
        }
        if (!offeredSignature.path("content").equals(wantedSignature.path("content"))) {
            throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "Rekor v2 entry records another signature");
        }
        if (!offeredSignature.path("verifier").equals(wantedSignature.path("verifier"))) {
            throw new Rejected(RejectionReason.KEY_MISMATCH, "Rekor v2 entry records another signing certificate or key"
                    + " (or other key details)");
        }
        throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "Rekor v2 entry body is not the entry of this signature");
    }

    /** The key details a Rekor v2 entry records for a signing key (Ed25519 keys sign pre-hashed there). */
    static String rekorV2KeyDetails(PublicKey key) throws Rejected {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits <= 256 ? "PKIX_ECDSA_P256_SHA_256" : bits <= 384 ? "PKIX_ECDSA_P384_SHA_384" : "PKIX_ECDSA_P521_SHA_512";
        }
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits == 2048 || bits == 3072 || bits == 4096) {
                return "PKIX_RSA_PKCS1V15_" + bits + "_SHA256";
            }
            throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "a " + bits + "-bit RSA key cannot appear in a Rekor v2 entry");
        }
        if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
            return "PKIX_ED25519_PH";
        }
        throw new Rejected(RejectionReason.TLOG_BODY_MISMATCH, "a " + key.getAlgorithm() + " key cannot appear in a Rekor v2 entry");
    }

    private static String keyDetailsHash(String keyDetails) {
        if (keyDetails.endsWith("P384_SHA_384")) {
            return "SHA2_384";
        }
        if (keyDetails.endsWith("P521_SHA_512") || keyDetails.equals("PKIX_ED25519_PH")) {
            return "SHA2_512";
        }
        return "SHA2_256";
    }

    private static byte[] digest(String protobufName, byte[] data) {
        try {
            return MessageDigest.getInstance(BodyExpectation.jcaDigest(protobufName).orElseThrow()).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
