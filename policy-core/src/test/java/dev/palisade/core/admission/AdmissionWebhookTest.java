package dev.palisade.core.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Result;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A validating webhook served by the JDK's HTTP server on 127.0.0.1, built only from
 * {@link AdmissionReviews}, {@link AdmissionResponses} and a {@link PolicySet}, with real
 * AdmissionReviews POSTed by {@link HttpClient}.
 */
class AdmissionWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicySet POLICIES = AdmissionTestPolicies.set();
    private static final EvaluationContext CONTEXT = AdmissionTestPolicies.context();
    private static HttpServer server;
    private static HttpClient client;
    private static URI endpoint;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/validate", AdmissionWebhookTest::handle);
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/validate");
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    /** The whole webhook. */
    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, "text/plain", "POST an AdmissionReview".getBytes(StandardCharsets.UTF_8));
                return;
            }
            AdmissionReviewRequest review;
            try (InputStream body = exchange.getRequestBody()) {
                review = AdmissionReviews.read(body);
            } catch (PalisadeException e) {
                send(exchange, 400, "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
                return;
            }
            Result result = POLICIES.evaluate(review.resource(), CONTEXT);
            send(exchange, 200, "application/json", AdmissionResponses.forResult(review, result).build().toJson());
        }
    }

    private static void send(HttpExchange exchange, int code, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(code, body.length);
        exchange.getResponseBody().write(body);
    }

    private static HttpResponse<String> post(byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = AdmissionWebhookTest.class.getResourceAsStream("/admission/" + name)) {
            return in.readAllBytes();
        }
    }

    private static JsonNode review(String fixture) throws Exception {
        HttpResponse<String> response = post(fixture(fixture));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode review = JSON.readTree(response.body());
        assertEquals("admission.k8s.io/v1", review.get("apiVersion").asText());
        assertEquals("AdmissionReview", review.get("kind").asText());
        String sentUid = JSON.readTree(fixture(fixture)).get("request").get("uid").asText();
        assertEquals(sentUid, review.get("response").get("uid").asText());
        return review.get("response");
    }

    private static List<String> texts(JsonNode array) {
        List<String> all = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> all.add(n.asText()));
        }
        return all;
    }

    @Test
    void createOfAPrivilegedPodIsDenied() throws Exception {
        JsonNode response = review("create-privileged-pod.review.json");
        assertFalse(response.get("allowed").asBoolean());
        JsonNode status = response.get("status");
        assertEquals(403, status.get("code").asInt());
        assertEquals("Forbidden", status.get("reason").asText());
        assertEquals("[no-privileged] container app is privileged", status.get("message").asText());
        assertEquals(List.of("[no-latest-tag] image registry.example.com/web:latest uses the latest tag"),
                texts(response.get("warnings")));
        assertEquals("label team is missing", response.get("auditAnnotations").get("dryrun.team-label").asText());
        assertFalse(response.has("patch"));
    }

    @Test
    void warnOnlyPodIsAllowedWithWarnings() throws Exception {
        JsonNode response = review("create-latest-image-pod.review.json");
        assertTrue(response.get("allowed").asBoolean());
        assertFalse(response.has("status"));
        assertEquals(List.of("[no-latest-tag] image redis:latest uses the latest tag"), texts(response.get("warnings")));
    }

    @Test
    void deleteIsJudgedOnTheOldObject() throws Exception {
        JsonNode response = review("delete-protected-configmap.review.json");
        assertFalse(response.get("allowed").asBoolean());
        assertEquals("[protect-delete] ConfigMap prod/payments-config is protected and cannot be deleted by carol",
                response.get("status").get("message").asText());
        assertFalse(response.has("auditAnnotations"), "the old object has a team label");
    }

    @Test
    void malformedReviewsAreBadRequests() throws Exception {
        HttpResponse<String> notJson = post("{\"apiVersion\": ".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, notJson.statusCode());
        assertTrue(notJson.body().startsWith("the AdmissionReview is not valid JSON at line 1"), notJson.body());

        HttpResponse<String> empty = post(new byte[0]);
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("body is empty"), empty.body());

        JsonNode noOld = JSON.readTree(fixture("delete-protected-configmap.review.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) noOld.get("request")).remove("oldObject");
        HttpResponse<String> delete = post(JSON.writeValueAsBytes(noOld));
        assertEquals(400, delete.statusCode());
        assertTrue(delete.body().contains("DELETE request needs request.oldObject"), delete.body());
    }
}
