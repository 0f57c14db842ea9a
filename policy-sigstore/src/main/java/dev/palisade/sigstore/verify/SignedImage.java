package dev.palisade.sigstore.verify;

import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import java.util.List;
import java.util.Objects;

/**
 * One image, by digest, with the signature material stored next to it: the layers of its cosign
 * {@code sha256-<hex>.sig} manifest, the Sigstore bundles attached to it as OCI referrers (signatures and
 * attestations), and the layers of its legacy {@code sha256-<hex>.att} manifest (DSSE attestations).
 *
 * @param reference the image, with its digest (and its tag, when it was named by one)
 * @param signatures legacy signature layers (payload and annotations)
 * @param bundles bundle JSON documents, exactly as fetched (callers must not modify them)
 * @param attestations legacy attestation layers: each payload is a DSSE envelope
 */
public record SignedImage(ImageReference reference, List<LegacySignature> signatures, List<byte[]> bundles,
        List<LegacySignature> attestations) {

    /**
     * Checks that the reference names the image by a sha256 digest and copies the lists.
     *
     * @throws SignatureVerificationException when the reference has no sha256 digest (resolve the tag first)
     *
     * @param reference the image, with its digest (and its tag, when it was named by one)
     * @param signatures legacy signature layers (payload and annotations)
     * @param bundles bundle JSON documents, exactly as fetched (callers must not modify them)
     * @param attestations legacy attestation layers: each payload is a DSSE envelope
     */
    public SignedImage {
        Objects.requireNonNull(reference, "reference");
        if (reference.digest().isEmpty() || !reference.digest().get().algorithm().equals("sha256")) {
            throw new SignatureVerificationException("image '" + reference + "' has no sha256 digest; resolve the tag"
                    + " to a digest first");
        }
        signatures = List.copyOf(signatures);
        bundles = List.copyOf(bundles);
        attestations = List.copyOf(attestations);
    }

    /**
     * {@return an image with legacy signatures and bundles, and no legacy attestations}
     *
     * @param reference the image
     * @param signatures its legacy signature layers
     * @param bundles its Sigstore bundles, as JSON
     */
    public static SignedImage of(ImageReference reference, List<LegacySignature> signatures, List<byte[]> bundles) {
        return new SignedImage(reference, signatures, bundles, List.of());
    }

    /** {@return the image digest} */
    public Digest digest() {
        return reference.digest().orElseThrow();
    }

    /** {@return whether there is no signature material at all (an unsigned image)} */
    public boolean isEmpty() {
        return signatures.isEmpty() && bundles.isEmpty() && attestations.isEmpty();
    }
}
