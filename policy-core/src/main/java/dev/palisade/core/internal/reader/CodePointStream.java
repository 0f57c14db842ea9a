package dev.palisade.core.internal.reader;

import java.io.Reader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's character window over one document held whole in memory as code points. SnakeYAML's
 * own {@link StreamReader} refills a moving window 1,024 characters at a time and copies the whole
 * window on every refill, so a scalar that the scanner peeks across (one long line) costs time and
 * memory quadratic in its length; and in SnakeYAML 2.3 a character outside the Basic Multilingual
 * Plane whose two halves straddle a refill boundary throws {@link IndexOutOfBoundsException}. A
 * document is bounded by the document-size limit and read whole anyway, so this stream converts it
 * once (linear) and answers every look-ahead from the array. Characters YAML does not allow are
 * found during that conversion and reported with their line and column. Line and column counting
 * follows SnakeYAML's exactly. {@link #prefix(int)} pads with {@code '\0'} past the end, as
 * {@link #peek(int)} answers there, so that an escape cut short by the end of the document is a
 * scanner error rather than a {@link NumberFormatException}. Not thread-safe; one per parse.
 */
final class CodePointStream extends StreamReader {
    private final int[] data;
    private final int length;
    private int pointer;
    private int index;
    private int documentIndex;
    private int line;
    private int column;

    /** A character YAML does not allow, at a zero-based line and column (in code points). */
    static final class NonPrintable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int codePoint;
        final int line;
        final int column;

        NonPrintable(int codePoint, int line, int column) {
            super(String.format("character U+%04X is not allowed in YAML; remove it or write it as an escape"
                    + " (\\u%04X) inside a double-quoted string", codePoint, codePoint), null, false, false);
            this.codePoint = codePoint;
            this.line = line;
            this.column = column;
        }
    }

    /**
     * Converts the text.
     *
     * @throws NonPrintable at the first character YAML does not allow (including an unpaired surrogate)
     */
    CodePointStream(String text) {
        super(Reader.nullReader());
        int[] points = new int[text.length()];
        int count = 0;
        int atLine = 0;
        int atColumn = 0;
        for (int i = 0; i < text.length();) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            if (!isPrintable(c)) {
                throw new NonPrintable(c, atLine, atColumn);
            }
            points[count++] = c;
            if (Constant.LINEBR.has(c) || c == '\r' && i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                atLine++;
                atColumn = 0;
            } else if (c != 0xFEFF) {
                atColumn++;
            }
            i += width;
        }
        this.data = points;
        this.length = count;
    }

    @Override
    public Mark getMark() {
        return new Mark("'document'", index, line, column, data, Math.min(pointer, length));
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int count) {
        for (int i = 0; i < count && pointer < length; i++) {
            int c = data[pointer++];
            index++;
            documentIndex++;
            if (Constant.LINEBR.has(c) || c == '\r' && pointer < length && data[pointer] != '\n') {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return pointer < length ? data[pointer] : '\0';
    }

    @Override
    public int peek(int offset) {
        int at = pointer + offset;
        return at >= 0 && at < length ? data[at] : '\0';
    }

    @Override
    public String prefix(int count) {
        if (count <= 0) {
            return "";
        }
        int available = Math.max(0, Math.min(count, length - pointer));
        StringBuilder text = new StringBuilder(count);
        if (available > 0) {
            text.append(new String(data, pointer, available));
        }
        for (int i = available; i < count; i++) {
            text.append('\0');
        }
        return text.toString();
    }

    @Override
    public String prefixForward(int count) {
        int available = Math.max(0, Math.min(count, length - pointer));
        String prefix = available <= 0 ? "" : new String(data, pointer, available);
        pointer += count;
        index += count;
        documentIndex += count;
        column += count;
        return prefix;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return index;
    }

    @Override
    public int getLine() {
        return line;
    }
}
