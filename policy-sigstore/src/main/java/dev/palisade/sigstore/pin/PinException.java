package dev.palisade.sigstore.pin;

import dev.palisade.core.PalisadeException;
import dev.palisade.core.SourceLocation;

/** Pinning cannot proceed: an unreadable lockfile, an image missing from it offline, a digest that disagrees. */
public class PinException extends PalisadeException {
    private static final long serialVersionUID = 1L;

    /**
     * A pinning error with its explanation.
     *
     * @param message what went wrong
     */
    public PinException(String message) {
        super(message);
    }

    /**
     * A pinning error at a place in a file.
     *
     * @param message what went wrong
     * @param location where
     */
    public PinException(String message, SourceLocation location) {
        super(message, location);
    }

    /**
     * A pinning error at a place in a file, with its cause.
     *
     * @param message what went wrong
     * @param location where
     * @param cause the underlying error
     */
    public PinException(String message, SourceLocation location, Throwable cause) {
        super(message, location, cause);
    }
}
