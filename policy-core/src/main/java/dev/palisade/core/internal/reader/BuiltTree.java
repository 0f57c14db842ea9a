package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A document's JSON tree as built by a reader, with the zero-based line and column (relative to the
 * parsed text) of the root node and of each element of a top-level {@code items} sequence, so that
 * flattened list items know their first line without computing positions. {@code preorderMarks}
 * holds the packed zero-based position of every node in pre-order (a mapping value at its key),
 * when the document has no aliases or merge keys that would make the tree differ from the text.
 */
record BuiltTree(Optional<JsonNode> root, int rootLine, int rootColumn, int[] itemLines, int[] itemColumns,
        Optional<long[]> preorderMarks) {

    static final BuiltTree EMPTY = new BuiltTree(Optional.empty(), 0, 0, new int[0], new int[0], Optional.empty());
}
