package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code palisade kyverno test}, and Kyverno policies in {@code palisade check}. */
class KyvernoCommandTest {

    private static final String POLICY = """
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: require-limits
            spec:
              validationFailureAction: Enforce
              rules:
              - name: limits
                match:
                  any:
                  - resources:
                      kinds: [Pod]
                validate:
                  message: "CPU and memory limits are required."
                  pattern:
                    spec:
                      containers:
                      - resources:
                          limits:
                            memory: "?*"
                            cpu: "?*"
            """;

    private static final String PODS = """
            apiVersion: v1
            kind: Pod
            metadata: {name: limited}
            spec:
              containers:
              - name: app
                image: app:1
                resources: {limits: {cpu: 100m, memory: 64Mi}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: unlimited}
            spec:
              containers:
              - name: app
                image: app:1
            """;

    private static Path testDir(Path dir, String expectUnlimited) throws IOException {
        Files.writeString(dir.resolve("policy.yaml"), POLICY);
        Path test = Files.createDirectories(dir.resolve(".kyverno-test"));
        Files.writeString(test.resolve("resources.yaml"), PODS);
        Files.writeString(test.resolve("kyverno-test.yaml"), """
                apiVersion: cli.kyverno.io/v1alpha1
                kind: Test
                metadata: {name: limits}
                policies: [../policy.yaml]
                resources: [resources.yaml]
                results:
                - {policy: require-limits, rule: limits, kind: Pod, resources: [limited], result: pass}
                - {policy: require-limits, rule: limits, kind: Pod, resources: [unlimited], result: %s}
                """.formatted(expectUnlimited));
        return dir;
    }

    @Test
    void kyvernoTestPassesAndFails(@TempDir Path dir) throws IOException {
        CliRun ok = CliRun.run("kyverno", "test", testDir(dir, "fail").toString());
        assertEquals(0, ok.status(), ok.out() + ok.err());
        assertEquals("2 passed, 0 failed", ok.out().strip().lines().reduce((a, b) -> b).orElse(""));
        CliRun failed = CliRun.run("kyverno", "test", testDir(dir, "pass").toString());
        assertEquals(1, failed.status(), failed.out());
        assertTrue(failed.out().contains("require-limits/limits unlimited: expected pass"), failed.out());
        assertEquals("1 passed, 1 failed", failed.out().strip().lines().reduce((a, b) -> b).orElse(""));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, CliRun.run("kyverno", "verify", ".").status());
        assertEquals(2, CliRun.run("kyverno", "test").status());
        assertEquals(2, CliRun.run("kyverno", "test", "does-not-exist").status());
    }

    @Test
    void checkRunsKyvernoPolicies(@TempDir Path dir) throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
        Path pods = Files.writeString(dir.resolve("pods.yaml"), PODS);
        CliRun run = CliRun.run("check", "--policy", policy.toString(), pods.toString());
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("pods.yaml:15:5:") && run.out().contains("require-limits")
                && run.out().contains("CPU and memory limits are required.") && run.out().contains("(deny, Pod unlimited container app)"),
                run.out());
    }
}
