package dev.palisade.rules.recommended.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.Glob;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.policy.MatchParser;
import dev.palisade.rules.starter.NoLatestTag;
import dev.palisade.rules.starter.NoPrivilegedContainers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every check of the recommended catalogue, built once. */
public final class Catalogue {

    private static final List<Check> CHECKS = build();
    private static final List<Policy> POLICIES = policies(CHECKS);
    private static final Map<String, Policy> BY_ID = index(POLICIES);

    /** Checks that need parameters to join a set (not in {@code builtin:recommended}). */
    public static final Set<String> PARAMETERISED_ONLY = Set.of("untrusted-registry");
    /** Checks of the recommended set whose parameters a BuiltinPolicy may change. */
    public static final Set<String> CONFIGURABLE = Set.of("untrusted-registry", "ownership-labels",
            "removed-api-version", "deprecated-api-version");

    private Catalogue() {
    }

    private static List<Check> build() {
        List<Check> all = new ArrayList<>();
        all.addAll(WorkloadChecks.all());
        all.addAll(ReliabilityChecks.all());
        all.addAll(CredentialChecks.all());
        all.addAll(RbacChecks.all());
        all.addAll(NetworkChecks.all());
        all.addAll(NamespaceChecks.all());
        all.addAll(ApiVersionChecks.all());
        all.addAll(OwnershipChecks.all());
        all.addAll(ControlPlaneChecks.all());
        return List.copyOf(all);
    }

    private static List<Policy> policies(List<Check> checks) {
        List<Policy> all = new ArrayList<>();
        all.add(new NoPrivilegedContainers());
        all.add(new NoLatestTag());
        all.addAll(checks);
        return List.copyOf(all);
    }

    private static Map<String, Policy> index(List<Policy> policies) {
        Map<String, Policy> map = new LinkedHashMap<>();
        for (Policy p : policies) {
            if (map.put(p.metadata().id(), p) != null) {
                throw new IllegalStateException("duplicate check id " + p.metadata().id());
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** The checks written in this package (without the starter rules the set reuses). */
    public static List<Check> checks() {
        return CHECKS;
    }

    /** The recommended set, in catalogue order. */
    public static List<Policy> policies() {
        return POLICIES;
    }

    /** One check of the set by id (the parameterised-only checks are not in it). */
    public static Optional<Policy> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** A check configured with BuiltinPolicy parameters. */
    public static Optional<Policy> configure(String id, JsonNode parameters) {
        return switch (id) {
            case "untrusted-registry" -> Optional.of(untrustedRegistry(parameters));
            case "ownership-labels" -> Optional.of(OwnershipChecks.fromParameters(parameters));
            case "removed-api-version" -> Optional.of(ApiVersionChecks.removed(ApiVersionChecks.parseTarget(parameters)));
            case "deprecated-api-version" -> Optional.of(
                    ApiVersionChecks.deprecated(ApiVersionChecks.parseTarget(parameters)));
            default -> Optional.empty();
        };
    }

    /** Images must come from the allowed registries ({@code registries: [registry.example.com, "ghcr.io/org/*"]}). */
    public static Check untrustedRegistry(JsonNode parameters) {
        List<String> allowed = MatchParser.strings(parameters.path("registries"), "parameters.registries");
        if (allowed.isEmpty()) {
            throw new PalisadeException("untrusted-registry needs parameters.registries: registry hosts or"
                    + " repository globs (registry.example.com, \"ghcr.io/my-org/*\")");
        }
        return Check.builder("untrusted-registry").category(ReliabilityChecks.IMAGES)
                .title("Images must come from allowed registries")
                .why("An image from an unvetted registry is code nobody reviewed, scanned or signed.")
                .fix("Mirror the image into an allowed registry (" + String.join(", ", allowed) + ") and reference"
                        + " it from there.")
                .standards("owasp-k8s:K02", "nsa-cisa:supply-chain", "cis-k8s:5.5.1")
                .containers((r, pod, c, ctx, sink) -> {
                    if (c.image().isEmpty()) {
                        return;
                    }
                    String repository = repository(c.image());
                    String registry = repository.substring(0, repository.indexOf('/'));
                    for (String entry : allowed) {
                        if (entry.equals(registry) || repository.startsWith(entry.endsWith("/") ? entry : entry + "/")
                                || Glob.matchesAny(List.of(entry), repository)) {
                            return;
                        }
                    }
                    sink.report(Support.describe(c) + " pulls " + c.image() + " from " + registry
                            + ", which is not an allowed registry", c.pathOf("image"));
                }).build();
    }

    /** The repository of an image with its registry made explicit ({@code nginx} → {@code docker.io/library/nginx}). */
    static String repository(String image) {
        String name = image;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        if (colon > slash) {
            name = name.substring(0, colon);
        }
        int first = name.indexOf('/');
        String head = first < 0 ? "" : name.substring(0, first);
        if (first < 0) {
            return "docker.io/library/" + name;
        }
        if (!head.contains(".") && !head.contains(":") && !head.equals("localhost")) {
            return "docker.io/" + name;
        }
        return name;
    }
}
