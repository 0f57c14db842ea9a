package dev.palisade.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.ChartOptions;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.Manifests.SkippedFile.Category;
import dev.palisade.core.Palisade;
import dev.palisade.core.Resource;
import dev.palisade.core.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ManifestReader with the Helm renderer: charts met in reads are rendered, their objects located. */
class ChartReadingTest {
    @TempDir
    Path root;
    private final ManifestReader reader = ManifestReader.create().withCharts(new HelmChartRenderer());

    @BeforeEach
    void repository() throws IOException {
        copy(HelmChartRendererTest.CHARTS.resolve("web"), root.resolve("charts/web"));
        copy(HelmChartRendererTest.CHARTS.resolve("umbrella"), root.resolve("charts/umbrella"));
        write(root.resolve("charts/web/crds/widget.yaml"), """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  scope: Cluster
                  names: {kind: Widget, plural: widgets}
                  versions: [{name: v1, served: true, storage: true}]
                """);
        write(root.resolve("charts/web/ci/ct-values.yaml"), "replicaCount: 1\n");
        write(root.resolve("charts/web/README.md"), "# web\n");
        write(root.resolve("apps/pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: plain, namespace: shop}\n"
                + "spec: {containers: [{name: c, image: nginx:1.27}]}\n");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static Resource one(Manifests read, String kind) {
        List<Resource> found = read.resources().stream().filter(r -> r.id().kind().equals(kind)).toList();
        assertEquals(1, found.size(), kind + " in " + read.resources());
        return found.get(0);
    }

    private Map<String, Category> skipped(Manifests read) {
        return read.skipped().stream().collect(Collectors.toMap(
                s -> root.relativize(Path.of(s.file())).toString(), Manifests.SkippedFile::category));
    }

    /** The 1-based line of the first line of {@code text} holding {@code needle}. */
    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + text);
    }

    @Test
    void aWalkRendersChartsAndLocatesTheirObjectsAtTheTemplateMarkedRendered() {
        Manifests read = reader.read(List.of(root.toString()));
        assertEquals(List.of(), read.errors());
        // in walk order; a chart's rendered objects come where the chart directory is, before its crds/
        assertEquals(List.of("Pod", "ConfigMap", "ClusterRole", "StatefulSet", "Service", "Deployment",
                "CustomResourceDefinition"), read.resources().stream().map(r -> r.id().kind()).toList());
        Resource deployment = one(read, "Deployment");
        String template = root.resolve("charts/web/templates/deployment.yaml").toString();
        assertEquals(SourceLocation.rendered(template, "chart web"), deployment.source().file());
        assertEquals(template + " (rendered from chart web)", deployment.source().file());
        assertTrue(deployment.source().isRendered());
        assertEquals(3, deployment.source().line());
        String rendered = new HelmChartRenderer().render(root.resolve("charts/web"), ChartOptions.defaults())
                .templates().get(1).content();
        SourceLocation privileged = deployment.locate("/spec/template/spec/containers/0/securityContext/privileged");
        assertEquals(lineOf(rendered, "privileged: false"), privileged.line());
        assertEquals(13, privileged.column());
        assertEquals(root.resolve("charts/umbrella/charts/db/templates/statefulset.yaml")
                + " (rendered from chart umbrella)", one(read, "StatefulSet").source().file());
    }

    @Test
    void chartFilesGoIntoTheRenderingAndWhatItDoesNotUseIsSkippedVisibly() {
        Manifests read = reader.read(List.of(root.toString()));
        assertEquals(Map.of(
                "charts/web/values-privileged.yaml", Category.HELM_CHART,
                "charts/web/ci/ct-values.yaml", Category.HELM_CHART,
                "charts/web/templates/tests/test-connection.yaml", Category.HELM_CHART,
                "charts/web/README.md", Category.OTHER_FILE), skipped(read));
        String reason = read.skipped().stream().filter(s -> s.file().endsWith("values-privileged.yaml")).findFirst()
                .orElseThrow().reason();
        assertTrue(reason.contains("palisade check --helm-chart " + root.resolve("charts/web") + " --values "
                + root.resolve("charts/web/values-privileged.yaml")), reason);
    }

    @Test
    void aChartWithOptionsIsRenderedWithThemAndItsNamespaceGoesToNamespacedObjects() {
        Path web = root.resolve("charts/web");
        Path umbrella = root.resolve("charts/umbrella");
        Manifests read = reader
                .withChart(web, ChartOptions.defaults().withValuesFiles(List.of(web.resolve("values-privileged.yaml")))
                        .withNamespace("prod").withReleaseName("shop"))
                .withChart(umbrella, ChartOptions.defaults().withNamespace("data"))
                .read(List.of(root.toString()));
        assertEquals(List.of(), read.errors());
        Resource deployment = one(read, "Deployment");
        assertEquals("prod", deployment.id().namespace());
        assertEquals("shop-web", deployment.id().name());
        assertEquals(true, deployment.object().at("/spec/template/spec/containers/0/securityContext/privileged")
                .booleanValue());
        assertEquals("prod", one(read, "Service").id().namespace());
        // the namespace added is located at metadata, where a policy's finding about it points
        assertEquals(deployment.locate("/metadata").line(), deployment.locate("/metadata/namespace").line());
        assertEquals("data", one(read, "StatefulSet").id().namespace());
        assertEquals("data", one(read, "ConfigMap").id().namespace());
        assertEquals("", one(read, "ClusterRole").id().namespace(), "cluster-scoped kinds get no namespace");
        assertTrue(!skipped(read).containsKey("charts/web/values-privileged.yaml"), "the values file was used");
    }

    @Test
    void withoutANamespaceObjectsKeepWhatTheTemplatesSay() {
        Manifests read = reader.read(List.of(root.resolve("charts/umbrella").toString()));
        assertEquals("", one(read, "StatefulSet").id().namespace());
        assertEquals("default", one(read, "ConfigMap").id().namespace(), "the template wrote .Release.Namespace");
    }

    @Test
    void customKindsTakeTheirScopeFromTheirDefinitions() throws IOException {
        Path chart = root.resolve("charts/widgets");
        write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: widgets\nversion: 0.1.0\n");
        write(chart.resolve("crds/gadget.yaml"), """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: gadgets.example.com}
                spec: {group: example.com, scope: Cluster, names: {kind: Gadget, plural: gadgets}}
                """);
        write(chart.resolve("templates/objects.yaml"), """
                apiVersion: example.com/v1
                kind: Gadget
                metadata: {name: g}
                ---
                apiVersion: example.com/v1
                kind: Gizmo
                metadata: {name: z}
                ---
                apiVersion: cert-manager.io/v1
                kind: ClusterIssuer
                metadata: {name: letsencrypt}
                """);
        Manifests read = reader.withChart(chart, ChartOptions.defaults().withNamespace("tools"))
                .read(List.of(chart.toString()));
        assertEquals(List.of(), read.errors());
        assertEquals("", one(read, "Gadget").id().namespace(), "crds/ declares Gadget cluster-scoped");
        assertEquals("tools", one(read, "Gizmo").id().namespace(), "unknown kinds are taken as namespaced");
        assertEquals("", one(read, "ClusterIssuer").id().namespace());
        assertEquals(1, read.resources().stream().filter(r -> r.id().kind().equals("CustomResourceDefinition")).count(),
                "crds/ is read as plain manifests");
    }

    @Test
    void aChartAKustomizationRendersWithItsOwnValuesIsLeftToKustomize() throws IOException {
        Path overlay = root.resolve("overlays/prod");
        write(overlay.resolve("kustomization.yaml"), """
                helmCharts:
                  - name: web
                    releaseName: storefront
                    valuesInline: {securityContext: {privileged: true}}
                """);
        copy(HelmChartRendererTest.CHARTS.resolve("web"), overlay.resolve("charts/web"));
        Manifests read = reader.read(List.of(overlay.toString()));
        assertEquals(List.of(), read.resources(), "not rendered on its own, with other values than Kustomize's");
        assertEquals(Map.of("overlays/prod/kustomization.yaml", Category.KUSTOMIZE,
                "overlays/prod/charts/web", Category.KUSTOMIZE), skipped(read));
        String reason = read.skipped().get(0).reason();
        assertTrue(reason.contains("kustomize build --enable-helm " + overlay), reason);
        // named explicitly, it is rendered all the same
        Manifests named = reader.withChart(overlay.resolve("charts/web"), ChartOptions.defaults())
                .read(List.of(overlay.toString()));
        assertEquals(2, named.resources().size());
    }

    @Test
    void aChartNamedAndWalkedIsRenderedOnce() {
        Manifests read = reader.read(List.of(root.toString(), root.resolve("charts/web").toString(),
                root.resolve("charts/web").toString()));
        assertEquals(1, read.resources().stream().filter(r -> r.id().kind().equals("Deployment")).count());
    }

    @Test
    void aChartThatCannotBeRenderedIsALocatedErrorAndTheRestIsRead() throws IOException {
        copy(HelmChartRendererTest.CHARTS.resolve("required-value"), root.resolve("charts/api"));
        Manifests read = reader.read(List.of(root.toString()));
        assertEquals(1, read.errors().size(), read.errors().toString());
        EvaluationError error = read.errors().get(0);
        assertEquals(root.resolve("charts/api/templates/deployment.yaml") + ":10:52", error.location().display());
        assertTrue(error.message().contains("image.tag is required"), error.message());
        assertEquals(1, read.resources().stream().filter(r -> r.id().kind().equals("Deployment")).count(),
                "the other charts are still rendered");
    }

    @Test
    void chartYamlNamedAloneSaysToNameTheDirectory() {
        Manifests read = reader.read(List.of(root.resolve("charts/web/Chart.yaml").toString()));
        assertEquals(List.of(), read.resources());
        assertEquals(Category.HELM_CHART, read.skipped().get(0).category());
        assertTrue(read.skipped().get(0).reason().contains("palisade check " + root.resolve("charts/web")),
                read.skipped().get(0).reason());
    }

    @Test
    void palisadeReaderDiscoversTheRenderer() {
        assertEquals(HelmChartRenderer.class, Palisade.reader().chartRenderer().orElseThrow().getClass());
        Manifests read = Palisade.manifests(root.resolve("charts/web").toString());
        assertEquals(List.of("Service", "Deployment", "CustomResourceDefinition"),
                read.resources().stream().map(r -> r.id().kind()).toList());
    }
}
