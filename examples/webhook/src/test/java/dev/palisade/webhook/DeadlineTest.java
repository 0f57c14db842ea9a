package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.admission.AdmissionResponses;
import dev.palisade.core.admission.AdmissionReviews;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reviews that cannot be evaluated in time: past the deadline taken from {@code ?timeout=}, or
 * when the worker queue or the body budget is full, the server answers at once per its failure
 * policy instead of hanging. A handler held on a latch stands for a slow or stuck evaluation.
 */
class DeadlineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;
    private static TestTls tls;
    private static HttpClient client;

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private WebhookServer server;

    @BeforeAll
    static void certificates() throws Exception {
        tls = TestTls.create(directory, "webhook");
        client = HttpClient.newBuilder().sslContext(tls.client()).build();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    /** A server whose handler waits until the test releases it, then allows. */
    private void start(ServerSettings settings) throws IOException {
        server = WebhookServer.builder().address(new InetSocketAddress("127.0.0.1", 0)).tls(tls.serverPem())
                .settings(settings).log(message -> { })
                .route("/validate", review -> {
                    entered.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return AdmissionResponses.forResult(review, dev.palisade.core.PolicySet.of(List.of())
                            .evaluate(review.resource(), dev.palisade.core.EvaluationContext.defaults())).build();
                }).start();
    }

    private CompletableFuture<HttpResponse<String>> send(int i, String timeout) {
        SampleReviews.Sample sample = SampleReviews.sample(i, AdmissionReviews.API_VERSION);
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/validate"
                + (timeout.isEmpty() ? "" : "?timeout=" + timeout))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(sample.body())).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode response(HttpResponse<String> http) throws IOException {
        assertEquals(200, http.statusCode(), http.body());
        return JSON.readTree(http.body()).path("response");
    }

    @Test
    void pastTheDeadlineFailurePolicyFailDenies() throws Exception {
        start(ServerSettings.defaults());
        HttpResponse<String> http = send(0, "1s").get(15, TimeUnit.SECONDS);
        assertEquals(1, release.getCount(), "answered while the evaluation was still stuck");
        JsonNode response = response(http);
        assertEquals(SampleReviews.sample(0, AdmissionReviews.API_VERSION).uid(), response.path("uid").asText());
        assertFalse(response.path("allowed").asBoolean());
        String message = response.path("status").path("message").asText();
        assertTrue(message.contains("not evaluated within 800ms (80% of its 1s timeout)"), message);
        assertTrue(message.contains("denied (--failure-policy Fail)"), message);
    }

    @Test
    void pastTheDeadlineFailurePolicyIgnoreAllowsWithAWarning() throws Exception {
        start(ServerSettings.defaults().withFailurePolicy(FailurePolicy.IGNORE));
        HttpResponse<String> http = send(1, "1s").get(15, TimeUnit.SECONDS);
        assertEquals(1, release.getCount(), "answered while the evaluation was still stuck");
        JsonNode response = response(http);
        assertTrue(response.path("allowed").asBoolean());
        String warning = response.path("warnings").get(0).asText();
        assertTrue(warning.contains("allowed unevaluated (--failure-policy Ignore)"), warning);
    }

    @Test
    void withoutATimeoutParameterTheDefaultDeadlineApplies() throws Exception {
        start(ServerSettings.defaults().withDefaultReviewTimeout(java.time.Duration.ofMillis(500)));
        JsonNode response = response(send(2, "").get(15, TimeUnit.SECONDS));
        assertTrue(response.path("status").path("message").asText().contains("within 400ms (80% of its 500ms"),
                response.toString());
    }

    @Test
    void aFullQueueIsAnsweredAtOncePerTheFailurePolicy() throws Exception {
        start(ServerSettings.defaults().withWorkers(1).withMaxQueued(1));
        CompletableFuture<HttpResponse<String>> first = send(0, "30s");
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the first review occupies the only worker");
        List<CompletableFuture<HttpResponse<String>>> more = new ArrayList<>();
        more.add(send(1, "30s"));
        more.add(send(2, "30s"));
        // One of the two waits in the queue; the other finds it full and is answered without waiting.
        CompletableFuture<Object> any = CompletableFuture.anyOf(more.toArray(CompletableFuture[]::new));
        @SuppressWarnings("unchecked")
        HttpResponse<String> overloaded = (HttpResponse<String>) any.get(10, TimeUnit.SECONDS);
        assertEquals(1, release.getCount(), "answered while the worker was still busy");
        JsonNode response = response(overloaded);
        assertFalse(response.path("allowed").asBoolean());
        assertTrue(response.path("status").path("message").asText().contains("overloaded (1 reviews are waiting"),
                response.toString());
        release.countDown();
        assertTrue(response(first.get(10, TimeUnit.SECONDS)).path("allowed").asBoolean());
        for (CompletableFuture<HttpResponse<String>> other : more) {
            assertNotNull(response(other.get(10, TimeUnit.SECONDS)).path("uid").asText());
        }
    }

    @Test
    void bodiesBeyondTheBufferedBudgetGet503() throws Exception {
        start(ServerSettings.defaults().withWorkers(1).withMaxBodyBytes(16 * 1024).withMaxBufferedBytes(16 * 1024));
        CompletableFuture<HttpResponse<String>> first = send(0, "30s");
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the first review holds its body bytes while evaluated");
        try (SSLSocket socket = RawHttp.connect(tls.client(), server.port(), 10_000)) {
            String body = "{\"pad\": \"" + "p".repeat(15_000) + "\"}";
            RawHttp.write(socket, RawHttp.post("/validate", "application/json", body));
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertNotNull(response);
            assertEquals(503, response.status());
            assertEquals("1", response.headers().get("retry-after"));
            assertTrue(response.body().contains("bytes of request bodies (--max-buffered-bytes)"), response.body());
        }
        release.countDown();
        assertTrue(response(first.get(10, TimeUnit.SECONDS)).path("allowed").asBoolean());
    }
}
