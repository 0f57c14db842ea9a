package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.ManifestReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI templates in examples/ci, exercised as far as a local run allows: their YAML is parsed, and
 * the shell scripts of the steps and jobs that call palisade run with bash against examples/ (with
 * this build's CLI as {@code palisade}); steps that are actions ({@code uses:}) and network fetches
 * ({@code git fetch}) are not run.
 */
class ExampleCiTemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = RolloutCommandsTest.ROOT.toAbsolutePath().normalize();
    private static final Path CI = ROOT.resolve("examples/ci");

    @TempDir
    static Path bin;

    @BeforeAll
    static void cli() throws Exception {
        TestCli.install(bin);
    }

    /** The template's variables pointed at examples/ in this repository. */
    private static Map<String, String> environment(Path work, Path exemptions) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("MANIFESTS", ROOT.resolve("examples/manifests").toString());
        env.put("POLICIES", ROOT.resolve("examples/policies/palisade").toString());
        env.put("EXEMPTIONS", exemptions.toString());
        env.put("BASE_REF", "HEAD");
        env.put("GITHUB_OUTPUT", work.resolve("github-output").toString());
        env.put("GITHUB_STEP_SUMMARY", work.resolve("step-summary.md").toString());
        return env;
    }

    private static JsonNode yaml(Path file) {
        return ManifestReader.create().readDocuments(file).get(0).content();
    }

    /** The run scripts of the GitHub workflow's steps that call palisade, by step name. */
    private static Map<String, String> githubScripts() {
        Map<String, String> scripts = new LinkedHashMap<>();
        JsonNode workflow = yaml(CI.resolve("github-actions.yml"));
        for (JsonNode job : workflow.path("jobs")) {
            for (JsonNode step : job.path("steps")) {
                String run = step.path("run").asText("");
                if (run.lines().anyMatch(line -> line.strip().startsWith("palisade "))) {
                    assertFalse(run.contains("${{"), "expressions go through env, never into scripts: " + run);
                    scripts.put(step.path("name").asText(), run);
                }
            }
        }
        return scripts;
    }

    private static CliRun bash(Path work, Map<String, String> env, String script) throws Exception {
        return TestCli.bash(work, env, "bash", "-eo", "pipefail", "-c", script);
    }

    private static int checkStatus(Path work, Map<String, String> env) throws Exception {
        return bash(work, env, "palisade check \"$MANIFESTS\" --policy \"$POLICIES\" --exemptions \"$EXEMPTIONS\""
                + " --quiet >/dev/null 2>&1 && echo 0 || echo $?").out().strip().equals("0") ? 0 : 1;
    }

    @Test
    void githubWorkflowStepsRunAgainstTheExamples(@TempDir Path work) throws Exception {
        JsonNode workflow = yaml(CI.resolve("github-actions.yml"));
        assertEquals("write", workflow.path("permissions").path("security-events").asText());
        assertTrue(workflow.toString().contains("github/codeql-action/upload-sarif@"), "SARIF goes to code scanning");
        Map<String, String> scripts = githubScripts();
        assertEquals(List.of("Check manifests", "Impact of the policy change", "Expired exemptions"),
                List.copyOf(scripts.keySet()));
        Map<String, String> env = environment(work, ROOT.resolve("examples/rollout/exemptions.yaml"));

        CliRun check = bash(work, env, scripts.get("Check manifests"));
        assertEquals(0, check.status(), check.err());
        int expected = checkStatus(work, env);
        assertEquals("status=" + expected, Files.readString(work.resolve("github-output")).strip());
        JsonNode sarif = JSON.readTree(work.resolve("palisade.sarif").toFile());
        assertEquals("2.1.0", sarif.path("version").asText());
        assertTrue(check.out().contains("resources,"), "the readable summary is in the log: " + check.out());

        CliRun impact = bash(work, env, scripts.get("Impact of the policy change"));
        assertEquals(0, impact.status(), impact.err());
        String markdown = Files.readString(work.resolve("impact.md"));
        assertTrue(markdown.startsWith("### Palisade: impact of this policy change"), markdown);
        assertTrue(markdown.contains("nothing newly denied"), "the same policies at HEAD: " + markdown);
        assertEquals(markdown, Files.readString(work.resolve("step-summary.md")));

        assertEquals(0, bash(work, env, scripts.get("Expired exemptions")).status());
        Path expired = Files.writeString(work.resolve("expired.yaml"), """
                apiVersion: palisade.dev/v1
                kind: PolicyExemption
                metadata: {name: old}
                spec: {policies: [no-latest-tag], reason: migration, owner: web, expires: 2021-01-31}
                """);
        CliRun gate = bash(work, environment(work, expired), scripts.get("Expired exemptions"));
        assertEquals(1, gate.status(), "an expired exemption fails the job: " + gate.out() + gate.err());
    }

    @Test
    void gitlabJobsRunAgainstTheExamples(@TempDir Path work) throws Exception {
        JsonNode pipeline = yaml(CI.resolve("gitlab-ci.yml"));
        Map<String, String> env = environment(work, ROOT.resolve("examples/rollout/exemptions.yaml"));
        Map<String, String> jobs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pipeline.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> job = it.next();
            if (job.getValue().path("script").isArray()) {
                StringBuilder script = new StringBuilder();
                for (JsonNode line : job.getValue().path("script")) {
                    if (!line.asText().startsWith("git fetch")) {
                        script.append(line.asText()).append('\n');
                    }
                }
                jobs.put(job.getKey(), script.toString());
            }
        }
        assertEquals(List.of("palisade-check", "palisade-impact", "palisade-exemptions"), List.copyOf(jobs.keySet()));
        assertEquals("palisade-junit.xml", pipeline.path("palisade-check").path("artifacts").path("reports")
                .path("junit").asText());
        assertEquals("gl-code-quality-report.json", pipeline.path("palisade-check").path("artifacts").path("reports")
                .path("codequality").asText());

        CliRun check = bash(work, env, jobs.get("palisade-check"));
        assertEquals(checkStatus(work, env), check.status(), check.err());
        assertTrue(Files.readString(work.resolve("palisade-junit.xml")).contains("<testsuites"));
        JsonNode quality = JSON.readTree(work.resolve("gl-code-quality-report.json").toFile());
        assertTrue(quality.isArray());
        for (JsonNode issue : quality) {
            assertFalse(issue.path("fingerprint").asText().isEmpty());
            assertTrue(List.of("info", "minor", "major", "critical", "blocker").contains(issue.path("severity").asText()));
        }

        CliRun impact = bash(work, env, jobs.get("palisade-impact"));
        assertEquals(0, impact.status(), impact.err());
        assertTrue(impact.out().contains("### Palisade: impact of this policy change"), impact.out());

        assertEquals(0, bash(work, env, jobs.get("palisade-exemptions")).status());
    }
}
