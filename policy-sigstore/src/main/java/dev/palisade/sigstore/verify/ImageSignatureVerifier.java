package dev.palisade.sigstore.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.sigstore.verify.internal.BodyExpectation;
import dev.palisade.sigstore.verify.internal.BundleParser;
import dev.palisade.sigstore.verify.internal.Certificates;
import dev.palisade.sigstore.verify.internal.Evidence;
import dev.palisade.sigstore.verify.internal.EvidenceVerifier;
import dev.palisade.sigstore.verify.internal.Json;
import dev.palisade.sigstore.verify.internal.ParsedBundle;
import dev.palisade.sigstore.verify.internal.Rejected;
import dev.palisade.sigstore.verify.internal.SignedContent;
import dev.palisade.sigstore.verify.internal.TlogEntry;
import dev.palisade.sigstore.verify.internal.Digests;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies cosign image signatures offline, from material already fetched: legacy
 * {@code sha256-<digest>.sig} layers and Sigstore bundles attached as OCI referrers (cosign v3). Works
 * only with the given {@link TrustedRoot}; never touches the network. Immutable and thread-safe.
 *
 * <p>An image verifies when at least {@link VerificationPolicy#required()} authorities each accept
 * at least one signature. A signature is accepted by an authority only when every check passes:
 * signature over the exact payload bytes, payload digest equal to the image digest, log entry (SET,
 * inclusion proof, checkpoint, body matching hash, signature and signer), and for keyless signatures a
 * trusted signing time, the certificate valid at that time, its chain to a trusted Fulcio CA, code-signing
 * usage, an embedded SCT from a trusted CT log, and the identity and issuer. Bundles larger than
 * {@link #MAX_BUNDLE_BYTES} are rejected.
 */
public final class ImageSignatureVerifier {
    /** The largest bundle accepted, in bytes. */
    public static final int MAX_BUNDLE_BYTES = BundleParser.MAX_BUNDLE_BYTES;

    private final EvidenceVerifier verifier;

    /** A verifier using the system clock only to refuse signing times in the future. */
    public ImageSignatureVerifier(TrustedRoot trustedRoot) {
        this(trustedRoot, java.time.Clock.systemUTC());
    }

    /**
     * A verifier with an explicit clock. The clock never decides certificate validity (that is judged
     * at the signing time); it only rejects integrated times and timestamps more than five minutes ahead of it.
     */
    public ImageSignatureVerifier(TrustedRoot trustedRoot, java.time.Clock clock) {
        this.verifier = new EvidenceVerifier(Objects.requireNonNull(trustedRoot, "trustedRoot"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Verifies the signatures of one image.
     *
     * @param imageDigest the image manifest digest, {@code sha256:<64 hex>}
     * @param imageReference the image reference (for docker-reference checks), e.g. {@code registry.example/team/app:1.0}
     * @param legacy the layers of the {@code .sig} manifest (may be empty)
     * @param bundles the Sigstore bundle JSON of each referrer (may be empty)
     * @throws SignatureVerificationException when {@code imageDigest} is not a sha256 digest
     */
    public SignatureVerification verify(String imageDigest, String imageReference, List<LegacySignature> legacy,
            List<byte[]> bundles, VerificationPolicy policy) {
        String hex = digestHex(imageDigest);
        Objects.requireNonNull(imageReference, "imageReference");
        Set<String> matched = new LinkedHashSet<>();
        List<SignatureRejection> rejections = new ArrayList<>();
        if (legacy.isEmpty() && bundles.isEmpty()) {
            rejections.add(new SignatureRejection("image", "", RejectionReason.NO_SIGNATURES,
                    "no signature found for " + imageReference + "@" + imageDigest));
        }
        for (int i = 0; i < legacy.size(); i++) {
            String label = "legacy[" + i + "]";
            try {
                verifier.verify(legacyEvidence(label, legacy.get(i), imageDigest, imageReference, policy), policy, matched, rejections);
            } catch (Rejected e) {
                rejections.add(new SignatureRejection(label, "", e.reason(), e.getMessage()));
            }
        }
        for (int i = 0; i < bundles.size(); i++) {
            String label = "bundle[" + i + "]";
            try {
                ParsedBundle bundle = BundleParser.parse(bundles.get(i));
                if (bundle.dsse().isEmpty()) {
                    throw new Rejected(RejectionReason.UNSUPPORTED_CONTENT,
                            "image bundles must hold a DSSE in-toto statement, this one holds a message signature");
                }
                Evidence.ClaimCheck claims = () -> {
                    SignedContent.checkSubject(bundle.dsse().get().payload(), hex, policy.annotations());
                    if (policy.dockerReference() != DockerReferenceMode.NONE) {
                        throw new Rejected(RejectionReason.DOCKER_REFERENCE_MISMATCH,
                                "bundle statements carry no docker-reference to compare; use docker-reference mode none for bundles");
                    }
                };
                verifier.verify(dsseEvidence(label, bundle, claims), policy, matched, rejections);
            } catch (Rejected e) {
                rejections.add(new SignatureRejection(label, "", e.reason(), e.getMessage()));
            }
        }
        return result(policy, matched, rejections);
    }

    static SignatureVerification result(VerificationPolicy policy, Set<String> matched, List<SignatureRejection> rejections) {
        List<String> ordered = policy.authorities().stream().map(Authority::name).filter(matched::contains).toList();
        return new SignatureVerification(ordered.size() >= policy.required(), ordered, rejections);
    }

    static Evidence dsseEvidence(String label, ParsedBundle bundle, Evidence.ClaimCheck claims) throws Rejected {
        ParsedBundle.Dsse dsse = bundle.dsse().orElseThrow();
        if (!dsse.payloadType().equals(SignedContent.IN_TOTO)) {
            throw new Rejected(RejectionReason.DSSE_PAYLOAD_TYPE, "DSSE payload type is '" + dsse.payloadType()
                    + "', not " + SignedContent.IN_TOTO);
        }
        if (dsse.signatures().size() != 1) {
            throw new Rejected(RejectionReason.DSSE_PAYLOAD_TYPE, "DSSE envelope must have exactly one signature, it has "
                    + dsse.signatures().size());
        }
        byte[] signature = dsse.signatures().get(0);
        return new Evidence(label, SignedContent.pae(dsse.payloadType(), dsse.payload()), signature,
                bundle.certificate(), bundle.chain(), bundle.tlogEntries(), bundle.timestamps(),
                new BodyExpectation(true, Digests.sha256Hex(dsse.payload()), signature), claims);
    }

    private static Evidence legacyEvidence(String label, LegacySignature layer, String imageDigest, String imageReference,
            VerificationPolicy policy) throws Rejected {
        var annotations = layer.annotations();
        String encoded = annotations.get(LegacySignature.SIGNATURE);
        if (encoded == null) {
            throw new Rejected(RejectionReason.MALFORMED, "layer has no " + LegacySignature.SIGNATURE + " annotation");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new Rejected(RejectionReason.MALFORMED, LegacySignature.SIGNATURE + " is not base64");
        }
        Optional<X509Certificate> certificate = Optional.empty();
        List<X509Certificate> chain = List.of();
        String certificatePem = annotations.getOrDefault(LegacySignature.CERTIFICATE, "");
        if (!certificatePem.isBlank()) {
            certificate = Optional.of(Certificates.fromPem(certificatePem, LegacySignature.CERTIFICATE).get(0));
            String chainPem = annotations.getOrDefault(LegacySignature.CHAIN, "");
            if (!chainPem.isBlank()) {
                chain = Certificates.fromPem(chainPem, LegacySignature.CHAIN);
            }
        }
        List<TlogEntry> entries = new ArrayList<>();
        String rekorBundle = annotations.getOrDefault(LegacySignature.BUNDLE, "");
        if (!rekorBundle.isBlank()) {
            entries.add(BundleParser.rekorBundle(rekorBundle.getBytes(StandardCharsets.UTF_8)));
        }
        List<byte[]> timestamps = new ArrayList<>();
        String timestamp = annotations.getOrDefault(LegacySignature.RFC3161_TIMESTAMP, "");
        if (!timestamp.isBlank()) {
            JsonNode node = Json.parse(timestamp.getBytes(StandardCharsets.UTF_8), LegacySignature.RFC3161_TIMESTAMP);
            timestamps.add(Json.base64(node.path("SignedRFC3161Timestamp"), "SignedRFC3161Timestamp"));
        }
        byte[] payload = layer.payload();
        return new Evidence(label, payload, signature, certificate, chain, entries, timestamps,
                new BodyExpectation(false, Digests.sha256Hex(payload), signature),
                () -> SignedContent.checkSimpleSigning(payload, imageDigest, imageReference, policy.dockerReference(),
                        policy.annotations()));
    }

    private static String digestHex(String imageDigest) {
        Objects.requireNonNull(imageDigest, "imageDigest");
        boolean valid = imageDigest.length() == 71 && imageDigest.startsWith("sha256:")
                && imageDigest.substring(7).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        if (!valid) {
            throw new SignatureVerificationException("image digest '" + imageDigest
                    + "' is not sha256:<64 lower-case hex>; resolve the tag to a digest first");
        }
        return imageDigest.substring("sha256:".length());
    }
}
