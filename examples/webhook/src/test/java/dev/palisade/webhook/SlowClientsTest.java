package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.PolicySet;
import dev.palisade.core.admission.AdmissionReviews;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow and silent clients (slowloris) against the server over real TLS: they hold no thread, so
 * normal reviews go on, and each phase's deadline cuts them off.
 */
class SlowClientsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEAD = "POST /validate?timeout=10s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n";

    @TempDir
    static Path directory;
    private static TestTls tls;
    private static SSLContext clientTls;
    private static PolicySet policies;

    private final List<Socket> sockets = new ArrayList<>();
    private final ScheduledExecutorService trickle = Executors.newScheduledThreadPool(2);
    private WebhookServer server;

    @BeforeAll
    static void certificates() throws Exception {
        tls = TestTls.create(directory, "webhook");
        clientTls = tls.client();
        policies = WebhookServer.load(List.of());
    }

    @AfterEach
    void stop() throws IOException {
        trickle.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private WebhookServer start(ServerSettings settings) throws IOException {
        server = WebhookServer.builder().address(new InetSocketAddress("127.0.0.1", 0)).tls(tls.serverPem())
                .settings(settings).route("/validate", new PolicyValidator(policies, EvaluationContext.defaults()))
                .log(message -> { }).start();
        return server;
    }

    /** A TLS connection that sends one byte of a request every period, for as long as the test runs. */
    private SSLSocket trickler(long periodMillis) throws IOException {
        SSLSocket socket = RawHttp.connect(clientTls, server.port(), 30_000);
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        byte[] request = HEAD.getBytes(StandardCharsets.US_ASCII);
        int[] next = {0};
        trickle.scheduleAtFixedRate(() -> {
            try {
                if (next[0] < request.length) {
                    out.write(request[next[0]++]);
                    out.flush();
                }
            } catch (IOException e) {
                throw new IllegalStateException("closed", e); // ends this client's schedule
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
        return socket;
    }

    /** A TCP connection that never completes a TLS handshake: silent, or stopping inside its ClientHello. */
    private Socket stalledHandshake(boolean partialHello) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(30_000);
        sockets.add(socket);
        if (partialHello) {
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
            socket.getOutputStream().flush();
        }
        return socket;
    }

    private HttpResponse<String> review(HttpClient client, int i) throws Exception {
        SampleReviews.Sample sample = SampleReviews.sample(i, AdmissionReviews.API_VERSION);
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port()
                + "/validate?timeout=10s")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(sample.body())).build();
        HttpResponse<String> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .get(2, TimeUnit.SECONDS);
        JsonNode answer = JSON.readTree(response.body()).path("response");
        assertEquals(sample.uid(), answer.path("uid").asText());
        assertEquals(sample.expectedAllowed(), answer.path("allowed").asBoolean(), answer.toString());
        return response;
    }

    @Test
    void slowAndSilentClientsDoNotDelayReviews() throws Exception {
        // Deadlines longer than the test, so every slow client stays connected throughout.
        start(ServerSettings.defaults().withHandshakeTimeout(Duration.ofSeconds(60))
                .withHeaderTimeout(Duration.ofSeconds(60)));
        HttpClient client = HttpClient.newBuilder().sslContext(clientTls).build();
        review(client, 0);
        for (int i = 0; i < 20; i++) {
            trickler(2000);
        }
        for (int i = 0; i < 10; i++) {
            stalledHandshake(i % 2 == 0);
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.openConnections() < 31 && System.nanoTime() < waitUntil) {
            Thread.sleep(20);
        }
        assertTrue(server.openConnections() >= 31, "30 slow clients and one normal one are connected: "
                + server.openConnections());
        // Each normal review completes within 2 s (review() waits at most that long), one after another...
        for (int i = 1; i <= 48; i++) {
            assertEquals(200, review(client, i).statusCode());
        }
        // ... and sixteen at once, on fresh connections that each complete a handshake.
        List<CompletableFuture<Void>> burst = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int n = 100 + i;
            HttpClient own = HttpClient.newBuilder().sslContext(clientTls).build();
            burst.add(CompletableFuture.runAsync(() -> {
                try {
                    review(own, n);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertTrue(server.openConnections() >= 31, "the slow clients are still connected: " + server.openConnections());
    }

    @Test
    void aTrickledHeadIsAnswered408AtTheHeaderDeadline() throws Exception {
        start(ServerSettings.defaults().withHeaderTimeout(Duration.ofSeconds(1)));
        long start = System.nanoTime();
        SSLSocket socket = trickler(200);
        RawHttp.Response response = RawHttp.read(socket.getInputStream());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertNotNull(response);
        assertEquals(408, response.status());
        assertTrue(response.body().contains("request head was not received within 1s (--header-timeout)"),
                response.body());
        assertEquals("close", response.headers().get("connection"));
        assertTrue(RawHttp.closedByServer(socket));
        assertTrue(seconds < 10, "cut off near the 1 s deadline, not after " + seconds + " s");
    }

    @Test
    void aSlowBodyIsAnswered408AtTheBodyDeadline() throws Exception {
        start(ServerSettings.defaults().withBodyTimeout(Duration.ofSeconds(1)));
        SSLSocket socket = RawHttp.connect(clientTls, server.port(), 20_000);
        sockets.add(socket);
        RawHttp.write(socket, HEAD + "{\"apiVersion\":");
        RawHttp.Response response = RawHttp.read(socket.getInputStream());
        assertNotNull(response);
        assertEquals(408, response.status());
        assertTrue(response.body().contains("request body was not received within 1s (--body-timeout)"),
                response.body());
        assertTrue(RawHttp.closedByServer(socket));
    }

    @Test
    void handshakesThatNeverFinishAreClosed() throws Exception {
        start(ServerSettings.defaults().withHandshakeTimeout(Duration.ofSeconds(1)));
        Socket silent = stalledHandshake(false);
        Socket partial = stalledHandshake(true);
        assertTrue(RawHttp.closedByServer(silent), "a silent connection is closed");
        assertTrue(RawHttp.closedByServer(partial), "a connection stopping inside its ClientHello is closed");
    }

    @Test
    void idleKeepAliveConnectionsAreClosed() throws Exception {
        start(ServerSettings.defaults().withIdleTimeout(Duration.ofSeconds(1)));
        SSLSocket socket = RawHttp.connect(clientTls, server.port(), 20_000);
        sockets.add(socket);
        SampleReviews.Sample sample = SampleReviews.sample(0, AdmissionReviews.API_VERSION);
        RawHttp.write(socket, RawHttp.post("/validate", "application/json", sample.body()));
        assertEquals(200, RawHttp.read(socket.getInputStream()).status());
        assertTrue(RawHttp.closedByServer(socket), "closed after a second without a request");
    }

    @Test
    void connectionsBeyondTheLimitAreClosedOnAccept() throws Exception {
        start(ServerSettings.defaults().withMaxConnections(3));
        for (int i = 0; i < 3; i++) {
            sockets.add(RawHttp.connect(clientTls, server.port(), 20_000));
        }
        Socket fourth = new Socket("127.0.0.1", server.port());
        fourth.setSoTimeout(20_000);
        sockets.add(fourth);
        assertTrue(RawHttp.closedByServer(fourth), "the fourth connection is closed");
        sockets.get(0).close();
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.openConnections() > 2 && System.nanoTime() < waitUntil) {
            Thread.sleep(20);
        }
        HttpClient client = HttpClient.newBuilder().sslContext(clientTls).build();
        assertEquals(200, review(client, 1).statusCode(), "a closed connection frees its place");
    }
}
