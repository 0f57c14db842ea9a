package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.PolicySet;
import dev.palisade.core.admission.AdmissionResponses;
import dev.palisade.core.admission.AdmissionReviewRequest;
import dev.palisade.core.admission.AdmissionReviews;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook over real TLS on loopback: answers, HTTP errors, keep-alive, agreement with the library. */
class WebhookServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_LIMIT = 64 * 1024;

    @TempDir
    static Path directory;
    private static TestTls tls;
    private static PolicySet policies;
    private static WebhookServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        tls = TestTls.create(directory, "webhook");
        policies = WebhookServer.load(List.of());
        server = WebhookServer.builder().address(new InetSocketAddress("127.0.0.1", 0)).tls(tls.serverPem())
                .settings(ServerSettings.defaults().withMaxBodyBytes(BODY_LIMIT))
                .route("/validate", new PolicyValidator(policies, EvaluationContext.defaults()))
                .route("/fails", review -> {
                    throw new IllegalStateException("index out of order");
                })
                .log(message -> { })
                .start();
        client = HttpClient.newBuilder().sslContext(tls.client()).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.port() + path);
    }

    static HttpResponse<String> post(HttpClient client, URI uri, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode review(SampleReviews.Sample sample) throws Exception {
        HttpResponse<String> response = post(client, uri("/validate?timeout=10s"), "application/json", sample.body());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
        return JSON.readTree(response.body());
    }

    /** What the library answers for the review, to compare with the server's answer. */
    private static JsonNode expected(String body) throws Exception {
        AdmissionReviewRequest review = AdmissionReviews.read(body);
        EvaluationContext admission = EvaluationContext.defaults().toBuilder()
                .enforcementPoint(EnforcementPoint.ADMISSION).build();
        return JSON.readTree(AdmissionResponses.forResult(review, policies.evaluate(review.resource(), admission))
                .build().toJson());
    }

    private static SampleReviews.Sample sample(String kind, String operation, String variant) {
        for (int i = 0; i < 24; i++) {
            SampleReviews.Sample sample = SampleReviews.sample(i, AdmissionReviews.API_VERSION);
            if (sample.kind().equals(kind) && sample.operation().equals(operation) && sample.variant().equals(variant)) {
                return sample;
            }
        }
        throw new IllegalArgumentException(kind + " " + operation + " " + variant);
    }

    @Test
    void privilegedPodsAreDenied() throws Exception {
        SampleReviews.Sample sample = sample("Pod", "CREATE", "privileged");
        JsonNode answer = review(sample);
        assertEquals("admission.k8s.io/v1", answer.path("apiVersion").asText());
        JsonNode response = answer.path("response");
        assertEquals(sample.uid(), response.path("uid").asText());
        assertFalse(response.path("allowed").asBoolean());
        assertEquals(403, response.path("status").path("code").asInt());
        assertTrue(response.path("status").path("message").asText().contains("[no-privileged-containers]"),
                response.toString());
    }

    @Test
    void warningsDoNotBlock() throws Exception {
        JsonNode response = review(sample("Deployment", "UPDATE", "latest-tag")).path("response");
        assertTrue(response.path("allowed").asBoolean(), response.toString());
        assertTrue(response.path("warnings").get(0).asText().contains("no-latest-tag"), response.toString());
    }

    @Test
    void deleteJudgesTheOldObject() throws Exception {
        JsonNode response = review(sample("Deployment", "DELETE", "privileged")).path("response");
        assertEquals(expected(sample("Deployment", "DELETE", "privileged").body()).path("response"), response);
    }

    @Test
    void v1beta1ReviewsAreAnsweredInKind() throws Exception {
        SampleReviews.Sample sample = SampleReviews.sample(6, AdmissionReviews.API_VERSION_V1BETA1);
        JsonNode answer = review(sample);
        assertEquals("admission.k8s.io/v1beta1", answer.path("apiVersion").asText());
        assertEquals(sample.uid(), answer.path("response").path("uid").asText());
        assertEquals(expected(sample.body()), answer);
    }

    @Test
    void concurrentReviewsAgreeWithTheLibrary() throws Exception {
        List<SampleReviews.Sample> samples = SampleReviews.mix(480);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<List<JsonNode>>> answers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int first = t;
                answers.add(clients.submit(() -> {
                    List<JsonNode> mine = new ArrayList<>();
                    for (int i = first; i < samples.size(); i += 16) {
                        mine.add(review(samples.get(i)));
                    }
                    return mine;
                }));
            }
            int denied = 0;
            for (int t = 0; t < 16; t++) {
                List<JsonNode> mine = answers.get(t).get();
                for (int k = 0; k < mine.size(); k++) {
                    SampleReviews.Sample sample = samples.get(t + 16 * k);
                    assertEquals(expected(sample.body()), mine.get(k), sample.kind() + " " + sample.operation()
                            + " " + sample.variant());
                    denied += mine.get(k).path("response").path("allowed").asBoolean() ? 0 : 1;
                }
            }
            assertTrue(denied > 0 && denied < samples.size(), "the mix has both answers: " + denied + " denied");
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void malformedReviewsGet400WithAnAdmissionReviewError() throws Exception {
        String body = """
                {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                 "request": {"uid": "705ab4f5", "operation": "CREATE"}}""";
        HttpResponse<String> response = post(client, uri("/validate"), "application/json", body);
        assertEquals(400, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
        JsonNode answer = JSON.readTree(response.body()).path("response");
        assertEquals("705ab4f5", answer.path("uid").asText());
        assertFalse(answer.path("allowed").asBoolean());
        assertEquals(400, answer.path("status").path("code").asInt());
        assertTrue(answer.path("status").path("message").asText().contains("request.object is missing"),
                answer.toString());
    }

    @Test
    void invalidJsonGets400NamingWhere() throws Exception {
        HttpResponse<String> response = post(client, uri("/validate"), "application/json",
                "{\"apiVersion\": \"admission.k8s.io/v1\",\n \"kind\": }");
        assertEquals(400, response.statusCode());
        String message = JSON.readTree(response.body()).path("response").path("status").path("message").asText();
        assertTrue(message.contains("not valid JSON at line 2"), message);
    }

    @Test
    void wrongContentTypeGets415() throws Exception {
        String body = sample("Pod", "CREATE", "clean").body();
        HttpResponse<String> text = post(client, uri("/validate"), "text/plain", body);
        assertEquals(415, text.statusCode());
        assertTrue(text.body().contains("Content-Type: application/json, not 'text/plain'"), text.body());
        assertEquals(415, post(client, uri("/validate"), "application/json; charset=iso-8859-1", body).statusCode());
        HttpResponse<String> none = post(client, uri("/validate"), null, body);
        assertEquals(415, none.statusCode());
        assertTrue(none.body().contains("has no Content-Type"), none.body());
        assertEquals(200, post(client, uri("/validate"), "Application/JSON; charset=UTF-8", body).statusCode());
    }

    @Test
    void oversizedBodiesGet413() throws Exception {
        String big = "{\"apiVersion\": \"admission.k8s.io/v1\", \"pad\": \"" + "x".repeat(BODY_LIMIT) + "\"}";
        HttpResponse<String> response = post(client, uri("/validate"), "application/json", big);
        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("at most 65536 bytes (--max-body-bytes)"), response.body());
    }

    @Test
    void oversizedChunkedBodiesGet413() throws Exception {
        try (SSLSocket socket = RawHttp.connect(tls.client(), server.port(), 10_000)) {
            StringBuilder request = new StringBuilder("POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "y".repeat(16 * 1024);
            for (int i = 0; i < 5; i++) {
                request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
            request.append("0\r\n\r\n");
            RawHttp.write(socket, request.toString());
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertNotNull(response);
            assertEquals(413, response.status());
            assertTrue(response.body().contains("larger than 65536 bytes"), response.body());
            assertEquals("close", response.headers().get("connection"));
        }
    }

    @Test
    void wrongMethodsAndPathsGetReadableErrors() throws Exception {
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri("/validate")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("allow").orElse(""));
        assertTrue(get.body().contains("/validate takes POST with an AdmissionReview, not GET"), get.body());
        HttpResponse<String> missing = post(client, uri("/mutate"), "application/json", "{}");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("POST AdmissionReviews to /fails or /validate"), missing.body());
        HttpResponse<String> postProbe = post(client, uri("/healthz"), "application/json", "{}");
        assertEquals(405, postProbe.statusCode());
        assertEquals("GET", postProbe.headers().firstValue("allow").orElse(""));
    }

    @Test
    void oversizedHeadsGet431() throws Exception {
        try (SSLSocket socket = RawHttp.connect(tls.client(), server.port(), 10_000)) {
            RawHttp.write(socket, "POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "z".repeat(20_000)
                    + "\r\nContent-Length: 2\r\n\r\n{}");
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertNotNull(response);
            assertEquals(431, response.status());
            assertTrue(response.body().contains("larger than 16384 bytes (--max-header-bytes)"), response.body());
        }
    }

    @Test
    void probesAnswer() throws Exception {
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(uri("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals("ok\n", health.body());
        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(uri("/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode());
        assertEquals("ready\n", ready.body());
    }

    @Test
    void handlerFailuresFailClosed() throws Exception {
        SampleReviews.Sample sample = sample("Pod", "CREATE", "clean");
        HttpResponse<String> response = post(client, uri("/fails"), "application/json", sample.body());
        assertEquals(200, response.statusCode());
        JsonNode answer = JSON.readTree(response.body()).path("response");
        assertEquals(sample.uid(), answer.path("uid").asText());
        assertFalse(answer.path("allowed").asBoolean());
        assertTrue(answer.path("status").path("message").asText().contains("evaluating the review failed"),
                answer.toString());
        assertTrue(answer.path("status").path("message").asText().contains("index out of order"), answer.toString());
    }

    @Test
    void keepAliveConnectionsAreReused() throws Exception {
        HttpClient fresh = HttpClient.newBuilder().sslContext(tls.client()).build();
        long before = server.connectionsAccepted();
        for (int i = 0; i < 20; i++) {
            SampleReviews.Sample sample = SampleReviews.sample(i, AdmissionReviews.API_VERSION);
            HttpResponse<String> response = post(fresh, uri("/validate"), "application/json", sample.body());
            assertEquals(sample.uid(), JSON.readTree(response.body()).path("response").path("uid").asText());
        }
        assertEquals(1, server.connectionsAccepted() - before, "twenty sequential reviews over one connection");

        try (SSLSocket socket = RawHttp.connect(tls.client(), server.port(), 10_000)) {
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                SampleReviews.Sample sample = SampleReviews.sample(i, AdmissionReviews.API_VERSION);
                RawHttp.write(socket, RawHttp.post("/validate", "application/json", sample.body()));
                RawHttp.Response response = RawHttp.read(in);
                assertNotNull(response);
                assertEquals(200, response.status());
                assertEquals(sample.uid(), JSON.readTree(response.body()).path("response").path("uid").asText());
                assertFalse(response.headers().containsKey("connection"), response.headers().toString());
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (SSLSocket socket = RawHttp.connect(tls.client(), server.port(), 10_000)) {
            StringBuilder requests = new StringBuilder();
            List<SampleReviews.Sample> samples = SampleReviews.mix(4);
            samples.forEach(s -> requests.append(RawHttp.post("/validate", "application/json", s.body())));
            requests.append("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            RawHttp.write(socket, requests.toString());
            for (SampleReviews.Sample sample : samples) {
                RawHttp.Response response = RawHttp.read(socket.getInputStream());
                assertNotNull(response);
                assertEquals(sample.uid(), JSON.readTree(response.body()).path("response").path("uid").asText());
            }
            assertEquals("ok\n", RawHttp.read(socket.getInputStream()).body());
        }
    }

    @Test
    void expectContinueIsHonoured() throws Exception {
        try (SSLSocket socket = RawHttp.connect(tls.client(), server.port(), 10_000)) {
            SampleReviews.Sample sample = SampleReviews.sample(3, AdmissionReviews.API_VERSION);
            byte[] body = sample.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            RawHttp.write(socket, "POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n\r\n");
            assertEquals(100, RawHttp.read(socket.getInputStream()).status());
            RawHttp.write(socket, sample.body());
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertEquals(200, response.status());
            assertEquals(sample.uid(), JSON.readTree(response.body()).path("response").path("uid").asText());
        }
    }

    @Test
    void plainHttpServesForLocalTrials() throws Exception {
        try (WebhookServer plain = WebhookServer.builder().address(new InetSocketAddress("127.0.0.1", 0)).plainHttp()
                .route("/validate", new PolicyValidator(policies, EvaluationContext.defaults())).start()) {
            SampleReviews.Sample sample = sample("Pod", "UPDATE", "privileged");
            HttpResponse<String> response = post(HttpClient.newHttpClient(),
                    URI.create("http://127.0.0.1:" + plain.port() + "/validate"), "application/json", sample.body());
            assertEquals(expected(sample.body()), JSON.readTree(response.body()));
        }
    }
}
