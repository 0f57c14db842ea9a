package dev.palisade.core;

import java.util.Objects;

/**
 * A position in a source file: file name as given by the user, zero-based document index within a
 * YAML stream, and one-based line and column. Line 0 means the position is not known (for objects
 * handed over by a host rather than read from a file).
 */
public record SourceLocation(String file, int document, int line, int column) {

    /** The location of objects that were not read from a file. */
    public static final SourceLocation UNKNOWN = new SourceLocation("", 0, 0, 0);

    public SourceLocation {
        Objects.requireNonNull(file, "file");
    }

    /** Whether line and column point at a real position. */
    public boolean isKnown() {
        return line > 0;
    }

    /** The same file and document at another line and column. */
    public SourceLocation at(int newLine, int newColumn) {
        return new SourceLocation(file, document, newLine, newColumn);
    }

    /** {@code file:line:column}, or just the file when the position is unknown. */
    public String display() {
        String name = file.isEmpty() ? "<input>" : file;
        if (!isKnown()) {
            return name;
        }
        return column > 0 ? name + ":" + line + ":" + column : name + ":" + line;
    }
}
