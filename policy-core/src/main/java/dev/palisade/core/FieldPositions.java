package dev.palisade.core;

import java.util.Optional;

/**
 * Finds where a field of a resource stands in its source file. Readers implement it lazily so that
 * only resources with findings pay for positions.
 */
@FunctionalInterface
public interface FieldPositions {

    /** Positions of objects that were not read from a file. */
    FieldPositions NONE = pointer -> Optional.empty();

    /**
     * Positions of objects handed over by a host: every field is located by its own JSON pointer
     * ({@link SourceLocation#inMemory}), present or not, since a pointer needs no line to stand on.
     */
    FieldPositions IN_MEMORY = pointer -> Optional.of(SourceLocation.inMemory(pointer));

    /**
     * {@return the location of the node at the JSON pointer, or of its nearest existing ancestor when the
     * node itself is absent; empty when nothing is known}
     *
     * @param jsonPointer a JSON pointer into the document
     */
    Optional<SourceLocation> locate(String jsonPointer);
}
