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

    /**
     * As {@link #verify(String, List, int)}, but gives up at {@code deadline} (admission use): a
     * verification that has not finished by then fails closed, saying so in its reasons. The default
     * ignores the deadline.
     */
    default ImageVerification verify(String image, List<ImageAuthority> authorities, int required,
            java.time.Instant deadline) {
        return verify(image, authorities, required);
    }
}
