package dev.palisade.core;

import java.util.Objects;

/**
 * A position in a source file: file name as given by the user, zero-based document index within a
 * YAML stream, and one-based line and column. Line 0 means the position is not known (for objects
 * handed over by a host rather than read from a file).
 *
 * <p>Objects handed over by a host ({@link Resource#fromObject}, {@link Resource#of(com.fasterxml.jackson.databind.JsonNode)})
 * have no file and no lines: their fields are located by JSON pointer instead,
 * {@code <object>#/spec/containers/0/image} ({@link #inMemory}), with line 0.
 *
 * <p>Documents rendered from a template (a Helm chart) carry the template's path marked as rendered,
 * {@code charts/web/templates/deployment.yaml (rendered from chart web)} ({@link #rendered}): their
 * lines and columns are those of the template's rendered output, not of the template itself.
 */
public record SourceLocation(String file, int document, int line, int column) {

    /** The location of objects that were not read from a file. */
    public static final SourceLocation UNKNOWN = new SourceLocation("", 0, 0, 0);

    /**
     * The name that locations in objects handed over by a host start with ({@link #inMemory}).
     */
    public static final String IN_MEMORY = "<object>";

    /**
     * Checks that the file is present.
     *
     * @param file the file name as the user gave it
     * @param document the zero-based index of the document in a YAML stream
     * @param line the one-based line; 0 when unknown
     * @param column the one-based column; 0 when unknown
     */
    public SourceLocation {
        Objects.requireNonNull(file, "file");
    }

    /**
     * The location of a field of an object handed over by a host rather than read from a file: the
     * field's JSON pointer after {@value #IN_MEMORY}, {@code <object>#/spec/containers/0/image}, or
     * {@code <object>} for the whole object. Line and column are 0 (unknown), so report writers show
     * the pointer where they would show a file.
     *
     * @param jsonPointer the field's JSON pointer (RFC 6901), {@code ""} for the whole object
     * @return the location, named {@code <object>#POINTER}
     */
    public static SourceLocation inMemory(String jsonPointer) {
        Objects.requireNonNull(jsonPointer, "jsonPointer");
        return new SourceLocation(jsonPointer.isEmpty() ? IN_MEMORY : IN_MEMORY + "#" + jsonPointer, 0, 0, 0);
    }

    /**
     * Whether the location is in an object handed over by a host ({@link #inMemory}).
     *
     * @return true for {@code <object>} and {@code <object>#POINTER} locations
     */
    public boolean isInMemory() {
        return line == 0 && (file.equals(IN_MEMORY) || file.startsWith(IN_MEMORY + "#"));
    }

    private static final String RENDERED = " (rendered from ";

    /**
     * {@return the file name of documents rendered from a template: {@code TEMPLATE (rendered from ORIGIN)},
     * such as {@code charts/web/templates/deployment.yaml (rendered from chart web)}}
     *
     * @param template the template's path, as a user would open it
     * @param origin what rendered it ({@code chart web})
     */
    public static String rendered(String template, String origin) {
        return template + RENDERED + origin + ")";
    }

    /**
     * {@return the template a {@linkplain #rendered rendered} file name stands for; empty for other names}
     *
     * @param file a file name
     */
    public static java.util.Optional<String> templateOf(String file) {
        int at = file.lastIndexOf(RENDERED);
        if (at <= 0 || !file.endsWith(")")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(file.substring(0, at));
    }

    /**
     * {@return whether the location is in a template's rendered output ({@link #rendered}): its line and column
     * count in that output, not in the template}
     */
    public boolean isRendered() {
        return templateOf(file).isPresent();
    }

    /** {@return whether line and column point at a real position} */
    public boolean isKnown() {
        return line > 0;
    }

    /**
     * {@return the same file and document at another line and column}
     *
     * @param newLine the line
     * @param newColumn the column
     */
    public SourceLocation at(int newLine, int newColumn) {
        return new SourceLocation(file, document, newLine, newColumn);
    }

    /** {@return {@code file:line:column}, or just the file when the position is unknown} */
    public String display() {
        String name = file.isEmpty() ? "<input>" : file;
        if (!isKnown()) {
            return name;
        }
        return column > 0 ? name + ":" + line + ":" + column : name + ":" + line;
    }
}
