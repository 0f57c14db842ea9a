package dev.palisade.core;

import java.util.List;

/**
 * Verifies image signatures for policies that require them. policy-sigstore provides the
 * implementation; hosts pass one to the {@link EvaluationContext}. Implementations are thread-safe.
 */
public interface ImageVerifier {

    /**
     * Checks that the image is signed by at least {@code required} of the authorities.
     *
     * @param image an image reference as written in the manifest
     */
    ImageVerification verify(String image, List<ImageAuthority> authorities, int required);
}
