package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading side of {@code check}: the skipped-files summary, --show-skipped, --strict, --exclude. */
class CheckReadingTest {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop}
            spec:
              containers:
                - name: web
                  image: nginx:1.25
                  resources: {limits: {cpu: 100m, memory: 64Mi}}
            """;

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void repository(Path dir) throws IOException {
        write(dir.resolve("apps/pod.yaml"), POD);
        write(dir.resolve("apps/kustomization.yaml"), "resources: [pod.yaml]\npatches:\n  - path: patch.yaml\n");
        write(dir.resolve("apps/patch.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n");
        write(dir.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: c\nversion: 1.0.0\n");
        write(dir.resolve("chart/values.yaml"), "replicas: 1\n");
        write(dir.resolve("chart/templates/pod.yaml"), "metadata:\n  name: {{ .Release.Name }}\n");
        write(dir.resolve("config/app.yaml"), "port: 8080\n");
        write(dir.resolve("config/tool.json"), "{\"tool\": true}");
    }

    @Test
    void skippedFilesAreOneSummaryLineByCategory(@TempDir Path dir) throws IOException {
        repository(dir);
        CliRun run = CliRun.run("check", dir.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        // the chart is rendered (policy-helm): its template renders a document without apiVersion and kind
        assertTrue(run.err().contains("palisade: 5 files skipped: 2 kustomization, 3 not Kubernetes"
                + " objects; --show-skipped lists them"), run.err());
        CliRun unrendered = CliRun.run("check", "--no-helm", dir.toString());
        assertTrue(unrendered.err().contains("palisade: 7 files skipped: 2 kustomization, 3 Helm chart, 2 not"
                + " Kubernetes objects; --show-skipped lists them"), unrendered.err());
        assertTrue(run.err().contains("kustomize build DIR | palisade check -"), run.err());
        assertFalse(run.err().contains("palisade: skipped "), "no line per file: " + run.err());
        assertTrue(run.out().contains("1 resource,"), run.out());
    }

    @Test
    void showSkippedListsEveryFileWithItsReason(@TempDir Path dir) throws IOException {
        repository(dir);
        CliRun run = CliRun.run("check", "--show-skipped", "--no-helm", dir.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().contains("palisade: skipped " + dir.resolve("apps/kustomization.yaml")
                + " (kustomization): a kustomization; Palisade judges what Kustomize renders: kustomize build "
                + dir.resolve("apps") + " | palisade check -"), run.err());
        assertTrue(run.err().contains("palisade: skipped " + dir.resolve("apps/patch.yaml") + " (kustomization)"),
                run.err());
        assertTrue(run.err().contains("palisade: skipped " + dir.resolve("config/app.yaml")
                + " (not Kubernetes objects): not a Kubernetes object"), run.err());
        assertTrue(run.err().contains("palisade: 7 files skipped: 2 kustomization, 3 Helm chart, 2 not Kubernetes"
                + " objects\n"), run.err());
    }

    @Test
    void strictMakesConfigFilesErrors(@TempDir Path dir) throws IOException {
        repository(dir);
        CliRun run = CliRun.run("check", "--strict", "--no-helm", dir.toString());
        assertEquals(2, run.status());
        assertTrue(run.out().contains(dir.resolve("config/app.yaml") + ":1:1: error: document has no apiVersion and kind"),
                run.out());
        assertTrue(run.err().contains("5 files skipped: 2 kustomization, 3 Helm chart"), run.err());
    }

    @Test
    void excludeLeavesPathsOutAndPalisadeIgnoreIsRead(@TempDir Path dir) throws IOException {
        repository(dir);
        write(dir.resolve(".palisadeignore"), "chart/\n");
        CliRun run = CliRun.run("check", "--allow-empty", "--exclude", "config/*.json", "--exclude=apps/",
                dir.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().contains("palisade: 5 files skipped: 1 not Kubernetes objects, 1 hidden, 3 excluded;"),
                run.err());
        assertTrue(run.out().contains("0 resources"), run.out());
    }

    @Test
    void judgingNothingIsAnErrorUnlessAllowed(@TempDir Path dir) throws IOException {
        repository(dir);
        CliRun excluded = CliRun.run("check", "--exclude=apps/", "--exclude=chart/", "--exclude=config/", dir.toString());
        assertEquals(2, excluded.status(), excluded.err());
        assertTrue(excluded.out().contains("error: nothing to judge: no Kubernetes object in " + dir + " ("),
                excluded.out());
        assertTrue(excluded.out().contains("pass --allow-empty"), excluded.out());

        CliRun emptyStdin = CliRun.runWithInput("", "check", "-");
        assertEquals(2, emptyStdin.status(), emptyStdin.out() + emptyStdin.err());
        assertTrue(emptyStdin.out().contains("nothing to judge: no Kubernetes object in standard input;"),
                emptyStdin.out());

        CliRun allowed = CliRun.runWithInput("", "check", "--allow-empty", "-");
        assertEquals(0, allowed.status(), allowed.out() + allowed.err());
    }

    @Test
    void aMissingFileIsNamedWithoutAnExceptionName(@TempDir Path dir) {
        CliRun run = CliRun.run("check", dir.resolve("nope.yaml").toString());
        assertEquals(2, run.status());
        assertTrue(run.out().contains("cannot read " + dir.resolve("nope.yaml") + ": no such file"), run.out());
        assertFalse(run.out().contains("Exception"), run.out());
    }
}
