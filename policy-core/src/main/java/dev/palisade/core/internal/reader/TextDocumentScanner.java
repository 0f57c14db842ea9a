package dev.palisade.core.internal.reader;

/**
 * Finds the documents of YAML text already in memory exactly where {@link YamlStreamSplitter} cuts
 * them — at {@code ---} and {@code ...} written at column 0, the same slices dropped, the same
 * indices and first lines — in one tight pass over the text's characters, for as long as the text is
 * made of characters the fast path reads ({@link FastYamlParser#readsCharacter}: no tab, no line
 * break but LF, no byte-order mark), where the splitter's rules reduce to a few checks per line. It
 * gives up ({@link #next} returns {@link #GIVE_UP}) at the start of a document holding any other
 * character or larger than the size limit, so that the splitter, restarted there, cuts that
 * document. The characters are the scanner's own array ({@link #chars}), two characters longer than
 * the text; the fast path parses documents straight from it. Not thread-safe.
 */
final class TextDocumentScanner {
    /** {@link #next}: the text has no more documents. */
    static final int END = -1;
    /** {@link #next}: the document from {@link #start} is left to the splitter. */
    static final int GIVE_UP = -2;

    private final String text;
    private final char[] chars;
    private final int length;
    private final long maxDocumentBytes;

    /** Where the next line to scan starts. */
    private int pos;
    /** The one-based line of {@link #pos}. */
    private int line;
    private int docStart;
    private int docLine;
    private int docIndex;
    private boolean hasContent;

    /** A scanner over {@code text}, starting at its first document. */
    TextDocumentScanner(String text, long maxDocumentBytes) {
        this.text = text;
        this.length = text.length();
        this.chars = new char[length + 2];
        text.getChars(0, length, chars, 0);
        this.maxDocumentBytes = maxDocumentBytes;
        restart(0, 1, 0);
    }

    /**
     * Continues at a document's start as the splitter left it: its character offset, one-based line
     * and index.
     */
    void restart(int offset, int atLine, int index) {
        pos = offset;
        line = atLine;
        docStart = offset;
        docLine = atLine;
        docIndex = index;
        hasContent = false;
    }

    /** The text's characters followed by two {@code '\0'}. */
    char[] chars() {
        return chars;
    }

    /** The start of the document {@link #next} found, or that it gave up at. */
    int start() {
        return docStart;
    }

    /** The one-based line on which that document starts. */
    int firstLine() {
        return docLine;
    }

    /** That document's index in the stream. */
    int index() {
        return docIndex;
    }

    /**
     * The end (exclusive) of the next document, which starts at {@link #start}; {@link #END} when
     * the text holds no more documents, {@link #GIVE_UP} when the splitter must cut the next one.
     * After a document is handled, {@link #advance} moves past it.
     */
    int next() {
        char[] a = chars;
        int n = length;
        while (true) {
            int ls = pos;
            if (ls >= n) {
                return hasContent ? documentEnd(n) : END;
            }
            char c0 = a[ls];
            boolean dashes = false;
            boolean dots = false;
            if ((c0 == '-' || c0 == '.') && ls + 2 < n && a[ls + 1] == c0 && a[ls + 2] == c0) {
                char after = a[ls + 3];
                if (ls + 3 == n || after == ' ' || after == '\n') {
                    dashes = c0 == '-';
                    dots = c0 == '.';
                }
            }
            if (dashes) {
                if (hasContent) {
                    return documentEnd(ls);
                }
                hasContent = true;
            }
            // The line's characters: each must be one the fast path reads; is the line content?
            int i = ls;
            while (i < n && a[i] == ' ') {
                i++;
            }
            boolean content = i < n && a[i] != '\n' && a[i] != '#' && !(a[i] == '%' && i == ls);
            while (i < n) {
                char c = a[i];
                if (c >= 0x20 && c < 0x7F) {
                    i++;
                } else if (c == '\n') {
                    break;
                } else if (c >= 0xA0 && FastYamlParser.readsCharacter(c)) {
                    i++;
                } else {
                    return GIVE_UP;
                }
            }
            if (content && !dashes && !dots) {
                hasContent = true;
            }
            pos = i < n ? i + 1 : n;
            line++;
            if (dots) {
                if (hasContent) {
                    return documentEnd(pos);
                }
                // A slice without content, dropped.
                docStart = pos;
                docLine = line;
            }
        }
    }

    private int documentEnd(int end) {
        if ((long) (end - docStart) * 3 > maxDocumentBytes
                && DocumentParser.utf8Length(text, docStart, end, maxDocumentBytes) > maxDocumentBytes) {
            return GIVE_UP;
        }
        return end;
    }

    /**
     * Moves past the document {@link #next} returned, which ends at {@code end}: the next document
     * starts there (at a {@code ---} line not scanned yet, or after a {@code ...} line or the text's
     * end, as the splitter starts one).
     */
    void advance(int end) {
        docIndex++;
        docStart = end;
        docLine = line;
        hasContent = false;
    }
}
