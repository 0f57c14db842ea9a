package dev.palisade.rego;

import java.util.Objects;

/**
 * One Rego module's source text with where it comes from: a file name for messages, the line of
 * the enclosing file where the text starts and a column offset (Rego embedded in a YAML block
 * scalar reports errors at its position in the YAML file), and the syntax version to parse it with.
 *
 * @param file the file name that errors carry
 * @param text the Rego source
 * @param firstLine the line number of the text's first line in {@code file} (1 for a plain .rego file)
 * @param columnOffset columns to add to every position (the indentation of an embedded block)
 * @param version the syntax to parse with
 */
public record RegoSource(String file, String text, int firstLine, int columnOffset, RegoVersion version) {
    /**
     * Validates the source: file, text and version present, firstLine at least 1, offset not negative.
     *
     * @param file the file name that errors carry
     * @param text the Rego source
     * @param firstLine the line number of the text's first line in {@code file} (1 for a plain .rego file)
     * @param columnOffset columns to add to every position (the indentation of an embedded block)
     * @param version the syntax to parse with
     */
    public RegoSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(version, "version");
        if (firstLine < 1) {
            throw new IllegalArgumentException("firstLine must be at least 1: " + firstLine);
        }
        if (columnOffset < 0) {
            throw new IllegalArgumentException("columnOffset must not be negative: " + columnOffset);
        }
    }

    /**
     * {@return a module parsed as Rego v1, starting at line 1 of {@code file}}
     *
     * @param file the file name that errors and locations name
     * @param text the module's text
     */
    public static RegoSource of(String file, String text) {
        return new RegoSource(file, text, 1, 0, RegoVersion.V1);
    }

    /**
     * {@return a module parsed with the given syntax version, starting at line 1 of {@code file}}
     *
     * @param file the file name that errors and locations name
     * @param text the module's text
     * @param version v0 or v1 syntax
     */
    public static RegoSource of(String file, String text, RegoVersion version) {
        return new RegoSource(file, text, 1, 0, version);
    }

    /**
     * The same source positioned at {@code firstLine} with {@code columnOffset} in its file.
     *
     * @param firstLine the line of the file the module's first line is on (1 for a file of its own)
     * @param columnOffset added to the columns of the module's first line (where it starts mid-line)
     * @return the repositioned source
     */
    public RegoSource at(int firstLine, int columnOffset) {
        return new RegoSource(file, text, firstLine, columnOffset, version);
    }

    /**
     * The same source parsed with another syntax version.
     *
     * @param v the syntax version
     * @return the source with that version
     */
    public RegoSource withVersion(RegoVersion v) {
        return new RegoSource(file, text, firstLine, columnOffset, v);
    }
}
