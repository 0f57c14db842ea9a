package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.EvaluationContext;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.pin.LockEntry;
import dev.palisade.sigstore.pin.Lockfile;
import dev.palisade.sigstore.registry.LocalRegistry;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.TestImages;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /mutate} over real TLS on loopback, pinning against a real registry (Debian's
 * docker-registry): the JSON Patch, images already pinned, {@code --pin-failure-policy Fail|Ignore},
 * operations that are not mutated, the lockfile, and the review's deadline. The pinners are made from
 * the command line, as the packaged server makes them.
 */
class MutateEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;
    private static LocalRegistry registry;
    private static ServerSocket silentRegistry;
    private static final List<Socket> silentConnections = new ArrayList<>();
    private static WebhookServer server;
    private static HttpClient client;
    private static String app;
    private static Digest appDigest;
    private static String proxy;
    private static Digest proxyDigest;
    private static Digest recorded;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start("", java.nio.file.Files.createDirectories(directory.resolve("registry")));
        RegistryClient pusher = RegistryClient.create(registry.options());
        app = registry.host() + "/shop/app:1.0";
        appDigest = TestImages.pushImage(pusher, ImageReference.parse(app), true).digest();
        proxy = registry.host() + "/shop/proxy:2.1";
        proxyDigest = TestImages.pushImage(pusher, ImageReference.parse(proxy), false).digest();
        // A registry that accepts connections and never answers: only the deadline ends a lookup.
        silentRegistry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silentRegistry.isClosed()) {
                try {
                    Socket socket = silentRegistry.accept();
                    synchronized (silentConnections) {
                        silentConnections.add(socket);
                    }
                } catch (java.io.IOException closed) {
                    return;
                }
            }
        }, "silent-registry");
        acceptor.setDaemon(true);
        acceptor.start();
        recorded = Digest.sha256("the build palisade pin recorded");
        Path lockfile = directory.resolve("palisade.lock");
        Lockfile.empty().with(ImageReference.parse(registry.host() + "/shop/recorded:3.0"),
                new LockEntry(recorded, Instant.parse("2026-12-01T00:00:00Z"))).save(lockfile);

        TestTls tls = TestTls.create(directory, "webhook");
        String silent = "127.0.0.1:" + silentRegistry.getLocalPort();
        server = WebhookServer.builder().address(new InetSocketAddress("127.0.0.1", 0)).tls(tls.serverPem())
                .route("/validate", new PolicyValidator(WebhookServer.load(List.of()), EvaluationContext.defaults()))
                .route("/mutate", mutator("--pin-images", "--allow-insecure-registry", registry.host(),
                        "--allow-insecure-registry", silent, "--pin-lockfile", lockfile.toString()))
                .route("/mutate-ignore", mutator("--pin-images", "--pin-failure-policy", "Ignore",
                        "--allow-insecure-registry", registry.host(), "--allow-insecure-registry", silent))
                .log(message -> { })
                .start();
        client = HttpClient.newBuilder().sslContext(tls.client()).build();
    }

    /** The mutator the packaged server makes from these flags. */
    private static DigestPinningMutator mutator(String... flags) {
        List<String> args = new ArrayList<>(List.of("--plain-http"));
        args.addAll(List.of(flags));
        Options options = Options.parse(args.toArray(String[]::new), Map.of());
        assertTrue(options.pinning().enabled());
        return new DigestPinningMutator(options.pinning().pinner());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (silentRegistry != null) {
            silentRegistry.close();
            synchronized (silentConnections) {
                for (Socket socket : silentConnections) {
                    socket.close();
                }
            }
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static String review(String uid, String operation, String object) {
        String kind = parse(object).path("kind").asText();
        boolean delete = operation.equals("DELETE");
        return """
                {"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"%s",\
                "kind":{"group":"","version":"v1","kind":"%s"},"resource":{"group":"","version":"v1","resource":"x"},\
                "name":"web","namespace":"shop","operation":"%s","userInfo":{"username":"deployer"},\
                "object":%s,"oldObject":%s,"dryRun":false}}"""
                .formatted(uid, kind, operation, delete ? "null" : object, delete ? object : "null");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String deployment(String initImage, String image) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},\
                "spec":{"template":{"spec":{"initContainers":[{"name":"migrate","image":"%s"}],\
                "containers":[{"name":"app","image":"%s"}]}}}}""".formatted(initImage, image);
    }

    private static String cronJob(String image) {
        return """
                {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"nightly","namespace":"shop"},\
                "spec":{"schedule":"0 3 * * *","jobTemplate":{"spec":{"template":{"spec":{\
                "restartPolicy":"Never","containers":[{"name":"report","image":"%s"}]}}}}}}""".formatted(image);
    }

    private static JsonNode send(String path, String body) throws Exception {
        HttpResponse<String> response = WebhookServerTest.post(client,
                URI.create("https://127.0.0.1:" + server.port() + path), "application/json", body);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = JSON.readTree(response.body()).path("response");
        assertEquals("admission.k8s.io/v1", JSON.readTree(response.body()).path("apiVersion").asText());
        return answer;
    }

    private static JsonNode decodedPatch(JsonNode response) throws Exception {
        assertEquals("JSONPatch", response.path("patchType").asText(), response.toString());
        return JSON.readTree(new String(Base64.getDecoder().decode(response.path("patch").asText()),
                StandardCharsets.UTF_8));
    }

    @Test
    void tagsAreRewrittenToThePushedManifestsDigests() throws Exception {
        JsonNode response = send("/mutate?timeout=10s", review("u-1", "CREATE", deployment(proxy, app)));
        assertEquals("u-1", response.path("uid").asText());
        assertTrue(response.path("allowed").asBoolean(), response.toString());
        assertEquals(parse("""
                [{"op":"replace","path":"/spec/template/spec/initContainers/0/image","value":"%s@%s"},
                 {"op":"replace","path":"/spec/template/spec/containers/0/image","value":"%s@%s"}]"""
                .formatted(proxy, proxyDigest, app, appDigest)), decodedPatch(response));

        JsonNode cron = send("/mutate", review("u-2", "UPDATE", cronJob(app)));
        assertEquals(parse("""
                [{"op":"replace","path":"/spec/jobTemplate/spec/template/spec/containers/0/image","value":"%s@%s"}]"""
                .formatted(app, appDigest)), decodedPatch(cron));
    }

    @Test
    void imagesPinnedByDigestAreLeftUnchanged() throws Exception {
        String pinned = app + "@" + appDigest;
        JsonNode response = send("/mutate?timeout=10s", review("u-3", "CREATE",
                deployment(registry.host() + "/shop/proxy@" + proxyDigest, pinned)));
        assertTrue(response.path("allowed").asBoolean(), response.toString());
        assertTrue(response.path("patch").isMissingNode(), "no patch: " + response);
        assertTrue(response.path("patchType").isMissingNode(), response.toString());
    }

    @Test
    void anUnknownTagIsDeniedUnderFailNamingTheImage() throws Exception {
        String unknown = registry.host() + "/shop/app:9.9-never-pushed";
        JsonNode response = send("/mutate?timeout=10s", review("u-4", "CREATE", deployment(proxy, unknown)));
        assertFalse(response.path("allowed").asBoolean(), response.toString());
        assertEquals(403, response.path("status").path("code").asInt());
        String message = response.path("status").path("message").asText();
        assertTrue(message.contains("image '" + unknown + "' of container 'app'"), message);
        assertTrue(message.contains("--pin-failure-policy Fail"), message);
        assertTrue(response.path("patch").isMissingNode(), "a denial carries no patch: " + response);
    }

    @Test
    void anUnknownTagIsAllowedUnpatchedUnderIgnoreWithAWarning() throws Exception {
        String unknown = registry.host() + "/shop/app:9.9-never-pushed";
        JsonNode response = send("/mutate-ignore?timeout=10s", review("u-5", "CREATE", cronJob(unknown)));
        assertTrue(response.path("allowed").asBoolean(), response.toString());
        assertTrue(response.path("patch").isMissingNode(), "nothing else to pin, so no patch: " + response);
        String warnings = response.path("warnings").toString();
        assertTrue(warnings.contains(unknown) && warnings.contains("--pin-failure-policy Ignore"), warnings);

        // the images that can be pinned still are
        JsonNode mixed = send("/mutate-ignore?timeout=10s", review("u-6", "CREATE", deployment(unknown, app)));
        assertTrue(mixed.path("allowed").asBoolean(), mixed.toString());
        assertEquals(1, decodedPatch(mixed).size());
        assertEquals("/spec/template/spec/containers/0/image", decodedPatch(mixed).get(0).path("path").asText());
    }

    @Test
    void deleteAndConnectAreAllowedWithoutAPatch() throws Exception {
        String unknown = registry.host() + "/shop/app:9.9-never-pushed";
        for (String operation : List.of("DELETE", "CONNECT")) {
            JsonNode response = send("/mutate?timeout=10s", review("u-7", operation, deployment(unknown, app)));
            assertTrue(response.path("allowed").asBoolean(), operation + ": " + response);
            assertTrue(response.path("patch").isMissingNode(), operation + ": " + response);
            assertTrue(response.path("warnings").isMissingNode(), operation + ": " + response);
        }
    }

    @Test
    void aTagTheLockfileRecordsIsPinnedToItsEntryWithoutALookup() throws Exception {
        // never pushed: only the lockfile knows it, as `palisade pin` recorded it
        String locked = registry.host() + "/shop/recorded:3.0";
        JsonNode response = send("/mutate?timeout=10s", review("u-8", "CREATE", cronJob(locked)));
        assertTrue(response.path("allowed").asBoolean(), response.toString());
        assertEquals(locked + "@" + recorded, decodedPatch(response).get(0).path("value").asText());
    }

    @Test
    void aRegistryThatNeverAnswersIsAnsweredByThePinFailurePolicyWithinTheReviewsDeadline() throws Exception {
        String stuck = "127.0.0.1:" + silentRegistry.getLocalPort() + "/shop/app:1.0";
        send("/mutate?timeout=10s", review("u-warm", "DELETE", cronJob(stuck)));   // a warm connection
        long start = System.nanoTime();
        JsonNode denied = send("/mutate?timeout=2s", review("u-9", "CREATE", cronJob(stuck)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(denied.path("allowed").asBoolean(), denied.toString());
        String message = denied.path("status").path("message").asText();
        assertTrue(message.contains("image '" + stuck + "'") && message.contains("within the deadline"), message);
        // the pinner's answer (not the server's "not evaluated in time"), well before the registry client's 30 s
        assertFalse(message.contains("not evaluated"), message);
        assertTrue(millis < 2_500, "answered near 80% of the 2 s timeout, took " + millis + " ms");

        JsonNode allowed = send("/mutate-ignore?timeout=2s", review("u-10", "CREATE", cronJob(stuck)));
        assertTrue(allowed.path("allowed").asBoolean(), allowed.toString());
        assertTrue(allowed.path("warnings").toString().contains(stuck), allowed.toString());
        assertTrue(allowed.path("patch").isMissingNode(), allowed.toString());
    }
}
