package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.EvaluationContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Kyverno ClusterPolicy, loaded as the webhook loads `--policy` files, decides reviews over real TLS. */
class KyvernoPoliciesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = """
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: require-team-label
            spec:
              validationFailureAction: Enforce
              rules:
                - name: check-team
                  match:
                    any:
                      - resources:
                          kinds: [Pod]
                  validate:
                    message: "The label `team` is required."
                    pattern:
                      metadata:
                        labels:
                          team: "?*"
            """;

    @TempDir
    static Path directory;
    private static WebhookServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        TestTls tls = TestTls.create(directory, "webhook");
        Path policy = Files.writeString(directory.resolve("require-team-label.yaml"), POLICY);
        server = WebhookServer.builder().address(new InetSocketAddress("127.0.0.1", 0)).tls(tls.serverPem())
                .route("/validate", new PolicyValidator(WebhookServer.load(List.of(policy.toString())),
                        EvaluationContext.defaults()))
                .log(message -> { })
                .start();
        client = HttpClient.newBuilder().sslContext(tls.client()).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode review(String operation, String labels) throws Exception {
        String pod = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\""
                + labels + "},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\"}]}}";
        String object = operation.equals("DELETE") ? "\"oldObject\":" + pod : "\"object\":" + pod;
        String body = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
                + "\"uid\":\"7f0b2a4c-1d1e-4c55-9d6a-2f1c3b4d5e6f\",\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},"
                + "\"resource\":{\"group\":\"\",\"version\":\"v1\",\"resource\":\"pods\"},\"namespace\":\"shop\","
                + "\"name\":\"web\",\"operation\":\"" + operation + "\",\"userInfo\":{\"username\":\"alice\"}," + object + "}}";
        HttpResponse<String> response = WebhookServerTest.post(client,
                URI.create("https://127.0.0.1:" + server.port() + "/validate?timeout=10s"), "application/json", body);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("response");
    }

    @Test
    void aPodWithoutTheLabelIsDeniedWithKyvernosMessage() throws Exception {
        JsonNode response = review("CREATE", "");
        assertFalse(response.path("allowed").asBoolean(), response.toString());
        String message = response.path("status").path("message").asText();
        assertTrue(message.contains("require-team-label") && message.contains("The label `team` is required."), message);
    }

    @Test
    void aLabelledPodIsAllowed() throws Exception {
        JsonNode response = review("CREATE", ",\"labels\":{\"team\":\"payments\"}");
        assertTrue(response.path("allowed").asBoolean(), response.toString());
    }

    @Test
    void deletingAnUnlabelledPodStaysPossible() throws Exception {
        JsonNode response = review("DELETE", "");
        assertTrue(response.path("allowed").asBoolean(), response.toString());
    }
}
