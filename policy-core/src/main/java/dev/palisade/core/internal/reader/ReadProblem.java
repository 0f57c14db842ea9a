package dev.palisade.core.internal.reader;

/**
 * Why a document could not be read, at a zero-based line and column relative to the text the
 * parser saw. Internal: {@link DocumentParser} turns it into an error located in the file.
 */
final class ReadProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    ReadProblem(String message, int line, int column) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }
}
