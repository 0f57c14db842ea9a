package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keeps deploy/*.yaml true to the server: its flags parse, and probes, paths, timeouts and names agree. */
class DeployManifestTest {
    private static final Manifests DEPLOY = ManifestReader.create().read(List.of(
            Path.of("deploy", "webhook.yaml").toString(), Path.of("deploy", "certificate.yaml").toString()));

    private static JsonNode find(String kind, String name) {
        return DEPLOY.resources().stream().filter(r -> r.id().kind().equals(kind) && r.id().name().equals(name))
                .map(Resource::object).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @Test
    void theManifestsRead() {
        assertEquals(List.of(), DEPLOY.errors());
        assertEquals(9, DEPLOY.resources().size(), "five in webhook.yaml, four in certificate.yaml");
    }

    @Test
    void theDeploymentRunsTheServerAsConfigured() {
        JsonNode pod = find("Deployment", "palisade-webhook").path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        Options options = Options.parse(args.toArray(String[]::new), Map.of());
        assertEquals(container.path("ports").get(0).path("containerPort").asInt(), options.port());
        String tlsMount = container.path("volumeMounts").get(0).path("mountPath").asText();
        assertTrue(options.certificate().orElseThrow().startsWith(tlsMount));
        assertTrue(options.privateKey().orElseThrow().startsWith(tlsMount));
        assertEquals("/readyz", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/healthz", container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("HTTPS", container.path("readinessProbe").path("httpGet").path("scheme").asText());
        long drain = options.settings().shutdownDelay().plus(options.settings().shutdownGrace()).toSeconds();
        assertTrue(pod.path("terminationGracePeriodSeconds").asLong() > drain,
                "the pod is killed only after the server could drain");

        JsonNode webhook = find("ValidatingWebhookConfiguration", "palisade").path("webhooks").get(0);
        assertEquals(webhook.path("failurePolicy").asText().equals("Fail") ? FailurePolicy.FAIL : FailurePolicy.IGNORE,
                options.settings().failurePolicy(), "--failure-policy agrees with the webhook configuration");
        assertEquals("/validate", webhook.path("clientConfig").path("service").path("path").asText());
        assertTrue(webhook.path("timeoutSeconds").asInt() <= options.settings().maxReviewTimeout().toSeconds());
    }

    @Test
    void theMutatingWebhookPinsAsTheServerIsConfigured() {
        JsonNode container = find("Deployment", "palisade-webhook").path("spec").path("template").path("spec")
                .path("containers").get(0);
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        Options options = Options.parse(args.toArray(String[]::new), Map.of());
        assertTrue(options.pinning().enabled(), "--pin-images serves /mutate");
        JsonNode webhook = find("MutatingWebhookConfiguration", "palisade-pin").path("webhooks").get(0);
        assertEquals("/mutate", webhook.path("clientConfig").path("service").path("path").asText());
        assertEquals(webhook.path("failurePolicy").asText().equals("Fail") ? FailurePolicy.FAIL : FailurePolicy.IGNORE,
                options.pinning().failurePolicy(), "--pin-failure-policy agrees with the webhook configuration");
        assertTrue(webhook.path("timeoutSeconds").asInt() <= options.settings().maxReviewTimeout().toSeconds());
        String lockfileMount = container.path("volumeMounts").get(2).path("mountPath").asText();
        assertTrue(options.pinning().lockfile().orElseThrow().startsWith(lockfileMount));
        List<String> operations = new ArrayList<>();
        webhook.path("rules").forEach(rule -> rule.path("operations").forEach(o -> operations.add(o.asText())));
        assertTrue(!operations.isEmpty() && operations.stream().allMatch(o -> o.equals("CREATE") || o.equals("UPDATE")),
                "only CREATE and UPDATE are mutated: " + operations);
        assertEquals("palisade-system/palisade-webhook", find("MutatingWebhookConfiguration", "palisade-pin")
                .path("metadata").path("annotations").path("cert-manager.io/inject-ca-from").asText());
    }

    @Test
    void theCertificateIsTheOneTheServerReads() {
        JsonNode certificate = find("Certificate", "palisade-webhook").path("spec");
        JsonNode pod = find("Deployment", "palisade-webhook").path("spec").path("template").path("spec");
        assertEquals(pod.path("volumes").get(0).path("secret").path("secretName").asText(),
                certificate.path("secretName").asText());
        assertEquals("PKCS8", certificate.path("privateKey").path("encoding").asText());
        JsonNode service = find("Service", "palisade-webhook").path("metadata");
        String dns = service.path("name").asText() + "." + service.path("namespace").asText() + ".svc";
        assertTrue(certificate.path("dnsNames").toString().contains("\"" + dns + "\""), certificate.toString());
        assertEquals("palisade-system/palisade-webhook", find("ValidatingWebhookConfiguration", "palisade")
                .path("metadata").path("annotations").path("cert-manager.io/inject-ca-from").asText());
    }
}
