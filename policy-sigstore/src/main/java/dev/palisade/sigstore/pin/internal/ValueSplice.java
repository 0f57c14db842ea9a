package dev.palisade.sigstore.pin.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds, in the original text of a YAML or JSON file, the characters of a mapping value whose key the
 * manifest reader located (line and column of the key), so that the value alone can be replaced and
 * everything else — comments, order, indentation, quoting — stays byte for byte. Only one-line values
 * written plain, single-quoted without {@code ''} or double-quoted without escapes can be replaced; any
 * other way of writing (block or folded scalars, tags, anchors, aliases, escapes, values continued on
 * another line) is refused, so that nothing is ever rewritten that the reader did not read as exactly
 * that value.
 */
public final class ValueSplice {
    /** How the value is written. */
    public enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED }

    /** The characters {@code [start, end)} of the value in the text, quotes included. */
    public record Span(int start, int end, Style style) {
    }

    private final String text;
    private final int[] lineStarts;

    /** A splicer over the file's text. */
    public ValueSplice(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The span of the value of the key at {@code line}:{@code column} (1-based; the column counts code
     * points), when it is written on one line in a rewritable style and reads exactly as {@code value}.
     */
    public Optional<Span> find(int line, int column, String value) {
        if (line < 1 || line > lineStarts.length || column < 1) {
            return Optional.empty();
        }
        int position;
        try {
            position = text.offsetByCodePoints(lineStarts[line - 1], column - 1);
        } catch (IndexOutOfBoundsException e) {
            return Optional.empty();
        }
        position = skipKey(position);
        if (position < 0) {
            return Optional.empty();
        }
        position = skipSpaces(position);
        if (position >= text.length() || text.charAt(position) != ':') {
            return Optional.empty();
        }
        position = skipSpaces(position + 1);
        if (position >= text.length() || text.charAt(position) == '\n' || text.charAt(position) == '\r'
                || text.charAt(position) == '#') {
            return Optional.empty(); // the value starts on a later line; not rewritten
        }
        char first = text.charAt(position);
        if (first == '"') {
            int close = text.indexOf('"', position + 1);
            if (close < 0 || lineEnd(position) < close) {
                return Optional.empty();
            }
            String inside = text.substring(position + 1, close);
            return inside.equals(value) && inside.indexOf('\\') < 0 ? Optional.of(new Span(position, close + 1, Style.DOUBLE_QUOTED))
                    : Optional.empty();
        }
        if (first == '\'') {
            int close = text.indexOf('\'', position + 1);
            if (close < 0 || lineEnd(position) < close || (close + 1 < text.length() && text.charAt(close + 1) == '\'')) {
                return Optional.empty();
            }
            String inside = text.substring(position + 1, close);
            return inside.equals(value) ? Optional.of(new Span(position, close + 1, Style.SINGLE_QUOTED)) : Optional.empty();
        }
        if ("|>!&*{[%@`".indexOf(first) >= 0) {
            return Optional.empty();
        }
        int end = position;
        int lineEnd = lineEnd(position);
        while (end < lineEnd) {
            char c = text.charAt(end);
            if (c == ',' || c == '}' || c == ']' || (c == '#' && Character.isWhitespace(text.charAt(end - 1)))) {
                break;
            }
            end++;
        }
        while (end > position && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (!text.substring(position, end).equals(value) || continues(lineEnd, column)) {
            return Optional.empty();
        }
        return Optional.of(new Span(position, end, Style.PLAIN));
    }

    /**
     * The 1-based line and column (in code points) where the value of the key at {@code line}:{@code column}
     * starts when it starts on the key's line, for messages that point at the value.
     */
    public Optional<int[]> valueLocation(int line, int column) {
        if (line < 1 || line > lineStarts.length || column < 1) {
            return Optional.empty();
        }
        try {
            int position = skipKey(text.offsetByCodePoints(lineStarts[line - 1], column - 1));
            if (position < 0) {
                return Optional.empty();
            }
            position = skipSpaces(position);
            if (position >= text.length() || text.charAt(position) != ':') {
                return Optional.empty();
            }
            position = skipSpaces(position + 1);
            if (position >= lineEnd(position) && position < text.length()) {
                return Optional.empty();
            }
            return Optional.of(new int[] {line, text.codePointCount(lineStarts[line - 1], position) + 1});
        } catch (IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** How {@code newValue} is written in place of the span, or empty when that style cannot hold it. */
    public static Optional<String> write(Span span, String newValue) {
        return switch (span.style()) {
            case PLAIN -> isSafePlain(newValue) ? Optional.of(newValue) : Optional.empty();
            case SINGLE_QUOTED -> newValue.indexOf('\'') < 0 ? Optional.of("'" + newValue + "'") : Optional.empty();
            case DOUBLE_QUOTED -> newValue.indexOf('"') < 0 && newValue.indexOf('\\') < 0
                    ? Optional.of("\"" + newValue + "\"") : Optional.empty();
        };
    }

    /** The position after the key that starts at {@code position}, or -1. */
    private int skipKey(int position) {
        if (position >= text.length()) {
            return -1;
        }
        char first = text.charAt(position);
        if (first == '"' || first == '\'') {
            int close = text.indexOf(first, position + 1);
            return close < 0 || close > lineEnd(position) ? -1 : close + 1;
        }
        int end = position;
        int lineEnd = lineEnd(position);
        while (end < lineEnd && text.charAt(end) != ':') {
            end++;
        }
        return end < lineEnd ? end : -1;
    }

    private int skipSpaces(int position) {
        while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
            position++;
        }
        return position;
    }

    /** The index of the line break (or end of text) of the line holding {@code position}. */
    private int lineEnd(int position) {
        int newline = text.indexOf('\n', position);
        int end = newline < 0 ? text.length() : newline;
        return end > position && text.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    /**
     * Whether a plain scalar continues on the next line: a following non-empty, non-comment line indented
     * deeper than the key would be read as part of the value.
     */
    private boolean continues(int lineEnd, int keyColumn) {
        int next = text.indexOf('\n', lineEnd);
        while (next >= 0 && next + 1 < text.length()) {
            int start = next + 1;
            int indent = 0;
            while (start + indent < text.length() && text.charAt(start + indent) == ' ') {
                indent++;
            }
            int at = start + indent;
            if (at >= text.length()) {
                return false;
            }
            char c = text.charAt(at);
            if (c == '\n' || c == '\r') {
                next = text.indexOf('\n', at);
                continue;
            }
            if (c == '#') {
                return false;
            }
            return indent + 1 > keyColumn;
        }
        return false;
    }

    private static boolean isSafePlain(String value) {
        if (value.isEmpty() || value.contains(": ") || value.contains(" #") || value.endsWith(":")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '"' || c == '\'') {
                return false;
            }
        }
        return "-?:#&*!|>%@`".indexOf(value.charAt(0)) < 0;
    }
}
