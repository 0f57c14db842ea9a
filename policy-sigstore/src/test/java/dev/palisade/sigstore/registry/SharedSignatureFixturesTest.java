package dev.palisade.sigstore.registry;

import dev.palisade.testing.Required;

import dev.palisade.sigstore.registry.internal.*;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real cosign material from the shared conformance fixtures survives a round trip through a real
 * registry byte for byte: the legacy signature layers (payload and annotations) and a cosign v3
 * bundle attached as a referrer.
 */
class SharedSignatureFixturesTest {
    @TempDir
    Path directory;

    private static Path sigstoreFixtures() {
        return Required.shared("conformance/sigstore");
    }

    @Test
    void legacyLayersAndV3BundlesRoundTrip() throws Exception {
        Path fixtures = sigstoreFixtures();
        LocalRegistry.assumeInstalled();
        try (LocalRegistry registry = LocalRegistry.start("", directory)) {
            RegistryClient client = RegistryClient.create(registry.options());
            ImageReference repository = ImageReference.parse(registry.host() + "/fixtures/app");
            TestImages.Pushed image = TestImages.pushImage(client, repository.withTag(Optional.of("1")), true);

            List<String> cases = List.of("keyless-fulcio-rekor", "key-with-rekor", "key-only");
            List<byte[]> payloads = new ArrayList<>();
            List<Map<String, String>> annotations = new ArrayList<>();
            List<Descriptor> layers = new ArrayList<>();
            for (String name : cases) {
                Path folder = fixtures.resolve("legacy-cosign").resolve(name);
                byte[] payload = Files.readAllBytes(folder.resolve("payload.json"));
                Map<String, String> layerAnnotations = readAnnotations(folder.resolve("annotations.json"));
                Descriptor blob = OciRegistry.of(client).pushBlob(repository, payload, MediaTypes.COSIGN_SIMPLE_SIGNING);
                layers.add(new Descriptor(blob.mediaType(), blob.digest(), blob.size(), Optional.empty(),
                        layerAnnotations));
                payloads.add(payload);
                annotations.add(layerAnnotations);
            }
            Descriptor config = OciRegistry.of(client).pushBlob(repository, "{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_CONFIG);
            OciRegistry.of(client).pushManifest(repository.withTag(Optional.of(image.digest().tagForm() + ".sig")),
                    TestImages.manifest(MediaTypes.OCI_MANIFEST, config, layers, Optional.empty(), Map.of()),
                    MediaTypes.OCI_MANIFEST);

            byte[] bundle = Files.readAllBytes(fixtures.resolve("bundles/cosign-v3-image-signature/bundle.sigstore.json"));
            Descriptor empty = OciRegistry.of(client).pushBlob(repository, "{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_EMPTY);
            Descriptor bundleLayer = OciRegistry.of(client).pushBlob(repository, bundle, MediaTypes.SIGSTORE_BUNDLE_V03);
            Descriptor subject = Descriptor.of(image.mediaType(), image.digest(), image.content().length);
            OciRegistry.of(client).pushReferrer(repository, image.digest(), TestImages.manifest(MediaTypes.OCI_MANIFEST, empty,
                    List.of(bundleLayer), Optional.of(subject), Map.of("dev.sigstore.bundle.content", "dsse-envelope")),
                    MediaTypes.OCI_MANIFEST, MediaTypes.SIGSTORE_BUNDLE_V03, Map.of());

            SignatureFetcher fetcher = new SignatureFetcher(client);
            List<LegacySignatureLayer> fetched = fetcher.legacySignatures(repository, image.digest());
            assertEquals(cases.size(), fetched.size());
            for (int i = 0; i < cases.size(); i++) {
                assertArrayEquals(payloads.get(i), fetched.get(i).payload(), cases.get(i));
                assertEquals(annotations.get(i), fetched.get(i).annotations(), cases.get(i));
            }
            List<BundleArtifact> bundles = fetcher.bundles(repository, image.digest());
            assertEquals(1, bundles.size());
            assertArrayEquals(bundle, bundles.get(0).json());
            assertEquals(Digest.sha256(bundle), Digest.sha256(bundles.get(0).json()));
        }
    }

    private static Map<String, String> readAnnotations(Path file) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        new ObjectMapper().readTree(file.toFile()).fields().forEachRemaining(e -> out.put(e.getKey(),
                e.getValue().asText()));
        return out;
    }
}
