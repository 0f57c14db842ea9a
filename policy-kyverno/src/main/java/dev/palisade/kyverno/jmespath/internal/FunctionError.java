package dev.palisade.kyverno.jmespath.internal;

/** A function rejected its arguments or failed; the call node adds the expression and column. */
public final class FunctionError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the function */
    public FunctionError(String message) {
        super(message, null, false, false);
    }

    /** Kyverno's message for an argument of the wrong type. */
    static FunctionError argType(String function, int index, String expected) {
        return new FunctionError("JMESPath function '" + function + "': argument #" + index
                + " is not of type " + expected);
    }

    /** Kyverno's generic message. */
    static FunctionError of(String function, String message) {
        return new FunctionError("JMESPath function '" + function + "': " + message);
    }
}
