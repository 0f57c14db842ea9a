package dev.palisade.sigstore.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.sigstore.verify.RejectionReason;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads Sigstore bundle JSON (protobuf-JSON: base64 bytes, int64 as strings or numbers), bounded in size. */
public final class BundleParser {
    /** Largest bundle accepted, in bytes. Real bundles are a few kilobytes; the bound keeps hostile input cheap. */
    public static final int MAX_BUNDLE_BYTES = 1 << 20;

    private static final Set<String> MEDIA_TYPES = Set.of(
            "application/vnd.dev.sigstore.bundle+json;version=0.1",
            "application/vnd.dev.sigstore.bundle+json;version=0.2",
            "application/vnd.dev.sigstore.bundle+json;version=0.3",
            "application/vnd.dev.sigstore.bundle.v0.3+json");

    private BundleParser() {
    }

    public static ParsedBundle parse(byte[] json) throws Rejected {
        if (json.length > MAX_BUNDLE_BYTES) {
            throw new Rejected(RejectionReason.TOO_LARGE, "bundle has " + json.length + " bytes; at most "
                    + MAX_BUNDLE_BYTES + " are accepted");
        }
        JsonNode bundle = Json.parse(json, "bundle");
        String mediaType = bundle.path("mediaType").asText("");
        if (!MEDIA_TYPES.contains(mediaType)) {
            throw new Rejected(RejectionReason.UNSUPPORTED_MEDIA_TYPE, "bundle media type '" + mediaType
                    + "' is not a supported Sigstore bundle (v0.1 to v0.3)");
        }
        JsonNode material = bundle.path("verificationMaterial");
        Optional<X509Certificate> certificate = Optional.empty();
        List<X509Certificate> chain = new ArrayList<>();
        if (material.has("certificate")) {
            certificate = Optional.of(Certificates.fromDer(
                    Json.base64(material.path("certificate").path("rawBytes"), "verificationMaterial.certificate.rawBytes"), "bundle certificate"));
        } else if (material.has("x509CertificateChain")) {
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
        } else if (!material.has("publicKey")) {
            throw new Rejected(RejectionReason.MALFORMED, "verificationMaterial has no certificate, chain or public key");
        }
        List<TlogEntry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : material.path("tlogEntries")) {
            entries.add(tlogEntry(entry, "tlogEntries[" + index++ + "]"));
        }
        List<byte[]> timestamps = new ArrayList<>();
        for (JsonNode timestamp : material.path("timestampVerificationData").path("rfc3161Timestamps")) {
            timestamps.add(Json.base64(timestamp.path("signedTimestamp"), "rfc3161Timestamps.signedTimestamp"));
        }
        Optional<ParsedBundle.MessageSignature> message = Optional.empty();
        Optional<ParsedBundle.Dsse> dsse = Optional.empty();
        if (bundle.has("messageSignature")) {
            JsonNode signature = bundle.path("messageSignature");
            JsonNode digest = signature.path("messageDigest");
            message = Optional.of(new ParsedBundle.MessageSignature(digest.path("algorithm").asText(""),
                    Json.base64(digest.path("digest"), "messageSignature.messageDigest.digest"),
                    Json.base64(signature.path("signature"), "messageSignature.signature")));
        } else if (bundle.has("dsseEnvelope")) {
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
        return new ParsedBundle(certificate, chain, entries, timestamps, message, dsse);
    }

    private static TlogEntry tlogEntry(JsonNode entry, String where) throws Rejected {
        Optional<byte[]> set = entry.path("inclusionPromise").has("signedEntryTimestamp")
                ? Optional.of(Json.base64(entry.path("inclusionPromise").path("signedEntryTimestamp"), where + ".inclusionPromise"))
                : Optional.empty();
        Optional<TlogEntry.InclusionProof> proof = Optional.empty();
        if (entry.has("inclusionProof")) {
            JsonNode p = entry.path("inclusionProof");
            List<byte[]> hashes = new ArrayList<>();
            for (JsonNode hash : p.path("hashes")) {
                hashes.add(Json.base64(hash, where + ".inclusionProof.hashes"));
            }
            JsonNode envelope = p.path("checkpoint").path("envelope");
            proof = Optional.of(new TlogEntry.InclusionProof(Json.int64(p.path("logIndex"), where + ".inclusionProof.logIndex"),
                    Json.base64(p.path("rootHash"), where + ".inclusionProof.rootHash"),
                    Json.int64(p.path("treeSize"), where + ".inclusionProof.treeSize"), hashes,
                    envelope.isTextual() ? Optional.of(envelope.asText()) : Optional.empty()));
        }
        return new TlogEntry(Json.base64(entry.path("canonicalizedBody"), where + ".canonicalizedBody"),
                Json.int64(entry.path("integratedTime"), where + ".integratedTime"),
                Json.int64(entry.path("logIndex"), where + ".logIndex"),
                Hex.encode(Json.base64(entry.path("logId").path("keyId"), where + ".logId.keyId")), set, proof);
    }

    /** A legacy cosign Rekor bundle annotation: {@code {SignedEntryTimestamp, Payload{body, integratedTime, logIndex, logID}}}. */
    public static TlogEntry rekorBundle(byte[] json) throws Rejected {
        JsonNode bundle = Json.parse(json, "Rekor bundle annotation");
        JsonNode payload = bundle.path("Payload");
        String logId = Json.text(payload.path("logID"), "Rekor bundle Payload.logID");
        try {
            Hex.decode(logId);
        } catch (IllegalArgumentException e) {
            throw new Rejected(RejectionReason.MALFORMED, "Rekor bundle Payload.logID is not hex");
        }
        return new TlogEntry(Json.base64(payload.path("body"), "Rekor bundle Payload.body"),
                Json.int64(payload.path("integratedTime"), "Rekor bundle Payload.integratedTime"),
                Json.int64(payload.path("logIndex"), "Rekor bundle Payload.logIndex"), logId.toLowerCase(java.util.Locale.ROOT),
                Optional.of(Json.base64(bundle.path("SignedEntryTimestamp"), "Rekor bundle SignedEntryTimestamp")),
                Optional.empty());
    }
}
