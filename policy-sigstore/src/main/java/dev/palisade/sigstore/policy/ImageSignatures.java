package dev.palisade.sigstore.policy;

import dev.palisade.sigstore.verify.LegacySignature;
import java.util.List;

/**
 * The signature material stored next to one image: the layers of its cosign {@code .sig} manifest and
 * the Sigstore bundles attached to it as OCI referrers.
 *
 * @param legacy legacy signature layers (payload and annotations)
 * @param bundles bundle JSON documents, exactly as fetched (callers must not modify them)
 */
public record ImageSignatures(List<LegacySignature> legacy, List<byte[]> bundles) {

    public ImageSignatures {
        legacy = List.copyOf(legacy);
        bundles = List.copyOf(bundles);
    }

    /** Whether there is no signature material at all (an unsigned image). */
    public boolean isEmpty() {
        return legacy.isEmpty() && bundles.isEmpty();
    }
}
