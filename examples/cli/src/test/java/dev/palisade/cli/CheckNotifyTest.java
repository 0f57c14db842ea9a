package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check --notify against a real HTTP server on loopback; check --format codequality. */
class CheckNotifyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFESTS = RolloutCommandsTest.ROOT.resolve("examples/manifests").toString();

    /** Records request bodies; answers 200. */
    static final class Receiver implements AutoCloseable {
        final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, 2);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("ok".getBytes(StandardCharsets.UTF_8));
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T/B/X";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void slackMessagesPerNewViolationWithOwnersAndNotAgainNextRun(@TempDir Path dir) throws Exception {
        Path owners = Files.writeString(dir.resolve("owners.yaml"), "payments: \"<!subteam^S0PAY>\"\n");
        Path state = dir.resolve("state/notified.json");
        try (Receiver receiver = new Receiver()) {
            String[] args = {"check", MANIFESTS, "--notify", "slack", "--slack-webhook-url", receiver.url(),
                "--owners", owners.toString(), "--notify-state", state.toString(), "--report-url",
                "https://ci.example.com/runs/42", "--quiet"};
            CliRun first = CliRun.run(args);
            assertEquals(1, first.status(), "the exit status is the check's: " + first.err());
            assertEquals(4, receiver.bodies.size(), "one message per deny/warn violation: " + receiver.bodies);
            String all = String.join("\n", receiver.bodies);
            assertTrue(all.contains("no-privileged-containers"), all);
            assertTrue(all.contains("<!subteam^S0PAY>"), "payments is mentioned: " + all);
            assertTrue(all.contains("apps/payments/deployment.yaml:35"), all);
            assertTrue(all.contains("<https://ci.example.com/runs/42|Full report>"), all);
            assertTrue(all.contains("palisade exempt --policy no-privileged-containers --resource"
                    + " Deployment.apps/payments/payment-gateway --container netdebug"), all);
            JsonNode saved = JSON.readTree(state.toFile());
            assertEquals(4, saved.path("notified").size());

            CliRun second = CliRun.run(args);
            assertEquals(1, second.status());
            assertEquals(4, receiver.bodies.size(), "nothing new, nothing posted");
        }
    }

    @Test
    void webhookRunSummaryAndMinimumAction(@TempDir Path dir) throws Exception {
        try (Receiver receiver = new Receiver()) {
            CliRun run = CliRun.run("check", MANIFESTS, "--notify", "webhook",
                    "--webhook-url", receiver.url(), "--notify-on", "run", "--notify-min-action", "deny",
                    "--notify-state", dir.resolve("n.json").toString(), "--quiet");
            assertEquals(1, run.status(), run.err());
            assertEquals(1, receiver.bodies.size());
            JsonNode body = JSON.readTree(receiver.bodies.get(0));
            assertEquals("run", body.path("kind").asText());
            assertEquals(1, body.path("notices").size(), "only the deny violation");
            assertEquals("payments", body.path("notices").get(0).path("team").asText());
        }
    }

    @Test
    void chatBeingDownLeavesTheExitStatusAndWarns(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.run("check", MANIFESTS, "--notify", "slack",
                "--slack-webhook-url", "http://127.0.0.1:" + port + "/hook", "--notify-timeout", "2",
                "--notify-state", dir.resolve("n.json").toString(), "--quiet");
        assertEquals(1, run.status(), "1 from the findings, not 2 from chat: " + run.err());
        assertTrue(run.err().contains("palisade: warning: could not post to slack"), run.err());
        CliRun clean = CliRun.run("check", MANIFESTS, "--fail-on", "never", "--notify",
                "slack", "--slack-webhook-url", "http://127.0.0.1:" + port + "/hook", "--notify-timeout", "1",
                "--notify-state", dir.resolve("n.json").toString(), "--quiet");
        assertEquals(0, clean.status(), clean.err());
    }

    @Test
    void notificationOptionsAreChecked() {
        assertEquals(2, CliRun.run("check", MANIFESTS, "--notify", "slack").status(),
                "a Slack URL is needed (no $PALISADE_SLACK_WEBHOOK_URL in tests)");
        assertEquals(2, CliRun.run("check", MANIFESTS, "--notify", "teams").status());
        assertEquals(2, CliRun.run("check", MANIFESTS, "--webhook-url", "http://127.0.0.1:1/").status());
        assertEquals(2, CliRun.run("check", MANIFESTS, "--notify", "webhook", "--webhook-url",
                "ftp://example.com/").status());
    }

    @Test
    void codeQualityReportForGitLab(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("gl-code-quality-report.json");
        CliRun run = CliRun.run("check", MANIFESTS, "--format", "codequality",
                "--output", report.toString(), "--base-dir", RolloutCommandsTest.ROOT.toString());
        assertEquals(1, run.status(), run.err());
        JsonNode issues = JSON.readTree(report.toFile());
        assertTrue(issues.isArray());
        assertEquals(4, issues.size());
        JsonNode privileged = null;
        for (JsonNode issue : issues) {
            assertEquals(64, issue.path("fingerprint").asText().length());
            assertTrue(issue.path("location").path("lines").path("begin").asInt() > 0);
            if (issue.path("check_name").asText().equals("no-privileged-containers")) {
                privileged = issue;
            }
        }
        assertEquals("blocker", privileged.path("severity").asText());
        assertEquals("examples/manifests/apps/payments/deployment.yaml", privileged.path("location").path("path").asText());
        assertEquals(35, privileged.path("location").path("lines").path("begin").asInt());
    }
}
