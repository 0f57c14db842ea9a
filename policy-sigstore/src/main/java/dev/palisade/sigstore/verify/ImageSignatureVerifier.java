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
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies cosign image signatures and attestations offline, from material already fetched
 * ({@link SignedImage}): legacy {@code sha256-<digest>.sig} and {@code .att} layers and Sigstore bundles
 * attached as OCI referrers (cosign v3). Works only with the given {@link TrustedRoot}; never touches the
 * network. Immutable and thread-safe.
 *
 * <p>An image verifies when at least {@link VerificationPolicy#required()} authorities each accept
 * at least one signature. A signature is accepted by an authority only when every check passes:
 * signature over the exact payload bytes, payload digest equal to the image digest, log entry (SET,
 * inclusion proof, checkpoint, body matching hash, signature and signer; Rekor v1 or v2), and for keyless
 * signatures a trusted signing time (verified SET or RFC 3161 timestamp), the certificate valid at that
 * time, its chain to a trusted Fulcio CA, code-signing usage, an embedded SCT from a trusted CT log, and the
 * identity and issuer. Bundles larger than {@link #MAX_BUNDLE_BYTES} are rejected.
 */
public final class ImageSignatureVerifier {
    /** The largest bundle accepted, in bytes. */
    public static final int MAX_BUNDLE_BYTES = BundleParser.MAX_BUNDLE_BYTES;

    private final EvidenceVerifier verifier;

    /**
     * A verifier using the system clock only to refuse signing times in the future.
     *
     * @param trustedRoot the Sigstore trust root
     */
    public ImageSignatureVerifier(TrustedRoot trustedRoot) {
        this(trustedRoot, Clock.systemUTC());
    }

    /**
     * A verifier with an explicit clock. The clock never decides certificate validity (that is judged
     * at the signing time); it only rejects integrated times and timestamps more than five minutes ahead of it.
     *
     * @param trustedRoot the Sigstore trust root
     * @param clock the clock
     */
    public ImageSignatureVerifier(TrustedRoot trustedRoot, Clock clock) {
        this.verifier = new EvidenceVerifier(Objects.requireNonNull(trustedRoot, "trustedRoot"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Verifies the signatures of one image: its legacy signature layers and its bundles (any bundle whose
     * DSSE statement names the image digest counts as a signature, as for cosign).
     *
     * @param image the image's signature material
     * @param policy the authorities and checks
     * @return whether the image verified, and why not
     */
    public SignatureVerification verify(SignedImage image, VerificationPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        String hex = image.digest().encoded();
        Set<String> matched = new LinkedHashSet<>();
        List<SignatureRejection> rejections = new ArrayList<>();
        if (image.signatures().isEmpty() && image.bundles().isEmpty()) {
            rejections.add(new SignatureRejection("image", "", RejectionReason.NO_SIGNATURES,
                    "no signature found for " + image.reference()));
        }
        for (int i = 0; i < image.signatures().size(); i++) {
            String label = "legacy[" + i + "]";
            try {
                verifier.verify(legacyEvidence(label, image.signatures().get(i), image, policy), policy, matched, rejections);
            } catch (Rejected e) {
                rejections.add(new SignatureRejection(label, "", e.reason(), e.getMessage()));
            }
        }
        for (int i = 0; i < image.bundles().size(); i++) {
            String label = "bundle[" + i + "]";
            try {
                ParsedBundle bundle = BundleParser.parse(image.bundles().get(i));
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

    /**
     * Verifies the in-toto attestations of one image — its legacy {@code .att} layers and its DSSE bundles —
     * and returns the statements that verified, each with the authorities that signed it. A statement
     * counts only when its subject names the image digest and every check of {@link #verify} passes for
     * at least one authority; the others are reported as rejections. Statements of every predicate type
     * are returned (the caller selects by {@link VerifiedStatement#predicateType()}).
     *
     * @param image the image's attestation material
     * @param policy the authorities and checks
     * @return the verified statements and the rejections
     */
    public AttestationVerification verifyAttestations(SignedImage image, VerificationPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        String hex = image.digest().encoded();
        List<VerifiedStatement> statements = new ArrayList<>();
        List<SignatureRejection> rejections = new ArrayList<>();
        for (int i = 0; i < image.attestations().size(); i++) {
            String label = "attestation[" + i + "]";
            try {
                LegacySignature layer = image.attestations().get(i);
                ParsedBundle.Dsse envelope = envelope(layer.payload(), label);
                verifyStatement(label, envelope, legacyDsseEvidence(label, layer, envelope, hex, policy), policy, statements,
                        rejections);
            } catch (Rejected e) {
                rejections.add(new SignatureRejection(label, "", e.reason(), e.getMessage()));
            }
        }
        for (int i = 0; i < image.bundles().size(); i++) {
            String label = "bundle[" + i + "]";
            try {
                ParsedBundle bundle = BundleParser.parse(image.bundles().get(i));
                if (bundle.dsse().isEmpty()) {
                    throw new Rejected(RejectionReason.UNSUPPORTED_CONTENT,
                            "attestation bundles must hold a DSSE in-toto statement, this one holds a message signature");
                }
                Evidence evidence = dsseEvidence(label, bundle,
                        () -> SignedContent.checkSubject(bundle.dsse().get().payload(), hex, policy.annotations()));
                verifyStatement(label, bundle.dsse().get(), evidence, policy, statements, rejections);
            } catch (Rejected e) {
                rejections.add(new SignatureRejection(label, "", e.reason(), e.getMessage()));
            }
        }
        if (image.attestations().isEmpty() && image.bundles().isEmpty()) {
            rejections.add(new SignatureRejection("image", "", RejectionReason.NO_SIGNATURES,
                    "no attestation found for " + image.reference()));
        }
        return new AttestationVerification(statements, rejections);
    }

    private void verifyStatement(String label, ParsedBundle.Dsse envelope, Evidence evidence, VerificationPolicy policy,
            List<VerifiedStatement> statements, List<SignatureRejection> rejections) throws Rejected {
        Set<String> matched = new LinkedHashSet<>();
        verifier.verify(evidence, policy, matched, rejections);
        if (!matched.isEmpty()) {
            JsonNode statement = Json.parse(envelope.payload(), "in-toto statement");
            List<String> ordered = policy.authorities().stream().map(Authority::name).filter(matched::contains).toList();
            statements.add(new VerifiedStatement(label, statement.path("predicateType").asText(""), statement, ordered));
        }
    }

    static SignatureVerification result(VerificationPolicy policy, Set<String> matched, List<SignatureRejection> rejections) {
        List<String> ordered = policy.authorities().stream().map(Authority::name).filter(matched::contains).toList();
        return new SignatureVerification(ordered.size() >= policy.required(), ordered, rejections);
    }

    static Evidence dsseEvidence(String label, ParsedBundle bundle, Evidence.ClaimCheck claims) throws Rejected {
        ParsedBundle.Dsse dsse = bundle.dsse().orElseThrow();
        byte[] signature = singleSignature(dsse);
        return new Evidence(label, false, SignedContent.pae(dsse.payloadType(), dsse.payload()), signature,
                bundle.certificate(), bundle.chain(), bundle.tlogEntries(), bundle.timestamps(),
                BodyExpectation.dsse(dsse.payloadType(), dsse.payload(), signature), claims);
    }

    private static byte[] singleSignature(ParsedBundle.Dsse dsse) throws Rejected {
        if (!dsse.payloadType().equals(SignedContent.IN_TOTO)) {
            throw new Rejected(RejectionReason.DSSE_PAYLOAD_TYPE, "DSSE payload type is '" + dsse.payloadType()
                    + "', not " + SignedContent.IN_TOTO);
        }
        if (dsse.signatures().size() != 1) {
            throw new Rejected(RejectionReason.DSSE_PAYLOAD_TYPE, "DSSE envelope must have exactly one signature, it has "
                    + dsse.signatures().size());
        }
        return dsse.signatures().get(0);
    }

    /** A legacy {@code .att} layer's DSSE envelope JSON. */
    private static ParsedBundle.Dsse envelope(byte[] json, String label) throws Rejected {
        JsonNode envelope = Json.parse(json, label + " DSSE envelope");
        List<byte[]> signatures = new ArrayList<>();
        for (JsonNode signature : envelope.path("signatures")) {
            signatures.add(Json.base64(signature.path("sig"), label + " DSSE signature"));
        }
        return new ParsedBundle.Dsse(Json.text(envelope.path("payloadType"), label + " DSSE payloadType"),
                Json.base64(envelope.path("payload"), label + " DSSE payload"), signatures);
    }

    private static Evidence legacyDsseEvidence(String label, LegacySignature layer, ParsedBundle.Dsse envelope, String hex,
            VerificationPolicy policy) throws Rejected {
        byte[] signature = singleSignature(envelope);
        Material material = material(layer);
        return new Evidence(label, true, SignedContent.pae(envelope.payloadType(), envelope.payload()), signature,
                material.certificate(), material.chain(), material.entries(), material.timestamps(),
                BodyExpectation.dsse(envelope.payloadType(), envelope.payload(), signature),
                () -> SignedContent.checkSubject(envelope.payload(), hex, policy.annotations()));
    }

    private record Material(Optional<X509Certificate> certificate, List<X509Certificate> chain, List<TlogEntry> entries,
            List<byte[]> timestamps) {
    }

    /** The certificate, chain, Rekor bundle and timestamp annotations of a legacy layer. */
    private static Material material(LegacySignature layer) throws Rejected {
        var annotations = layer.annotations();
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
        return new Material(certificate, chain, entries, timestamps);
    }

    private static Evidence legacyEvidence(String label, LegacySignature layer, SignedImage image, VerificationPolicy policy)
            throws Rejected {
        String encoded = layer.annotations().get(LegacySignature.SIGNATURE);
        if (encoded == null) {
            throw new Rejected(RejectionReason.MALFORMED, "layer has no " + LegacySignature.SIGNATURE + " annotation");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new Rejected(RejectionReason.MALFORMED, LegacySignature.SIGNATURE + " is not base64");
        }
        Material material = material(layer);
        byte[] payload = layer.payload();
        String digest = image.digest().toString();
        return new Evidence(label, true, payload, signature, material.certificate(), material.chain(), material.entries(),
                material.timestamps(), BodyExpectation.message("SHA2_256", Digests.sha256(payload), signature),
                () -> SignedContent.checkSimpleSigning(payload, digest, image.reference(), policy.dockerReference(),
                        policy.annotations()));
    }
}
