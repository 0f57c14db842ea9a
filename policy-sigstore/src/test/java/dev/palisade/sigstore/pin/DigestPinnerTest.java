package dev.palisade.sigstore.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Resource;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pinning files offline from a lockfile. */
class DigestPinnerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

    static String resource(String name) throws IOException {
        try (InputStream in = DigestPinnerTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Lockfile lockfile() throws IOException {
        return Lockfile.parse(resource("palisade.lock"), "palisade.lock");
    }

    private static DigestPinner offlinePinner() throws IOException {
        Lockfile lock = lockfile();
        return new DigestPinner(new LockfileResolver(lock, "palisade.lock", Optional.empty(), false, CLOCK), lock);
    }

    private static Digest locked(String image) throws IOException {
        return lockfile().entry(ImageReference.parse(image)).orElseThrow().digest();
    }

    @Test
    void rewritesOnlyImageValuesKeepingCommentsQuotingAndFlowStyle() throws IOException {
        PinResult result = offlinePinner().pin("mixed-styles.yaml", resource("mixed-styles.yaml"));
        assertEquals(List.of(), result.issues());
        assertEquals(resource("mixed-styles.pinned.yaml"), result.newText());
        assertTrue(result.changed());
    }

    @Test
    void patchesNameEveryPinnedImageField() throws IOException {
        PinResult result = offlinePinner().pin("mixed-styles.yaml", resource("mixed-styles.yaml"));
        List<String> paths = result.patches().stream().flatMap(p -> p.operations().stream())
                .map(PatchOperation::path).toList();
        assertEquals(List.of("/spec/template/spec/initContainers/0/image", "/spec/template/spec/containers/0/image",
                "/spec/template/spec/containers/1/image", "/spec/template/spec/containers/2/image",
                "/spec/template/spec/ephemeralContainers/0/image",
                "/spec/jobTemplate/spec/template/spec/containers/0/image", "/spec/containers/0/image"), paths);
        assertEquals(List.of("Deployment shop/web", "CronJob nightly", "Pod exporter"), result.patches().stream()
                .map(ResourcePatch::resource).toList());
        assertEquals(List.of(0, 2, 3), result.patches().stream().map(ResourcePatch::document).toList());
        assertEquals(PatchOperation.replace("/spec/template/spec/containers/0/image", "nginx:1.27@"
                + locked("nginx:1.27")), result.patches().get(0).operations().get(1));
    }

    @Test
    void jsonFilesArePinnedInPlace() throws IOException {
        PinResult result = offlinePinner().pin("pod.json", resource("pod.json"));
        assertEquals(resource("pod.pinned.json"), result.newText());
        new ObjectMapper().readTree(result.newText());
    }

    @Test
    void valuesThatCannotBeRewrittenSafelyAreReportedAndLeftAlone() throws IOException {
        String text = resource("unsafe-images.yaml");
        PinResult result = offlinePinner().pin("unsafe-images.yaml", text);
        List<String> messages = result.issues().stream().map(PinIssue::describe).toList();
        assertEquals(6, messages.size(), String.join("\n", messages));
        assertTrue(messages.get(0).startsWith("unsafe-images.yaml:8:14: "), messages.get(0));
        assertTrue(messages.get(0).contains("cannot be rewritten safely"), String.join("\n", messages));
        assertTrue(messages.stream().anyMatch(m -> m.contains("'Nginx:latest'") && m.contains("lower case")));
        assertTrue(messages.stream().anyMatch(m -> m.contains("docker.io/library/nginx:9.99 is not in palisade.lock")
                && m.contains("--update")), String.join("\n", messages));
        String expected = text.replace("    - name: fine\n      image: nginx:1.27\n",
                "    - name: fine\n      image: nginx:1.27@" + locked("nginx:1.27") + "\n");
        assertEquals(expected, result.newText());
    }

    @Test
    void pinnedImagesMustAgreeWithTheLockfile() throws IOException {
        String other = Digest.sha256("another build").toString();
        String text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27@"
                + other + "\n  - name: b\n    image: nginx@" + other + "\n";
        PinResult result = offlinePinner().pin("p.yaml", text);
        assertEquals(text, result.newText());
        assertEquals(1, result.issues().size());
        assertTrue(result.issues().get(0).message().contains("lockfile records " + locked("nginx:1.27")),
                result.issues().get(0).message());
    }

    @Test
    void pinningIsIdempotent() throws IOException {
        DigestPinner pinner = offlinePinner();
        String once = pinner.pin("m.yaml", resource("mixed-styles.yaml")).newText();
        PinResult twice = pinner.pin("m.yaml", once);
        assertFalse(twice.changed());
        assertEquals("", twice.diff());
        assertTrue(twice.patches().stream().allMatch(p -> p.operations().isEmpty()));
    }

    @Test
    void admissionObjectsGetAJsonPatch() throws IOException {
        Resource pod = ManifestReader.create().readString("pod.json", resource("pod.json")).resources().get(0);
        ResourcePatch patch = offlinePinner().patch(pod);
        assertEquals("[{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"nginx:1.27@"
                + locked("nginx:1.27") + "\"}]", patch.toJson());
    }

    @Test
    void keepsCrlfLineEndingsAndCharactersOutsideTheBasicPlane() throws IOException {
        String text = "# r\u00e9sum\u00e9 \ud83d\ude80 deploys\r\napiVersion: v1\r\nkind: Pod\r\nmetadata: {name: \"\ud83d\ude80\"}\r\n"
                + "spec:\r\n  containers:\r\n  - name: a\r\n    image: nginx:1.27\r\n  - name: b # \ud83d\ude80\r\n"
                + "    image: 'busybox:1.36'\r\n";
        PinResult result = offlinePinner().pin("crlf.yaml", text);
        String expected = text.replace("image: nginx:1.27\r\n", "image: nginx:1.27@" + locked("nginx:1.27") + "\r\n")
                .replace("'busybox:1.36'", "'busybox:1.36@" + locked("busybox:1.36") + "'");
        assertEquals(List.of(), result.issues());
        assertEquals(expected, result.newText());
    }

    @Test
    void malformedYamlIsReportedWithItsPosition() {
        PinResult result = new DigestPinner(r -> Digest.sha256("x"), Lockfile.empty()).pin("bad.yaml",
                "apiVersion: v1\nkind: Pod\nspec: [\n");
        assertFalse(result.changed());
        assertEquals(1, result.issues().size());
        assertTrue(result.issues().get(0).describe().startsWith("bad.yaml:"), result.issues().get(0).describe());
    }

    @Test
    void diffShowsOnlyTheImageLines() throws IOException {
        PinResult result = offlinePinner().pin("pod.json", resource("pod.json"));
        String expected = "--- a/pod.json\n+++ b/pod.json\n@@ -2,5 +2,5 @@\n   \"apiVersion\": \"v1\",\n"
                + "   \"kind\": \"Pod\",\n   \"metadata\": {\"name\": \"json-pod\"},\n"
                + "-  \"spec\": {\"containers\": [{\"name\": \"a\", \"image\": \"nginx:1.27\"}]}\n"
                + "+  \"spec\": {\"containers\": [{\"name\": \"a\", \"image\": \"nginx:1.27@" + locked("nginx:1.27")
                + "\"}]}\n }\n";
        assertEquals(expected, result.diff());
    }
}
