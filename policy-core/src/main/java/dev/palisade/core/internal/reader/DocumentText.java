package dev.palisade.core.internal.reader;

/**
 * One document of a stream as the splitter cut it: its index, the file line (one-based) on which
 * its text starts and the column of its first character, its character offsets in the stream, and
 * its text — or why there is no text: it was larger than the document-size limit (the text was
 * dropped while splitting, so memory stays bounded by the limit), or its bytes were not valid in
 * the file's encoding. {@code templateMarkup} tells whether the text holds <code>{{</code> outside
 * quotes and comments, as unrendered Go templates (Helm) do. {@code fastPathCharacters}: every
 * character of the text is one the YAML fast path reads ({@link FastYamlParser#readsCharacter}), so
 * it need not look again.
 */
record DocumentText(int index, int firstLine, int firstColumn, long start, long end, String text, boolean tooLarge,
        InvalidBytes invalidBytes, boolean templateMarkup, boolean fastPathCharacters) {

    /** The first invalid byte sequence of a document, at its one-based line and column. */
    record InvalidBytes(int line, int column, String bytes) {
    }
}
