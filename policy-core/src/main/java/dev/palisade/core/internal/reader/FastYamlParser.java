package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.palisade.core.ReaderLimits;
import java.util.Arrays;
import java.util.Optional;

/**
 * A fast path for the YAML that Kubernetes manifests use, reading one document's characters straight
 * into the Jackson tree, the pre-order positions and the {@code items} starts that the SnakeYAML path
 * ({@link YamlTreeBuilder}) builds, with the same YAML 1.1 scalar resolution ({@link ScalarResolver})
 * and shared keys ({@link Keys}).
 *
 * <p>Handled: block mappings and sequences (compact {@code - key: v} items, sequences at their key's
 * indentation), plain scalars on one line, single- and double-quoted scalars on one line (every
 * escape SnakeYAML knows), literal and folded block scalars with chomping indicators, flow sequences
 * and mappings on one line, comments, a leading {@code ---} and a closing {@code ...}. Everything else
 * is declined — {@link #parse} returns {@code null} and the caller reads the document with SnakeYAML —
 * so the fast path never has to reproduce an error: anchors, aliases, merge keys, tags, {@code ?} keys,
 * directives, tabs, carriage returns, characters outside the BMP or that YAML does not allow, scalars
 * over several lines, block scalars with an indentation indicator, a key written twice, nesting at
 * the depth limit, and anything this parser does not recognise. One instance reads one document; not
 * thread-safe.
 *
 * <p>For a stream already in memory, {@link #parseNext} reads a document straight from the stream's
 * characters and finds where it ends in the same pass, checking each character as it goes, so the
 * stream is not split beforehand and no document is copied.
 */
final class FastYamlParser {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Recursion stays far from the thread's stack whatever the configured depth limit. */
    private static final int MAX_RECURSION = 256;
    /** SnakeYAML's simple keys are at most 1,024 characters; longer ones are left to it. */
    private static final int MAX_KEY = 1000;
    private static final int KEY_SLOTS = 4096;
    private static final int KEY_LENGTH = 64;
    /** Plain keys whose text is their key, by a hash of their characters (see {@link #plainKey}). */
    private static final CachedKey[] KEY_CACHE = new CachedKey[KEY_SLOTS];

    /** Thrown to give the document to SnakeYAML; carries no stack trace. */
    private static final class Decline extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Decline INSTANCE = new Decline();

        private Decline() {
            super("declined", null, false, false);
        }
    }

    private final char[] buf;
    private final int length;
    private final int maxDepth;
    private int pos;
    private int line;
    private int lineStart;
    /** Column of the content {@link #skipToContent} stopped at, -1 at the end of the document. */
    private int nextCol;
    /** Whether the document's leading {@code ---} (if any) has been passed: a later one is declined. */
    private boolean started;
    /**
     * Whether the text is a whole stream ({@link #parseNext}): a later {@code ---} at column 0 then
     * ends the document, and so does the end of a {@code ...} line.
     */
    private boolean stream;
    /** In a stream: where the document ended. */
    private int end;
    /** In a stream: whether the document holds content or a {@code ---} (the splitter gives it an index). */
    private boolean counted;

    private long[] marks = new long[64];
    private int markCount;
    private ItemStarts items;
    /** The own start of the node parsed last (not its key's), zero-based. */
    private int startLine;
    private int startCol;
    private StringBuilder scratch;

    /**
     * The entries of the block mappings being read, innermost last: a mapping's keys and values are
     * collected here and become one exactly sized {@link CompactMap} when it ends.
     */
    private String[] entryKeys = new String[32];
    private JsonNode[] entryValues = new JsonNode[32];
    private int entryCount;

    private FastYamlParser(String text, ReaderLimits limits) {
        this.length = text.length();
        this.buf = new char[length + 2];
        text.getChars(0, length, buf, 0);
        this.maxDepth = Math.min(limits.maxDepth(), MAX_RECURSION);
    }

    /** A parser of a stream's characters {@code buf[0, end)} from {@code start} (see {@link #parseNext}). */
    private FastYamlParser(char[] buf, int start, int end, ReaderLimits limits) {
        this.buf = buf;
        this.length = end;
        this.pos = start;
        this.lineStart = start;
        this.maxDepth = Math.min(limits.maxDepth(), MAX_RECURSION);
    }

    /**
     * One document of a stream read in place ({@link #parseNext}): its tree, where it ends (the next
     * one starts there), how many lines it spans, and whether the splitter would emit it — it holds
     * content or a {@code ---} marker — and so give it an index.
     */
    record Next(BuiltTree tree, int end, int lines, boolean counted) {
    }

    /**
     * The document of a YAML stream in memory that starts at {@code start} — where
     * {@link YamlStreamSplitter} would start it — read straight from the stream's characters
     * {@code chars[0, length)} (followed by two {@code '\0'}), in the one pass that also finds where
     * it ends, exactly where the splitter would cut it: before a {@code ---} line at column 0, after a
     * {@code ...} line, or at the end. Every character is checked on the way (as
     * {@link #readsCharacter}). Lines count from the document's start. {@code null} when the fast path
     * declines the document (the caller has the splitter cut it).
     */
    static Next parseNext(char[] chars, int start, int length, ReaderLimits limits) {
        FastYamlParser parser = new FastYamlParser(chars, start, length, limits);
        parser.stream = true;
        try {
            BuiltTree tree = parser.document();
            return new Next(tree, parser.end, parser.line, parser.counted);
        } catch (Decline decline) {
            return null;
        }
    }

    /**
     * The tree of one document as the SnakeYAML path builds it, or {@code null} when the document uses
     * something outside the fast path's subset (the caller then reads it with SnakeYAML).
     */
    static BuiltTree parse(String text, ReaderLimits limits) {
        return parse(text, limits, false);
    }

    /**
     * {@link #parse(String, ReaderLimits)}, where {@code charactersChecked} says that every character
     * is already known to be one the fast path reads ({@link #readsCharacter}), as the splitter
     * tells of each document.
     */
    static BuiltTree parse(String text, ReaderLimits limits, boolean charactersChecked) {
        FastYamlParser parser = new FastYamlParser(text, limits);
        if (!charactersChecked && !parser.allowed()) {
            return null;
        }
        try {
            return parser.document();
        } catch (Decline decline) {
            return null;
        }
    }

    /**
     * Whether every character is one the fast path reads: printable, in the Basic Multilingual Plane,
     * no tab, no line break but LF, no byte-order mark (columns then count characters).
     */
    private boolean allowed() {
        char[] text = buf;
        for (int i = 0, n = length; i < n; i++) {
            if (!readsCharacter(text[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the fast path reads a document holding this character: printable, in the Basic
     * Multilingual Plane, no tab, no line break but LF, no byte-order mark.
     */
    static boolean readsCharacter(char c) {
        if (c >= 0x20 && c < 0x7F || c == '\n') {
            return true;
        }
        return !(c < 0xA0 || c >= 0xD800 && c < 0xE000 || c >= 0xFFFE || c == 0xFEFF || c == 0x2028 || c == 0x2029);
    }

    private static RuntimeException decline() {
        return Decline.INSTANCE;
    }

    private BuiltTree document() {
        // Blank and comment lines, then an optional "---" line holding nothing else.
        skipToContent();
        started = true;
        counted = nextCol >= 0;
        if (nextCol == 0 && isMarker('-', pos)) {
            pos += 3;
            finishLine();
            skipToContent();
        }
        if (nextCol < 0) {
            return BuiltTree.EMPTY;
        }
        JsonNode root = node(-1, 0, -1L, false, false);
        int rootLine = startLine;
        int rootCol = startCol;
        if (nextCol >= 0) {
            throw decline();
        }
        if (root.isNull()) {
            return BuiltTree.EMPTY;
        }
        ItemStarts starts = items == null ? new ItemStarts() : items;
        return new BuiltTree(Optional.of(root), rootLine, rootCol, starts.lines(), starts.columns(),
                Optional.of(Arrays.copyOf(marks, markCount)));
    }

    // ---------------------------------------------------------------- positions and lines

    private int col() {
        return pos - lineStart;
    }

    private static boolean blankOrEnd(char c) {
        return c == ' ' || c == '\n' || c == '\0';
    }

    /** Whether a document marker ({@code ---} or {@code ...} followed by a blank) starts at {@code at}. */
    private boolean isMarker(char c, int at) {
        return buf[at] == c && buf[at + 1] == c && at + 2 < length && buf[at + 2] == c && blankOrEnd(buf[at + 3]);
    }

    private void newLine() {
        pos++;
        line++;
        lineStart = pos;
    }

    /**
     * Moves to the end of the line (its LF, or the end of the text), every character on the way
     * one the fast path reads.
     */
    private void toLineEnd() {
        char[] text = buf;
        int p = pos;
        while (true) {
            char c = text[p];
            if (c >= 0x20 && c < 0x7F || c >= 0xA0 && readsCharacter(c)) {
                p++;
            } else if (c == '\n' || c == '\0' && p >= length) {
                pos = p;
                return;
            } else {
                throw decline();
            }
        }
    }

    /** After a node on its line: spaces, an optional comment (after a space), then the line's end. */
    private void finishLine() {
        while (buf[pos] == ' ') {
            pos++;
        }
        char c = buf[pos];
        if (c == '#') {
            if (pos > lineStart && buf[pos - 1] != ' ') {
                throw decline();
            }
            toLineEnd();
            c = buf[pos];
        }
        if (c == '\n') {
            newLine();
        } else if (pos < length) {
            throw decline();
        }
    }

    /**
     * Skips spaces, comments and blank lines up to the next content, setting {@link #nextCol} (-1 at
     * the end of the document, or after a {@code ...} line followed only by blanks and comments).
     * Starts at the beginning of a line, or mid-line after spaces.
     */
    private void skipToContent() {
        while (true) {
            while (buf[pos] == ' ') {
                pos++;
            }
            char c = buf[pos];
            if (c == '\n') {
                newLine();
            } else if (c == '#') {
                toLineEnd();
            } else if (pos >= length) {
                end = length;
                nextCol = -1;
                return;
            } else {
                int column = col();
                if (column == 0 && isMarker('.', pos)) {
                    if (!started) {
                        throw decline();
                    }
                    pos += 3;
                    finishLine();
                    if (stream) {
                        // the splitter closes the document at the end of a "..." line
                        end = pos;
                        nextCol = -1;
                        return;
                    }
                    skipToContent();
                    if (nextCol >= 0) {
                        throw decline();
                    }
                    return;
                }
                if (column == 0 && isMarker('-', pos) && started) {
                    if (stream) {
                        // the next document starts with this line
                        end = pos;
                        nextCol = -1;
                        return;
                    }
                    throw decline();
                }
                if (c < 0x20 || c >= 0x7F && !readsCharacter(c)) {
                    throw decline();
                }
                nextCol = column;
                return;
            }
        }
    }

    /** Records the position of the node starting here: its key's when it is a mapping value. */
    private void mark(long keyMark) {
        addMark(keyMark >= 0 ? keyMark : Positions.pack(line, col()));
    }

    private void addMark(long packed) {
        if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, markCount * 2);
        }
        marks[markCount++] = packed;
    }

    // ---------------------------------------------------------------- block nodes

    /**
     * The node at the current content position. {@code indent} is the column of the innermost block
     * collection around it (SnakeYAML's scanner indentation, -1 at the top), {@code depth} the number
     * of collections around it, {@code keyMark} the packed position of its key when it is a mapping
     * value (-1 otherwise). Returns positioned at the next content ({@link #nextCol}).
     */
    private JsonNode node(int indent, int depth, long keyMark, boolean recordItems, boolean inlineValue) {
        char c = buf[pos];
        char next = buf[pos + 1];
        switch (c) {
            case '-':
                if (blankOrEnd(next)) {
                    if (inlineValue) {
                        throw decline();
                    }
                    return sequence(col(), depth, keyMark, false, recordItems);
                }
                break;
            case '[':
            case '{': {
                startLine = line;
                startCol = col();
                JsonNode flow = flow(depth, keyMark, recordItems);
                int after = pos;
                while (buf[after] == ' ') {
                    after++;
                }
                if (buf[after] == ':') {
                    throw decline();
                }
                finishLine();
                skipToContent();
                return flow;
            }
            case '|':
            case '>':
                return blockScalar(indent, keyMark);
            case '"':
            case '\'': {
                int start = pos;
                int startLineHere = line;
                int startColHere = col();
                int linesBefore = line;
                String value = c == '"' ? doubleQuoted(true) : singleQuoted(true);
                boolean multiLine = line != linesBefore;
                int after = pos;
                while (buf[after] == ' ') {
                    after++;
                }
                if (buf[after] == ':' && blankOrEnd(buf[after + 1])) {
                    if (inlineValue || multiLine) {
                        throw decline();
                    }
                    line = startLineHere;
                    lineStart = start - startColHere;
                    pos = start;
                    return mapping(startColHere, depth, keyMark);
                }
                startLine = startLineHere;
                startCol = startColHere;
                addMark(keyMark >= 0 ? keyMark : Positions.pack(startLineHere, startColHere));
                finishLine();
                skipToContent();
                return TextNode.valueOf(value);
            }
            default:
                break;
        }
        if (!plainStart(c, next)) {
            throw decline();
        }
        int start = pos;
        int startLineHere = line;
        int startColHere = col();
        int end = plainEnd(start, false);
        int after = end;
        while (buf[after] == ' ') {
            after++;
        }
        if (buf[after] == ':' && blankOrEnd(buf[after + 1])) {
            if (inlineValue) {
                throw decline();
            }
            return mapping(startColHere, depth, keyMark);
        }
        // A plain scalar, folded over the lines below that are indented more than its collection.
        startLine = startLineHere;
        startCol = startColHere;
        mark(keyMark);
        String value = plainScalar(start, end, indent + 1);
        finishLine();
        skipToContent();
        if (nextCol >= 0 && nextCol > indent && buf[pos] != '#') {
            // SnakeYAML would fold the next line into this scalar (or fail); leave it to SnakeYAML.
            throw decline();
        }
        return ScalarResolver.resolve(value, true, null);
    }

    /**
     * A plain scalar in block context whose first line ends at {@code firstEnd}, continued on the
     * following lines as SnakeYAML continues it: a line whose content starts at column
     * {@code threshold} or more and is not a comment goes on with the scalar, joined by a space, or
     * by one line feed per blank line between; a document marker, a comment line or a less indented
     * line ends it. Leaves the position after the scalar's last character.
     */
    private String plainScalar(int start, int firstEnd, int threshold) {
        int end = firstEnd;
        boolean folding = false;
        int endLine = line;
        int endLineStart = lineStart;
        int q = firstEnd;
        int scanLine = line;
        int scanLineStart = lineStart;
        while (true) {
            int r = q;
            while (buf[r] == ' ') {
                r++;
            }
            int breaks;
            if (buf[r] == '\n') {
                // The scalar may go on below.
                breaks = 0;
                r++;
                scanLine++;
                scanLineStart = r;
                boolean marker = false;
                while (true) {
                    if (startsMarker(r)) {
                        marker = true;
                        break;
                    }
                    while (buf[r] == ' ') {
                        r++;
                    }
                    if (buf[r] != '\n') {
                        break;
                    }
                    breaks++;
                    r++;
                    scanLine++;
                    scanLineStart = r;
                }
                if (marker || r >= length || buf[r] == '#' || r - scanLineStart < threshold) {
                    break;
                }
            } else {
                if (r == q || r >= length || buf[r] == '#') {
                    break;
                }
                breaks = -1;
            }
            int chunk = wordEnd(r, false);
            if (chunk == r) {
                break;
            }
            if (!folding) {
                folding = true;
                foldedLength = 0;
                fold(start, end - start);
            }
            if (breaks < 0) {
                fold(q, r - q);
            } else if (breaks == 0) {
                foldBreaks(' ', 1);
            } else {
                foldBreaks('\n', breaks);
            }
            fold(r, chunk - r);
            end = chunk;
            q = chunk;
            endLine = scanLine;
            endLineStart = scanLineStart;
        }
        pos = end;
        line = endLine;
        lineStart = endLineStart;
        return folding ? new String(folded, 0, foldedLength) : new String(buf, start, end - start);
    }

    /** The text of a plain scalar over several lines, as it is folded (copies, then one string made of them). */
    private char[] folded;
    private int foldedLength;

    private void fold(int from, int count) {
        ensureFolded(count);
        System.arraycopy(buf, from, folded, foldedLength, count);
        foldedLength += count;
    }

    private void foldBreaks(char c, int count) {
        ensureFolded(count);
        for (int i = 0; i < count; i++) {
            folded[foldedLength++] = c;
        }
    }

    private void ensureFolded(int more) {
        if (folded == null || foldedLength + more > folded.length) {
            folded = Arrays.copyOf(folded == null ? new char[0] : folded, Math.max(256, 2 * (foldedLength + more)));
        }
    }

    /** Whether a line starting at {@code at} starts with {@code ---}, or {@code ...} and a blank (SnakeYAML's test). */
    private boolean startsMarker(int at) {
        return buf[at] == '-' && buf[at + 1] == '-' && buf[at + 2] == '-'
                || buf[at] == '.' && buf[at + 1] == '.' && buf[at + 2] == '.' && blankOrEnd(buf[at + 3]);
    }

    /** Whether a plain scalar may start with {@code c} (followed by {@code next}) in block context. */
    private static boolean plainStart(char c, char next) {
        switch (c) {
            case '-':
                return !blankOrEnd(next);
            case '?': case ':': case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*':
            case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`': case ' ': case '\n':
            case '\0':
                return false;
            default:
                return true;
        }
    }

    /**
     * The end of a plain scalar starting at {@code start} on this line: words separated by spaces, up
     * to the line's end, a {@code ": "} or a {@code " #"}; in a flow collection ({@code flow}) also up
     * to a flow indicator, {@code ?} or a {@code :} before one, and a {@code " #"} is declined (a
     * comment inside a flow collection continues it on the next line).
     */
    private int plainEnd(int start, boolean flow) {
        int p = start;
        int end = start;
        while (true) {
            int q = wordEnd(p, flow);
            if (q == p) {
                return end;
            }
            end = q;
            int r = q;
            while (buf[r] == ' ') {
                r++;
            }
            if (r == q || buf[r] == '\n' || r >= length) {
                return end;
            }
            if (buf[r] == '#') {
                if (flow) {
                    throw decline();
                }
                return end;
            }
            p = r;
        }
    }

    /**
     * The end of one word of a plain scalar (see {@link #plainEnd}) starting at {@code q}: at a space,
     * the line's or the document's end ({@code '\0'} follows the document, and no character inside it
     * is one), a {@code :} before a blank, and in a flow collection at a flow indicator, {@code ?} or a
     * {@code :} before a flow indicator.
     */
    private int wordEnd(int q, boolean flow) {
        boolean[] word = flow ? FLOW_WORD : BLOCK_WORD;
        char[] text = buf;
        while (true) {
            char c = text[q];
            if (c < 0x80 ? word[c] : c >= 0xA0 && readsCharacter(c)) {
                q++;
            } else if (c == ':') {
                if (blankOrEnd(text[q + 1]) || flow && flowIndicator(text[q + 1])) {
                    return q;
                }
                q++;
            } else if (c == ' ' || c == '\n' || c == '\0' && q >= length || flow && (flowIndicator(c) || c == '?')) {
                return q;
            } else {
                // a character the fast path does not read (a tab, a control character, a lone surrogate ...)
                throw decline();
            }
        }
    }

    /** ASCII characters that go on with a word of a plain scalar in block context: printable ones but space and {@code :}. */
    private static final boolean[] BLOCK_WORD = new boolean[0x80];
    /** The same in a flow collection, also without the flow indicators and {@code ?}. */
    private static final boolean[] FLOW_WORD = new boolean[0x80];

    static {
        for (char c = 0x20; c < 0x7F; c++) {
            BLOCK_WORD[c] = c != ' ' && c != ':';
            FLOW_WORD[c] = BLOCK_WORD[c] && !flowIndicator(c) && c != '?';
        }
    }

    private void checkDepth(int depth) {
        if (depth >= maxDepth) {
            throw decline();
        }
    }

    /** A block mapping whose first key is at the current position, at column {@code column}. */
    private JsonNode mapping(int column, int depth, long keyMark) {
        checkDepth(depth);
        int base = entryCount;
        int ownLine = line;
        mark(keyMark);
        while (true) {
            // The key, on one line, then ':' and a blank.
            long keyAt = Positions.pack(line, col());
            String key;
            char c = buf[pos];
            if (c == '"' || c == '\'') {
                key = Keys.share(c == '"' ? doubleQuoted(false) : singleQuoted(false));
            } else {
                if (!plainStart(c, buf[pos + 1])) {
                    throw decline();
                }
                int start = pos;
                int end = plainEnd(start, false);
                if (end - start == 2 && buf[start] == '<' && buf[start + 1] == '<') {
                    throw decline();
                }
                key = plainKey(start, end);
                pos = end;
            }
            if (pos - lineStart - Positions.column(keyAt) > MAX_KEY) {
                throw decline();
            }
            while (buf[pos] == ' ') {
                pos++;
            }
            if (buf[pos] != ':' || !blankOrEnd(buf[pos + 1])) {
                throw decline();
            }
            pos++;
            int entry = addEntry(base, key);
            while (buf[pos] == ' ') {
                pos++;
            }
            boolean items = depth == 0 && key.equals("items");
            JsonNode value;
            char v = buf[pos];
            if (v == '#' || v == '\n' || pos >= length) {
                finishLine();
                skipToContent();
                if (nextCol > column) {
                    value = node(column, depth + 1, keyAt, items, false);
                } else if (nextCol == column && buf[pos] == '-' && blankOrEnd(buf[pos + 1])) {
                    value = sequence(column, depth + 1, keyAt, true, items);
                } else {
                    mark(keyAt);
                    value = NullNode.instance;
                }
            } else {
                // On the key's line: a scalar or a flow collection ("a: b: c" and "a: - b" are declined).
                value = node(column, depth + 1, keyAt, items, true);
            }
            entryValues[entry] = value;
            if (nextCol == column) {
                continue;
            }
            if (nextCol < column) {
                startLine = ownLine;
                startCol = column;
                int size = entryCount - base;
                CompactMap children = new CompactMap(Arrays.copyOfRange(entryKeys, base, entryCount),
                        Arrays.copyOfRange(entryValues, base, entryCount), size);
                entryCount = base;
                return new ObjectNode(NODES, children);
            }
            throw decline();
        }
    }

    /**
     * Adds a key to the mapping whose entries start at {@code base}; returns where its value goes. A
     * key written twice is declined (SnakeYAML's error). Keys are shared ({@link Keys#share}), so the
     * same key is nearly always the same string.
     */
    private int addEntry(int base, String key) {
        String[] keys = entryKeys;
        int hash = key.hashCode();
        for (int i = base, n = entryCount; i < n; i++) {
            String other = keys[i];
            if (other == key || other.hashCode() == hash && other.equals(key)) {
                throw decline();
            }
        }
        if (entryCount == keys.length) {
            entryKeys = Arrays.copyOf(keys, entryCount * 2);
            entryValues = Arrays.copyOf(entryValues, entryCount * 2);
        }
        entryKeys[entryCount] = key;
        return entryCount++;
    }

    /**
     * A block sequence whose first {@code -} is at the current position, at column {@code column};
     * {@code indentless}: written at its key's column, so a key at that column ends it.
     */
    private JsonNode sequence(int column, int depth, long keyMark, boolean indentless, boolean recordItems) {
        checkDepth(depth);
        ArrayNode array = NODES.arrayNode();
        int ownLine = line;
        mark(keyMark);
        ItemStarts starts = null;
        if (recordItems) {
            starts = new ItemStarts();
            items = starts;
        }
        while (true) {
            int dashLine = line;
            int dashCol = col();
            pos++;
            while (buf[pos] == ' ') {
                pos++;
            }
            char c = buf[pos];
            JsonNode item;
            if (c == '#' || c == '\n' || pos >= length) {
                finishLine();
                skipToContent();
                if (nextCol > column) {
                    item = node(column, depth + 1, -1L, false, false);
                } else {
                    item = NullNode.instance;
                    startLine = dashLine;
                    startCol = dashCol + 1;
                    addMark(Positions.pack(dashLine, dashCol + 1));
                }
            } else {
                item = node(column, depth + 1, -1L, false, false);
            }
            array.add(item);
            if (starts != null) {
                starts.add(startLine, startCol);
            }
            if (nextCol == column && buf[pos] == '-' && blankOrEnd(buf[pos + 1])) {
                continue;
            }
            if (nextCol < column || indentless && nextCol == column) {
                startLine = ownLine;
                startCol = column;
                return array;
            }
            throw decline();
        }
    }

    // ---------------------------------------------------------------- scalars

    /**
     * The key a plain key written at {@code [start, end)} resolves to, shared ({@link Keys#share}).
     * Keys that are their own text (nearly all) are remembered by their characters in a small
     * process-wide table, so that a key met before costs no new string and no lookup by string. The
     * table holds immutable strings only and is bounded; a slot overwritten by another thread only
     * costs a miss.
     */
    private String plainKey(int start, int end) {
        int n = end - start;
        if (n > KEY_LENGTH) {
            return Keys.share(ScalarResolver.keyText(new String(buf, start, n), true, null));
        }
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + buf[i];
        }
        int slot = (hash ^ hash >>> 12) & (KEY_SLOTS - 1);
        CachedKey cached = KEY_CACHE[slot];
        if (cached != null && cached.chars.length == n && sameChars(cached.chars, start)) {
            return cached.key;
        }
        String raw = new String(buf, start, n);
        String key = Keys.share(ScalarResolver.keyText(raw, true, null));
        if (key.equals(raw)) {
            KEY_CACHE[slot] = new CachedKey(raw.toCharArray(), key);
        }
        return key;
    }

    /** Whether {@code chars} are written at {@code start} (keys are short: a loop beats a call). */
    private boolean sameChars(char[] chars, int start) {
        char[] text = buf;
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] != text[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** A remembered plain key: its characters and its shared string (immutable, so safely shared). */
    private record CachedKey(char[] chars, String key) {
    }

    private StringBuilder scratch() {
        if (scratch == null) {
            scratch = new StringBuilder(64);
        }
        scratch.setLength(0);
        return scratch;
    }

    private String singleQuoted(boolean multiLine) {
        return quoted('\'', multiLine);
    }

    private String doubleQuoted(boolean multiLine) {
        return quoted('"', multiLine);
    }

    /**
     * A single- or double-quoted scalar ({@code quote}), over several lines only when
     * {@code multiLine} (folded as SnakeYAML folds it, escaped line breaks included); leaves the
     * position after the closing quote. A string is built only when the text needs folding or
     * unescaping; otherwise the scalar is one copy of its characters.
     */
    private String quoted(char quote, boolean multiLine) {
        boolean single = quote == '\'';
        int start = pos + 1;
        int p = start;
        StringBuilder text = null;
        int run = start;
        while (true) {
            char c = buf[p];
            if (c == quote) {
                if (!single || buf[p + 1] != '\'') {
                    break;
                }
                // '' in a single-quoted scalar is one quote
                if (text == null) {
                    text = scratch();
                }
                text.append(buf, run, p + 1 - run);
                p += 2;
                run = p;
                continue;
            }
            if (c == '\n' && multiLine) {
                if (text == null) {
                    text = scratch();
                }
                p = foldQuoted(text, run, p, false);
                run = p;
                continue;
            }
            if (c == '\n' || p >= length) {
                throw decline();
            }
            if ((c < 0x20 || c >= 0x7F) && !readsCharacter(c)) {
                throw decline();
            }
            if (single || c != '\\') {
                p++;
                continue;
            }
            if (text == null) {
                text = scratch();
            }
            text.append(buf, run, p - run);
            char e = buf[p + 1];
            if (e == '\n' && multiLine) {
                p = foldQuoted(text, p + 1, p + 1, true);
                run = p;
                continue;
            }
            p += 2;
            switch (e) {
                case '0' -> text.append('\0');
                case 'a' -> text.append('\u0007');
                case 'b' -> text.append('\b');
                case 't' -> text.append('\t');
                case 'n' -> text.append('\n');
                case 'v' -> text.append('\u000B');
                case 'f' -> text.append('\f');
                case 'r' -> text.append('\r');
                case 'e' -> text.append('\u001B');
                case ' ' -> text.append(' ');
                case '"' -> text.append('"');
                case '\\' -> text.append('\\');
                case 'N' -> text.append('\u0085');
                case '_' -> text.append('\u00A0');
                case 'L' -> text.append('\u2028');
                case 'P' -> text.append('\u2029');
                case 'x' -> p = hexEscape(text, p, 2);
                case 'u' -> p = hexEscape(text, p, 4);
                case 'U' -> p = hexEscape(text, p, 8);
                default -> throw decline();
            }
            run = p;
        }
        pos = p + 1;
        if (text == null) {
            return new String(buf, start, p - start);
        }
        text.append(buf, run, p - run);
        return text.toString();
    }

    /**
     * Folds a line break inside a quoted scalar at {@code p} as SnakeYAML does: the text since
     * {@code run} is kept without its trailing spaces (unless the break is escaped), leading spaces
     * of the following lines are dropped, and the break becomes a space — or one line feed per blank
     * line after it, or nothing for an escaped break without blank lines. A document marker on a
     * following line is SnakeYAML's error, so it is declined. Returns the position of the next
     * content character.
     */
    private int foldQuoted(StringBuilder text, int run, int p, boolean escaped) {
        int keep = p;
        if (!escaped) {
            while (keep > run && buf[keep - 1] == ' ') {
                keep--;
            }
        }
        text.append(buf, run, keep - run);
        int breaks = 0;
        p++;
        line++;
        lineStart = p;
        while (true) {
            if (isMarker('-', p) || isMarker('.', p)) {
                throw decline();
            }
            while (buf[p] == ' ') {
                p++;
            }
            if (buf[p] != '\n') {
                break;
            }
            breaks++;
            p++;
            line++;
            lineStart = p;
        }
        if (p >= length) {
            throw decline();
        }
        if (breaks == 0 && !escaped) {
            text.append(' ');
        } else {
            appendBreaks(text, breaks);
        }
        return p;
    }

    private int hexEscape(StringBuilder text, int at, int digits) {
        long value = 0;
        for (int i = 0; i < digits; i++) {
            if (at + i >= length) {
                throw decline();
            }
            int d = Character.digit(buf[at + i], 16);
            if (d < 0 || buf[at + i] > 'f') {
                throw decline();
            }
            value = value * 16 + d;
        }
        if (value > Character.MAX_CODE_POINT) {
            throw decline();
        }
        text.append(Character.toChars((int) value));
        return at + digits;
    }

    private static final int CLIP = 0;
    private static final int STRIP = 1;
    private static final int KEEP = 2;

    /**
     * A literal or folded block scalar whose indicator is at the current position, read as SnakeYAML
     * reads it (indentation detected from the first lines, at least one more than {@code indent});
     * an explicit indentation indicator is declined.
     */
    private JsonNode blockScalar(int indent, long keyMark) {
        boolean folded = buf[pos] == '>';
        startLine = line;
        startCol = col();
        mark(keyMark);
        pos++;
        int chomping = CLIP;
        char c = buf[pos];
        if (c == '+' || c == '-') {
            chomping = c == '+' ? KEEP : STRIP;
            pos++;
            c = buf[pos];
        }
        if (c >= '0' && c <= '9') {
            throw decline();
        }
        if (c != ' ' && c != '#' && c != '\n' && pos < length) {
            throw decline();
        }
        finishLine();
        int minIndent = Math.max(indent + 1, 1);
        StringBuilder text = scratch();
        // Leading blank lines, and the indentation of the first line with content.
        int breaks = 0;
        int maxIndent = 0;
        while (true) {
            char b = buf[pos];
            if (b == ' ') {
                pos++;
                maxIndent = Math.max(maxIndent, col());
            } else if (b == '\n') {
                breaks++;
                newLine();
            } else {
                break;
            }
        }
        int blockIndent = Math.max(minIndent, maxIndent);
        boolean lineBreak = false;
        while (col() == blockIndent && pos < length) {
            appendBreaks(text, breaks);
            boolean leadingNonSpace = buf[pos] != ' ';
            int start = pos;
            toLineEnd();
            text.append(buf, start, pos - start);
            lineBreak = buf[pos] == '\n';
            if (lineBreak) {
                newLine();
            }
            breaks = 0;
            while (col() < blockIndent && buf[pos] == ' ') {
                pos++;
            }
            while (buf[pos] == '\n') {
                breaks++;
                newLine();
                while (col() < blockIndent && buf[pos] == ' ') {
                    pos++;
                }
            }
            if (col() == blockIndent && pos < length) {
                if (folded && lineBreak && leadingNonSpace && buf[pos] != ' ') {
                    if (breaks == 0) {
                        text.append(' ');
                    }
                } else if (lineBreak) {
                    text.append('\n');
                }
            } else {
                break;
            }
        }
        if (chomping != STRIP && lineBreak) {
            text.append('\n');
        }
        if (chomping == KEEP) {
            appendBreaks(text, breaks);
        }
        String value = text.toString();
        skipToContent();
        return TextNode.valueOf(value);
    }

    private static void appendBreaks(StringBuilder text, int breaks) {
        for (int i = 0; i < breaks; i++) {
            text.append('\n');
        }
    }

    // ---------------------------------------------------------------- flow collections (one line)

    /** A flow sequence or mapping at the current position, closed on the same line. */
    private JsonNode flow(int depth, long keyMark, boolean recordItems) {
        checkDepth(depth);
        boolean sequence = buf[pos] == '[';
        mark(keyMark);
        pos++;
        spaces();
        if (sequence) {
            ArrayNode array = NODES.arrayNode();
            ItemStarts starts = null;
            if (recordItems) {
                starts = new ItemStarts();
                items = starts;
            }
            if (buf[pos] == ']') {
                pos++;
                return array;
            }
            while (true) {
                int itemLine = line;
                int itemCol = col();
                array.add(flowNode(depth + 1, -1L, false));
                if (starts != null) {
                    starts.add(itemLine, itemCol);
                }
                spaces();
                char c = buf[pos];
                if (c == ']') {
                    pos++;
                    return array;
                }
                if (c != ',') {
                    throw decline();
                }
                pos++;
                spaces();
                if (buf[pos] == ']') {
                    throw decline();
                }
            }
        }
        ObjectNode object = Keys.mapping(NODES);
        if (buf[pos] == '}') {
            pos++;
            return object;
        }
        while (true) {
            long keyAt = Positions.pack(line, col());
            char c = buf[pos];
            String key;
            boolean quoted = c == '"' || c == '\'';
            if (quoted) {
                key = c == '"' ? doubleQuoted(false) : singleQuoted(false);
            } else {
                if (!flowPlainStart(c, buf[pos + 1])) {
                    throw decline();
                }
                int start = pos;
                int end = plainEnd(start, true);
                if (end == start || end - start == 2 && buf[start] == '<' && buf[start + 1] == '<') {
                    throw decline();
                }
                key = plainKey(start, end);
                pos = end;
            }
            spaces();
            if (buf[pos] != ':' || !quoted && buf[pos + 1] != ' ') {
                throw decline();
            }
            pos++;
            if (quoted) {
                key = Keys.share(key);
            }
            if (object.has(key)) {
                throw decline();
            }
            spaces();
            JsonNode value;
            if (buf[pos] == ',' || buf[pos] == '}') {
                mark(keyAt);
                value = NullNode.instance;
            } else {
                value = flowNode(depth + 1, keyAt, depth == 0 && key.equals("items"));
            }
            object.set(key, value);
            spaces();
            c = buf[pos];
            if (c == '}') {
                pos++;
                return object;
            }
            if (c != ',') {
                throw decline();
            }
            pos++;
            spaces();
            if (buf[pos] == '}') {
                throw decline();
            }
        }
    }

    private void spaces() {
        while (buf[pos] == ' ') {
            pos++;
        }
    }

    /** A node inside a flow collection, on the same line. */
    private JsonNode flowNode(int depth, long keyMark, boolean recordItems) {
        char c = buf[pos];
        switch (c) {
            case '[':
            case '{':
                return flow(depth, keyMark, recordItems);
            case '"':
            case '\'': {
                mark(keyMark);
                String value = c == '"' ? doubleQuoted(false) : singleQuoted(false);
                return TextNode.valueOf(value);
            }
            default:
                break;
        }
        if (!flowPlainStart(c, buf[pos + 1])) {
            throw decline();
        }
        int start = pos;
        int end = plainEnd(start, true);
        if (end == start) {
            throw decline();
        }
        mark(keyMark);
        pos = end;
        return ScalarResolver.resolve(new String(buf, start, end - start), true, null);
    }

    /** Whether a plain scalar may start with {@code c} (followed by {@code next}) in a flow collection. */
    private static boolean flowPlainStart(char c, char next) {
        return plainStart(c, next) && !(c == '-' && flowIndicator(next));
    }

    private static boolean flowIndicator(char c) {
        return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
    }
}
