package dev.palisade.sigstore.registry;

import dev.palisade.sigstore.registry.internal.*;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Misbehaving registries (a small HTTP server on 127.0.0.1): wrong digests, overload, oversized content. */
class FaultyRegistryTest {
    private static final byte[] MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Digest GOOD = Digest.sha256(MANIFEST);

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Handler handler;

    interface Handler {
        void handle(HttpExchange exchange, int count) throws IOException;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                handler.handle(exchange, requests.incrementAndGet());
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private RegistryClient client(int attempts) {
        return RegistryClient.create(RegistryOptions.defaults().withInsecureRegistries(Set.of(host()))
                .withRetries(attempts, Duration.ofMillis(10), Duration.ofMillis(200)));
    }

    private static void send(HttpExchange exchange, int status, String digestHeader, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
        if (digestHeader != null) {
            exchange.getResponseHeaders().add("Docker-Content-Digest", digestHeader);
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Test
    void wrongDockerContentDigestOnGetIsDetected() {
        Digest wrong = Digest.sha256("something else");
        handler = (exchange, count) -> send(exchange, 200, wrong.toString(), MANIFEST);
        RegistryException e = assertThrows(RegistryException.class,
                () -> OciRegistry.of(client(1)).fetchManifest(ImageReference.parse(host() + "/app:1")));
        assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
    }

    @Test
    void contentThatDoesNotMatchTheRequestedDigestIsDetected() {
        Digest requested = Digest.sha256("the image I asked for");
        handler = (exchange, count) -> send(exchange, 200, null, MANIFEST);
        RegistryException e = assertThrows(RegistryException.class,
                () -> OciRegistry.of(client(1)).fetchManifest(ImageReference.parse(host() + "/app@" + requested)));
        assertTrue(e.getMessage().contains("expected " + requested), e.getMessage());
        RegistryException blob = assertThrows(RegistryException.class,
                () -> OciRegistry.of(client(1)).fetchBlob(ImageReference.parse(host() + "/app"), requested));
        assertTrue(blob.getMessage().contains("digest mismatch"), blob.getMessage());
    }

    @Test
    void headWithoutDigestHeaderFallsBackToAVerifiedGet() {
        handler = (exchange, count) -> send(exchange, 200, null, MANIFEST);
        assertEquals(GOOD, client(1).resolve(ImageReference.parse(host() + "/app:1")));
        assertEquals(2, requests.get(), "HEAD then GET");
    }

    @Test
    void retriesOn503ThenSucceeds() {
        handler = (exchange, count) -> {
            if (count <= 2) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                send(exchange, 503, null, new byte[0]);
            } else {
                send(exchange, 200, GOOD.toString(), MANIFEST);
            }
        };
        Manifest manifest = OciRegistry.of(client(4)).fetchManifest(ImageReference.parse(host() + "/app:1")).orElseThrow();
        assertArrayEquals(MANIFEST, manifest.content());
        assertEquals(3, requests.get());
    }

    @Test
    void retryAfterIsReadAsSecondsOrDateAndCapped() {
        String past = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(5));
        handler = (exchange, count) -> {
            if (count == 1) {
                exchange.getResponseHeaders().add("Retry-After", "3600");
                send(exchange, 429, null, new byte[0]);
            } else if (count == 2) {
                exchange.getResponseHeaders().add("Retry-After", past);
                send(exchange, 503, null, new byte[0]);
            } else {
                send(exchange, 200, GOOD.toString(), MANIFEST);
            }
        };
        long start = System.nanoTime();
        assertEquals(GOOD, client(3).resolve(ImageReference.parse(host() + "/app:1")));
        assertEquals(3, requests.get());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0,
                "a Retry-After of an hour is capped by maxBackoff (200 ms here)");
    }

    @Test
    void retriesAreBounded() {
        handler = (exchange, count) -> send(exchange, 429, null, new byte[0]);
        RegistryException e = assertThrows(RegistryException.class,
                () -> client(3).resolve(ImageReference.parse(host() + "/app:1")));
        assertEquals(429, e.status().orElseThrow());
        assertEquals(3, requests.get());
    }

    @Test
    void oversizedBlobsAreRefused() {
        byte[] big = new byte[4096];
        handler = (exchange, count) -> send(exchange, 200, null, big);
        RegistryClient small = RegistryClient.create(RegistryOptions.defaults().withInsecureRegistries(Set.of(host()))
                .withLimits(1024, 1024));
        RegistryException e = assertThrows(RegistryException.class,
                () -> OciRegistry.of(small).fetchBlob(ImageReference.parse(host() + "/app"), Digest.sha256(big)));
        assertTrue(e.getMessage().contains("more than 1024 bytes"), e.getMessage());
    }

    @Test
    void plainHttpIsUsedOnlyForInsecureRegistries() {
        handler = (exchange, count) -> send(exchange, 200, GOOD.toString(), MANIFEST);
        RegistryClient strict = RegistryClient.create(RegistryOptions.defaults().withRetries(1, Duration.ZERO,
                Duration.ZERO).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        RegistryException e = assertThrows(RegistryException.class,
                () -> strict.resolve(ImageReference.parse(host() + "/app:1")));
        assertTrue(e.getMessage().contains("--allow-insecure-registry"), e.getMessage());
        assertEquals(0, requests.get(), "no plain HTTP request was made");
    }
}
