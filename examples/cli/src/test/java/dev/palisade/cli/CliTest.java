package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One CLI run: exit status and what it printed. */
    private static final String PRIVILEGED = """
            apiVersion: v1
            kind: Pod
            metadata: {name: agent, namespace: ops}
            spec:
              containers:
                - name: agent
                  image: example.com/agent:1.0
                  securityContext:
                    privileged: true
                  resources: {limits: {cpu: 100m, memory: 64Mi}}
            """;

    private static final String UNTAGGED = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop}
            spec:
              containers:
                - name: web
                  image: nginx
                  resources: {limits: {cpu: 100m, memory: 64Mi}}
            """;

    @Test
    void exitStatusFollowsFailOn(@TempDir Path dir) throws IOException {
        Path untagged = Files.writeString(dir.resolve("untagged.yaml"), UNTAGGED);
        assertEquals(0, CliRun.run("check", untagged.toString()).status(), "a warning does not reach deny");
        assertEquals(1, CliRun.run("check", untagged.toString(), "--fail-on", "warn").status());
        Path privileged = Files.writeString(dir.resolve("privileged.yaml"), PRIVILEGED);
        CliRun denied = CliRun.run("check", privileged.toString());
        assertEquals(1, denied.status());
        assertTrue(denied.out().contains(privileged + ":9:9: critical no-privileged-containers"), denied.out());
        assertEquals(0, CliRun.run("check", privileged.toString(), "--fail-on", "never").status());
    }

    @Test
    void jsonFollowsTheContract(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("pods.yaml"), PRIVILEGED + "---\n" + UNTAGGED);
        CliRun run = CliRun.run("check", file.toString(), "--format", "json");
        assertEquals(1, run.status());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(2, report.path("summary").path("resources").asInt());
        assertEquals(1, report.path("summary").path("byAction").path("deny").asInt());
        JsonNode first = report.path("results").get(0);
        assertEquals("deny", first.path("decision").asText());
        assertEquals("Pod", first.path("resource").path("kind").asText());
        assertEquals(1, first.path("source").path("line").asInt());
        JsonNode violation = first.path("violations").get(0);
        assertEquals("no-privileged-containers", violation.path("policy").asText());
        assertEquals("/spec/containers/0/securityContext/privileged", violation.path("path").asText());
        assertEquals(9, violation.path("line").asInt());
        assertEquals("warn", report.path("results").get(1).path("decision").asText());
    }

    @Test
    void inputAndPolicyErrorsExit2AndStillReportFindings(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("privileged.yaml"), PRIVILEGED);
        Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n");
        CliRun run = CliRun.run("check", dir.toString());
        assertEquals(2, run.status());
        assertTrue(run.out().contains("broken.yaml:3:"), run.out());
        assertTrue(run.out().contains("no-privileged-containers"), "the other file is still evaluated");
        CliRun badPolicy = CliRun.run("check", "--policy", "builtin:nope", dir.resolve("privileged.yaml").toString());
        assertEquals(2, badPolicy.status());
        assertTrue(badPolicy.out().contains("unknown built-in policy 'nope'"), badPolicy.out());
    }

    @Test
    void builtinImagesPinnedByDigestWarns(@TempDir Path dir) throws IOException {
        Path untagged = Files.writeString(dir.resolve("untagged.yaml"), UNTAGGED);
        CliRun run = CliRun.run("check", "--policy", "builtin:images-pinned-by-digest", untagged.toString(), "--fail-on", "warn");
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("images-pinned-by-digest"), run.out());
    }

    @Test
    void usageErrorsExit2WithHelp() {
        CliRun noInput = CliRun.run("check");
        assertEquals(2, noInput.status());
        assertTrue(noInput.err().contains("usage: palisade check"));
        assertEquals(2, CliRun.run("check", "x.yaml", "--format", "html").status());
        assertEquals(2, CliRun.run("frobnicate").status());
        assertEquals(0, CliRun.run("check", "--help").status());
    }

    @Test
    void evalPrintsJsonValuesAndErrorsWithCaret(@TempDir Path dir) throws IOException {
        CliRun value = CliRun.run("eval", "{'a': [1, 2.5, true, b'hi', duration('1.5s')]}");
        assertEquals(0, value.status(), value.err());
        JsonNode parsed = JSON.readTree(value.out());
        assertEquals(1, parsed.path("a").get(0).asInt());
        assertEquals("aGk=", parsed.path("a").get(3).asText());
        assertEquals("1.5s", parsed.path("a").get(4).asText());
        Path bindings = Files.writeString(dir.resolve("b.yaml"), "object: {spec: {replicas: 5}}\n");
        CliRun bound = CliRun.run("eval", "object.spec.replicas > 3", "--bindings", bindings.toString());
        assertEquals("true", bound.out().trim());
        CliRun error = CliRun.run("eval", "1 +");
        assertEquals(2, error.status());
        assertTrue(error.err().contains("^"), error.err());
    }

    @Test
    void evalBatchAnswersLineByLine(@TempDir Path dir) throws IOException {
        Path batch = Files.writeString(dir.resolve("b.jsonl"), """
                {"expr": "x * 2", "bindings": {"x": 21}}
                {"expr": "x.startsWith('a')", "bindings": {"x": "abc"}}
                {"expr": "1 / 0"}
                """);
        CliRun run = CliRun.run("eval", "--batch", batch.toString());
        String[] lines = run.out().trim().split("\n");
        assertEquals(3, lines.length);
        assertEquals("{\"value\":42}", lines[0]);
        assertEquals("{\"value\":true}", lines[1]);
        assertTrue(lines[2].startsWith("{\"error\":"), lines[2]);
        assertEquals(2, run.status());
    }

    @Test
    void gatorVerifyCountsAssertions(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("template.yaml"), """
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata: {name: k8sallowednamespaces}
                spec:
                  crd:
                    spec:
                      names: {kind: K8sAllowedNamespaces}
                      validation:
                        openAPIV3Schema:
                          type: object
                          properties:
                            allowedNamespaces: {type: array, items: {type: string}}
                  targets:
                    - target: admission.k8s.gatekeeper.sh
                      rego: "package k8sallowednamespaces"
                """);
        Files.writeString(dir.resolve("constraint.yaml"), """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: K8sAllowedNamespaces
                metadata: {name: only-shop}
                spec:
                  parameters: {allowedNamespaces: [shop]}
                """);
        Files.writeString(dir.resolve("allowed.yaml"), UNTAGGED);
        Files.writeString(dir.resolve("disallowed.yaml"), PRIVILEGED);
        Files.writeString(dir.resolve("suite.yaml"), """
                kind: Suite
                apiVersion: test.gatekeeper.sh/v1alpha1
                tests:
                  - name: namespaces
                    template: template.yaml
                    constraint: constraint.yaml
                    cases:
                      - name: allowed
                        object: allowed.yaml
                        assertions: [{violations: no}]
                      - name: disallowed
                        object: disallowed.yaml
                        assertions: [{violations: 1}, {violations: yes, message: ops}]
                      - name: wrong-on-purpose
                        object: disallowed.yaml
                        assertions: [{violations: no}]
                """);
        CliRun run = CliRun.run("gator", "verify", dir.toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().trim().endsWith("3 passed, 1 failed"), run.out());
        assertTrue(run.out().contains("wrong-on-purpose"), run.out());
    }

    @Test
    void engineFlagChoosesTheTemplatesRego(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("template.yaml"), """
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata: {name: acmedenynamespace}
                spec:
                  crd:
                    spec:
                      names: {kind: AcmeDenyNamespace}
                      validation:
                        openAPIV3Schema:
                          type: object
                          properties:
                            namespace: {type: string}
                  targets:
                    - target: admission.k8s.gatekeeper.sh
                      rego: |
                        package acme.denynamespace

                        violation[{"msg": msg}] {
                          input.review.object.metadata.namespace == input.parameters.namespace
                          msg := sprintf("%v may not run in namespace %v", [input.review.name, input.parameters.namespace])
                        }
                """);
        Files.writeString(dir.resolve("constraint.yaml"), """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: AcmeDenyNamespace
                metadata: {name: not-ops}
                spec:
                  parameters: {namespace: ops}
                """);
        Files.writeString(dir.resolve("allowed.yaml"), UNTAGGED);
        Files.writeString(dir.resolve("disallowed.yaml"), PRIVILEGED);
        Files.writeString(dir.resolve("suite.yaml"), """
                kind: Suite
                apiVersion: test.gatekeeper.sh/v1alpha1
                tests:
                  - name: namespaces
                    template: template.yaml
                    constraint: constraint.yaml
                    cases:
                      - name: allowed
                        object: allowed.yaml
                        assertions: [{violations: no}]
                      - name: disallowed
                        object: disallowed.yaml
                        assertions: [{violations: 1, message: "may not run in namespace ops"}]
                """);
        CliRun rego = CliRun.run("gator", "verify", "--engine", "rego", dir.toString());
        assertEquals(0, rego.status(), rego.out());
        assertTrue(rego.out().trim().endsWith("2 passed, 0 failed"), rego.out());
        CliRun auto = CliRun.run("gator", "verify", dir.toString());
        assertTrue(auto.out().trim().endsWith("2 passed, 0 failed"), "auto falls back to the Rego: " + auto.out());
        CliRun nativeOnly = CliRun.run("gator", "verify", "--engine", "native", dir.toString());
        assertEquals(1, nativeOnly.status(), nativeOnly.out());
        assertTrue(nativeOnly.out().contains("has no native Palisade implementation"), nativeOnly.out());
        assertEquals(2, CliRun.run("gator", "verify", "--engine", "wasm", dir.toString()).status());

        CliRun check = CliRun.run("check", "--engine", "rego", "--policy", dir.resolve("template.yaml").toString(),
                "--policy", dir.resolve("constraint.yaml").toString(), dir.resolve("disallowed.yaml").toString());
        assertEquals(1, check.status(), check.out());
        assertTrue(check.out().contains("acmedenynamespace/not-ops [not-ops] ") && check.out().contains(
                "may not run in namespace ops"), check.out());
    }
}
