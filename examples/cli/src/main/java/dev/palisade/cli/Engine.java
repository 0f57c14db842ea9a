package dev.palisade.cli;

import dev.palisade.core.ManifestReader;
import dev.palisade.core.PolicyCatalogue;
import dev.palisade.core.PolicyLoader;
import dev.palisade.core.ReaderLimits;
import dev.palisade.core.policy.AdmissionPolicyFormat;
import dev.palisade.core.policy.PalisadePolicyFormat;
import dev.palisade.rules.BuiltinCatalogue;
import dev.palisade.sigstore.policy.SupplyChainCatalogue;
import dev.palisade.rules.gatekeeper.GatekeeperFormat;
import dev.palisade.sigstore.policy.ImagePolicyFormat;
import java.util.List;

/** Assembles the library's pieces the way the CLI uses them: every policy format and catalogue. */
final class Engine {
    private Engine() {
    }

    /** Every built-in policy the CLI knows. */
    static PolicyCatalogue catalogue() {
        return PolicyCatalogue.of(List.of(new BuiltinCatalogue(), new SupplyChainCatalogue()));
    }

    /** A policy loader reading every supported policy format. */
    static PolicyLoader policyLoader(ManifestReader reader) {
        return PolicyLoader.builder().reader(reader).catalogue(catalogue())
                .format(new PalisadePolicyFormat())
                .format(new AdmissionPolicyFormat())
                .format(new GatekeeperFormat())
                .format(new ImagePolicyFormat())
                .build();
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
