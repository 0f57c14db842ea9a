package dev.palisade.core.internal.gotime;

/**
 * A time or duration that Go's {@code time} package would refuse, with Go's message (for example
 * {@code parsing time "2024-02-30" as "2006-01-02": day out of range} or
 * {@code time: unknown unit "d" in duration "1d"}). Callers translate it to their own error type
 * and keep the message.
 */
public final class GoTimeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with Go's message.
     *
     * @param message the message, as Go's {@code error.Error()} returns it
     */
    public GoTimeException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // a refused value in a policy, not a fault: the stack would only cost time
        return this;
    }
}
