package dev.palisade.sigstore.pin;

import dev.palisade.core.SourceLocation;
import java.util.Objects;

/**
 * An image that was not pinned, and why: it cannot be resolved, is not a valid reference, is written
 * in a way that cannot be rewritten safely, or is pinned to a digest the lockfile disagrees with.
 *
 * @param location where the image value stands
 * @param image the value as written
 * @param message what is wrong and what to do
 */
public record PinIssue(SourceLocation location, String image, String message) {

    /**
     * Checks that every component is present and copies the collections.
     *
     * @param location where the image value stands
     * @param image the value as written
     * @param message what is wrong and what to do
     */
    public PinIssue {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(message, "message");
    }

    /** {@return {@code file:line:column: message}} */
    public String describe() {
        return location.display() + ": " + message;
    }
}
