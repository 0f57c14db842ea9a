package dev.palisade.core.internal.reader;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Splits a YAML stream into documents while reading it, at the markers {@code ---} and {@code ...}
 * written at column 0 (YAML forbids both at the start of a line inside any scalar, so a marker
 * there always separates documents, even inside a block scalar). Comments, blank lines and
 * directives before a {@code ---} belong to the document that follows. Slices without content are
 * dropped; the rest are numbered in order. Only the current document's text is held, and only up
 * to the document-size limit: past it the text is dropped and the document is marked too large, so
 * memory stays bounded by the limit whatever the size of the stream. Lines are counted as YAML
 * (and SnakeYAML) count them: LF, CR, CRLF, NEL, LS and PS. Not thread-safe.
 */
final class YamlStreamSplitter {
    private static final int UNDECIDED = 0;
    private static final int BLANK = 1;
    private static final int CONTENT = 2;

    /** Receives each document as soon as it is complete. */
    interface Sink {
        void document(DocumentText document);
    }

    private final long maxDocumentBytes;
    private final ArrayDeque<InputDecoder.Malformed> malformed;
    private final Sink sink;

    private long offset;
    private int line = 1;
    private long lineStart;
    private final char[] head = new char[4];
    private int headLength;
    private boolean decided;
    private boolean markerLine;
    private int lineState = UNDECIDED;
    private boolean pendingCr;
    private boolean closeAtLineEnd;
    private char previous;
    private boolean templateMarkup;
    private boolean docTemplateMarkup;
    /** Whether the document's text holds a character the YAML fast path does not read (runs never do). */
    private boolean docOddCharacters;
    private boolean inDoubleQuotes;
    private boolean inSingleQuotes;
    private boolean inComment;

    private final StringBuilder text = new StringBuilder();
    /** Tests: take every character through {@link #accept}, the reference the runs are compared with. */
    boolean charByChar;
    private long textBytes;
    private boolean tooLarge;
    private long docStart;
    private int docLine = 1;
    private boolean hasContent;
    private DocumentText.InvalidBytes invalidBytes;
    private int emitted;

    YamlStreamSplitter(long maxDocumentBytes, ArrayDeque<InputDecoder.Malformed> malformed, Sink sink) {
        this.maxDocumentBytes = maxDocumentBytes;
        this.malformed = malformed == null ? new ArrayDeque<>() : malformed;
        this.sink = sink;
    }

    /** The whole input, when it is text already in memory: documents are then cut from it, not copied a character at a time. */
    private String whole;

    /**
     * Splits text already in memory: the same documents as {@link #split} over the text, each cut
     * from it with one copy, with a buffer no larger than the text.
     */
    void splitText(String text) throws IOException {
        whole = text;
        split(CharSource.of(text), Math.max(16, Math.min(8192, text.length())));
    }

    /** Whether to stop once a document has been emitted ({@link #splitOne}). */
    private boolean stopAfterDocument;
    private boolean stopped;
    /** Whether the input's end has been reached ({@link #finish}). */
    private boolean ended;

    /**
     * Splits text already in memory from the start of a document — its character offset
     * {@code from}, one-based line {@code atLine} and index {@code index}, where a split of the whole
     * text would start it — up to the end of the first document it emits; {@link #nextStart},
     * {@link #nextLine} and {@link #nextIndex} then tell where the following document starts.
     *
     * @return whether a document was emitted before the text's end (more may follow)
     */
    boolean splitOne(String text, int from, int atLine, int index) {
        whole = text;
        offset = from;
        lineStart = from;
        line = atLine;
        docStart = from;
        docLine = atLine;
        emitted = index;
        stopAfterDocument = true;
        try {
            split(CharSource.of(text, from), Math.max(16, Math.min(8192, text.length() - from)));
        } catch (IOException e) {
            throw new IllegalStateException("reading text in memory cannot fail", e);
        }
        return stopped && !ended;
    }

    /** After {@link #splitOne}: the offset at which the next document starts. */
    int nextStart() {
        return (int) docStart;
    }

    /** After {@link #splitOne}: the one-based line on which the next document starts. */
    int nextLine() {
        return docLine;
    }

    /** After {@link #splitOne}: the index of the next document. */
    int nextIndex() {
        return emitted;
    }

    /** Whether the stream holds <code>{{</code> outside quotes and comments, as Go templates (Helm) do. */
    boolean templateMarkup() {
        return templateMarkup;
    }

    /** Reads the whole source, emitting each document in order. */
    void split(CharSource source) throws IOException {
        split(source, 8192);
    }

    private void split(CharSource source, int bufferSize) throws IOException {
        char[] buffer = new char[bufferSize];
        int n;
        while ((n = source.read(buffer, 0, buffer.length)) >= 0) {
            int i = 0;
            while (i < n) {
                if (!decided && headLength == 0 && !pendingCr && !charByChar && buffer[i] != '-' && buffer[i] != '.') {
                    // A line that does not start with '-' or '.' is no document marker: nothing to hold back.
                    decided = true;
                }
                if (decided && !pendingCr && !charByChar) {
                    int end = ordinaryRun(buffer, i, n, lineState == UNDECIDED);
                    if (end > i) {
                        acceptRun(buffer, i, end);
                        i = end;
                        continue;
                    }
                }
                accept(buffer[i++]);
                if (stopped) {
                    return;
                }
            }
        }
        finish();
    }

    /**
     * The end of the run of characters from {@code start} that change nothing but the text and the
     * offset once a line's start is decided: printable ASCII other than quotes, braces and
     * {@code #} — only spaces while the line's indentation is read ({@code spacesOnly}) — and no
     * invalid bytes among them. Such a run is taken whole ({@link #acceptRun}), exactly as
     * {@link #accept} would take it a character at a time.
     */
    private int ordinaryRun(char[] buffer, int start, int end, boolean spacesOnly) {
        long limit = end;
        if (!malformed.isEmpty()) {
            limit = Math.min(limit, start + (malformed.peek().charOffset() - offset));
        }
        int i = start;
        if (spacesOnly) {
            while (i < limit && buffer[i] == ' ') {
                i++;
            }
            return i;
        }
        while (i < limit) {
            char c = buffer[i];
            if (c >= 0x80 || !ORDINARY[c]) {
                break;
            }
            i++;
        }
        return i;
    }

    /** The characters {@link #ordinaryRun} may take whole: printable ASCII but quotes, braces and {@code #}. */
    private static final boolean[] ORDINARY = new boolean[0x80];

    static {
        for (char c = 0x20; c < 0x7F; c++) {
            ORDINARY[c] = c != '{' && c != '"' && c != '\'' && c != '#';
        }
    }

    private void acceptRun(char[] buffer, int start, int end) {
        int count = end - start;
        previous = buffer[end - 1];
        offset += count;
        if (fits(count) && whole == null) {
            text.append(buffer, start, count);
        }
    }

    private void accept(char c) {
        if (!inComment) {
            if (c == '{' && previous == '{' && !inDoubleQuotes && !inSingleQuotes) {
                templateMarkup = true;
                docTemplateMarkup = true;
            } else if (c == '"' && !inSingleQuotes && previous != '\\') {
                inDoubleQuotes = !inDoubleQuotes;
            } else if (c == '\'' && !inDoubleQuotes) {
                inSingleQuotes = !inSingleQuotes;
            } else if (c == '#' && !inDoubleQuotes && !inSingleQuotes
                    && (offset == lineStart || previous == ' ' || previous == '\t')) {
                inComment = true;
            }
        }
        previous = c;
        if (!malformed.isEmpty() && malformed.peek().charOffset() == offset) {
            InputDecoder.Malformed bad = malformed.poll();
            if (invalidBytes == null) {
                invalidBytes = new DocumentText.InvalidBytes(line, (int) (offset - lineStart) + 1, bad.description());
            }
        }
        if (pendingCr) {
            pendingCr = false;
            if (c == '\n') {
                append(c);
                offset++;
                endLine();
                return;
            }
            endLine();
        }
        if (isBreak(c)) {
            if (!decided) {
                decide(true);
            }
            append(c);
            offset++;
            if (c == '\r') {
                pendingCr = true;
            } else {
                endLine();
            }
            return;
        }
        if (lineState == UNDECIDED) {
            if (c == '#' || c == '%' && offset == lineStart) {
                lineState = BLANK;
            } else if (c != ' ' && c != '\t' && c != '\uFEFF') {
                lineState = CONTENT;
            }
        }
        offset++;
        if (decided) {
            append(c);
            return;
        }
        head[headLength++] = c;
        if (headLength == head.length) {
            decide(false);
        }
    }

    /** Decides from the first characters of a line whether it is a document marker. */
    private void decide(boolean lineEnded) {
        decided = true;
        if (isMarker('-', lineEnded)) {
            markerLine = true;
            if (hasContent) {
                emit(lineStart);
                start(lineStart, line);
            }
            hasContent = true;
        } else if (isMarker('.', lineEnded)) {
            markerLine = true;
            closeAtLineEnd = true;
        }
        for (int i = 0; i < headLength; i++) {
            append(head[i]);
        }
    }

    private boolean isMarker(char c, boolean lineEnded) {
        if (headLength < 3 || head[0] != c || head[1] != c || head[2] != c) {
            return false;
        }
        return headLength == 3 ? lineEnded : head[3] == ' ' || head[3] == '\t';
    }

    private void endLine() {
        if (!markerLine && lineState == CONTENT) {
            hasContent = true;
        }
        line++;
        lineStart = offset;
        if (closeAtLineEnd) {
            closeAtLineEnd = false;
            if (hasContent) {
                emit(offset);
            } else {
                discard();
            }
            start(offset, line);
        }
        headLength = 0;
        decided = false;
        markerLine = false;
        lineState = UNDECIDED;
        inDoubleQuotes = false;
        inSingleQuotes = false;
        inComment = false;
    }

    private void finish() {
        ended = true;
        if (pendingCr) {
            pendingCr = false;
            endLine();
        } else if (!decided && headLength > 0) {
            decide(true);
            endLine();
        } else if (decided) {
            endLine();
        }
        if (hasContent) {
            emit(offset);
        } else {
            discard();
        }
    }

    private void append(char c) {
        if (!FastYamlParser.readsCharacter(c)) {
            docOddCharacters = true;
        }
        if (fits(c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3) && whole == null) {
            text.append(c);
        }
    }

    /**
     * Counts {@code bytes} more of the document's text (UTF-8); false once the document is over the
     * size limit, its text then dropped.
     */
    private boolean fits(int bytes) {
        if (tooLarge) {
            return false;
        }
        textBytes += bytes;
        if (textBytes > maxDocumentBytes) {
            tooLarge = true;
            text.setLength(0);
            text.trimToSize();
            return false;
        }
        return true;
    }

    private void emit(long end) {
        String documentText = tooLarge ? null : whole != null ? whole.substring((int) docStart, (int) end)
                : text.toString();
        sink.document(new DocumentText(emitted++, docLine, 1, docStart, end, documentText, tooLarge,
                invalidBytes, docTemplateMarkup, !docOddCharacters));
        stopped = stopAfterDocument;
    }

    /** A slice without content: dropped, unless it holds invalid bytes, which are still reported. */
    private void discard() {
        if (invalidBytes != null) {
            sink.document(new DocumentText(emitted++, docLine, 1, docStart, offset, null, false, invalidBytes,
                    docTemplateMarkup, false));
        }
    }

    private void start(long at, int atLine) {
        docStart = at;
        docLine = atLine;
        text.setLength(0);
        if (text.capacity() > 64 * 1024) {
            text.trimToSize();
        }
        textBytes = 0;
        tooLarge = false;
        hasContent = false;
        invalidBytes = null;
        docTemplateMarkup = false;
        docOddCharacters = false;
    }

    /** Line breaks as YAML 1.1 (and SnakeYAML's line counting) knows them. */
    static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
