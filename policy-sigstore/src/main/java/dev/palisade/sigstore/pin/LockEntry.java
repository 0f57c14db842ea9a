package dev.palisade.sigstore.pin;

import dev.palisade.sigstore.Digest;
import java.time.Instant;
import java.util.Objects;

/**
 * What the lockfile records for one image tag.
 *
 * @param digest the manifest (or index) digest the tag had
 * @param resolvedAt when it was looked up
 */
public record LockEntry(Digest digest, Instant resolvedAt) {

    /**
     * Checks that every component is present and copies the collections.
     *
     * @param digest the manifest (or index) digest the tag had
     * @param resolvedAt when it was looked up
     */
    public LockEntry {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
    }
}
