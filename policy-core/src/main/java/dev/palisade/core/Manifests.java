package dev.palisade.core;

import java.util.List;

/**
 * What a read produced: resources in input order, errors (malformed documents, limits), and files
 * that were skipped with the reason.
 */
public record Manifests(List<Resource> resources, List<EvaluationError> errors, List<SkippedFile> skipped) {

    public Manifests {
        resources = List.copyOf(resources);
        errors = List.copyOf(errors);
        skipped = List.copyOf(skipped);
    }

    /** A file the reader did not read, and why. */
    public record SkippedFile(String file, String reason) {
    }
}
