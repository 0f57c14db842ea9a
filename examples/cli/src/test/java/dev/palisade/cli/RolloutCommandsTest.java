package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** impact, exempt and exemptions, run as a user runs them, over examples/rollout and temporary repositories. */
class RolloutCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = Path.of(System.getProperty("palisade.root", "../.."));
    static final Path ROLLOUT = ROOT.resolve("examples/rollout");



    private static String p(String relative) {
        return ROLLOUT.resolve(relative).toString();
    }

    @Test
    void impactReportsNewlyDeniedPerPolicyTeamAndNamespaceAndExits1() throws Exception {
        CliRun text = CliRun.run("impact", "--base", p("policies/current"), "--policy", p("policies/proposed"), p("manifests"));
        assertEquals(1, text.status(), text.err());
        assertTrue(text.out().contains("newly denied: " + p("manifests/ledger.yaml") + ":16:11: memory-limits"
                + " Deployment payments/ledger container ledger"), text.out());
        assertTrue(text.out().contains("(warn → deny, team payments)"), "team from the Namespace label: " + text.out());
        assertTrue(text.out().contains("not ready for deny: 1 resource would be denied"), text.out());
        assertTrue(text.out().contains("ready for warn: 1 resource would warn (new policy)"), text.out());
        assertTrue(text.out().contains("6 resources: 1 newly denied, 0 newly warned, 1 newly dry run"), text.out());

        CliRun json = CliRun.run("impact", "--base", p("policies/current"), "--policy", p("policies/proposed"), p("manifests"),
                "--format", "json");
        JsonNode root = JSON.readTree(json.out());
        assertEquals(1, root.path("totals").path("newlyDenied").asInt());
        assertEquals(1, root.path("byTeam").path("payments").path("newlyDenied").asInt());
        assertEquals(1, root.path("byNamespace").path("shop").path("newlyDryrun").asInt());
        assertEquals(1, root.path("byPolicy").path("memory-limits").path("newlyDenied").asInt());
        JsonNode change = root.path("changes").get(0);
        assertEquals("denied", change.path("change").asText());
        assertEquals("warn", change.path("before").asText());
        assertEquals("deny", change.path("after").asText());
        assertEquals(64, change.path("fingerprint").asText().length());

        assertEquals(0, CliRun.run("impact", "--base", p("policies/current"), "--policy", p("policies/proposed"),
                p("manifests"), "--fail-on-new", "never").status());
        // the same set on both sides changes nothing
        CliRun same = CliRun.run("impact", "--base", p("policies/proposed"), "--policy", p("policies/proposed"), p("manifests"));
        assertEquals(0, same.status());
        assertTrue(same.out().contains("0 newly denied, 0 newly warned, 0 newly dry run, 0 no longer flagged"), same.out());
        // the reverse change clears and relaxes
        CliRun reverse = CliRun.run("impact", "--base", p("policies/proposed"), "--policy", p("policies/current"), p("manifests"),
                "--format", "json");
        JsonNode back = JSON.readTree(reverse.out()).path("totals");
        assertEquals(1, back.path("noLongerFlagged").asInt(), reverse.out());
        assertEquals(1, back.path("relaxed").asInt(), reverse.out());
        assertEquals(0, reverse.status());
    }

    @Test
    void impactFailOnNewWarnCountsWarnings(@TempDir Path dir) throws IOException {
        Path warnOnly = Files.createDirectories(dir.resolve("warn"));
        Files.writeString(warnOnly.resolve("p.yaml"), Files.readString(ROLLOUT.resolve("policies/proposed/read-only-root.yaml"))
                .replace("enforcementAction: dryrun", "enforcementAction: warn"));
        assertEquals(0, CliRun.run("impact", "--base", p("policies/current"), "--policy", p("policies/current"), "--policy",
                warnOnly.toString(), p("manifests")).status());
        assertEquals(1, CliRun.run("impact", "--base", p("policies/current"), "--policy", p("policies/current"), "--policy",
                warnOnly.toString(), p("manifests"), "--fail-on-new", "warn").status());
    }

    @Test
    void impactMarkdownIsBoundedWithAndNMore(@TempDir Path dir) throws IOException {
        Path manifests = Files.createDirectories(dir.resolve("many"));
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            yaml.append("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: app-%d, namespace: ns-%d, labels: {team: team-%d}}
                    spec:
                      template:
                        spec:
                          containers: [{name: c, image: example.com/a:1}]
                    ---
                    """.formatted(i, i % 40, i % 30));
        }
        Files.writeString(manifests.resolve("all.yaml"), yaml);
        CliRun markdown = CliRun.run("impact", "--base", p("policies/current"), "--policy", p("policies/proposed"),
                manifests.toString(), "--format", "markdown", "--max-chars", "8000");
        assertEquals(1, markdown.status(), markdown.err());
        assertTrue(markdown.out().length() <= 8000, "length " + markdown.out().length());
        assertTrue(markdown.out().contains(":no_entry: **300 resources newly denied**"), markdown.out());
        assertTrue(markdown.out().contains("| … and 20 more |"), "teams beyond 20 rows are counted: " + markdown.out());
        assertTrue(markdown.out().matches("(?s).*- … and \\d+ more\n.*"), markdown.out());
        assertTrue(markdown.out().contains("keep dryrun: 300 resources would be denied"), markdown.out());
    }

    @Test
    void impactReadsStandardInputOnce() {
        String input = String.join("\n---\n", read("manifests/ledger.yaml"), read("manifests/namespaces.yaml"));
        CliRun run = CliRun.runWithInput(input, "impact", "--base", p("policies/current"), "--policy",
                p("policies/proposed"), "-");
        assertEquals(1, run.status(), run.err());
        assertTrue(run.out().contains("<stdin>:"), run.out());
    }

    private static String read(String relative) {
        try {
            return Files.readString(ROLLOUT.resolve(relative));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void impactErrorsExit2() {
        CliRun badPolicy = CliRun.run("impact", "--base", p("policies/current"), "--policy", p("manifests/ledger.yaml") + ".missing",
                p("manifests"));
        assertEquals(2, badPolicy.status());
        assertTrue(badPolicy.err().contains("cannot be compared"), badPolicy.err());
        assertEquals(2, CliRun.run("impact", "--policy", p("policies/proposed"), p("manifests")).status(), "a base is required");
        assertEquals(2, CliRun.run("impact", "--base", p("policies/current"), "--policy", p("policies/proposed"),
                p("manifests"), "--format", "html").status());
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.email=t@example.com", "-c", "user.name=t",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }

    @Test
    void impactTakesTheBaseFromAGitRevision(@TempDir Path dir) throws Exception {
        Path repo = dir.toRealPath().resolve("repo");
        Files.createDirectories(repo.resolve("policies"));
        Files.copy(ROLLOUT.resolve("policies/current/memory-limits.yaml"), repo.resolve("policies/memory-limits.yaml"));
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "base");
        Files.copy(ROLLOUT.resolve("policies/proposed/memory-limits.yaml"), repo.resolve("policies/memory-limits.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(ROLLOUT.resolve("policies/proposed/read-only-root.yaml"), repo.resolve("policies/read-only-root.yaml"));
        // the repository is the one the policy files are in
        CliRun run = CliRun.run("impact", "--base-git", "HEAD", "--policy", repo.resolve("policies").toString(), p("manifests"),
                "--format", "json");
        assertEquals(1, run.status(), run.err());
        JsonNode root = JSON.readTree(run.out());
        assertEquals(1, root.path("totals").path("newlyDenied").asInt(), run.out());
        assertEquals(1, root.path("basePolicies").asInt());
        assertEquals(2, root.path("newPolicies").asInt());

        CliRun missing = CliRun.run("impact", "--base-git", "no-such-branch", "--policy", repo.resolve("policies").toString(),
                p("manifests"));
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no commit 'no-such-branch'"), missing.err());

        Path notRepo = Files.createDirectories(dir.resolve("plain"));
        Files.copy(ROLLOUT.resolve("policies/current/memory-limits.yaml"), notRepo.resolve("p.yaml"));
        CliRun outside = CliRun.run("impact", "--base-git", "HEAD", "--policy", notRepo.toString(), p("manifests"));
        assertEquals(2, outside.status());
        assertTrue(outside.err().contains("is not in a Git repository"), outside.err());
        // a policy file that is new since the revision has no base
        Files.copy(ROLLOUT.resolve("policies/proposed/read-only-root.yaml"), repo.resolve("new.yaml"));
        CliRun added = CliRun.run("impact", "--base-git", "HEAD", "--policy", repo.resolve("new.yaml").toString(), p("manifests"));
        assertEquals(0, added.status(), added.err());
        assertTrue(added.err().contains("did not exist at HEAD; its policies are new"), added.err());
    }

    @Test
    void exemptAppendsAValidatedExemptionKeepingCommentsAndItSuppressesTheFinding(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("exemptions.yaml");
        Files.copy(ROLLOUT.resolve("exemptions.yaml"), file);
        String before = Files.readString(file);
        String expires = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        CliRun run = CliRun.run("exempt", "--policy", "memory-limits", "--resource", "Deployment.apps/payments/ledger",
                "--container", "ledger", "--reason", "heap sized from requests: PAY-231", "--owner", "payments",
                "--expires", expires, "--file", file.toString(), "--finding", "abc123");
        assertEquals(0, run.status(), run.err());
        String after = Files.readString(file);
        assertTrue(after.startsWith(before), "existing content and comments kept byte for byte");
        assertTrue(after.contains("palisade.dev/finding: \"abc123\""), after);
        assertTrue(run.out().contains("added exemption 'memory-limits-payments-ledger-ledger'"), run.out());

        CliRun impact = CliRun.run("impact", "--base", p("policies/current"), "--policy", p("policies/proposed"),
                "--exemptions", file.toString(), p("manifests"));
        assertEquals(0, impact.status(), impact.out());
        assertTrue(impact.out().contains("memory-limits                    ready for deny: nothing would be denied"),
                impact.out());

        CliRun again = CliRun.run("exempt", "--policy", "memory-limits", "--resource", "Deployment.apps/payments/ledger",
                "--container", "ledger", "--reason", "r", "--owner", "payments", "--expires", expires,
                "--file", file.toString());
        assertEquals(2, again.status());
        assertTrue(again.err().contains("already exists at " + file + ":"), again.err());
        assertEquals(after, Files.readString(file), "nothing written on error");

        CliRun list = CliRun.run("exemptions", "list", file.toString(), "--format", "json");
        assertEquals(0, list.status(), list.err());
        JsonNode item = JSON.readTree(list.out()).get(0);
        assertEquals("payments", item.path("owner").asText());
        assertEquals(expires, item.path("expires").asText());
        assertEquals(0, CliRun.run("exemptions", "expired", file.toString()).status());
    }

    @Test
    void exemptRefusesPastAndTooDistantExpiries(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("exemptions.yaml");
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        CliRun past = CliRun.run("exempt", "--policy", "p", "--resource", "Pod/ns/a", "--reason", "r", "--owner", "o",
                "--expires", yesterday, "--file", file.toString());
        assertEquals(2, past.status());
        assertTrue(past.err().contains("is in the past"), past.err());
        String far = LocalDate.now(ZoneOffset.UTC).plusDays(91).toString();
        CliRun distant = CliRun.run("exempt", "--policy", "p", "--resource", "Pod/ns/a", "--reason", "r", "--owner", "o",
                "--expires", far, "--file", file.toString());
        assertEquals(2, distant.status());
        assertTrue(distant.err().contains("more than the maximum of 90 days"), distant.err());
        assertEquals(0, CliRun.run("exempt", "--policy", "p", "--resource", "Pod/ns/a", "--reason", "r", "--owner", "o",
                "--expires", far, "--max-days", "120", "--file", file.toString()).status());
        assertEquals(2, CliRun.run("exempt", "--policy", "p", "--resource", "Pod", "--reason", "r", "--owner", "o",
                "--expires", far, "--file", file.toString()).status());
        assertEquals(2, CliRun.run("exempt", "--policy", "p", "--resource", "Pod/ns/a", "--owner", "o",
                "--expires", far, "--file", file.toString()).status(), "a reason is required");
        assertFalse(Files.readString(file).contains("---"), "one document written");
    }

    @Test
    void exemptionsExpiredExits1ForCiAnd2ForInvalidFiles(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("old.yaml"), """
                # kept
                apiVersion: palisade.dev/v1
                kind: PolicyExemption
                metadata: {name: old-one}
                spec: {policies: [p], reason: r, owner: team-a, expires: 2020-01-31}
                ---
                apiVersion: palisade.dev/v1
                kind: PolicyExemption
                metadata: {name: forever}
                spec: {policies: [q], reason: r, owner: team-b}
                """);
        CliRun expired = CliRun.run("exemptions", "expired", file.toString());
        assertEquals(1, expired.status(), expired.err());
        assertTrue(expired.out().contains("old-one"), expired.out());
        assertFalse(expired.out().contains("forever  "), expired.out());
        CliRun list = CliRun.run("exemptions", "list", dir.toString());
        assertEquals(0, list.status());
        assertTrue(list.out().contains("2 exemptions, 1 expired"), list.out());
        assertTrue(list.out().contains("no expiry"), list.out());
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: palisade.dev/v1
                kind: PolicyExemption
                metadata: {name: bad}
                spec: {policies: [p], owner: x}
                """);
        CliRun invalid = CliRun.run("exemptions", "list", bad.toString());
        assertEquals(2, invalid.status());
        assertTrue(invalid.err().contains(bad + ":"), invalid.err());
        assertEquals(2, CliRun.run("exemptions", "list").status());
    }
}
