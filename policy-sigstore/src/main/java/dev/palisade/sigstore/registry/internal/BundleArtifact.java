package dev.palisade.sigstore.registry.internal;

import java.util.Objects;

/**
 * A Sigstore bundle attached to an image as an OCI referrer (cosign v3): the bundle JSON from the
 * artifact's single layer and that layer's media type.
 *
 * @param json the bundle bytes, verified against the layer digest (callers must not modify them)
 * @param mediaType e.g. {@code application/vnd.dev.sigstore.bundle.v0.3+json}
 */
public record BundleArtifact(byte[] json, String mediaType) {

    public BundleArtifact {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(mediaType, "mediaType");
    }
}
