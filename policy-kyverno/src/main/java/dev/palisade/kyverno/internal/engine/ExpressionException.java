package dev.palisade.kyverno.internal.engine;

/** A JMESPath or variable-substitution failure, as Kyverno reports it. */
public final class ExpressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean notFound;

    /**
     * @param message Kyverno's text
     * @param notFound whether a key was missing ({@code Unknown key "x" in path})
     * @param cause the underlying failure, or null
     */
    public ExpressionException(String message, boolean notFound, Throwable cause) {
        super(message, cause);
        this.notFound = notFound;
    }

    /** Whether the failure is a missing key. */
    public boolean notFound() {
        return notFound;
    }
}
