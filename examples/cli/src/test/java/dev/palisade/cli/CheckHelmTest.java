package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} over a GitOps repository with Helm charts rendered in-process (policy-helm, the real
 * Helm engine): a Kustomize base and overlay, a chart with values, plain manifests, an Argo Rollout, an
 * Argo CD Application and a UTF-16 file. Such a repository exits by its findings, never 2.
 */
class CheckHelmTest {
    static final String REPO = "src/test/resources/gitops";
    static final String CHART = REPO + "/charts/web";
    static final String DEPLOYMENT = CHART + "/templates/deployment.yaml (rendered from chart web)";



    @Test
    void aGitOpsRepositoryExitsByItsFindingsWithTheChartsAndTheRolloutsLocated() {
        CliRun run = CliRun.run("check", REPO);
        assertEquals(1, run.status(), run.out() + run.err());
        assertFalse(run.out().contains(": error:"), run.out());
        // the chart, rendered with its values.yaml: the line of the template's rendered output
        assertTrue(run.out().contains(DEPLOYMENT + ":16:11: medium no-latest-tag container \"web\" uses image"
                + " \"registry.example.com/shop/web:latest\" with the mutable tag :latest (warn, Deployment"
                + " release-name-web container web)"), run.out());
        assertTrue(run.out().contains(REPO + "/rollouts/checkout.yaml:23:13: critical no-privileged-containers"
                + " container \"checkout\" must not set securityContext.privileged to true (deny, Rollout"
                + " shop/checkout container checkout)"), run.out());
        // the catalog Deployment, the Application, 2 rendered objects, 2 Namespaces, the Rollout, the UTF-16 ConfigMap
        assertTrue(run.out().contains("8 resources, 2 violations (1 deny, 1 warn, 0 dryrun), 0 suppressed, 0 errors"),
                run.out());
        // the chart's values-prod.yaml (not rendered with) and its hook template
        assertTrue(run.err().contains("palisade: 6 files skipped: 3 kustomization, 2 Helm chart, 1 other file types"),
                run.err());
        assertTrue(run.err().contains("kustomize build DIR | palisade check - (Kustomize has no Java implementation"),
                run.err());
    }

    @Test
    void theUtf16FileIsJudged() {
        CliRun run = CliRun.run("check", "--format", "json", REPO + "/windows");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("\"name\" : \"feature-flags\"") || run.out().contains("\"name\":\"feature-flags\""),
                run.out());
    }

    @Test
    void aNamedChartRendersWithItsValuesSettingsAndNamespace() {
        CliRun run = CliRun.run("check", REPO, "--helm-chart", CHART, "--values", CHART + "/values-prod.yaml",
                "--namespace", "shop", "--release-name", "web", "--set", "image.tag=2.8.1");
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.out().contains(DEPLOYMENT + ":18:13: critical no-privileged-containers container \"web\" must"
                + " not set securityContext.privileged to true (deny, Deployment shop/web-web container web)"), run.out());
        assertFalse(run.out().contains("no-latest-tag"), "--set image.tag=2.8.1 wins over the values: " + run.out());
        assertEquals(1, count(run.out(), "Deployment shop/web-web"), "rendered once though named and walked");
        // values-prod.yaml is used now; the hook template is still skipped
        assertTrue(run.err().contains("palisade: 5 files skipped: 3 kustomization, 1 Helm chart, 1 other file types"),
                run.err());
    }

    @Test
    void severalChartsEachWithItsOwnOptions(@TempDir Path dir) throws IOException {
        Path other = dir.resolve("api");
        Files.createDirectories(other.resolve("templates"));
        Files.writeString(other.resolve("Chart.yaml"), "apiVersion: v2\nname: api\nversion: 1.0.0\n");
        Files.writeString(other.resolve("templates/pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n"
                + "  name: {{ .Release.Name }}\nspec:\n  containers:\n    - name: api\n      image: {{ .Values.image }}\n"
                + "      resources: {limits: {cpu: 100m, memory: 64Mi}}\n");
        CliRun run = CliRun.run("check", "--helm-chart", CHART, "--set", "image.tag=1.0.0", "--helm-chart", other.toString(),
                "--set", "image=registry.example.com/api:latest", "--release-name", "api", "--namespace", "backend");
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("Pod backend/api") && run.out().contains(":latest"), run.out());
        assertFalse(run.out().contains("web:latest"), run.out());
    }

    @Test
    void noHelmSkipsChartsAndSaysHowToRenderThem() {
        CliRun run = CliRun.run("check", "--no-helm", REPO);
        assertEquals(1, run.status(), run.out() + run.err());
        assertFalse(run.out().contains("rendered from chart"), run.out());
        assertTrue(run.err().contains("Helm charts are not rendered (--no-helm)"), run.err());
        assertTrue(run.err().contains("11 files skipped: 3 kustomization, 6 Helm chart, 2 other file types"), run.err());
        CliRun usage = CliRun.run("check", "--no-helm", "--helm-chart", CHART);
        assertEquals(2, usage.status());
        assertTrue(usage.err().contains("--helm-chart renders a chart, --no-helm renders none"), usage.err());
    }

    @Test
    void chartOptionsBelongToAChart() {
        CliRun run = CliRun.run("check", "--values", CHART + "/values-prod.yaml", CHART);
        assertEquals(2, run.status());
        assertTrue(run.err().contains("--values is an option of a chart: put it after --helm-chart DIR"), run.err());
        CliRun notChart = CliRun.run("check", "--helm-chart", REPO);
        assertEquals(2, notChart.status());
        assertTrue(notChart.err().contains("not a Helm chart (no Chart.yaml)"), notChart.err());
    }

    @Test
    void aChartThatCannotBeRenderedIsALocatedErrorExit2(@TempDir Path dir) throws IOException {
        Path chart = dir.resolve("broken");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: broken\nversion: 1.0.0\n");
        Files.writeString(chart.resolve("templates/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: {{ required \"name is required\" .Values.name }}\n");
        Files.writeString(dir.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\n"
                + "spec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext: {privileged: true}\n");
        CliRun run = CliRun.run("check", dir.toString());
        assertEquals(2, run.status(), run.out() + run.err());
        assertTrue(run.out().contains(chart.resolve("templates/cm.yaml") + ":4:11: error: cannot render the Helm chart "
                + chart + ": name is required"), run.out());
        assertTrue(run.out().contains(dir.resolve("pod.yaml") + ":8:"), "the rest is still judged: " + run.out());
        CliRun fixed = CliRun.run("check", "--helm-chart", chart.toString(), "--set", "name=settings");
        assertEquals(0, fixed.status(), fixed.out() + fixed.err());
    }

    @Test
    void sarifPointsAtTheTemplateAndSaysWhereInTheRenderedOutput() throws IOException {
        CliRun run = CliRun.run("check", "--format", "sarif", "--helm-chart", CHART, "--values", CHART + "/values-prod.yaml");
        assertEquals(1, run.status(), run.err());
        JsonNode result = new ObjectMapper().readTree(run.out()).at("/runs/0/results/0");
        assertEquals("no-privileged-containers", result.path("ruleId").asText());
        JsonNode location = result.at("/locations/0/physicalLocation");
        assertEquals(REPO + "/charts/web/templates/deployment.yaml", location.at("/artifactLocation/uri").asText());
        // a rendered line is not a line of the template: the region is the whole template (18 lines)
        assertEquals(1, location.at("/region/startLine").asInt());
        assertEquals(18, location.at("/region/endLine").asInt());
        assertTrue(location.at("/region/startColumn").isMissingNode());
        assertTrue(result.at("/message/text").asText().endsWith("Rendered from chart web: line 18 of the template's"
                + " rendered output."), result.at("/message/text").asText());
    }

    @Test
    void theFixtureIsWhatTheTestsSayItIs() throws IOException {
        byte[] utf16 = Files.readAllBytes(Path.of(REPO, "windows/feature-flags.yaml"));
        assertEquals((byte) 0xFF, utf16[0]);
        assertEquals((byte) 0xFE, utf16[1]);
        try (Stream<Path> files = Files.walk(Path.of(REPO))) {
            assertEquals(16, files.filter(Files::isRegularFile).count());
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}
