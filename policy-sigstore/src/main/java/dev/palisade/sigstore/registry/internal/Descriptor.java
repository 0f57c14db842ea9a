package dev.palisade.sigstore.registry.internal;

import dev.palisade.sigstore.Digest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An OCI content descriptor: what a manifest, index or referrers list says about a piece of content.
 *
 * @param mediaType the content's media type
 * @param digest its digest
 * @param size its size in bytes
 * @param artifactType the artifact type, when given
 * @param annotations descriptor annotations (empty when absent)
 */
public record Descriptor(String mediaType, Digest digest, long size, Optional<String> artifactType,
        Map<String, String> annotations) {

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(artifactType, "artifactType");
        annotations = Map.copyOf(annotations);
    }

    /** A descriptor without artifact type or annotations. */
    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, Optional.empty(), Map.of());
    }
}
