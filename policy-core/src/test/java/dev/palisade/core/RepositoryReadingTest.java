package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Manifests.SkippedFile;
import dev.palisade.core.Manifests.SkippedFile.Category;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repositories as they are: a small GitOps repository imitating real layouts (Kustomize bases and
 * overlays with patches and generators, a Helm chart, application config, templates) where every
 * YAML/JSON file is judged, skipped with a category, or — only when it is a malformed manifest — an
 * error; ignore files and exclude patterns; paths that cannot be read.
 */
class RepositoryReadingTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: %s
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: nginx:1.25
            """;

    private final ManifestReader reader = ManifestReader.create();

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Writes the repository; returns nothing, the layout is what the test reads. */
    static void repository(Path root) throws IOException {
        write(root.resolve("base/kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [deployment.yaml, service.yaml]
                configMapGenerator:
                  - name: settings
                    files: [config/app.properties, extra=config/extra.yaml]
                    envs: [config/env.yaml]
                """);
        write(root.resolve("base/deployment.yaml"), DEPLOYMENT.formatted("web"));
        write(root.resolve("base/service.yaml"), "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n");
        write(root.resolve("base/config/extra.yaml"), "apiVersion: v1\nkind: Thing\nmetadata:\n  name: not-a-manifest\n");
        write(root.resolve("base/config/env.yaml"), "LOG_LEVEL: debug\n");
        write(root.resolve("overlays/prod/kustomization.yml"), """
                resources: [../../base]
                components: [../../components/monitoring]
                patchesStrategicMerge:
                  - replicas.yaml
                  - |-
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: inline}
                patchesJson6902:
                  - target: {kind: Deployment, name: web}
                    path: json-patch.yaml
                patches:
                  - path: patches/resources.yaml
                  - patch: |-
                      - op: add
                replacements:
                  - path: replacements.yaml
                """);
        write(root.resolve("overlays/prod/replicas.yaml"), DEPLOYMENT.formatted("web").replace("spec:\n  template",
                "spec:\n  replicas: 5\n  template"));
        write(root.resolve("overlays/prod/json-patch.yaml"), "- op: replace\n  path: /spec/replicas\n  value: 3\n");
        write(root.resolve("overlays/prod/patches/resources.yaml"), DEPLOYMENT.formatted("web"));
        write(root.resolve("overlays/prod/replacements.yaml"), "- source: {kind: ConfigMap}\n");
        write(root.resolve("components/monitoring/Kustomization"), """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                patches:
                  - path: scrape.yaml
                """);
        write(root.resolve("components/monitoring/scrape.yaml"), DEPLOYMENT.formatted("web"));
        write(root.resolve("charts/shop/Chart.yaml"), "apiVersion: v2\nname: shop\nversion: 1.0.0\n");
        write(root.resolve("charts/shop/values.yaml"), "replicaCount: 1\nimage: {repository: nginx}\n");
        write(root.resolve("charts/shop/values-prod.yaml"), "replicaCount: 3\n");
        write(root.resolve("charts/shop/values.schema.json"), "{\"type\": \"object\"}");
        write(root.resolve("charts/shop/ci/test-values.yaml"), "replicaCount: 2\n");
        write(root.resolve("charts/shop/templates/deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ include "shop.fullname" . }}
                spec:
                  replicas: {{ .Values.replicaCount }}
                """);
        write(root.resolve("charts/shop/templates/NOTES.txt"), "Thanks");
        write(root.resolve("charts/shop/crds/widget.yaml"), """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.example.com
                """);
        write(root.resolve("apps/app-config.yaml"), "server:\n  port: 8080\nfeatures: [a, b]\n");
        write(root.resolve("apps/package.json"), "{\"name\": \"tooling\", \"version\": \"1.0.0\"}");
        write(root.resolve("apps/deploy.yaml"), DEPLOYMENT.formatted("api"));
        write(root.resolve("apps/broken.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n");
        write(root.resolve("apps/half.yaml"), "apiVersion: v1\nmetadata:\n  name: forgot-the-kind\n");
        write(root.resolve("apps/mixed.yaml"), "settings: {a: 1}\n---\n" + DEPLOYMENT.formatted("mixed"));
        write(root.resolve("tools/job-template.yaml"), """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: {{JOB_NAME}}
                """);
        write(root.resolve("tools/quoted-braces.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: alert-templates
                data:
                  title: '{{ template "slack.title" . }}'
                """);
        write(root.resolve("helm-repo/index.yaml"), "apiVersion: v1\nentries:\n  shop: []\ngenerated: \"2024-01-01\"\n");
        write(root.resolve(".github/workflows/ci.yaml"), "on: push\n");
        write(root.resolve("README.md"), "# repo");
    }

    private static Map<String, String> skippedByFile(Path root, Manifests manifests) {
        return manifests.skipped().stream().collect(Collectors.toMap(
                s -> root.relativize(Path.of(s.file())).toString().replace('\\', '/'), s -> s.category().label(),
                (a, b) -> a + "," + b, TreeMap::new));
    }

    @Test
    void everyFileIsJudgedSkippedWithACategoryOrAMalformedManifestError(@TempDir Path root) throws IOException {
        repository(root);
        Manifests manifests = reader.read(List.of(root.toString()));
        assertEquals(List.of("api", "mixed", "web", "web", "widgets.example.com", "alert-templates"),
                manifests.resources().stream().map(r -> r.id().name()).toList());
        Map<String, String> skipped = skippedByFile(root, manifests);
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry(".github", "hidden"),
                Map.entry("README.md", "other file types"),
                Map.entry("apps/app-config.yaml", "not Kubernetes objects"),
                Map.entry("apps/mixed.yaml", "not Kubernetes objects"),
                Map.entry("apps/package.json", "not Kubernetes objects"),
                Map.entry("base/config/env.yaml", "kustomization"),
                Map.entry("base/config/extra.yaml", "kustomization"),
                Map.entry("base/kustomization.yaml", "kustomization"),
                Map.entry("charts/shop/Chart.yaml", "Helm chart"),
                Map.entry("charts/shop/ci/test-values.yaml", "Helm chart"),
                Map.entry("charts/shop/templates/NOTES.txt", "other file types"),
                Map.entry("charts/shop/templates/deployment.yaml", "Helm chart"),
                Map.entry("charts/shop/values-prod.yaml", "Helm chart"),
                Map.entry("charts/shop/values.schema.json", "Helm chart"),
                Map.entry("charts/shop/values.yaml", "Helm chart"),
                Map.entry("components/monitoring/Kustomization", "kustomization"),
                Map.entry("components/monitoring/scrape.yaml", "kustomization"),
                Map.entry("helm-repo/index.yaml", "not Kubernetes objects"),
                Map.entry("overlays/prod/json-patch.yaml", "kustomization"),
                Map.entry("overlays/prod/kustomization.yml", "kustomization"),
                Map.entry("overlays/prod/patches/resources.yaml", "kustomization"),
                Map.entry("overlays/prod/replacements.yaml", "kustomization"),
                Map.entry("overlays/prod/replicas.yaml", "kustomization"),
                Map.entry("tools/job-template.yaml", "templates")));
        assertEquals(expected, skipped);
        List<String> errors = manifests.errors().stream()
                .map(e -> root.relativize(Path.of(e.location().file())) + ":" + e.location().line()).toList();
        assertEquals(List.of("apps/broken.yaml:4", "apps/half.yaml:1"), errors, manifests.errors().toString());
        String kustomization = manifests.skipped().stream()
                .filter(s -> s.file().endsWith("base" + java.io.File.separator + "kustomization.yaml")).findFirst()
                .orElseThrow().reason();
        assertTrue(kustomization.contains("kustomize build " + root.resolve("base") + " | palisade check -"),
                kustomization);
        Map<Category, List<SkippedFile>> groups = manifests.skippedByCategory();
        assertEquals(List.of(Category.KUSTOMIZE, Category.HELM_CHART, Category.TEMPLATE, Category.NOT_KUBERNETES,
                Category.OTHER_FILE, Category.HIDDEN), List.copyOf(groups.keySet()));
        assertEquals(10, groups.get(Category.KUSTOMIZE).size());
    }

    @Test
    void strictMakesNotAKubernetesObjectAnErrorAndLeavesLayoutFilesSkipped(@TempDir Path root) throws IOException {
        repository(root);
        Manifests manifests = reader.withStrict(true).read(List.of(root.resolve("apps").toString(),
                root.resolve("charts").toString()));
        List<String> errors = manifests.errors().stream()
                .map(e -> root.relativize(Path.of(e.location().file())).toString().replace('\\', '/')).toList();
        assertEquals(List.of("apps/app-config.yaml", "apps/broken.yaml", "apps/half.yaml", "apps/mixed.yaml",
                "apps/package.json"), errors);
        assertTrue(skippedByFile(root, manifests).values().stream().noneMatch(c -> c.equals("not Kubernetes objects")));
        assertTrue(skippedByFile(root, manifests).containsKey("charts/shop/values.yaml"));
    }

    @Test
    void palisadeIgnoreAndExcludePatternsLeavePathsOut(@TempDir Path root) throws IOException {
        repository(root);
        write(root.resolve(".palisadeignore"), """
                # generated output
                apps/
                !apps/deploy.yaml
                /charts
                **/patches/**
                """);
        Manifests manifests = reader.withExcludes(List.of("tools/*.yaml", "components/")).read(List.of(root.toString()));
        Map<String, String> skipped = skippedByFile(root, manifests);
        assertEquals("excluded", skipped.get("apps"), "a directory excluded is not walked, so no file in it re-includes");
        assertEquals("excluded", skipped.get("charts"));
        assertEquals("excluded", skipped.get("overlays/prod/patches/resources.yaml"));
        assertEquals("excluded", skipped.get("tools/job-template.yaml"));
        assertEquals("excluded", skipped.get("components"));
        assertEquals("hidden", skipped.get(".palisadeignore"));
        assertEquals(List.of(), manifests.errors());
        assertEquals(List.of("Deployment web", "Service web"),
                manifests.resources().stream().map(r -> r.id().kind() + " " + r.id().name()).toList());
        String reason = manifests.skipped().stream().filter(s -> s.file().endsWith("charts")).findFirst().orElseThrow()
                .reason();
        assertEquals("excluded by /charts", reason);
    }

    @Test
    void namedFilesAreClassifiedByNameAndContent(@TempDir Path root) throws IOException {
        repository(root);
        Manifests manifests = reader.read(List.of(root.resolve("base/kustomization.yaml").toString(),
                root.resolve("charts/shop/Chart.yaml").toString(), root.resolve("apps/app-config.yaml").toString(),
                root.resolve(".github/workflows/ci.yaml").toString()));
        assertEquals(List.of(Category.KUSTOMIZE, Category.HELM_CHART, Category.NOT_KUBERNETES, Category.NOT_KUBERNETES),
                manifests.skipped().stream().map(SkippedFile::category).toList());
        assertEquals(List.of(), manifests.errors());
    }

    @Test
    void pathsThatCannotBeReadSayWhyInWords(@TempDir Path root) throws IOException {
        Path loopA = root.resolve("loop-a.yaml");
        Path loopB = root.resolve("loop-b.yaml");
        Files.createSymbolicLink(loopA, loopB);
        Files.createSymbolicLink(loopB, loopA);
        Path broken = root.resolve("broken-link.yaml");
        Files.createSymbolicLink(broken, root.resolve("nowhere.yaml"));
        Manifests manifests = reader.read(List.of(root.resolve("missing.yaml").toString(), loopA.toString(),
                broken.toString()));
        List<String> messages = manifests.errors().stream().map(EvaluationError::display).toList();
        assertEquals("cannot read " + root.resolve("missing.yaml") + ": no such file", messages.get(0));
        assertTrue(messages.get(1).startsWith("cannot read " + loopA + ": "), messages.get(1));
        assertTrue(messages.get(1).contains("symbolic links"), messages.get(1));
        assertEquals("cannot read " + broken + ": broken symbolic link (its target does not exist)", messages.get(2));
        assertTrue(messages.stream().noneMatch(m -> m.contains("Exception")), messages.toString());
    }

    @Test
    void readErrorsAreWordsNotExceptionNames() {
        assertEquals("cannot read x.yaml: permission denied", dev.palisade.core.internal.reader.DocumentParser
                .cannotRead("x.yaml", new java.nio.file.AccessDeniedException("x.yaml")));
        assertEquals("cannot read x.yaml: no such file", dev.palisade.core.internal.reader.DocumentParser
                .cannotRead("x.yaml", new java.nio.file.NoSuchFileException("x.yaml")));
        assertEquals("cannot read x.yaml: is a directory", dev.palisade.core.internal.reader.DocumentParser
                .cannotRead("x.yaml", new IOException("Is a directory")));
    }

    @Test
    void aNamedPipeIsReadAsAStream(@TempDir Path root) throws Exception {
        Path fifo = root.resolve("rendered");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, DEPLOYMENT.formatted("from-a-pipe"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        Manifests manifests = reader.read(List.of(fifo.toString()));
        writer.join();
        assertEquals(List.of(), manifests.errors());
        assertEquals(List.of("from-a-pipe"), manifests.resources().stream().map(r -> r.id().name()).toList());
    }
}
