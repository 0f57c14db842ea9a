package dev.palisade.rego;

/**
 * Thrown by a host {@link RegoFunction} to report an error. Like OPA's builtin errors, it makes the
 * call undefined unless strict builtin errors are on, when it ends the evaluation.
 */
public final class RegoFunctionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message.
     *
     * @param message why the call failed; it becomes the builtin error's message
     */
    public RegoFunctionException(String message) {
        super(message);
    }

    /**
     * An error with a message and its cause.
     *
     * @param message why the call failed; it becomes the builtin error's message
     * @param cause the underlying failure
     */
    public RegoFunctionException(String message, Throwable cause) {
        super(message, cause);
    }
}
