package dev.palisade.sigstore.verify;

import dev.palisade.sigstore.verify.internal.BodyExpectation;
import dev.palisade.sigstore.verify.internal.BundleParser;
import dev.palisade.sigstore.verify.internal.Digests;
import dev.palisade.sigstore.verify.internal.Evidence;
import dev.palisade.sigstore.verify.internal.EvidenceVerifier;
import dev.palisade.sigstore.verify.internal.Hex;
import dev.palisade.sigstore.verify.internal.ParsedBundle;
import dev.palisade.sigstore.verify.internal.Rejected;
import dev.palisade.sigstore.verify.internal.SignedContent;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies a Sigstore bundle over an artifact, as {@code cosign verify-blob --bundle}: a message
 * signature whose digest is the artifact's SHA-256, or a DSSE in-toto statement with a subject of that
 * digest; with the same certificate, log and identity checks as {@link ImageSignatureVerifier}.
 * Offline, immutable and thread-safe.
 */
public final class BlobVerifier {
    private final EvidenceVerifier verifier;

    /**
     * A verifier using the system clock only to refuse signing times in the future.
     *
     * @param trustedRoot the Sigstore trust root
     */
    public BlobVerifier(TrustedRoot trustedRoot) {
        this(trustedRoot, java.time.Clock.systemUTC());
    }

    /**
     * A verifier with an explicit clock. The clock never decides certificate validity (that is judged
     * at the signing time); it only rejects integrated times and timestamps more than five minutes ahead of it.
     *
     * @param trustedRoot the Sigstore trust root
     * @param clock the clock
     */
    public BlobVerifier(TrustedRoot trustedRoot, java.time.Clock clock) {
        this.verifier = new EvidenceVerifier(Objects.requireNonNull(trustedRoot, "trustedRoot"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Verifies {@code bundleJson} over {@code artifact}.
     *
     * @param artifact the signed file's content
     * @param bundleJson the Sigstore bundle, as JSON
     * @param policy the authorities and checks
     * @return whether the bundle verified, and why not
     */
    public SignatureVerification verify(byte[] artifact, byte[] bundleJson, VerificationPolicy policy) {
        Set<String> matched = new LinkedHashSet<>();
        List<SignatureRejection> rejections = new ArrayList<>();
        try {
            ParsedBundle bundle = BundleParser.parse(bundleJson);
            Evidence evidence;
            if (bundle.message().isPresent()) {
                ParsedBundle.MessageSignature message = bundle.message().get();
                String algorithm = message.digestAlgorithm();
                byte[] digest = digest(algorithm, artifact);
                evidence = new Evidence("bundle", false, artifact, message.signature(), bundle.certificate(), bundle.chain(),
                        bundle.tlogEntries(), bundle.timestamps(), BodyExpectation.message(algorithm, message.digest(),
                                message.signature()), () -> {
                            if (!MessageDigest.isEqual(message.digest(), digest)) {
                                throw new Rejected(RejectionReason.DIGEST_MISMATCH, "bundle message digest ("
                                        + algorithm + " " + Hex.encode(message.digest()) + ") is not the artifact's "
                                        + Hex.encode(digest));
                            }
                            if (!policy.annotations().isEmpty()) {
                                throw new Rejected(RejectionReason.ANNOTATION_MISMATCH,
                                        "message-signature bundles carry no annotations, but the policy requires " + policy.annotations());
                            }
                        });
            } else {
                String hex = Hex.encode(Digests.sha256(artifact));
                evidence = ImageSignatureVerifier.dsseEvidence("bundle", bundle,
                        () -> SignedContent.checkSubject(bundle.dsse().orElseThrow().payload(), hex, policy.annotations()));
            }
            verifier.verify(evidence, policy, matched, rejections);
        } catch (Rejected e) {
            rejections.add(new SignatureRejection("bundle", "", e.reason(), e.getMessage()));
        }
        return ImageSignatureVerifier.result(policy, matched, rejections);
    }

    private static byte[] digest(String protobufAlgorithm, byte[] artifact) throws Rejected {
        String jca = BodyExpectation.jcaDigest(protobufAlgorithm).orElseThrow(() -> new Rejected(RejectionReason.MALFORMED,
                "bundle message digest algorithm '" + protobufAlgorithm + "' is not SHA2_256, SHA2_384 or SHA2_512"));
        try {
            return MessageDigest.getInstance(jca).digest(artifact);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
