package dev.palisade.core;

/** Receives what a streaming read produces, in input order. */
public interface ManifestSink {

    /** A resource read, in input order. */
    void resource(Resource resource);

    /** Something that could not be read; reading goes on. */
    void error(EvaluationError error);

    /** A file is about to be read (for progress reports). */
    default void reading(String file) {
    }

    /** A file that was not read, and why (directories only; named files are always read). */
    default void skipped(Manifests.SkippedFile file) {
    }
}
