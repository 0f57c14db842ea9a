package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.admission.AdmissionResponses;
import dev.palisade.core.admission.AdmissionReviews;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WebhookServer#close()} drains: requests in progress are answered, new work is turned away. */
class GracefulShutdownTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;
    private static TestTls tls;

    @BeforeAll
    static void certificates() throws Exception {
        tls = TestTls.create(directory, "webhook");
    }

    private static WebhookServer start(ServerSettings settings, CountDownLatch entered, CountDownLatch release)
            throws IOException {
        return WebhookServer.builder().address(new InetSocketAddress("127.0.0.1", 0)).tls(tls.serverPem())
                .settings(settings).log(message -> { })
                .route("/validate", review -> {
                    entered.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return AdmissionResponses.builder(review.uid()).deny("drained answer").build();
                }).start();
    }

    private static CompletableFuture<HttpResponse<String>> send(HttpClient client, int port) {
        SampleReviews.Sample sample = SampleReviews.sample(0, AdmissionReviews.API_VERSION);
        return client.sendAsync(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/validate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(sample.body()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsInProgressAreAnsweredBeforeTheServerStops() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WebhookServer server = start(ServerSettings.defaults(), entered, release);
        int port = server.port();
        HttpClient client = HttpClient.newBuilder().sslContext(tls.client()).build();
        CompletableFuture<HttpResponse<String>> inFlight = send(client, port);
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean refused = false;
        while (!refused && System.nanoTime() < waitUntil) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(20);
            } catch (ConnectException e) {
                refused = true;
            } catch (SocketException e) {
                // A connection the listener had queued but never accepted is reset when it closes: probe again.
            }
        }
        assertTrue(refused, "the port stops accepting once shutdown begins");
        assertFalse(server.ready());
        assertFalse(closing.isDone(), "close() waits for the request in progress");
        assertFalse(inFlight.isDone());

        release.countDown();
        HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("close", response.headers().firstValue("connection").orElse(""));
        assertEquals("drained answer", JSON.readTree(response.body()).path("response").path("status")
                .path("message").asText());
        closing.get(10, TimeUnit.SECONDS);
        assertEquals(0, server.openConnections());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void duringTheShutdownDelayReadinessFailsWhileReviewsAreStillServed() throws Exception {
        CountDownLatch release = new CountDownLatch(0);
        WebhookServer server = start(ServerSettings.defaults().withShutdownDelay(Duration.ofSeconds(3)),
                new CountDownLatch(1), release);
        HttpClient client = HttpClient.newBuilder().sslContext(tls.client()).build();
        URI ready = URI.create("https://127.0.0.1:" + server.port() + "/readyz");
        assertEquals(200, client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.ready() && System.nanoTime() < waitUntil) {
            Thread.sleep(5);
        }
        HttpClient fresh = HttpClient.newBuilder().sslContext(tls.client()).build();
        HttpResponse<String> probe = fresh.send(HttpRequest.newBuilder(ready).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, probe.statusCode());
        assertEquals("draining\n", probe.body());
        HttpResponse<String> review = send(fresh, server.port()).get(10, TimeUnit.SECONDS);
        assertEquals(200, review.statusCode(), "reviews are still answered during the delay");
        closing.get(20, TimeUnit.SECONDS);
    }
}
