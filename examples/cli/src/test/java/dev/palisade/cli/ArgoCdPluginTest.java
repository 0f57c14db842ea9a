package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.Resource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command contract of the Argo CD plugin's generate script (examples/argocd/generate.sh), run
 * with bash over the fixture apps in examples/argocd/testdata with this build's CLI: exit status,
 * only manifests on stdout when the app passes and nothing when it fails, findings on stderr.
 */
class ArgoCdPluginTest {
    private static final Path ARGOCD = RolloutCommandsTest.ROOT.resolve("examples/argocd").toAbsolutePath().normalize();
    private static final Path SCRIPT = ARGOCD.resolve("generate.sh");

    @TempDir
    static Path bin;


    @BeforeAll
    static void cli() throws IOException {
        TestCli.install(bin);
    }

    static CliRun generate(Path app, Map<String, String> environment) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("PALISADE", bin.resolve("palisade").toString(),
                "ARGOCD_APP_NAME", "web", "ARGOCD_APP_NAMESPACE", "shop"));
        env.putAll(environment);
        return TestCli.bash(app, env, "bash", SCRIPT.toString());
    }

    private static List<String> identities(String yaml) {
        Manifests manifests = ManifestReader.create().readString("stdout", yaml);
        assertEquals(List.of(), manifests.errors(), "stdout holds only valid manifests");
        List<String> ids = new ArrayList<>();
        for (Resource resource : manifests.resources()) {
            ids.add(resource.id().display());
        }
        return ids;
    }

    @Test
    void aPassingPlainAppPrintsExactlyItsManifests() throws Exception {
        CliRun run = generate(ARGOCD.resolve("testdata/good"), Map.of());
        assertEquals(0, run.status(), run.err());
        assertEquals(List.of("Deployment shop/web", "Service shop/web"), identities(run.out()));
        assertTrue(run.out().contains("image: registry.example.com/shop/web:1.4.2"), run.out());
        assertTrue(!run.err().contains("critical") && !run.err().contains("violates"), run.err());
    }

    @Test
    void aViolatingAppPrintsNothingAndItsFindingsOnStderr() throws Exception {
        CliRun run = generate(ARGOCD.resolve("testdata/bad"), Map.of());
        assertEquals(1, run.status(), run.err());
        assertEquals("", run.out(), "nothing for Argo CD to apply");
        assertTrue(run.err().contains("./deployment.yaml:15:13: critical no-privileged-containers"), run.err());
        assertTrue(run.err().contains("palisade-generate: web violates policy"), run.err());
    }

    @Test
    void policyAndThresholdComeFromTheSidecarEnvironment() throws Exception {
        CliRun never = generate(ARGOCD.resolve("testdata/bad"), Map.of("PALISADE_FAIL_ON", "never"));
        assertEquals(0, never.status(), never.err());
        assertEquals(List.of("Deployment shop/debug", "Service shop/web"), identities(never.out()));
        assertTrue(never.err().contains("no-privileged-containers"), "findings still reported: " + never.err());
        CliRun missingPolicy = generate(ARGOCD.resolve("testdata/good"), Map.of("PALISADE_POLICY", "/no/such/policy.yaml"));
        assertEquals(2, missingPolicy.status(), missingPolicy.err());
        assertEquals("", missingPolicy.out());
        assertTrue(missingPolicy.err().contains("could not be judged"), missingPolicy.err());
    }

    @Test
    void aMissingRendererIsAClearError() throws Exception {
        CliRun helm = generate(ARGOCD.resolve("testdata/chart"), Map.of("HELM", "/nonexistent/helm"));
        assertEquals(2, helm.status());
        assertEquals("", helm.out());
        assertTrue(helm.err().contains("Helm is needed to render this app but '/nonexistent/helm' is not on the PATH"),
                helm.err());
        CliRun kustomize = generate(ARGOCD.resolve("testdata/kustomized"), Map.of("KUSTOMIZE", "/nonexistent/kustomize"));
        assertEquals(2, kustomize.status());
        assertEquals("", kustomize.out());
        assertTrue(kustomize.err().contains("Kustomize is needed"), kustomize.err());
    }

    @Test
    void anEmptyAppIsAnError(@TempDir Path empty) throws Exception {
        CliRun run = generate(empty, Map.of());
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().contains("no .yaml, .yml or .json files"), run.err());
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The renderers are real: .ci/install-test-tools.sh installs helm and kubectl (with its built-in
     * Kustomize). Without them the test is skipped on a developer's machine and fails under CI.
     */
    private static void requireTool(boolean present, String message) {
        if (!present && System.getenv("CI") != null) {
            fail(message + " (CI is set; run .ci/install-test-tools.sh)");
        }
        assumeTrue(present, message + "; run .ci/install-test-tools.sh");
    }

    @Test
    void helmChartsAreRenderedAndJudged() throws Exception {
        requireTool(onPath("helm"), "helm is not installed here");
        CliRun pass = generate(ARGOCD.resolve("testdata/chart"), Map.of());
        assertEquals(0, pass.status(), pass.err());
        assertEquals(List.of("Deployment shop/web"), identities(pass.out()));
        CliRun fail = generate(ARGOCD.resolve("testdata/chart"), Map.of("PARAM_VALUES_FILES_0", "values-debug.yaml"));
        assertEquals(1, fail.status(), fail.err());
        assertEquals("", fail.out());
        assertTrue(fail.err().contains("<stdin>:"), fail.err());
    }

    @Test
    void kustomizationsAreBuiltAndJudged() throws Exception {
        requireTool(onPath("kustomize") || onPath("kubectl"), "neither kustomize nor kubectl is installed here");
        CliRun pass = generate(ARGOCD.resolve("testdata/kustomized"), Map.of());
        assertEquals(0, pass.status(), pass.err());
        assertEquals(List.of("Deployment shop/web"), identities(pass.out()));
    }

    @Test
    void valuesFilesOutsideTheChartAreRefused() throws Exception {
        // HELM=bash: a command that exists, so the check of the parameter is reached before rendering
        CliRun run = generate(ARGOCD.resolve("testdata/chart"), Map.of("HELM", "bash", "PARAM_VALUES_FILES_0",
                "../../secrets.yaml"));
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().contains("must be a relative path inside the app"), run.err());
    }
}
