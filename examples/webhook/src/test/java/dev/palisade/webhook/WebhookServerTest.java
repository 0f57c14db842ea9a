package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.EvaluationContext;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WebhookServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0), WebhookServer.load(List.of()),
                EvaluationContext.defaults(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String review(String uid, String operation, String pod) {
        return """
                {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                 "request": {"uid": "%s", "operation": "%s",
                   "kind": {"group": "", "version": "v1", "kind": "Pod"},
                   "resource": {"group": "", "version": "v1", "resource": "pods"},
                   "namespace": "shop", "name": "web",
                   "userInfo": {"username": "alice"},
                   "object": %s}}""".formatted(uid, operation, pod);
    }

    private static String pod(String image, boolean privileged) {
        return """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "shop"},
                 "spec": {"containers": [{"name": "app", "image": "%s",
                   "resources": {"limits": {"cpu": "1", "memory": "1Gi"}},
                   "securityContext": {"privileged": %s}}]}}""".formatted(image, privileged);
    }

    private static HttpResponse<String> post(HttpClient client, String scheme, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + server.port() + "/validate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void privilegedPodsAreDenied() throws Exception {
        HttpResponse<String> response = post(CLIENT, "http", review("u-1", "CREATE", pod("nginx:1.27", true)));
        assertEquals(200, response.statusCode());
        JsonNode answer = JSON.readTree(response.body()).path("response");
        assertEquals("u-1", answer.path("uid").asText());
        assertFalse(answer.path("allowed").asBoolean());
        assertEquals(403, answer.path("status").path("code").asInt());
        assertTrue(answer.path("status").path("message").asText().contains("[no-privileged-containers]"),
                answer.toString());
    }

    @Test
    void warningsDoNotBlock() throws Exception {
        JsonNode answer = JSON.readTree(post(CLIENT, "http", review("u-2", "CREATE", pod("nginx", false))).body())
                .path("response");
        assertTrue(answer.path("allowed").asBoolean());
        assertTrue(answer.path("warnings").get(0).asText().contains("no-latest-tag"), answer.toString());
    }

    @Test
    void malformedReviewsGet400() throws Exception {
        HttpResponse<String> response = post(CLIENT, "http", "{\"kind\": \"AdmissionReview\"}");
        assertEquals(400, response.statusCode());
        assertFalse(response.body().isBlank());
    }

    @Test
    void healthz() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("ok\n", response.body());
    }

    @Test
    void servesHttpsWithAPkcs12KeyStore(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("tls.p12");
        String java = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process keytool = new ProcessBuilder(java, "-genkeypair", "-alias", "webhook", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        SSLContext serverTls = WebhookServer.tls(store, "changeit".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            trust.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trustManagers.getTrustManagers(), null);
        try (WebhookServer https = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0),
                WebhookServer.load(List.of()), EvaluationContext.defaults(), serverTls)) {
            HttpClient client = HttpClient.newBuilder().sslContext(clientTls).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + https.port() + "/validate"))
                    .POST(HttpRequest.BodyPublishers.ofString(review("u-3", "CREATE", pod("nginx:1.27", true))))
                    .build();
            JsonNode answer = JSON.readTree(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
            assertFalse(answer.path("response").path("allowed").asBoolean());
        }
    }
}
