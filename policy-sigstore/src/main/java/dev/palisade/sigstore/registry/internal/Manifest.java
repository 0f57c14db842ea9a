package dev.palisade.sigstore.registry.internal;

import dev.palisade.sigstore.Digest;
import java.util.Objects;

/**
 * A manifest or index as fetched: the exact bytes (whose sha256 was checked against the digest), its
 * media type and digest.
 *
 * @param content the bytes as served (callers must not modify them)
 * @param mediaType the {@code Content-Type} the registry gave (or the document's {@code mediaType})
 * @param digest the verified digest of {@code content}
 */
public record Manifest(byte[] content, String mediaType, Digest digest) {

    public Manifest {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
    }

    /** Whether this is an OCI index or a Docker manifest list. */
    public boolean isIndex() {
        return mediaType.equals(MediaTypes.OCI_INDEX) || mediaType.equals(MediaTypes.DOCKER_MANIFEST_LIST);
    }

    /** The descriptor of this manifest. */
    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest, content.length);
    }
}
