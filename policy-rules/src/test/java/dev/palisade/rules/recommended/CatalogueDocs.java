package dev.palisade.rules.recommended;

import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Severity;
import dev.palisade.rules.Severities;
import dev.palisade.rules.recommended.internal.Catalogue;
import dev.palisade.rules.recommended.internal.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the catalogue's documentation from the checks themselves (metadata, standards, recommended
 * actions, fixtures), so docs/rules cannot drift from the code: {@link CatalogueDocsTest} compares
 * and, with {@code -Dpalisade.writeDocs=true}, rewrites the pages.
 */
final class CatalogueDocs {

    static final String FIXTURES = "policy-rules/src/test/resources/dev/palisade/rules/recommended/";

    static final Map<String, String> PARAMETERS = Map.of(
            "untrusted-registry", """
                    Not in `builtin:recommended` (it needs your registries). Configure it with a BuiltinPolicy:

                    ```yaml
                    apiVersion: palisade.dev/v1
                    kind: BuiltinPolicy
                    metadata:
                      name: untrusted-registry
                    spec:
                      parameters:
                        registries: [registry.example.com, "ghcr.io/my-org/*"]
                    ```

                    An entry is a registry host (`registry.example.com`), a repository prefix (`ghcr.io/my-org`)
                    or a glob over the repository; images without a registry are `docker.io/library/...`.
                    """,
            "ownership-labels", """
                    The default schema asks for `app.kubernetes.io/name` and one of `team`, `owner`,
                    `app.kubernetes.io/part-of`. Change it with a BuiltinPolicy:

                    ```yaml
                    apiVersion: palisade.dev/v1
                    kind: BuiltinPolicy
                    metadata:
                      name: ownership-labels
                    spec:
                      parameters:
                        required: [app.kubernetes.io/name, app.kubernetes.io/part-of]
                        anyOf: [[team, owner]]
                    ```
                    """,
            "removed-api-version", """
                    `targetVersion` (default `latest`, the newest release the table knows) is the Kubernetes
                    version you upgrade to: `parameters: {targetVersion: v1.29}` in a BuiltinPolicy named
                    `removed-api-version`.
                    """,
            "deprecated-api-version", """
                    `targetVersion` (default `latest`) as for `removed-api-version`: an API version is reported
                    here when it is deprecated but still served at the target, and by `removed-api-version`
                    once the target no longer serves it.
                    """);

    private CatalogueDocs() {
    }

    static List<Check> documented() {
        List<Check> all = new ArrayList<>(Catalogue.checks());
        all.add(Catalogue.untrustedRegistry(Fixtures.params("registries: [registry.example.com]")));
        return all;
    }

    static String page(Check check) {
        PolicyMetadata m = check.metadata();
        String id = m.id();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(id).append("\n\n");
        md.append(m.title()).append(".\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| Category | ").append(m.category()).append(" |\n");
        md.append("| Severity | ").append(m.severity().label()).append(" (problem `").append(check.problem())
                .append("` in the [severity table](README.md#severity-scale)) |\n");
        md.append("| Recommended action | ").append(RecommendedCatalogue.parameterisedOnly().contains(id)
                ? "not in `builtin:recommended` (needs parameters); **" + check.action().name().toLowerCase(Locale.ROOT)
                        + "** when configured"
                : "**" + check.action().name().toLowerCase(Locale.ROOT) + "** in `builtin:recommended`"
                        + (check.opinionated() ? " (a matter of taste: dry run)" : ""))
                .append(" |\n");
        md.append("| Standards | ").append(String.join(", ", check.standards().stream().map(CatalogueDocs::standard)
                .toList())).append(" |\n");
        md.append("| Run it alone | `palisade check --policy builtin:").append(id).append(" PATH` |\n\n");
        md.append("## Why\n\n").append(m.description()).append("\n\n");
        md.append("## How to fix\n\n").append(m.remediation()).append("\n\n");
        if (PARAMETERS.containsKey(id)) {
            md.append("## Parameters\n\n").append(PARAMETERS.get(id)).append("\n");
        }
        md.append("## Examples\n\n");
        String failNote = Fixtures.text(id + ".fail.yaml").orElseThrow().lines().findFirst().orElse("")
                .replaceFirst("^# " + java.util.regex.Pattern.quote(id) + ": fails ?", "").trim();
        md.append("Failing: [`").append(id).append(".fail.yaml`](../../").append(FIXTURES).append(id)
                .append(".fail.yaml)").append(failNote.isEmpty() ? "" : " " + failNote)
                .append(", reported at:\n\n");
        for (String path : Fixtures.expectedPaths(id + ".fail.yaml")) {
            md.append("- `").append(path.isEmpty() ? "(the object)" : path).append("`\n");
        }
        md.append("\nPassing: [`").append(id).append(".pass.yaml`](../../").append(FIXTURES).append(id)
                .append(".pass.yaml), which also passes the whole recommended set.\n");
        return md.toString();
    }

    static String standard(String tag) {
        if (tag.startsWith("cis-k8s:")) {
            return "CIS Kubernetes Benchmark " + tag.substring(8);
        }
        if (tag.startsWith("nsa-cisa:")) {
            return "NSA/CISA Kubernetes Hardening Guide (" + tag.substring(9) + ")";
        }
        if (tag.startsWith("owasp-k8s:")) {
            return "OWASP Kubernetes Top 10 " + tag.substring(10);
        }
        if (tag.startsWith("pss:")) {
            return "Pod Security Standards " + tag.substring(4) + " (same problem, own semantics)";
        }
        return tag;
    }

    /** docs/rules/recommended.md: the set, its actions, and the catalogue by category and by standard. */
    static String index() {
        StringBuilder md = new StringBuilder();
        md.append("""
                # builtin:recommended — the recommended catalogue

                `palisade check --policy builtin:recommended PATH` runs every check below with its recommended
                action: **deny** for critical problems, **warn** for most, **dryrun** for the opinionated
                ones (findings are reported, nothing fails on them). `builtin:default` stays the three starter
                rules. Each check also runs alone as `builtin:<id>`; parameterised ones are configured with a
                `palisade.dev/v1` `BuiltinPolicy` document (see each page). Findings carry the check's
                standards as tags (SARIF `properties.tags`: `cis-k8s:5.2.2`, `nsa-cisa:pod-security`,
                `owasp-k8s:K01`), so reports can be filtered by standard.

                How the checks judge:

                - **Effective settings.** A pod-level `securityContext` field applies to every container that
                  does not set its own (`runAsNonRoot`, `runAsUser`, `runAsGroup`, `seccompProfile`,
                  `seLinuxOptions`, `appArmorProfile`); a `runAsUser` other than 0 counts as non-root. The Pod
                  Security Standards (`builtin:pod-security/...`) keep their exact upstream semantics instead:
                  they are a different product, and both may report the same problem (with the same severity).
                - **One finding per item**, at the JSON pointer of the offending field; when a required field
                  is missing, at the object that should hold it (the container, or its `securityContext` when
                  there is one).
                - **References between objects** (NetworkPolicy coverage, bindings to roles, LimitRange
                  defaults, PodDisruptionBudgets, service-account automounting, Service and Ingress targets)
                  are read from the inventory: the whole input in `palisade check`, what the host provides at
                  admission. When the inventory lacks what a check needs, the check says nothing rather than
                  guess; the built-in ClusterRoles `cluster-admin`, `admin`, `edit` and `view` are known without
                  being in the input. Findings land on the object a user must change: RBAC rules at
                  `/rules/N` of the Role (with the bindings that grant it), subjects at `/subjects/N` of the
                  binding.

                """);
        Map<String, List<Policy>> byCategory = new LinkedHashMap<>();
        for (Policy p : RecommendedCatalogue.policies()) {
            byCategory.computeIfAbsent(p.metadata().category(), k -> new ArrayList<>()).add(p);
        }
        md.append("## Checks by category\n\n");
        for (var e : byCategory.entrySet()) {
            md.append("| ").append(e.getKey()).append(" (").append(e.getValue().size())
                    .append(") | severity | action |\n|---|---|---|\n");
            for (Policy p : e.getValue()) {
                md.append("| [").append(p.metadata().id()).append("](").append(p.metadata().id()).append(".md) — ")
                        .append(p.metadata().title()).append(" | ").append(p.metadata().severity().label())
                        .append(" | ").append(p.enforcement().at(dev.palisade.core.EnforcementPoint.CI)
                                .map(a -> a.name().toLowerCase(Locale.ROOT)).orElse("")).append(" |\n");
            }
            md.append("\n");
        }
        md.append("Configured only with parameters: [untrusted-registry](untrusted-registry.md) — images from"
                + " registries outside an allow-list.\n\n");
        md.append(RecommendedCatalogue.policies().size()).append(" checks in the set.\n\n");
        md.append("## Checks by standard\n\n| standard | checks |\n|---|---|\n");
        Map<String, List<String>> byStandard = new TreeMap<>(CatalogueDocs::compareStandards);
        for (Policy p : RecommendedCatalogue.policies()) {
            for (String tag : p.metadata().tags()) {
                if (tag.contains(":")) {
                    byStandard.computeIfAbsent(tag, k -> new ArrayList<>()).add(p.metadata().id());
                }
            }
        }
        for (var e : byStandard.entrySet()) {
            md.append("| ").append(standard(e.getKey())).append(" | ")
                    .append(String.join(", ", e.getValue().stream().map(id -> "[" + id + "](" + id + ".md)").toList()))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static int compareStandards(String a, String b) {
        String[] pa = a.split("[:.]");
        String[] pb = b.split("[:.]");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            int c;
            if (pa[i].matches("\\d+") && pb[i].matches("\\d+")) {
                c = Integer.compare(Integer.parseInt(pa[i]), Integer.parseInt(pb[i]));
            } else {
                c = pa[i].compareTo(pb[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.length, pb.length);
    }

    /** The severity table of docs/rules/README.md, from {@link Severities}. */
    static String severityTable() {
        StringBuilder md = new StringBuilder("| problem | severity |\n|---|---|\n");
        for (Map.Entry<String, Severity> e : Severities.all().entrySet()) {
            md.append("| `").append(e.getKey()).append("` | ").append(e.getValue().label()).append(" |\n");
        }
        return md.toString();
    }
}
