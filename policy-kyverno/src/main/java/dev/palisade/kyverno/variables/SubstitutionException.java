package dev.palisade.kyverno.variables;

import java.util.Optional;

/**
 * A variable or reference could not be substituted. The message is Kyverno's ({@code failed to
 * resolve <variable> at path <path>: …}); {@link #variable()} and {@link #path()} say which and
 * where; the cause is the JMESPath error when there is one.
 */
public final class SubstitutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /**
     * The variable or reference that could not be resolved.
     */
    private final String variable;
    /**
     * The JSON path in the document of the value that held it.
     */
    private final String path;

    /**
     * @param message the full message
     * @param variable the variable or reference text
     * @param path the JSON path in the document (Kyverno's form, {@code /validate/message})
     * @param cause the underlying error, or null
     */
    public SubstitutionException(String message, String variable, String path, Throwable cause) {
        super(message, cause);
        this.variable = variable;
        this.path = path;
    }

    /** {@return the variable (without braces) or the reference} */
    public String variable() {
        return variable;
    }

    /** {@return where in the document it appeared} */
    public String path() {
        return path;
    }

    /** {@return whether the variable failed because a key is missing (an unresolved variable)} */
    public boolean isNotFound() {
        return Optional.ofNullable(getCause())
                .map(c -> c instanceof dev.palisade.kyverno.jmespath.JmesPathNotFoundException).orElse(false);
    }
}
