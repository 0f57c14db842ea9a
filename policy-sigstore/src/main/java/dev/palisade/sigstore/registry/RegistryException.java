package dev.palisade.sigstore.registry;

import dev.palisade.core.PalisadeException;
import java.util.OptionalInt;

/** A registry request that failed: network, HTTP status, authentication, or content that does not verify. */
public class RegistryException extends PalisadeException {
    private static final long serialVersionUID = 1L;
    /** The HTTP status that caused the failure, 0 when none. */
    private final int status;

    /**
     * A registry failure with its explanation.
     *
     * @param message what went wrong
     */
    public RegistryException(String message) {
        this(message, 0, null);
    }

    /**
     * A registry failure with its cause.
     *
     * @param message what went wrong
     * @param cause the underlying error
     */
    public RegistryException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    /**
     * A registry failure with the HTTP status that caused it (0 when none) and its cause.
     *
     * @param message what went wrong
     * @param status the HTTP status, or 0
     * @param cause the underlying error
     */
    public RegistryException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** {@return the HTTP status that caused the failure, when one did} */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
