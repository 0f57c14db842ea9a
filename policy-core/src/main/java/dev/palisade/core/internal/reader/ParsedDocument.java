package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.SourceLocation;

/**
 * One non-empty document read from a file: its tree, where its root starts, its lazily computed
 * field positions, and the one-based lines and columns of its top-level {@code items} elements.
 */
record ParsedDocument(JsonNode root, SourceLocation source, DocumentPositions positions, int[] itemLines,
        int[] itemColumns) {
}
