package dev.palisade.sigstore;

import dev.palisade.core.PalisadeException;

/** An image reference or digest that does not follow the reference grammar; the message says what is wrong. */
public class ImageReferenceException extends PalisadeException {
    private static final long serialVersionUID = 1L;

    /**
     * An invalid reference, with what is wrong and how a valid one looks.
     *
     * @param message what is wrong and how a valid reference looks
     */
    public ImageReferenceException(String message) {
        super(message);
    }
}
