package dev.palisade.sigstore.verify;

import dev.palisade.core.PalisadeException;

/**
 * Invalid verification configuration: an unreadable trusted root, a malformed public key or an
 * invalid identity pattern. Signatures that fail to verify are not exceptions; they are reported in
 * {@link SignatureVerification}.
 */
public class SignatureVerificationException extends PalisadeException {
    private static final long serialVersionUID = 1L;

    /**
     * A configuration error with its explanation.
     *
     * @param message what is wrong
     */
    public SignatureVerificationException(String message) {
        super(message);
    }

    /**
     * A configuration error with its cause.
     *
     * @param message what is wrong
     * @param cause the underlying error
     */
    public SignatureVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
