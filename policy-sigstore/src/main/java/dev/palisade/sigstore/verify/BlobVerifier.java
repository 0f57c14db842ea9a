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

    /** A verifier using the system clock only to refuse signing times in the future. */
    public BlobVerifier(TrustedRoot trustedRoot) {
        this(trustedRoot, java.time.Clock.systemUTC());
    }

    /**
     * A verifier with an explicit clock. The clock never decides certificate validity (that is judged
     * at the signing time); it only rejects integrated times and timestamps more than five minutes ahead of it.
     */
    public BlobVerifier(TrustedRoot trustedRoot, java.time.Clock clock) {
        this.verifier = new EvidenceVerifier(Objects.requireNonNull(trustedRoot, "trustedRoot"), Objects.requireNonNull(clock, "clock"));
    }

    /** Verifies {@code bundleJson} over {@code artifact}. */
    public SignatureVerification verify(byte[] artifact, byte[] bundleJson, VerificationPolicy policy) {
        Set<String> matched = new LinkedHashSet<>();
        List<SignatureRejection> rejections = new ArrayList<>();
        byte[] digest = Digests.sha256(artifact);
        String hex = Hex.encode(digest);
        try {
            ParsedBundle bundle = BundleParser.parse(bundleJson);
            Evidence evidence;
            if (bundle.message().isPresent()) {
                ParsedBundle.MessageSignature message = bundle.message().get();
                evidence = new Evidence("bundle", artifact, message.signature(), bundle.certificate(), bundle.chain(),
                        bundle.tlogEntries(), bundle.timestamps(), new BodyExpectation(false, hex, message.signature()), () -> {
                            if (!message.digestAlgorithm().equals("SHA2_256") || !MessageDigest.isEqual(message.digest(), digest)) {
                                throw new Rejected(RejectionReason.DIGEST_MISMATCH, "bundle message digest ("
                                        + message.digestAlgorithm() + " " + Hex.encode(message.digest())
                                        + ") is not the artifact's SHA2_256 " + hex);
                            }
                            if (!policy.annotations().isEmpty()) {
                                throw new Rejected(RejectionReason.ANNOTATION_MISMATCH,
                                        "message-signature bundles carry no annotations, but the policy requires " + policy.annotations());
                            }
                        });
            } else {
                evidence = ImageSignatureVerifier.dsseEvidence("bundle", bundle,
                        () -> SignedContent.checkSubject(bundle.dsse().orElseThrow().payload(), hex, policy.annotations()));
            }
            verifier.verify(evidence, policy, matched, rejections);
        } catch (Rejected e) {
            rejections.add(new SignatureRejection("bundle", "", e.reason(), e.getMessage()));
        }
        return ImageSignatureVerifier.result(policy, matched, rejections);
    }
}
