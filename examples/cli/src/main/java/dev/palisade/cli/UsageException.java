package dev.palisade.cli;

/** A command line that cannot be run as given; the CLI prints the message and exits 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
