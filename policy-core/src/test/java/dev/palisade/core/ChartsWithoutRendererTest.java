package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Manifests.SkippedFile.Category;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts when no {@link ChartRenderer} is on the class path (policy-core alone; policy-helm's tests
 * render charts with the real Helm engine): files are skipped with a note naming policy-helm, a chart
 * given options is an error, and rendered file names are recognised.
 */
class ChartsWithoutRendererTest {

    private static void chart(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: web\nversion: 1.0.0\n");
        Files.writeString(dir.resolve("values.yaml"), "image: nginx\n");
        Files.writeString(dir.resolve("templates/pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n"
                + "  name: {{ .Release.Name }}\nspec:\n  containers: [{name: c, image: {{ .Values.image }}}]\n");
    }

    @Test
    void noRendererIsDiscoveredInPolicyCoreAlone() {
        assertEquals(Optional.empty(), ChartRenderer.discover());
        assertEquals(Optional.empty(), Palisade.reader().chartRenderer());
        assertEquals(Optional.empty(), ManifestReader.create().chartRenderer());
    }

    @Test
    void chartFilesAreSkippedWithANoteNamingPolicyHelm(@TempDir Path dir) throws IOException {
        chart(dir.resolve("web"));
        Manifests read = ManifestReader.create().read(List.of(dir.toString()));
        assertEquals(List.of(), read.errors());
        assertEquals(3, read.skippedByCategory().get(Category.HELM_CHART).size());
        for (Manifests.SkippedFile skipped : read.skipped()) {
            assertTrue(skipped.reason().contains("policy-helm renders charts in-process")
                    && skipped.reason().contains("helm template " + dir.resolve("web") + " | palisade check -"),
                    skipped.reason());
        }
    }

    @Test
    void aChartGivenOptionsWithoutARendererIsAnErrorAtItsChartYaml(@TempDir Path dir) throws IOException {
        chart(dir.resolve("web"));
        Manifests read = ManifestReader.create().withChart(dir.resolve("web"), ChartOptions.defaults())
                .read(List.of(dir.toString()));
        assertEquals(1, read.errors().size(), read.errors().toString());
        EvaluationError error = read.errors().get(0);
        assertEquals(dir.resolve("web/Chart.yaml").toString(), error.location().file());
        assertTrue(error.message().contains("no chart renderer on the class path; add policy-helm"), error.message());
        assertEquals(List.of(), read.skipped(), "the chart's files go to the (failed) rendering, not the walk");
    }

    @Test
    void renderedFileNamesNameTheirTemplate() {
        String file = SourceLocation.rendered("charts/web/templates/deployment.yaml", "chart web");
        assertEquals("charts/web/templates/deployment.yaml (rendered from chart web)", file);
        assertEquals(Optional.of("charts/web/templates/deployment.yaml"), SourceLocation.templateOf(file));
        assertTrue(new SourceLocation(file, 0, 14, 13).isRendered());
        assertFalse(new SourceLocation("charts/web/templates/deployment.yaml", 0, 14, 13).isRendered());
        assertEquals(Optional.empty(), SourceLocation.templateOf("<stdin>"));
        assertEquals(Optional.empty(), SourceLocation.templateOf(" (rendered from x)"));
    }

    @Test
    void renderedDocumentsReadLikeAnyOtherWithTheirLinesInTheRenderedText() {
        String file = SourceLocation.rendered("charts/web/templates/pod.yaml", "chart web");
        Manifests read = ManifestReader.create().readString(file, "---\n# Source: web/templates/pod.yaml\n"
                + "apiVersion: v1\nkind: Pod\nmetadata:\n  name: release-name\n");
        Resource pod = read.resources().get(0);
        assertEquals(file + ":3:1", pod.source().display());
        assertEquals(6, pod.locate("/metadata/name").line());
        assertTrue(pod.locate("/metadata/name").isRendered());
    }

    @Test
    void chartOptionsCheckTheirValues() {
        ChartOptions options = ChartOptions.defaults();
        assertEquals(ChartOptions.DEFAULT_RELEASE_NAME, options.releaseName());
        assertEquals(Optional.empty(), options.namespace());
        assertEquals(Optional.of("prod"), options.withNamespace("prod").namespace());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> options.withReleaseName(" "));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> options.withTimeout(java.time.Duration.ZERO));
    }
}
