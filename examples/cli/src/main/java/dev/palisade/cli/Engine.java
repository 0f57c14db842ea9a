package dev.palisade.cli;

import dev.palisade.core.ManifestReader;
import dev.palisade.core.policy.PolicyLoader;
import dev.palisade.core.ReaderLimits;
import dev.palisade.rules.gatekeeper.GatekeeperEngine;
import dev.palisade.rules.gatekeeper.GatekeeperFormat;

/** Assembles the library's pieces the way the CLI uses them: every policy format and catalogue. */
final class Engine {
    private Engine() {
    }

    /** A policy loader reading every policy format and catalogue on the class path. */
    static PolicyLoader policyLoader(ManifestReader reader) {
        return policyLoader(reader, GatekeeperEngine.AUTO);
    }

    /** A policy loader reading every format and catalogue, Gatekeeper templates run with the engine. */
    static PolicyLoader policyLoader(ManifestReader reader, GatekeeperEngine engine) {
        return PolicyLoader.builder().reader(reader).format(GatekeeperFormat.withEngine(engine)).discover().build();
    }

    /** The {@code --engine} option: {@code auto} (default), {@code rego}, {@code cel} or {@code native}. */
    static GatekeeperEngine gatekeeperEngine(Arguments args) {
        String text = args.last("engine").orElse("auto");
        try {
            return GatekeeperEngine.parse(text);
        } catch (dev.palisade.core.PalisadeException e) {
            throw new UsageException("--engine takes rego, cel, native or auto, not '" + text + "'");
        }
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
