package dev.palisade.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ChartOptions;
import dev.palisade.core.ChartRenderer;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.RenderedChart;
import dev.palisade.core.Resource;
import dev.palisade.core.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts rendered by the real Helm engine (helm-java's native library), no mocks. */
class HelmChartRendererTest {
    static final Path CHARTS = Path.of("src/test/resources/charts");
    private final HelmChartRenderer helm = new HelmChartRenderer();

    /** The rendered objects of a chart, read as Palisade reads them. */
    private static List<Resource> objects(RenderedChart chart) {
        List<Resource> all = new ArrayList<>();
        for (RenderedChart.Template template : chart.templates()) {
            var read = ManifestReader.create().readString(template.path(), template.content());
            assertEquals(List.of(), read.errors(), template.content());
            all.addAll(read.resources());
        }
        return all;
    }

    private static Resource only(List<Resource> objects, String kind) {
        List<Resource> found = objects.stream().filter(r -> r.id().kind().equals(kind)).toList();
        assertEquals(1, found.size(), kind + " in " + objects);
        return found.get(0);
    }

    private static JsonNode container(Resource workload) {
        return workload.object().at("/spec/template/spec/containers/0");
    }

    @Test
    void discoveredAsTheChartRendererService() {
        ChartRenderer renderer = ChartRenderer.discover().orElseThrow();
        assertEquals(HelmChartRenderer.class, renderer.getClass());
        assertTrue(renderer.name().startsWith("Helm (helm-java 0.0."), renderer.name());
    }

    @Test
    void rendersTheChartWithItsValuesGroupedByTemplateAsHelmShowOnlyPrintsThem() {
        RenderedChart chart = helm.render(CHARTS.resolve("web"), ChartOptions.defaults());
        assertEquals("web", chart.name());
        // Helm orders a release by kind (Service before Deployment); each template's documents keep that order
        assertEquals(List.of("templates/service.yaml", "templates/deployment.yaml"),
                chart.templates().stream().map(RenderedChart.Template::path).toList());
        String deployment = chart.templates().get(1).content();
        assertTrue(deployment.startsWith("---\n# Source: web/templates/deployment.yaml\napiVersion: apps/v1\n"
                + "kind: Deployment\n"), deployment);
        Resource workload = only(objects(chart), "Deployment");
        assertEquals("release-name-web", workload.id().name());
        assertEquals("", workload.id().namespace(), "helm template sets no namespace on objects");
        assertEquals("nginx:1.27.1", container(workload).path("image").asText());
        assertEquals(false, container(workload).at("/securityContext/privileged").booleanValue());
        assertEquals(2, workload.object().at("/spec/replicas").intValue());
        // line 3 of the template's output is the document's first line
        assertEquals(3, workload.source().line());
    }

    @Test
    void hookTemplatesAreReportedAsOmittedNotDropped() {
        RenderedChart chart = helm.render(CHARTS.resolve("web"), ChartOptions.defaults());
        assertEquals(1, chart.omitted().size(), chart.omitted().toString());
        RenderedChart.Omitted hook = chart.omitted().get(0);
        assertEquals("templates/tests/test-connection.yaml", hook.path());
        assertTrue(hook.reason().contains("helm.sh/hook") && hook.reason().contains("--show-only"
                + " templates/tests/test-connection.yaml"), hook.reason());
        assertTrue(objects(chart).stream().noneMatch(r -> r.id().kind().equals("Pod")), "helm-java renders no hooks");
    }

    @Test
    void aValuesFileOverridesTheChartValues() {
        RenderedChart chart = helm.render(CHARTS.resolve("web"), ChartOptions.defaults()
                .withValuesFiles(List.of(CHARTS.resolve("web/values-privileged.yaml"))));
        JsonNode securityContext = container(only(objects(chart), "Deployment")).path("securityContext");
        assertEquals(true, securityContext.path("privileged").booleanValue());
        assertEquals(true, securityContext.path("runAsNonRoot").booleanValue(), "values are merged, not replaced");
    }

    @Test
    void setIsTypedAsHelmTypesItAndSetStringKeepsStrings() {
        RenderedChart typed = helm.render(CHARTS.resolve("web"), ChartOptions.defaults()
                .withSet(List.of("replicaCount=3", "image.tag=1.28.0", "securityContext.privileged=true")));
        Resource workload = only(objects(typed), "Deployment");
        assertTrue(workload.object().at("/spec/replicas").isIntegralNumber());
        assertEquals(3, workload.object().at("/spec/replicas").intValue());
        assertEquals("nginx:1.28.0", container(workload).path("image").asText());
        assertEquals(true, container(workload).at("/securityContext/privileged").booleanValue());

        RenderedChart strings = helm.render(CHARTS.resolve("capabilities"), ChartOptions.defaults()
                .withSet(List.of("extra.count=3", "extra.on=true")).withSetString(List.of("extra.version=3",
                        "extra.flag=true")));
        assertEquals("{\"count\":3,\"flag\":\"true\",\"on\":true,\"version\":\"3\"}",
                only(objects(strings), "ConfigMap").object().at("/data/extra").asText());
    }

    @Test
    void escapedCommasAreValuesAndUnescapedOnesAreRefused() {
        RenderedChart chart = helm.render(CHARTS.resolve("capabilities"), ChartOptions.defaults()
                .withSet(List.of("extra.list=a\\,b", "extra.path=x.y")));
        assertEquals("{\"list\":\"a,b\",\"path\":\"x.y\"}",
                only(objects(chart), "ConfigMap").object().at("/data/extra").asText());
        PalisadeException pairs = assertThrows(PalisadeException.class, () -> helm.render(CHARTS.resolve("web"),
                ChartOptions.defaults().withSet(List.of("image.tag=1,replicaCount=4"))));
        assertTrue(pairs.getMessage().contains("--set image.tag=1,replicaCount=4: a comma separates settings"),
                pairs.getMessage());
        PalisadeException list = assertThrows(PalisadeException.class, () -> helm.render(CHARTS.resolve("web"),
                ChartOptions.defaults().withSet(List.of("args={a,b}"))));
        assertTrue(list.getMessage().contains("set the items by index"), list.getMessage());
        assertThrows(PalisadeException.class, () -> helm.render(CHARTS.resolve("web"),
                ChartOptions.defaults().withSetString(List.of("no-equals-sign"))));
    }

    @Test
    void aLaterSettingOfAnEnclosingKeyWinsEveryTime() {
        // helm-java passes settings in no fixed order; Palisade keeps only the later of two overlapping ones
        Set<String> results = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            RenderedChart chart = helm.render(CHARTS.resolve("capabilities"), ChartOptions.defaults()
                    .withSet(List.of("extra.a.b=1", "extra.a=2", "extra.c=3", "extra.d=4", "extra.d.e=5")));
            results.add(only(objects(chart), "ConfigMap").object().at("/data/extra").asText());
        }
        assertEquals(Set.of("{\"a\":2,\"c\":3,\"d\":{\"e\":5}}"), results);
    }

    @Test
    void releaseNameNamespaceAndKubeVersionReachTheTemplates() {
        RenderedChart chart = helm.render(CHARTS.resolve("capabilities"), ChartOptions.defaults()
                .withReleaseName("shop").withNamespace("prod").withKubeVersion("1.28.4"));
        JsonNode data = only(objects(chart), "ConfigMap").object().path("data");
        assertEquals("shop", data.path("release").asText());
        assertEquals("prod", data.path("namespace").asText());
        assertEquals("v1.28.4", data.path("kubeVersion").asText());
        assertEquals("emulated", data.path("sidecars").asText());
        RenderedChart newer = helm.render(CHARTS.resolve("capabilities"), ChartOptions.defaults()
                .withKubeVersion("v1.30.0"));
        JsonNode defaults = only(objects(newer), "ConfigMap").object().path("data");
        assertEquals("native", defaults.path("sidecars").asText());
        assertEquals("default", defaults.path("namespace").asText(), ".Release.Namespace without a namespace");
        assertEquals("release-name", defaults.path("release").asText());
    }

    @Test
    void subchartsAreRenderedWithTheParentAndItsValues() {
        RenderedChart chart = helm.render(CHARTS.resolve("umbrella"), ChartOptions.defaults());
        assertEquals(List.of("templates/configmap.yaml", "charts/db/templates/statefulset.yaml"),
                chart.templates().stream().map(RenderedChart.Template::path).toList());
        Resource database = only(objects(chart), "StatefulSet");
        assertEquals("postgres:16.4", container(database).path("image").asText(), "the parent's values win");
        assertTrue(chart.templates().get(1).content().contains("# Source: umbrella/charts/db/templates/statefulset.yaml"));
    }

    @Test
    void aMissingDependencyNamesHelmDependencyBuild() {
        Path chart = CHARTS.resolve("missing-dependency");
        PalisadeException e = assertThrows(PalisadeException.class, () -> helm.render(chart, ChartOptions.defaults()));
        assertEquals(chart.resolve("Chart.yaml").toString(), e.location().orElseThrow().file());
        assertTrue(e.getMessage().contains("redis") && e.getMessage().contains("helm dependency build " + chart),
                e.getMessage());
    }

    @Test
    void aTemplateErrorIsLocatedAtTheTemplateLineAndColumn() {
        Path chart = CHARTS.resolve("template-error");
        PalisadeException e = assertThrows(PalisadeException.class, () -> helm.render(chart, ChartOptions.defaults()));
        SourceLocation at = e.location().orElseThrow();
        assertEquals(chart.resolve("templates/deployment.yaml") + ":10:41", at.display());
        assertTrue(e.getMessage().startsWith("cannot render the Helm chart " + chart + ": template error: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("<upper>"), e.getMessage());
    }

    @Test
    void aMissingRequiredValueIsLocatedWhereItIsRequired() {
        Path chart = CHARTS.resolve("required-value");
        PalisadeException e = assertThrows(PalisadeException.class, () -> helm.render(chart, ChartOptions.defaults()));
        assertEquals(chart.resolve("templates/deployment.yaml") + ":10:52", e.location().orElseThrow().display());
        assertTrue(e.getMessage().contains("image.tag is required: set it to the release's version"), e.getMessage());
        RenderedChart given = helm.render(chart, ChartOptions.defaults().withSet(List.of("image.tag=2.4.1")));
        assertEquals("registry.example.com/api:2.4.1", container(only(objects(given), "Deployment")).path("image")
                .asText());
    }

    @Test
    void unreadableValuesAndBrokenTemplatesAreLocated(@TempDir Path dir) throws IOException {
        PalisadeException missing = assertThrows(PalisadeException.class, () -> helm.render(CHARTS.resolve("web"),
                ChartOptions.defaults().withValuesFiles(List.of(dir.resolve("nope.yaml")))));
        assertEquals(dir.resolve("nope.yaml").toString(), missing.location().orElseThrow().file());
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());

        Path badValues = dir.resolve("bad-values.yaml");
        Files.writeString(badValues, "image:\n  - a\n - b\n");
        PalisadeException values = assertThrows(PalisadeException.class, () -> helm.render(CHARTS.resolve("web"),
                ChartOptions.defaults().withValuesFiles(List.of(badValues))));
        assertEquals(badValues + ":2", values.location().orElseThrow().display());

        Path chart = dir.resolve("unparsable");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: unparsable\nversion: 0.1.0\n");
        Files.writeString(chart.resolve("templates/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: {{ .Release.Name }\n");
        PalisadeException parse = assertThrows(PalisadeException.class, () -> helm.render(chart, ChartOptions.defaults()));
        assertEquals(chart.resolve("templates/cm.yaml") + ":4", parse.location().orElseThrow().display());

        Files.writeString(chart.resolve("templates/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: x\ndata:\n  a: b: c\n");
        PalisadeException yaml = assertThrows(PalisadeException.class, () -> helm.render(chart, ChartOptions.defaults()));
        assertEquals(chart.resolve("templates/cm.yaml").toString(), yaml.location().orElseThrow().display());
        assertTrue(yaml.getMessage().contains("not YAML"), yaml.getMessage());

        Files.writeString(chart.resolve("templates/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        Files.writeString(chart.resolve("values.yaml"), "port: eighty\n");
        Files.writeString(chart.resolve("values.schema.json"),
                "{\"type\": \"object\", \"properties\": {\"port\": {\"type\": \"integer\"}}}");
        PalisadeException schema = assertThrows(PalisadeException.class, () -> helm.render(chart,
                ChartOptions.defaults()));
        assertEquals(chart.resolve("values.schema.json").toString(), schema.location().orElseThrow().file());
        assertTrue(schema.getMessage().contains("/port"), schema.getMessage());
        assertEquals(1, objects(helm.render(chart, ChartOptions.defaults().withSet(List.of("port=80")))).size());
    }

    @Test
    void aLibraryChartIsOmittedNotRendered() {
        RenderedChart chart = helm.render(CHARTS.resolve("library"), ChartOptions.defaults());
        assertEquals(List.of(), chart.templates());
        assertEquals("Chart.yaml", chart.omitted().get(0).path());
        assertTrue(chart.omitted().get(0).reason().contains("library chart"), chart.omitted().toString());
    }

    @Test
    void aDirectoryWithoutChartYamlIsNotAChart(@TempDir Path dir) {
        PalisadeException e = assertThrows(PalisadeException.class, () -> helm.render(dir, ChartOptions.defaults()));
        assertTrue(e.getMessage().contains("has no Chart.yaml"), e.getMessage());
    }

    @Test
    void aRenderingPastItsTimeLimitIsAnErrorAndTheEngineRecovers(@TempDir Path dir) throws Exception {
        Path chart = dir.resolve("loops");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: loops\nversion: 0.1.0\n");
        Files.writeString(chart.resolve("templates/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: x\n{{- range until 2500 }}{{- range until 2500 }}{{- end }}{{- end }}\n");
        PalisadeException e = assertThrows(PalisadeException.class, () -> helm.render(chart,
                ChartOptions.defaults().withTimeout(Duration.ofMillis(20))));
        assertTrue(e.getMessage().contains("did not finish within 20 ms") && e.getMessage().contains("--helm-timeout"),
                e.getMessage());
        // while the runaway rendering goes on, others are refused; once it ends, rendering works again
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                helm.render(CHARTS.resolve("web"), ChartOptions.defaults());
                break;
            } catch (PalisadeException busy) {
                assertTrue(busy.getMessage().contains("ran past its time limit"), busy.getMessage());
                assertTrue(System.nanoTime() < deadline, "the runaway rendering never ended");
                Thread.sleep(100);
            }
        }
        assertEquals(1, objects(helm.render(chart, ChartOptions.defaults())).size());
    }
}
