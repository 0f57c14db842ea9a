package dev.palisade.core.internal.reader;

import dev.palisade.core.FieldPositions;
import dev.palisade.core.SourceLocation;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Field positions of one document: from the marks recorded while the tree was built, or — for
 * documents with aliases or merge keys, and JSON — computed on the first lookup by re-reading the
 * document's text (kept by reference, not copied) and memoised; safe to share between threads. Resources flattened
 * from a list share their document's positions through {@link #under(String)}.
 */
public final class DocumentPositions implements FieldPositions {
    private final String file;
    private final int document;
    private final Supplier<Map<String, Long>> indexer;
    private final PreorderPositions preorder;
    private volatile Map<String, Long> table;

    DocumentPositions(String file, int document, Supplier<Map<String, Long>> indexer) {
        this(file, document, indexer, null);
    }

    /** Positions answered from marks recorded while parsing, when there are any; else by re-reading. */
    DocumentPositions(String file, int document, Supplier<Map<String, Long>> indexer, PreorderPositions preorder) {
        this.file = file;
        this.document = document;
        this.indexer = indexer;
        this.preorder = preorder;
    }

    @Override
    public Optional<SourceLocation> locate(String jsonPointer) {
        if (!jsonPointer.isEmpty() && jsonPointer.charAt(0) != '/') {
            return Optional.empty();
        }
        return find(jsonPointer, "");
    }

    /** Positions of the node at {@code prefix}, with pointers relative to it. */
    public FieldPositions under(String prefix) {
        return pointer -> pointer.isEmpty() || pointer.charAt(0) == '/'
                ? find(prefix + pointer, prefix) : Optional.empty();
    }

    private Optional<SourceLocation> find(String pointer, String floor) {
        if (preorder != null) {
            int[] matched = new int[1];
            long packed = preorder.find(pointer, matched);
            if (packed < 0 || matched[0] < floor.length()) {
                return Optional.empty();
            }
            return Optional.of(new SourceLocation(file, document, Positions.line(packed), Positions.column(packed)));
        }
        Map<String, Long> positions = table();
        String p = pointer;
        while (true) {
            Long packed = positions.get(p);
            if (packed != null) {
                return Optional.of(new SourceLocation(file, document, Positions.line(packed), Positions.column(packed)));
            }
            if (p.length() <= floor.length()) {
                return Optional.empty();
            }
            p = Pointers.parent(p);
        }
    }

    private Map<String, Long> table() {
        Map<String, Long> current = table;
        if (current == null) {
            synchronized (this) {
                current = table;
                if (current == null) {
                    current = Map.copyOf(indexer.get());
                    table = current;
                }
            }
        }
        return current;
    }
}
