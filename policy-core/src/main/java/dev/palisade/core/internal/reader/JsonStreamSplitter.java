package dev.palisade.core.internal.reader;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Splits JSON text into its top-level values while reading it (a file usually holds one; a stream
 * such as {@code kubectl get -o json} output may hold several), tracking strings and nesting only,
 * so that each value is parsed on its own and only the current one is held, up to the
 * document-size limit. Syntax is left to the JSON parser: whatever is not whitespace between
 * values becomes a value of its own, and the parser reports it. Not thread-safe.
 */
final class JsonStreamSplitter {
    private static final int BETWEEN = 0;
    private static final int CONTAINER = 1;
    private static final int STRING = 2;
    private static final int SCALAR = 3;

    private final long maxDocumentBytes;
    private final ArrayDeque<InputDecoder.Malformed> malformed;
    private final YamlStreamSplitter.Sink sink;

    private int mode = BETWEEN;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private long offset;
    private int line = 1;
    private long lineStart;
    private boolean pendingCr;

    private final StringBuilder text = new StringBuilder();
    private long textBytes;
    private boolean tooLarge;
    private long docStart;
    private int docLine;
    private int docColumn;
    private DocumentText.InvalidBytes invalidBytes;
    private int emitted;

    JsonStreamSplitter(long maxDocumentBytes, ArrayDeque<InputDecoder.Malformed> malformed, YamlStreamSplitter.Sink sink) {
        this.maxDocumentBytes = maxDocumentBytes;
        this.malformed = malformed == null ? new ArrayDeque<>() : malformed;
        this.sink = sink;
    }

    void split(CharSource source) throws IOException {
        char[] buffer = new char[8192];
        int n;
        while ((n = source.read(buffer, 0, buffer.length)) >= 0) {
            for (int i = 0; i < n; i++) {
                accept(buffer[i]);
            }
        }
        if (mode != BETWEEN) {
            emit();
        }
    }

    private void accept(char c) {
        if (pendingCr && c != '\n') {
            line++;
            lineStart = offset;
        }
        pendingCr = false;
        if (!malformed.isEmpty() && malformed.peek().charOffset() == offset) {
            InputDecoder.Malformed bad = malformed.poll();
            if (invalidBytes == null) {
                invalidBytes = new DocumentText.InvalidBytes(line, (int) (offset - lineStart) + 1, bad.description());
            }
        }
        if (mode == SCALAR && (isWhitespace(c) || "{}[],:\"".indexOf(c) >= 0)) {
            emit();
        }
        if (mode == BETWEEN && !isWhitespace(c)) {
            docStart = offset;
            docLine = line;
            docColumn = (int) (offset - lineStart) + 1;
            if (c == '{' || c == '[') {
                mode = CONTAINER;
                depth = 0;
                inString = false;
                escaped = false;
            } else if (c == '"') {
                mode = STRING;
                escaped = false;
            } else {
                mode = SCALAR;
            }
            if (mode != CONTAINER) {
                append(c);
                advance(c);
                return;
            }
        }
        if (mode != BETWEEN) {
            append(c);
        }
        advance(c);
        if (mode == CONTAINER) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                emit();
            }
        } else if (mode == STRING) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                emit();
            }
        }
    }

    private void advance(char c) {
        offset++;
        if (c == '\n') {
            line++;
            lineStart = offset;
        } else if (c == '\r') {
            pendingCr = true;
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private void append(char c) {
        if (tooLarge) {
            return;
        }
        textBytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        if (textBytes > maxDocumentBytes) {
            tooLarge = true;
            text.setLength(0);
            text.trimToSize();
            return;
        }
        text.append(c);
    }

    private void emit() {
        String value = tooLarge ? null : " ".repeat(docColumn - 1) + text;
        sink.document(new DocumentText(emitted++, docLine, docColumn, docStart, offset, value, tooLarge, invalidBytes,
                false, false));
        mode = BETWEEN;
        text.setLength(0);
        if (text.capacity() > 64 * 1024) {
            text.trimToSize();
        }
        textBytes = 0;
        tooLarge = false;
        invalidBytes = null;
    }
}
