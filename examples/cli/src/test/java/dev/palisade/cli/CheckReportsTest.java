package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code palisade check} with PolicyReport and HTML output, a history, teams and repository links. */
class CheckReportsTest {
    private static final String REVISION = "1111111111111111111111111111111111111111";



    private static final String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels: {owner: storefront}
            """;

    private static String pod(String name, String image, boolean privileged, String owner) {
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  namespace: shop\n"
                + (owner.isEmpty() ? "" : "  labels: {owner: " + owner + "}\n")
                + "spec:\n  containers:\n    - name: c\n      image: " + image + "\n"
                + "      resources: {limits: {cpu: 100m, memory: 64Mi}}\n"
                + (privileged ? "      securityContext: {privileged: true}\n" : "");
    }

    private static Path manifests(Path dir, String... documents) throws IOException {
        Path file = dir.resolve("apps").resolve("shop.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("---\n", documents));
        return file;
    }

    /** The score trend chart of a dashboard. */
    private static String trend(String html) {
        int start = html.indexOf("id=\"score-trend\"");
        return html.substring(start, html.indexOf("</svg>", start));
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void policyReportsPerNamespaceWithTeamsAndRevision(@TempDir Path dir) throws IOException {
        Path input = manifests(dir, NAMESPACE, pod("web", "nginx:1.27", true, "payments"), pod("api", "nginx", false, ""));
        CliRun run = CliRun.run("check", input.toString(), "--format", "policyreport", "--owner-label", "owner",
                "--revision", REVISION, "--base-dir", dir.toString());
        assertEquals(1, run.status(), run.err());
        Manifests read = ManifestReader.create().readString("out.yaml", run.out());
        assertEquals(List.of(), read.errors());
        List<JsonNode> reports = read.resources().stream().map(Resource::object).toList();
        assertEquals(List.of("ClusterPolicyReport", "PolicyReport"), reports.stream().map(r -> r.get("kind").asText()).toList());
        JsonNode shop = reports.get(1);
        assertEquals("shop", shop.get("metadata").get("namespace").asText());
        assertEquals(REVISION, shop.get("metadata").get("annotations").get("palisade.dev/revision").asText());
        JsonNode privileged = null;
        for (JsonNode result : shop.get("results")) {
            if (result.get("result").asText().equals("fail")
                    && result.get("policy").asText().equals("no-privileged-containers")) {
                privileged = result;
            }
        }
        assertTrue(privileged != null, shop.toPrettyString());
        assertEquals("payments", privileged.get("properties").get("team").asText());
        assertTrue(privileged.get("properties").get("location").asText().startsWith("apps/shop.yaml:"));
        for (JsonNode result : shop.get("results")) {
            if (result.get("resources").get(0).get("name").asText().equals("api")) {
                assertEquals("storefront", result.get("properties").get("team").asText(), "from the namespace");
            }
        }
        assertEquals(4, shop.get("summary").get("pass").asInt(), "web: no-latest-tag and limits; api: privileged, limits");
        assertEquals(2, shop.get("summary").get("fail").asInt());

        CliRun openReports = CliRun.run("check", input.toString(), "--format", "policyreport-json", "--policyreport-api",
                "openreports.io/v1alpha1");
        JsonNode list = new ObjectMapper().readTree(openReports.out());
        assertEquals("List", list.get("kind").asText());
        assertEquals("Report", list.get("items").get(1).get("kind").asText());
        assertEquals("openreports.io/v1alpha1", list.get("items").get(1).get("apiVersion").asText());
    }

    @Test
    void theHistoryGrowsIsBoundedAndFeedsTheDashboard(@TempDir Path dir) throws IOException {
        Path input = manifests(dir, NAMESPACE, pod("web", "nginx:1.27", true, ""));
        Path history = dir.resolve("history");
        Path html = dir.resolve("out").resolve("dashboard.html");
        String[] args = {"check", input.toString(), "--format", "html", "--output", html.toString(), "--history",
                history.toString(), "--history-keep", "2", "--repo-url", "https://github.com/example/shop",
                "--revision", REVISION, "--base-dir", dir.toString(), "--owner-label", "owner"};
        assertEquals(1, CliRun.run(args).status());
        String first = Files.readString(html);
        assertEquals(1, count(trend(first), "<circle class=\"point"), "no history yet: this run only");
        assertTrue(first.contains("<h3>Team storefront</h3>"), "the namespace's owner");
        assertTrue(first.contains("href=\"https://github.com/example/shop/blob/" + REVISION + "/apps/shop.yaml#L"));
        assertEquals(0, count(first, "badge new"), "nothing to compare with yet");

        assertEquals(1, CliRun.run(args).status());
        String second = Files.readString(html);
        assertEquals(2, count(trend(second), "<circle class=\"point"), "the first run and this one");
        assertEquals(0, count(second, "<span class=\"badge new\">"), "the same findings as last time");

        manifests(dir, NAMESPACE, pod("web", "nginx:1.27", true, ""), pod("debug", "busybox:latest", true, ""));
        assertEquals(1, CliRun.run(args).status());
        String third = Files.readString(html);
        assertEquals(2, count(third, "<span class=\"badge new\">new</span>"), "debug: privileged and :latest");
        assertEquals(3, count(trend(third), "<circle class=\"point"), "two kept runs and this one");
        try (Stream<Path> files = Files.list(history)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(2, names.size(), "--history-keep 2: " + names);
            assertTrue(names.stream().allMatch(n -> n.matches("run-\\d{8}T\\d{6}\\.\\d{3}Z\\.json")), names.toString());
        }
        JsonNode last;
        try (Stream<Path> files = Files.list(history)) {
            last = new ObjectMapper().readTree(files.sorted().reduce((a, b) -> b).orElseThrow().toFile());
        }
        assertEquals(REVISION, last.get("revision").asText());
        assertEquals("owner", last.get("ownerKey").asText());
        assertEquals(3, last.get("fingerprints").size(), "web privileged; debug privileged and :latest");
        assertEquals(3, last.get("byTeam").get("storefront").get("violations").asInt(), last.toPrettyString());
    }

    @Test
    void aBrokenHistoryIsAnErrorButTheReportIsWritten(@TempDir Path dir) throws IOException {
        Path input = manifests(dir, pod("web", "nginx:1.27", false, ""));
        Path history = Files.createDirectories(dir.resolve("history"));
        Files.writeString(history.resolve("run-20260101T000000.000Z.json"), "{\"format\": \"palisade-history\"");
        Path html = dir.resolve("dashboard.html");
        CliRun run = CliRun.run("check", input.toString(), "--format", "html", "--output", html.toString(), "--history",
                history.toString());
        assertEquals(2, run.status(), "an unreadable history is an error, never a pass");
        assertTrue(run.err().contains("run-20260101T000000.000Z.json") && run.err().contains("fix or delete"), run.err());
        assertTrue(Files.readString(html).contains("Compliance dashboard"));
    }

    @Test
    void badReportOptionsAreUsageErrors(@TempDir Path dir) throws IOException {
        Path input = manifests(dir, pod("web", "nginx:1.27", false, ""));
        CliRun api = CliRun.run("check", input.toString(), "--format", "policyreport", "--policyreport-api", "v1");
        assertEquals(2, api.status());
        assertTrue(api.err().contains("wgpolicyk8s.io/v1alpha2, openreports.io/v1alpha1"), api.err());
        CliRun url = CliRun.run("check", input.toString(), "--format", "html", "--repo-url", "javascript:alert(1)");
        assertEquals(2, url.status());
        assertTrue(url.err().contains("must be an absolute http or https URL"), url.err());
        CliRun keep = CliRun.run("check", input.toString(), "--history-keep", "3");
        assertEquals(2, keep.status());
        assertTrue(keep.err().contains("--history-keep needs --history DIR"), keep.err());
        CliRun zero = CliRun.run("check", input.toString(), "--history", dir.resolve("h").toString(), "--history-keep", "0");
        assertEquals(2, zero.status());
        CliRun label = CliRun.run("check", input.toString(), "--owner-label", " ");
        assertEquals(2, label.status());
        assertTrue(label.err().contains("owner label"), label.err());
    }

    @Test
    void theRevisionIsReadFromTheCheckout(@TempDir Path dir) throws IOException {
        String id = "0123456789abcdef0123456789abcdef01234567";
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(repo.resolve(".git/refs/heads"));
        Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(repo.resolve(".git/refs/heads/main"), id + "\n");
        Path nested = Files.createDirectories(repo.resolve("apps/shop"));
        assertEquals(Optional.of(id), GitRevision.fromFiles(nested));

        Files.delete(repo.resolve(".git/refs/heads/main"));
        Files.writeString(repo.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n"
                + id + " refs/heads/main\n");
        assertEquals(Optional.of(id), GitRevision.fromFiles(nested), "from packed-refs");

        Files.writeString(repo.resolve(".git/HEAD"), id.replace('0', 'f') + "\n");
        assertEquals(Optional.of(id.replace('0', 'f')), GitRevision.fromFiles(repo), "a detached HEAD");

        Path worktree = Files.createDirectories(dir.resolve("worktree"));
        Path gitDir = Files.createDirectories(repo.resolve(".git/worktrees/wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + gitDir + "\n");
        Files.writeString(gitDir.resolve("HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(gitDir.resolve("commondir"), "../..\n");
        Files.createDirectories(repo.resolve(".git/refs/heads"));
        Files.writeString(repo.resolve(".git/refs/heads/feature"), id.replace('1', 'e') + "\n");
        assertEquals(Optional.of(id.replace('1', 'e')), GitRevision.fromFiles(worktree), "a worktree's branch");

        Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/../../../etc/passwd\n");
        assertEquals(Optional.empty(), GitRevision.fromFiles(repo), "refs stay inside the repository");
        Path plain = Files.createDirectories(dir.resolve("plain"));
        boolean insideARepository = false;
        for (Path p = plain; p != null; p = p.getParent()) {
            insideARepository |= Files.exists(p.resolve(".git"));
        }
        if (!insideARepository) {
            assertEquals(Optional.empty(), GitRevision.fromFiles(plain), "not a repository");
        }
    }

    @Test
    void theRevisionAgreesWithGitWhenGitIsInstalled(@TempDir Path dir) throws Exception {
        if (!git(dir, "--version")) {
            return;
        }
        assertTrue(git(dir, "init", "-q"));
        Files.writeString(dir.resolve("a.yaml"), "kind: x\n");
        assertTrue(git(dir, "add", "a.yaml"));
        assertTrue(git(dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                "commit", "-q", "-m", "x"));
        Optional<String> fromGit = GitRevision.fromGit(dir);
        assertTrue(fromGit.isPresent());
        assertEquals(fromGit, GitRevision.fromFiles(dir));
        assertTrue(git(dir, "pack-refs", "--all"));
        assertEquals(fromGit, GitRevision.fromFiles(dir), "after git pack-refs");
    }

    private static boolean git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
