package dev.palisade.cli;

import dev.palisade.core.ManifestReader;
import dev.palisade.core.policy.PolicyLoader;
import dev.palisade.core.ReaderLimits;

/** Assembles the library's pieces the way the CLI uses them: every policy format and catalogue. */
final class Engine {
    private Engine() {
    }

    /** A policy loader reading every policy format and catalogue on the class path. */
    static PolicyLoader policyLoader(ManifestReader reader) {
        return PolicyLoader.builder().reader(reader).discover().build();
    }

    /** Reader limits from the common options. */
    static ReaderLimits limits(Arguments args) {
        ReaderLimits defaults = ReaderLimits.DEFAULTS;
        return new ReaderLimits(args.number("max-document-bytes", defaults.maxDocumentBytes()),
                args.number("max-file-bytes", defaults.maxFileBytes()),
                (int) args.number("max-depth", defaults.maxDepth()),
                args.number("max-alias-nodes", defaults.maxAliasNodes()));
    }

    /** The options of {@link #limits}. */
    static final java.util.Set<String> LIMIT_OPTIONS = java.util.Set.of("max-document-bytes", "max-file-bytes",
            "max-depth", "max-alias-nodes");
}
