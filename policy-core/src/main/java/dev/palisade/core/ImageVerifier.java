package dev.palisade.core;

import java.time.Instant;

/**
 * Verifies image signatures for policies that require them. policy-sigstore provides the
 * implementation; hosts pass one to the {@link EvaluationContext}. Implementations are thread-safe.
 */
public interface ImageVerifier {

    /**
     * Checks that the image is signed as the policy requires.
     *
     * @param policy the authorities and how many must have signed
     * @return whether the image verified, and why not
     * @param image an image reference as written in the manifest
     */
    ImageVerification verify(String image, ImageVerificationPolicy policy);

    /**
     * As {@link #verify(String, ImageVerificationPolicy)}, but gives up at {@code deadline} (admission
     * use): a verification that has not finished by then fails closed, saying so in its reasons. The
     * default ignores the deadline.
     *
     * @param image an image reference as written in the manifest
     * @param policy the authorities and how many must have signed
     * @param deadline when to give up
     * @return whether the image verified, and why not
     */
    default ImageVerification verify(String image, ImageVerificationPolicy policy, Instant deadline) {
        return verify(image, policy);
    }
}
