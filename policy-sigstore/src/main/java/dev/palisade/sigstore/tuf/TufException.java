package dev.palisade.sigstore.tuf;

import dev.palisade.core.PalisadeException;

/**
 * A TUF update or target that cannot be trusted (a signature threshold not met, a rollback, expired
 * metadata, a target whose length or hash differs) or a repository that cannot be reached. Nothing is
 * stored or returned from an update that failed.
 */
public class TufException extends PalisadeException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with its explanation.
     *
     * @param message what went wrong
     */
    public TufException(String message) {
        super(message);
    }

    /**
     * An error with its explanation and cause.
     *
     * @param message what went wrong
     * @param cause the underlying error
     */
    public TufException(String message, Throwable cause) {
        super(message, cause);
    }
}
