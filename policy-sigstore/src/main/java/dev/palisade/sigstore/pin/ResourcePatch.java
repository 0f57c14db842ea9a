package dev.palisade.sigstore.pin;

import java.util.List;
import java.util.Objects;

/**
 * The pinning of one resource: the JSON Patch that pins its images (for admission mutation) and the
 * images that could not be pinned.
 *
 * @param resource the resource, as {@code Kind namespace/name}
 * @param document the document index in its file (0 for admission objects)
 * @param operations {@code replace} operations on image fields; empty when nothing changes
 * @param issues images left as they were, and why
 */
public record ResourcePatch(String resource, int document, List<PatchOperation> operations, List<PinIssue> issues) {

    /**
     * Checks that every component is present and copies the collections.
     *
     * @param resource the resource, as {@code Kind namespace/name}
     * @param document the document index in its file (0 for admission objects)
     * @param operations {@code replace} operations on image fields; empty when nothing changes
     * @param issues images left as they were, and why
     */
    public ResourcePatch {
        Objects.requireNonNull(resource, "resource");
        operations = List.copyOf(operations);
        issues = List.copyOf(issues);
    }

    /** {@return the operations as a JSON Patch document} */
    public String toJson() {
        return PatchOperation.toJson(operations);
    }
}
