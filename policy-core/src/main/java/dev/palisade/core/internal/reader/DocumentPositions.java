package dev.palisade.core.internal.reader;

import dev.palisade.core.FieldPositions;
import dev.palisade.core.SourceLocation;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Field positions of one document, computed on the first lookup by re-reading the document's text
 * (kept by reference, not copied) and memoised; safe to share between threads. Resources flattened
 * from a list share their document's positions through {@link #under(String)}.
 */
public final class DocumentPositions implements FieldPositions {
    private final String file;
    private final int document;
    private final Supplier<Map<String, Long>> indexer;
    private volatile Map<String, Long> table;

    DocumentPositions(String file, int document, Supplier<Map<String, Long>> indexer) {
        this.file = file;
        this.document = document;
        this.indexer = indexer;
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
