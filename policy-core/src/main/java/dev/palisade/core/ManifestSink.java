package dev.palisade.core;

/**
 * Receives what a streaming read produces, in input order. A read holds only the document being
 * parsed; whatever the sink keeps is the sink's choice.
 */
public interface ManifestSink {

    /**
     * A resource read, in input order.
     *
     * @param resource the resource
     */
    void resource(Resource resource);

    /**
     * Something that could not be read; reading goes on.
     *
     * @param error the error, located
     */
    void error(EvaluationError error);

    /**
     * A file is about to be read (for progress reports).
     *
     * @param file the file's name
     */
    default void reading(String file) {
    }

    /**
     * A file, or documents of a file, that were not judged, with the reason and category: layout files
     * (kustomizations, Helm charts), YAML that is not a Kubernetes object, and in directory walks other
     * file types, hidden and excluded paths.
     *
     * @param file the skipped file
     */
    default void skipped(Manifests.SkippedFile file) {
    }
}
