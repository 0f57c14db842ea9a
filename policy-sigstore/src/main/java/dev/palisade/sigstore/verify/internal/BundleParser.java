package dev.palisade.sigstore.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.sigstore.verify.RejectionReason;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads Sigstore bundle JSON (protobuf JSON: base64 bytes, int64 as strings or numbers), bounded in
 * size, and applies the structural rules of each bundle version as sigstore-go does: v0.1 entries need
 * an inclusion promise, v0.2+ entries an inclusion proof, v0.3 material is a single certificate or a
 * key (no chain); the content is exactly one of a message signature and a DSSE envelope, the material
 * exactly one of a key, a chain and a certificate; every entry declares its kind and version, and an
 * inclusion proof carries a checkpoint.
 */
public final class BundleParser {
    /** Largest bundle accepted, in bytes. Real bundles are a few kilobytes; the bound keeps hostile input cheap. */
    public static final int MAX_BUNDLE_BYTES = 1 << 20;
    /** At most this many log entries or timestamps are read from one bundle (sigstore-go allows 32). */
    public static final int MAX_ENTRIES = 32;
    private static final String BASE = "application/vnd.dev.sigstore.bundle";

    private BundleParser() {
    }

    /** The minor version {@code N} of a {@code v0.N} bundle media type, or a rejection. */
    static int minorVersion(String mediaType) throws Rejected {
        switch (mediaType) {
            case BASE + "+json;version=0.1" -> {
                return 1;
            }
            case BASE + "+json;version=0.2" -> {
                return 2;
            }
            case BASE + "+json;version=0.3" -> {
                return 3;
            }
            default -> {
                // the v0.3+ form: application/vnd.dev.sigstore.bundle.v<semver>+json
            }
        }
        if (mediaType.startsWith(BASE + ".v") && mediaType.endsWith("+json")) {
            String version = mediaType.substring(BASE.length() + 2, mediaType.length() - "+json".length());
            String[] parts = version.split("\\.", -1);
            if ((parts.length == 2 || parts.length == 3) && java.util.Arrays.stream(parts).allMatch(BundleParser::isNumber)
                    && parts[0].equals("0")) {
                int minor = Integer.parseInt(parts[1]);
                if (minor >= 1 && minor <= 3) {
                    return minor;
                }
            }
        }
        throw new Rejected(RejectionReason.UNSUPPORTED_MEDIA_TYPE, "bundle media type '" + mediaType
                + "' is not a supported Sigstore bundle (v0.1 to v0.3)");
    }

    private static boolean isNumber(String part) {
        if (part.isEmpty() || part.length() > 6 || (part.length() > 1 && part.charAt(0) == '0')) {
            return false;
        }
        return part.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Parses and checks a bundle. */
    public static ParsedBundle parse(byte[] json) throws Rejected {
        if (json.length > MAX_BUNDLE_BYTES) {
            throw new Rejected(RejectionReason.TOO_LARGE, "bundle has " + json.length + " bytes; at most "
                    + MAX_BUNDLE_BYTES + " are accepted");
        }
        JsonNode bundle = Json.parse(json, "bundle");
        int minor = minorVersion(bundle.path("mediaType").asText(""));
        JsonNode material = bundle.path("verificationMaterial");
        if (!material.isObject()) {
            throw new Rejected(RejectionReason.MALFORMED, "bundle has no verificationMaterial");
        }
        int kinds = (material.has("certificate") ? 1 : 0) + (material.has("x509CertificateChain") ? 1 : 0)
                + (material.has("publicKey") ? 1 : 0);
        if (kinds == 0) {
            throw new Rejected(RejectionReason.MALFORMED, "verificationMaterial has no certificate, chain or public key");
        }
        if (kinds > 1) {
            throw new Rejected(RejectionReason.MALFORMED, "verificationMaterial holds more than one of certificate,"
                    + " x509CertificateChain and publicKey; it must hold exactly one");
        }
        Optional<X509Certificate> certificate = Optional.empty();
        List<X509Certificate> chain = new ArrayList<>();
        Optional<String> hint = Optional.empty();
        if (material.has("certificate")) {
            if (minor < 3) {
                throw new Rejected(RejectionReason.MEDIA_TYPE_MISMATCH, "verificationMaterial.certificate exists only in"
                        + " v0.3 bundles, but the media type says v0." + minor);
            }
            certificate = Optional.of(Certificates.fromDer(
                    Json.base64(material.path("certificate").path("rawBytes"), "verificationMaterial.certificate.rawBytes"),
                    "bundle certificate"));
        } else if (material.has("x509CertificateChain")) {
            if (minor >= 3) {
                throw new Rejected(RejectionReason.MEDIA_TYPE_MISMATCH, "a v0.3 bundle must carry a single certificate,"
                        + " not verificationMaterial.x509CertificateChain");
            }
            int index = 0;
            for (JsonNode cert : material.path("x509CertificateChain").path("certificates")) {
                chain.add(Certificates.fromDer(Json.base64(cert.path("rawBytes"), "certificates[" + index + "].rawBytes"),
                        "bundle certificate " + index));
                index++;
            }
            if (chain.isEmpty()) {
                throw new Rejected(RejectionReason.MALFORMED, "verificationMaterial.x509CertificateChain has no certificates");
            }
            certificate = Optional.of(chain.remove(0));
        } else {
            JsonNode key = material.path("publicKey");
            if (!key.isObject()) {
                throw new Rejected(RejectionReason.MALFORMED, "verificationMaterial.publicKey is not an object");
            }
            hint = Optional.of(key.path("hint").asText(""));
        }
        JsonNode entriesNode = material.path("tlogEntries");
        if (entriesNode.size() > MAX_ENTRIES) {
            throw new Rejected(RejectionReason.MALFORMED, "bundle has " + entriesNode.size() + " log entries; at most "
                    + MAX_ENTRIES + " are read");
        }
        List<TlogEntry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : entriesNode) {
            TlogEntry parsed = tlogEntry(entry, "tlogEntries[" + index++ + "]");
            if (minor == 1 && parsed.signedEntryTimestamp().isEmpty()) {
                throw new Rejected(RejectionReason.INCLUSION_PROMISE_MISSING, "log entry " + (index - 1)
                        + " has no inclusion promise, which a v0.1 bundle requires");
            }
            if (minor >= 2 && parsed.inclusionProof().isEmpty()) {
                throw new Rejected(RejectionReason.INCLUSION_PROOF_MISSING, "log entry " + (index - 1)
                        + " has no inclusion proof, which a v0." + minor + " bundle requires");
            }
            for (TlogEntry earlier : entries) {
                if (earlier.logIdHex().equals(parsed.logIdHex()) && earlier.logIndex() == parsed.logIndex()) {
                    throw new Rejected(RejectionReason.MALFORMED, "log entry " + parsed.logIndex() + " of log "
                            + parsed.logIdHex() + " appears twice");
                }
            }
            entries.add(parsed);
        }
        JsonNode timestampNodes = material.path("timestampVerificationData").path("rfc3161Timestamps");
        if (timestampNodes.size() > MAX_ENTRIES) {
            throw new Rejected(RejectionReason.MALFORMED, "bundle has " + timestampNodes.size() + " timestamps; at most "
                    + MAX_ENTRIES + " are read");
        }
        List<byte[]> timestamps = new ArrayList<>();
        for (JsonNode timestamp : timestampNodes) {
            timestamps.add(Json.base64(timestamp.path("signedTimestamp"), "rfc3161Timestamps.signedTimestamp"));
        }
        boolean hasMessage = bundle.has("messageSignature");
        boolean hasDsse = bundle.has("dsseEnvelope");
        if (hasMessage && hasDsse) {
            throw new Rejected(RejectionReason.MALFORMED, "bundle carries both messageSignature and dsseEnvelope;"
                    + " its content must be exactly one of them");
        }
        Optional<ParsedBundle.MessageSignature> message = Optional.empty();
        Optional<ParsedBundle.Dsse> dsse = Optional.empty();
        if (hasMessage) {
            JsonNode signature = bundle.path("messageSignature");
            JsonNode digest = signature.path("messageDigest");
            if (!digest.isObject()) {
                throw new Rejected(RejectionReason.MALFORMED, "messageSignature has no messageDigest");
            }
            message = Optional.of(new ParsedBundle.MessageSignature(Json.text(digest.path("algorithm"),
                    "messageSignature.messageDigest.algorithm"),
                    Json.base64(digest.path("digest"), "messageSignature.messageDigest.digest"),
                    Json.base64(signature.path("signature"), "messageSignature.signature")));
        } else if (hasDsse) {
            JsonNode envelope = bundle.path("dsseEnvelope");
            List<byte[]> signatures = new ArrayList<>();
            for (JsonNode signature : envelope.path("signatures")) {
                signatures.add(Json.base64(signature.path("sig"), "dsseEnvelope.signatures.sig"));
            }
            dsse = Optional.of(new ParsedBundle.Dsse(Json.text(envelope.path("payloadType"), "dsseEnvelope.payloadType"),
                    Json.base64(envelope.path("payload"), "dsseEnvelope.payload"), signatures));
        } else {
            throw new Rejected(RejectionReason.MALFORMED, "bundle has neither messageSignature nor dsseEnvelope");
        }
        return new ParsedBundle(minor, certificate, chain, hint, entries, timestamps, message, dsse);
    }

    private static TlogEntry tlogEntry(JsonNode entry, String where) throws Rejected {
        JsonNode kindVersion = entry.path("kindVersion");
        if (!kindVersion.isObject()) {
            throw new Rejected(RejectionReason.MALFORMED, where + ".kindVersion is missing; every log entry declares"
                    + " its kind and version");
        }
        String kind = Json.text(kindVersion.path("kind"), where + ".kindVersion.kind");
        String version = Json.text(kindVersion.path("version"), where + ".kindVersion.version");
        Optional<byte[]> set = Optional.empty();
        JsonNode promise = entry.path("inclusionPromise");
        if (!promise.isMissingNode() && !promise.isNull()) {
            set = Optional.of(Json.base64(promise.path("signedEntryTimestamp"), where + ".inclusionPromise.signedEntryTimestamp"));
        }
        Optional<TlogEntry.InclusionProof> proof = Optional.empty();
        JsonNode p = entry.path("inclusionProof");
        if (!p.isMissingNode() && !p.isNull()) {
            List<byte[]> hashes = new ArrayList<>();
            for (JsonNode hash : p.path("hashes")) {
                hashes.add(Json.base64(hash, where + ".inclusionProof.hashes"));
            }
            JsonNode envelope = p.path("checkpoint").path("envelope");
            if (!envelope.isTextual() || envelope.asText().isEmpty()) {
                throw new Rejected(RejectionReason.CHECKPOINT_INVALID, where + ".inclusionProof.checkpoint.envelope is "
                        + (envelope.isMissingNode() ? "missing" : envelope.isTextual() ? "empty" : "not a string")
                        + "; an inclusion proof must carry its signed checkpoint");
            }
            proof = Optional.of(new TlogEntry.InclusionProof(Json.index(p.path("logIndex"), where + ".inclusionProof.logIndex"),
                    Json.base64(p.path("rootHash"), where + ".inclusionProof.rootHash"),
                    Json.index(p.path("treeSize"), where + ".inclusionProof.treeSize"), hashes, envelope.asText()));
        }
        long integrated = Json.epochSeconds(Json.optionalInt64(entry.path("integratedTime"), where + ".integratedTime"),
                where + ".integratedTime");
        return new TlogEntry(kind, version, Json.base64(entry.path("canonicalizedBody"), where + ".canonicalizedBody"),
                integrated, Json.index(entry.path("logIndex"), where + ".logIndex"),
                Hex.encode(Json.base64(entry.path("logId").path("keyId"), where + ".logId.keyId")), set, proof);
    }

    /**
     * A legacy cosign Rekor bundle annotation: {@code {SignedEntryTimestamp, Payload{body, integratedTime,
     * logIndex, logID}}}. Its kind and version are those of the body.
     */
    public static TlogEntry rekorBundle(byte[] json) throws Rejected {
        JsonNode bundle = Json.parse(json, "Rekor bundle annotation");
        JsonNode payload = bundle.path("Payload");
        String logId = Json.text(payload.path("logID"), "Rekor bundle Payload.logID");
        try {
            Hex.decode(logId);
        } catch (IllegalArgumentException e) {
            throw new Rejected(RejectionReason.MALFORMED, "Rekor bundle Payload.logID is not hex");
        }
        byte[] body = Json.base64(payload.path("body"), "Rekor bundle Payload.body");
        JsonNode parsedBody = Json.parse(body, "Rekor entry body");
        return new TlogEntry(parsedBody.path("kind").asText(""), parsedBody.path("apiVersion").asText(""), body,
                Json.epochSeconds(Json.int64(payload.path("integratedTime"), "Rekor bundle Payload.integratedTime"),
                        "Rekor bundle Payload.integratedTime"),
                Json.index(payload.path("logIndex"), "Rekor bundle Payload.logIndex"), logId.toLowerCase(Locale.ROOT),
                Optional.of(Json.base64(bundle.path("SignedEntryTimestamp"), "Rekor bundle SignedEntryTimestamp")),
                Optional.empty());
    }
}
