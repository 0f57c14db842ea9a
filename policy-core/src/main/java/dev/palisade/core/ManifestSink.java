package dev.palisade.core;

/** Receives what a streaming read produces, in input order. */
public interface ManifestSink {

    void resource(Resource resource);

    void error(EvaluationError error);

    default void skipped(Manifests.SkippedFile file) {
    }
}
