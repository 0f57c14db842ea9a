package dev.palisade.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One parsed document of a YAML stream or JSON file that need not be a Kubernetes object (policy
 * files, test suites, bindings), with its location and lazily computed field positions.
 */
public record YamlDocument(JsonNode content, SourceLocation source, FieldPositions positions) {
    /**
     * Checks that every part is present.
     *
     * @param content the document's tree
     * @param source where it starts
     * @param positions the field positions, computed on first use
     */
    public YamlDocument {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(positions, "positions");
    }

    /**
     * {@return where the field at the JSON pointer stands, falling back to the document start}
     *
     * @param jsonPointer a JSON pointer into the document
     */
    public SourceLocation locate(String jsonPointer) {
        return jsonPointer.isEmpty() ? source : positions.locate(jsonPointer).orElse(source);
    }
}
