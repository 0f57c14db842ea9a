package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a new user meets it: output at scale, consistent flags, clear errors. */
class CliConsistencyTest {

    private static Path pods(Path dir, int count) throws IOException {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < count; i++) {
            yaml.append("---\napiVersion: v1\nkind: Pod\nmetadata: {name: p").append(i).append(", namespace: ns")
                    .append(i % 4).append("}\nspec:\n  containers:\n    - name: app\n      image: nginx:latest\n")
                    .append("      securityContext: {privileged: ").append(i % 2 == 0).append("}\n");
        }
        return Files.writeString(dir.resolve("pods.yaml"), yaml);
    }

    @Test
    void textOutputIsCappedSummarisedAndGroupable(@TempDir Path dir) throws IOException {
        Path file = pods(dir, 40);
        CliRun capped = CliRun.run("check", file.toString(), "--max-findings", "5", "--no-color");
        assertEquals(1, capped.status());
        long findingLines = capped.out().lines().filter(l -> l.startsWith(file.toString())).count();
        assertEquals(5, findingLines, capped.out());
        assertTrue(capped.out().contains("... and 95 more findings"), capped.out());
        assertTrue(capped.out().lines().anyMatch(l -> l.matches("no-latest-tag +40 +warn +medium +ns0 \\(10\\).*")),
                capped.out());
        assertTrue(capped.out().contains("ns0 (10), ns1 (10), ns2 (10), +1"), capped.out());

        CliRun quiet = CliRun.run("check", file.toString(), "--quiet");
        assertFalse(quiet.out().contains(file.toString() + ":"), quiet.out());
        assertTrue(quiet.out().contains("40 resources, 100 violations (20 deny, 80 warn, 0 dryrun)"), quiet.out());

        CliRun byPolicy = CliRun.run("check", file.toString(), "--group-by", "POLICY", "--max-findings", "0");
        java.util.List<String> order = byPolicy.out().lines().filter(l -> l.startsWith(file.toString()))
                .map(l -> l.split(" ")[2]).distinct().toList();
        assertEquals(java.util.List.of("no-privileged-containers", "no-latest-tag", "resources-limits-required"), order);
        assertEquals(100, byPolicy.out().lines().filter(l -> l.startsWith(file.toString())).count());
    }

    @Test
    void enumValuesIgnoreCaseAndBadOnesListTheChoices(@TempDir Path dir) throws IOException {
        Path file = pods(dir, 2);
        assertEquals(1, CliRun.run("check", file.toString(), "--fail-on", "DENY", "--format", "JSON").status());
        assertEquals(0, CliRun.run("check", file.toString(), "--fail-on", "Never").status());
        CliRun bad = CliRun.run("check", file.toString(), "--group-by", "team");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("use one of file, policy"), bad.err());
        CliRun badFailOn = CliRun.run("check", file.toString(), "--fail-on", "sometimes");
        assertEquals(2, badFailOn.status());
        assertTrue(badFailOn.err().contains("warn, deny or never"), badFailOn.err());
    }

    @Test
    void unknownBuiltinsNameTheArgumentAndListTheBuiltins(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.run("check", pods(dir, 1).toString(), "--policy", "builtin:nope");
        assertEquals(2, run.status());
        assertTrue(run.out().contains("error: --policy builtin:nope: unknown built-in policy 'nope'; the built-ins are:"
                + " default,"), run.out());
        assertFalse(run.out().contains("<input>"), run.out());
    }

    @Test
    void compileErrorsKeepTheCaretOnItsOwnLine(@TempDir Path dir) throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                apiVersion: palisade.dev/v1
                kind: Policy
                metadata: {name: bad}
                spec:
                  validations:
                    - expression: "object.metadata.name.startsWith('x'') "
                """);
        CliRun run = CliRun.run("check", pods(dir, 1).toString(), "--policy", policy.toString());
        assertEquals(2, run.status());
        String[] lines = run.out().split("\n");
        int at = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("error: spec.validations[0].expression")) {
                at = i;
            }
        }
        assertTrue(at >= 0, run.out());
        assertTrue(lines[at + 2].trim().endsWith("^"), run.out());
    }

    @Test
    void gatorVerifyOnAMissingPathIsAnError(@TempDir Path dir) {
        CliRun missing = CliRun.run("gator", "verify", dir.resolve("nope").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("cannot read " + dir.resolve("nope") + ": no such file or directory"),
                missing.err());
        CliRun empty = CliRun.run("gator", "verify", dir.toString());
        assertEquals(1, empty.status());
        assertTrue(empty.out().contains("found none"), empty.out());
        assertFalse(empty.out().contains("none found"), empty.out());
    }

    @Test
    void evalBindsAPlainManifestAsObject(@TempDir Path dir) throws IOException {
        Path pod = Files.writeString(dir.resolve("pod.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers: [{name: app, image: "nginx@sha256:0123"}]
                """);
        CliRun run = CliRun.run("eval", "object.spec.containers.all(c, c.image.contains('@sha256:'))", "--object", pod.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("true", run.out().trim());
        Files.writeString(dir.resolve("two.yaml"), "a: 1\n---\nb: 2\n");
        CliRun two = CliRun.run("eval", "object", "--object", dir.resolve("two.yaml").toString());
        assertEquals(2, two.status());
        assertTrue(two.err().contains("holds 2"), two.err());
    }

    @Test
    void exemptionsComeFromDirectoriesAndUnboundedOnesAreFlagged(@TempDir Path dir) throws IOException {
        Path file = pods(dir, 2);
        Path exemptions = Files.createDirectories(dir.resolve("exemptions"));
        Files.writeString(exemptions.resolve("waivers.yaml"), """
                apiVersion: palisade.dev/v1
                kind: PolicyExemption
                metadata: {name: everything}
                spec:
                  policies: ["*"]
                  reason: the migration is not done
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: not-an-exemption}
                """);
        CliRun warned = CliRun.run("check", file.toString(), "--exemptions", exemptions.toString());
        assertEquals(0, warned.status(), warned.out() + warned.err());
        assertTrue(warned.err().contains("warning: exemption 'everything'"), warned.err());
        assertTrue(warned.out().contains("0 violations"), warned.out());
        CliRun refused = CliRun.run("check", file.toString(), "--exemptions", exemptions.toString(),
                "--refuse-unbounded-exemptions");
        assertEquals(2, refused.status());
        assertTrue(refused.out().contains("waives every policy for every resource with no expiry"), refused.out());
    }

    @Test
    void exemptionExpiryIsShownAsWrittenAndReportedAtItsLine(@TempDir Path dir) throws IOException {
        Path file = pods(dir, 2);
        Path exemptions = Files.writeString(dir.resolve("exemptions.yaml"), """
                apiVersion: palisade.dev/v1
                kind: PolicyExemption
                metadata: {name: old}
                spec:
                  policies: [no-latest-tag]
                  reason: waiting for the new images
                  expires: 2020-12-31
                ---
                apiVersion: palisade.dev/v1
                kind: PolicyExemption
                metadata: {name: typo}
                spec:
                  policies: [no-latest-tag]
                  reason: oops
                  expires: next tuesday
                """);
        CliRun run = CliRun.run("check", file.toString(), "--exemptions", exemptions.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("exemption 'old' (" + exemptions + ":1:1) expired 2020-12-31"), run.err());
        assertTrue(run.out().contains(exemptions + ":15:3: error: PolicyExemption 'typo' has spec.expires"), run.out());
    }

    @Test
    void argoRolloutsAreJudgedAndCustomKindsCanBeRegistered(@TempDir Path dir) throws IOException {
        Path rollout = Files.writeString(dir.resolve("rollout.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web, namespace: shop}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: nginx:1.27
                          securityContext: {privileged: true}
                          resources: {limits: {cpu: 100m, memory: 64Mi}}
                ---
                apiVersion: runners.example.com/v1
                kind: Runner
                metadata: {name: build, namespace: ci}
                spec:
                  pod:
                    spec:
                      containers:
                        - name: job
                          image: builder:1
                          securityContext: {privileged: true}
                          resources: {limits: {cpu: 100m, memory: 64Mi}}
                """);
        CliRun run = CliRun.run("check", rollout.toString());
        assertEquals(1, run.status());
        assertTrue(run.out().contains(rollout + ":10:29: critical no-privileged-containers"), run.out());
        assertTrue(run.out().contains("2 resources, 1 violation "), run.out());
        CliRun registered = CliRun.run("check", rollout.toString(), "--pod-spec-path", "runners.example.com/Runner=/spec/pod/spec");
        assertTrue(registered.out().contains("2 resources, 2 violations"), registered.out());
    }
}
