package dev.palisade.core;

import java.util.Optional;

/**
 * Root of Palisade's exception family. Carries the source location of the problem where one is
 * known, so that every error a user sees can name file, line and column.
 */
public class PalisadeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SourceLocation location;

    public PalisadeException(String message) {
        this(message, null, null);
    }

    public PalisadeException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public PalisadeException(String message, SourceLocation location) {
        this(message, location, null);
    }

    public PalisadeException(String message, SourceLocation location, Throwable cause) {
        super(message, cause);
        this.location = location;
    }

    /** {@return where the problem is, when known} */
    public Optional<SourceLocation> location() {
        return Optional.ofNullable(location);
    }

    /** {@return the message prefixed by {@code file:line:column: } when the location is known} */
    public String describe() {
        return location == null || !location.isKnown() ? getMessage() : location.display() + ": " + getMessage();
    }
}
