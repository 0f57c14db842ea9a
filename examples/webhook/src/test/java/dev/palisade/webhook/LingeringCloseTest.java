package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.admission.AdmissionResponse;
import dev.palisade.core.admission.AdmissionResponses;
import dev.palisade.core.admission.AdmissionReviews;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A response that ends its connection is not lost when the client has sent more than the server
 * read: the server half-closes (TLS close_notify, then FIN), drops further input, and closes when
 * the client does or after a bounded linger. Closing at once would make the kernel answer the
 * unread bytes with a reset that discards the part of the response still in the server's send
 * buffer. Real TLS on loopback.
 */
class LingeringCloseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Larger than what the client's small receive buffer and loopback take in, so part of it waits in the server. */
    private static final int LARGE_MESSAGE = 1_000_000;

    @TempDir
    static Path directory;
    private static TestTls tls;

    @BeforeAll
    static void certificates() throws Exception {
        tls = TestTls.create(directory, "webhook");
    }

    /** A TLS connection whose socket has a small receive buffer (set before connecting, so it holds). */
    private static SSLSocket connectWithSmallReceiveBuffer(int port) throws Exception {
        Socket plain = new Socket();
        plain.setReceiveBufferSize(4096);
        plain.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        SSLSocket socket = (SSLSocket) tls.client().getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
        socket.setSoTimeout(20_000);
        socket.startHandshake();
        return socket;
    }

    /** A server that allows every review at once. */
    private static WebhookServer allowingServer() throws java.io.IOException {
        return WebhookServer.builder().address(new InetSocketAddress("127.0.0.1", 0)).tls(tls.serverPem())
                .log(message -> { }).route("/validate", review -> AdmissionResponses.builder(review.uid()).build())
                .start();
    }

    @Test
    void aPipelinedRequestOnADrainingConnectionDoesNotCutOffTheAnswerBeforeIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String large = "x".repeat(LARGE_MESSAGE);
        WebhookServer server = WebhookServer.builder().address(new InetSocketAddress("127.0.0.1", 0))
                .tls(tls.serverPem()).log(message -> { }).route("/validate", review -> {
                    entered.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new AdmissionResponse(review.apiVersion(), review.uid(), false,
                            Optional.of(new AdmissionResponse.Status(403, "Forbidden", large)), List.of(), Map.of(),
                            Optional.empty());
                }).start();
        CompletableFuture<Void> closing = null;
        try (SSLSocket socket = connectWithSmallReceiveBuffer(server.port())) {
            SampleReviews.Sample first = SampleReviews.sample(0, AdmissionReviews.API_VERSION);
            RawHttp.write(socket, RawHttp.post("/validate", "application/json", first.body()));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            // Sent while the first is being evaluated: the server is not reading, so these bytes stay
            // unread in its socket when it answers the first request and ends the connection.
            RawHttp.write(socket, RawHttp.post("/validate", "application/json",
                    SampleReviews.sample(1, AdmissionReviews.API_VERSION).body()));
            closing = CompletableFuture.runAsync(server::close);
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.ready() && System.nanoTime() < waitUntil) {
                Thread.sleep(5);
            }
            release.countDown();
            // The client reads only after the server has answered and decided to end the connection.
            Thread.sleep(500);
            InputStream in = socket.getInputStream();
            RawHttp.Response response = RawHttp.read(in);
            assertNotNull(response);
            assertEquals(200, response.status());
            assertEquals("close", response.headers().get("connection"));
            assertEquals(Integer.parseInt(response.headers().get("content-length")),
                    response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            var answer = JSON.readTree(response.body()).path("response");
            assertEquals(first.uid(), answer.path("uid").asText());
            String message = answer.path("status").path("message").asText();
            assertTrue(message.equals(large), "the whole message, not " + message.length() + " characters");
            assertEquals(-1, in.read(), "after the answer the stream ends (close_notify), no second answer, no reset");
        } finally {
            release.countDown();
            if (closing != null) {
                closing.get(30, TimeUnit.SECONDS);
            } else {
                server.close();
            }
        }
        assertEquals(0, server.openConnections());
    }

    /**
     * Sends a request the server rejects with a valid review pipelined behind it, then more bytes
     * after the answer: the client reads the rejection, then the end of the stream (not a reset, not
     * an answer to the pipelined request).
     */
    private static RawHttp.Response rejectedThenEnded(Socket socket, String contentType, String path) throws Exception {
        String review = SampleReviews.sample(0, AdmissionReviews.API_VERSION).body();
        RawHttp.write(socket, RawHttp.post(path, contentType, review)
                + RawHttp.post("/validate", "application/json", review));
        InputStream in = socket.getInputStream();
        RawHttp.Response response = RawHttp.read(in);
        assertNotNull(response);
        assertEquals("close", response.headers().get("connection"));
        RawHttp.write(socket, RawHttp.post("/validate", "application/json", review));
        assertEquals(-1, in.read(), "the pipelined request is not answered on a connection being closed");
        return response;
    }

    @Test
    void aRejectedRequestIsAnsweredThenTheStreamEndsAndFurtherInputIsDropped() throws Exception {
        try (WebhookServer server = allowingServer();
                SSLSocket socket = RawHttp.connect(tls.client(), server.port(), 10_000)) {
            RawHttp.Response response = rejectedThenEnded(socket, "application/json", "/nowhere");
            assertEquals(404, response.status());
            assertTrue(response.body().startsWith("nothing is served at /nowhere"), response.body());
        }
    }

    @Test
    void overPlainHttpTheAnswerIsFollowedByTheEndOfTheStreamNotAReset() throws Exception {
        try (WebhookServer server = WebhookServer.builder().address(new InetSocketAddress("127.0.0.1", 0))
                .plainHttp().log(message -> { })
                .route("/validate", review -> AdmissionResponses.builder(review.uid()).build()).start();
                Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            assertEquals(415, rejectedThenEnded(socket, "text/plain", "/validate").status());
        }
    }

    @Test
    void aClientThatNeverClosesIsClosedAfterTheLinger() throws Exception {
        try (WebhookServer server = allowingServer();
                SSLSocket socket = RawHttp.connect(tls.client(), server.port(), 10_000)) {
            RawHttp.write(socket, "GET /validate HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertNotNull(response);
            assertEquals(405, response.status());
            assertEquals(-1, socket.getInputStream().read());
            // The client keeps its side open (and even writes): the server closes anyway, after the linger.
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.openConnections() > 0 && System.nanoTime() < waitUntil) {
                Thread.sleep(20);
            }
            assertEquals(0, server.openConnections(), "the lingering close is bounded");
        }
    }
}
