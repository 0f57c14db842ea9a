package dev.palisade.core;

import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.policy.PolicyLoader;
import java.util.List;

/**
 * The entry point for hosts: loads policies with every policy format and built-in catalogue on the
 * class path or module path (found with {@link java.util.ServiceLoader}, so optional modules such
 * as policy-rules and policy-sigstore plug in by being present), and reads manifests.
 *
 * <pre>{@code
 * LoadedPolicies loaded = Palisade.policies("builtin:default", "policies/");
 * Manifests manifests = Palisade.manifests("k8s/");
 * }</pre>
 */
public final class Palisade {
    private Palisade() {
    }

    /** {@return a policy loader with every format and catalogue that the class path provides} */
    public static PolicyLoader loader() {
        return PolicyLoader.builder().discover().build();
    }

    /**
     * Loads policy references ({@code builtin:<name>}, policy files and directories) with
     * {@link #loader()}. Errors are collected in the result, never thrown.
     *
     * @param references policy references
     * @return the policies, exemptions and load errors
     */
    public static LoadedPolicies policies(String... references) {
        return policies(List.of(references));
    }

    /**
     * As {@link #policies(String...)}.
     *
     * @param references policy references
     * @return the policies, exemptions and load errors
     */
    public static LoadedPolicies policies(List<String> references) {
        return loader().load(references);
    }

    /**
     * Reads manifests from files, directories or {@code -} (standard input) with the default limits,
     * rendering charts with the {@link ChartRenderer} on the class path, if any (policy-helm).
     *
     * @param inputs files, directories or {@code -}
     * @return the resources, read errors and skipped files
     */
    public static Manifests manifests(String... inputs) {
        return reader().read(List.of(inputs));
    }

    /**
     * {@return a manifest reader with the default limits that renders charts with the {@link ChartRenderer} the
     * class path provides (policy-helm), if any; without one, chart files are skipped with a note}
     */
    public static ManifestReader reader() {
        return ManifestReader.create().withCharts(ChartRenderer.discover().orElse(null));
    }
}
