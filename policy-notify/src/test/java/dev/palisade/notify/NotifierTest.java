package dev.palisade.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.Decision;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.Finding;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Report;
import dev.palisade.core.ResourceId;
import dev.palisade.core.Result;
import dev.palisade.core.Severity;
import dev.palisade.core.SourceLocation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Finding finding(String policy, EnforcementAction action, String namespace, String name, int line) {
        ResourceId id = new ResourceId("apps", "v1", "Deployment", namespace, name);
        return new Finding(PolicyMetadata.of(policy, policy + " title", Severity.CRITICAL), id,
                "container \"netdebug\" must not be <privileged> & root", action,
                "/spec/template/spec/containers/0/securityContext/privileged",
                new SourceLocation("apps/" + name + ".yaml", 0, line, 13), Optional.of("netdebug"), Optional.empty());
    }

    static Report report(Finding... findings) {
        List<Result> results = new ArrayList<>();
        for (Finding f : findings) {
            results.add(new Result(f.resource(), new SourceLocation(f.location().file(), 0, 1, 1), Optional.empty(),
                    f.action() == EnforcementAction.DENY ? Decision.DENY : Decision.WARN, List.of(f.policyId()),
                    List.of(f), List.of(), List.of(), Map.of()));
        }
        return new Report(results, List.of(), List.of(), List.of());
    }

    private static Notifier.Builder fast(Channel channel) {
        return Notifier.builder().channel(channel).backoff(Duration.ofMillis(20)).deadline(Duration.ofSeconds(10))
                .requestTimeout(Duration.ofSeconds(5));
    }

    @Test
    void slackMessageCarriesPolicyResourceLocationMentionReportLinkAndExemptCommand() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            Notifier notifier = fast(Channel.slack(server.uri()))
                    .owners(Owners.of(Map.of("payments", "<!subteam^S012AB>")))
                    .teams(id -> Optional.of("payments")).reportUrl("https://ci.example.com/run/7").build();
            Notifier.Outcome outcome = notifier.notify(report(finding("no-privileged-containers",
                    EnforcementAction.DENY, "payments", "gateway", 35)));
            assertEquals(1, outcome.messages(), outcome.warnings().toString());
            assertEquals(List.of(), outcome.warnings());
            RecordingServer.Request request = server.requests().get(0);
            assertEquals("POST", request.method());
            assertTrue(request.contentType().startsWith("application/json"));
            JsonNode body = JSON.readTree(request.body());
            assertTrue(body.path("text").asText().contains("no-privileged-containers"), body.toString());
            String blocks = body.path("blocks").toString();
            assertTrue(body.path("blocks").isArray() && body.path("blocks").size() >= 3);
            assertEquals("section", body.path("blocks").get(0).path("type").asText());
            assertEquals("mrkdwn", body.path("blocks").get(0).path("text").path("type").asText());
            assertTrue(blocks.contains("Deployment payments/gateway container netdebug"), blocks);
            assertTrue(blocks.contains("apps/gateway.yaml:35"), blocks);
            assertTrue(blocks.contains("<!subteam^S012AB>"), "the mention is kept in Slack syntax: " + blocks);
            assertTrue(blocks.contains("&lt;privileged&gt; &amp; root"), "manifest text is escaped: " + blocks);
            assertTrue(blocks.contains("<https://ci.example.com/run/7|Full report>"), blocks);
            Finding f = finding("no-privileged-containers", EnforcementAction.DENY, "payments", "gateway", 35);
            assertTrue(blocks.contains("palisade exempt --policy no-privileged-containers --resource"
                    + " Deployment.apps/payments/gateway --container netdebug --reason '&lt;why&gt;' --owner payments"
                    + " --expires "), blocks);
            assertTrue(blocks.contains("--finding " + f.fingerprint()), blocks);
        }
    }

    @Test
    void webhookPayloadIsTheDocumentedJson() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            Finding f = finding("no-latest-tag", EnforcementAction.WARN, "shop", "web", 12);
            fast(Channel.webhook(server.uri())).teams(id -> Optional.of("storefront")).build().notify(report(f));
            JsonNode body = JSON.readTree(server.requests().get(0).body());
            assertEquals("palisade", body.path("source").asText());
            assertEquals("violation", body.path("kind").asText());
            JsonNode notice = body.path("notices").get(0);
            assertEquals(f.fingerprint(), notice.path("fingerprint").asText());
            assertEquals("no-latest-tag", notice.path("policy").asText());
            assertEquals("warn", notice.path("action").asText());
            assertEquals("Deployment", notice.path("resource").path("kind").asText());
            assertEquals("apps/v1", notice.path("resource").path("apiVersion").asText());
            assertEquals("apps/web.yaml", notice.path("file").asText());
            assertEquals(12, notice.path("line").asInt());
            assertEquals("storefront", notice.path("team").asText());
            assertEquals(1, body.path("totals").path("violations").asInt());
        }
    }

    @Test
    void theSameViolationIsNotifiedOnceAcrossRuns(@TempDir Path dir) throws Exception {
        Path state = dir.resolve(".palisade/notified.json");
        try (RecordingServer server = new RecordingServer()) {
            Finding a = finding("no-privileged-containers", EnforcementAction.DENY, "payments", "gateway", 35);
            Finding b = finding("no-privileged-containers", EnforcementAction.DENY, "payments", "ledger", 20);
            Notifier notifier = fast(Channel.slack(server.uri())).stateFile(state).build();
            Notifier.Outcome first = notifier.notify(report(a));
            assertEquals(1, first.messages());
            assertTrue(Files.exists(state));
            JsonNode saved = JSON.readTree(state.toFile());
            assertTrue(saved.path("notified").has(a.fingerprint()), saved.toString());
            assertFalse(saved.path("notified").path(a.fingerprint()).path("first").asText().isEmpty());

            Notifier.Outcome second = notifier.notify(report(a, b));
            assertEquals(1, second.messages(), "only the new violation is posted");
            assertEquals(1, second.alreadyNotified());
            assertEquals(2, server.requests().size());
            assertTrue(server.requests().get(1).body().contains("payments/ledger"));
            assertFalse(server.requests().get(1).body().contains("payments/gateway"));

            Notifier.Outcome third = fast(Channel.slack(server.uri())).stateFile(state).mode(Notifier.Mode.RUN).build()
                    .notify(report(a, b));
            assertEquals(0, third.messages(), "nothing new, no summary");
            assertEquals(2, server.requests().size());
        }
    }

    @Test
    void runModePostsOneSummaryOfTheNewViolations() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            List<Finding> findings = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                findings.add(finding("no-privileged-containers", EnforcementAction.DENY, "ns", "app-" + i, i + 1));
            }
            Notifier.Outcome outcome = fast(Channel.slack(server.uri())).mode(Notifier.Mode.RUN).build()
                    .notify(report(findings.toArray(Finding[]::new)));
            assertEquals(1, outcome.messages());
            assertEquals(14, outcome.notified());
            JsonNode body = JSON.readTree(server.requests().get(0).body());
            assertEquals("header", body.path("blocks").get(0).path("type").asText());
            assertEquals("Palisade: 14 new violations", body.path("text").asText());
            assertTrue(body.toString().contains("… and 4 more"), body.toString());
        }
    }

    @Test
    void overTheRateLimitTheRestIsSummarisedAndDeferred(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("notified.json");
        try (RecordingServer server = new RecordingServer()) {
            List<Finding> findings = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                findings.add(finding("no-privileged-containers", EnforcementAction.DENY, "ns", "app-" + i, i + 1));
            }
            Notifier notifier = fast(Channel.slack(server.uri())).stateFile(state).maxPerRun(5).maxPerMinute(7).build();
            Notifier.Outcome outcome = notifier.notify(report(findings.toArray(Finding[]::new)));
            assertEquals(5, outcome.messages(), "4 violations and one summary of the rest");
            assertEquals(4, outcome.notified());
            assertEquals(4, outcome.deferred());
            assertTrue(server.requests().get(4).body().contains("4 more new violations"),
                    server.requests().get(4).body());
            // within the same minute only 2 more messages are allowed across runs
            Notifier.Outcome next = notifier.notify(report(findings.toArray(Finding[]::new)));
            assertEquals(2, next.messages(), next.toString());
            assertEquals(1, next.notified());
            Notifier.Outcome third = notifier.notify(report(findings.toArray(Finding[]::new)));
            assertEquals(0, third.messages());
            assertTrue(third.warnings().get(0).contains("rate limit reached"), third.warnings().toString());
            assertEquals(9, server.requests().size() + 2, "no request past the limit");
        }
    }

    @Test
    void honoursRetryAfterOn429() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            server.then(429, Map.of("Retry-After", "1"), "rate_limited");
            Notifier.Outcome outcome = fast(Channel.slack(server.uri())).build()
                    .notify(report(finding("p", EnforcementAction.DENY, "ns", "a", 1)));
            assertEquals(1, outcome.messages(), outcome.warnings().toString());
            List<RecordingServer.Request> requests = server.requests();
            assertEquals(2, requests.size());
            long waited = Duration.ofNanos(requests.get(1).nanos() - requests.get(0).nanos()).toMillis();
            assertTrue(waited >= 950, "waited " + waited + " ms, Retry-After said 1 s");
            assertEquals(requests.get(0).body(), requests.get(1).body());
        }
    }

    @Test
    void retriesAfter500ThenSucceeds() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            server.then(500, Map.of(), "boom").then(503, Map.of(), "");
            Notifier.Outcome outcome = fast(Channel.webhook(server.uri())).build()
                    .notify(report(finding("p", EnforcementAction.DENY, "ns", "a", 1)));
            assertEquals(1, outcome.messages());
            assertEquals(List.of(), outcome.warnings());
            assertEquals(3, server.requests().size());
        }
    }

    @Test
    void aRejectedMessageIsNotRetriedAndNotRemembered(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("notified.json");
        try (RecordingServer server = new RecordingServer()) {
            server.then(404, Map.of(), "no_service");
            Finding f = finding("p", EnforcementAction.DENY, "ns", "a", 1);
            Notifier notifier = fast(Channel.slack(server.uri())).stateFile(state).build();
            Notifier.Outcome outcome = notifier.notify(report(f));
            assertEquals(0, outcome.messages());
            assertEquals(1, server.requests().size());
            assertTrue(outcome.warnings().get(0).contains("HTTP 404 (no_service)"), outcome.warnings().toString());
            assertEquals(1, notifier.notify(report(f)).messages(), "not delivered, so still new");
        }
    }

    @Test
    void aServerThatIsDownGivesAWarningWithinTheDeadline() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();
        Notifier.Outcome outcome = Notifier.builder().channel(Channel.slack(URI.create("http://127.0.0.1:" + port + "/x")))
                .backoff(Duration.ofMillis(50)).deadline(Duration.ofSeconds(2)).build()
                .notify(report(finding("p", EnforcementAction.DENY, "ns", "a", 1)));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(0, outcome.messages());
        assertEquals(1, outcome.deferred());
        assertTrue(outcome.warnings().get(0).contains("cannot reach 127.0.0.1:" + port), outcome.warnings().toString());
        assertTrue(millis < 10_000, "gave up at the deadline, after " + millis + " ms");
    }

    @Test
    void dryRunFindingsAreNotNotifiedByDefault() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            Notifier.Outcome outcome = fast(Channel.slack(server.uri())).build()
                    .notify(report(finding("p", EnforcementAction.DRYRUN, "ns", "a", 1)));
            assertEquals(0, outcome.messages());
            assertEquals(0, server.requests().size());
        }
    }

    @Test
    void stateIsBoundedAndACorruptStateStartsAfresh(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("notified.json");
        try (RecordingServer server = new RecordingServer()) {
            Files.writeString(state, "{not json");
            Notifier.Outcome outcome = fast(Channel.slack(server.uri())).stateFile(state).maxStateEntries(2)
                    .maxPerRun(5).build().notify(report(finding("p", EnforcementAction.DENY, "ns", "a", 1),
                            finding("p", EnforcementAction.DENY, "ns", "b", 1),
                            finding("p", EnforcementAction.DENY, "ns", "c", 1)));
            assertTrue(outcome.warnings().get(0).contains("starting afresh"), outcome.warnings().toString());
            assertEquals(3, outcome.messages());
            assertEquals(2, JSON.readTree(state.toFile()).path("notified").size());
        }
    }

    @Test
    void ownersFileReadsFlatAndNestedMapsAndNamesBadLines(@TempDir Path dir) throws Exception {
        dev.palisade.core.ManifestReader reader = dev.palisade.core.ManifestReader.create();
        Path flat = Files.writeString(dir.resolve("owners.yaml"), "# teams\npayments: \"<!subteam^S1>\"\nshop: '@shop'\n");
        assertEquals(Optional.of("<!subteam^S1>"), Owners.read(reader, flat).mention("payments"));
        Path nested = Files.writeString(dir.resolve("owners.json"), "{\"owners\": {\"shop\": \"@shop\"}}");
        assertEquals(Optional.of("@shop"), Owners.read(reader, nested).mention("shop"));
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "payments: \"@p\"\nshop: [a]\n");
        dev.palisade.core.PalisadeException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.palisade.core.PalisadeException.class, () -> Owners.read(reader, bad));
        assertTrue(e.describe().contains("bad.yaml:2"), e.describe());
    }

    @Test
    void shellQuotingOfExemptCommands() throws IOException {
        assertEquals("payments", Notifier.shell("payments"));
        assertEquals("'it'\\''s here'", Notifier.shell("it's here"));
    }
}
