package dev.palisade.sigstore.policy;

import java.time.Instant;
import java.util.Optional;

/**
 * Verifies the in-toto attestations attached to an image (legacy {@code .att} layers and Sigstore bundle
 * referrers) and checks them against an {@link AttestationPolicy}. {@link CosignImageVerifier} implements it;
 * the {@code attestations:} section of an {@code ImagePolicy} uses it through the evaluation context's
 * image verifier. Implementations are thread-safe.
 */
public interface AttestationVerifier {

    /**
     * Verifies the image's attestations and checks the policy's requirements.
     *
     * @param policy the signers and the requirements
     * @return what verified and, for each requirement, whether it held
     * @param image an image reference as written (a tag is resolved to its digest)
     * @param deadline when to give up and fail closed (admission use); empty for no deadline
     */
    AttestationResult verifyAttestations(String image, AttestationPolicy policy, Optional<Instant> deadline);

    /**
     * As {@link #verifyAttestations(String, AttestationPolicy, Optional)}, with the signers given as a core
     * policy (the authorities of an {@code ImagePolicy}, a Kyverno attestor list); the verifier applies its
     * own transparency-log setting to them.
     *
     * @param image an image reference as written (a tag is resolved to its digest)
     * @param signers the authorities whose attestations count
     * @param requirements the attestations the image must carry
     * @param deadline when to give up and fail closed; empty for no deadline
     * @return what verified and, for each requirement, whether it held
     */
    AttestationResult verifyAttestations(String image, dev.palisade.core.ImageVerificationPolicy signers,
            java.util.List<AttestationRequirement> requirements, Optional<Instant> deadline);
}
