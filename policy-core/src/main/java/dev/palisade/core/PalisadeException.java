package dev.palisade.core;

import java.util.Optional;

/**
 * Root of Palisade's exception family. Carries the source location of the problem where one is
 * known, so that every error a user sees can name file, line and column.
 */
public class PalisadeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SourceLocation location;

    /**
     * An error without a location.
     *
     * @param message what went wrong
     */
    public PalisadeException(String message) {
        this(message, null, null);
    }

    /**
     * An error without a location, with its cause.
     *
     * @param message what went wrong
     * @param cause the underlying error
     */
    public PalisadeException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * An error at a location.
     *
     * @param message what went wrong
     * @param location where
     */
    public PalisadeException(String message, SourceLocation location) {
        this(message, location, null);
    }

    /**
     * An error at a location, with its cause.
     *
     * @param message what went wrong
     * @param location where
     * @param cause the underlying error
     */
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
