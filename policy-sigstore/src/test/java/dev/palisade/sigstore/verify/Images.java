package dev.palisade.sigstore.verify;

import dev.palisade.sigstore.ImageReference;
import java.util.List;

/** Builds the {@link SignedImage} of a test: a reference and digest with the signature material offered. */
final class Images {
    private Images() {
    }

    /** {@code reference@digest} with these legacy layers and bundles. */
    static SignedImage signed(String digest, String reference, List<LegacySignature> legacy, List<byte[]> bundles) {
        return SignedImage.of(ImageReference.parse(reference + "@" + digest), legacy, bundles);
    }
}
