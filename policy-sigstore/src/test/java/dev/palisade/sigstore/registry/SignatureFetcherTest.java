package dev.palisade.sigstore.registry;

import dev.palisade.sigstore.registry.internal.*;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching cosign signatures and Sigstore bundle referrers pushed to a real registry. */
class SignatureFetcherTest {
    @TempDir
    static Path directory;
    static LocalRegistry registry;
    static RegistryClient client;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = LocalRegistry.start("", directory);
        client = RegistryClient.create(registry.options());
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static ImageReference ref(String text) {
        return ImageReference.parse(registry.host() + "/" + text);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void unsignedImagesHaveNoSignatures() throws Exception {
        Digest image = TestImages.pushImage(client, ref("unsigned/app:1"), true).digest();
        SignatureFetcher fetcher = new SignatureFetcher(client);
        assertEquals(List.of(), fetcher.legacySignatures(ref("unsigned/app"), image));
        assertEquals(List.of(), fetcher.bundles(ref("unsigned/app"), image));
    }

    @Test
    void fetchesLegacySignatureLayersWithTheirAnnotations() throws Exception {
        ImageReference repository = ref("signed/legacy");
        Digest image = TestImages.pushImage(client, repository.withTag(Optional.of("1")), true).digest();
        byte[] payload1 = bytes("{\"critical\":{\"identity\":{\"docker-reference\":\"" + repository.name()
                + "\"},\"image\":{\"docker-manifest-digest\":\"" + image + "\"},\"type\":\"cosign container image"
                + " signature\"},\"optional\":null}");
        byte[] payload2 = bytes("{\"critical\":{\"image\":{\"docker-manifest-digest\":\"" + image + "\"}},\"optional\":{\"a\":\"b\"}}");
        Descriptor config = OciRegistry.of(client).pushBlob(repository, bytes("{\"architecture\":\"\",\"os\":\"\"}"), MediaTypes.OCI_CONFIG);
        Map<String, String> annotations1 = Map.of("dev.cosignproject.cosign/signature", "MEUCIQ==",
                "dev.sigstore.cosign/certificate", "-----BEGIN CERTIFICATE-----\n...");
        Map<String, String> annotations2 = Map.of("dev.cosignproject.cosign/signature", "MEQCIA==");
        Descriptor layer1 = withAnnotations(OciRegistry.of(client).pushBlob(repository, payload1, MediaTypes.COSIGN_SIMPLE_SIGNING),
                annotations1);
        Descriptor layer2 = withAnnotations(OciRegistry.of(client).pushBlob(repository, payload2, MediaTypes.COSIGN_SIMPLE_SIGNING),
                annotations2);
        byte[] manifest = TestImages.manifest(MediaTypes.OCI_MANIFEST, config, List.of(layer1, layer2), Optional.empty(),
                Map.of());
        OciRegistry.of(client).pushManifest(repository.withTag(Optional.of(image.tagForm() + ".sig")), manifest, MediaTypes.OCI_MANIFEST);

        List<LegacySignatureLayer> layers = new SignatureFetcher(client).legacySignatures(repository, image);
        assertEquals(2, layers.size());
        assertArrayEquals(payload1, layers.get(0).payload());
        assertEquals(annotations1, layers.get(0).annotations());
        assertArrayEquals(payload2, layers.get(1).payload());
        assertEquals(annotations2, layers.get(1).annotations());
    }

    @Test
    void fetchesBundleReferrersAndIgnoresOtherArtifacts() throws Exception {
        ImageReference repository = ref("signed/bundle");
        TestImages.Pushed image = TestImages.pushImage(client, repository.withTag(Optional.of("1")), true);
        Descriptor subject = Descriptor.of(image.mediaType(), image.digest(), image.content().length);
        byte[] bundle = bytes("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"dsseEnvelope\":{}}");
        attach(repository, subject, MediaTypes.SIGSTORE_BUNDLE_V03, bundle, MediaTypes.SIGSTORE_BUNDLE_V03);
        attach(repository, subject, "application/spdx+json", bytes("{\"spdxVersion\":\"SPDX-2.3\"}"),
                "application/spdx+json");

        List<BundleArtifact> bundles = new SignatureFetcher(client).bundles(repository, image.digest());
        assertEquals(1, bundles.size());
        assertArrayEquals(bundle, bundles.get(0).json());
        assertEquals(MediaTypes.SIGSTORE_BUNDLE_V03, bundles.get(0).mediaType());
        assertTrue(new SignatureFetcher(client).legacySignatures(repository, image.digest()).isEmpty());
    }

    private static void attach(ImageReference repository, Descriptor subject, String artifactType, byte[] content,
            String layerType) throws Exception {
        Descriptor empty = OciRegistry.of(client).pushBlob(repository, bytes("{}"), MediaTypes.OCI_EMPTY);
        Descriptor layer = OciRegistry.of(client).pushBlob(repository, content, layerType);
        Map<String, String> annotations = Map.of("org.opencontainers.image.created", "2026-01-01T00:00:00Z");
        byte[] manifest = TestImages.manifest(MediaTypes.OCI_MANIFEST, empty, List.of(layer), Optional.of(subject),
                annotations);
        OciRegistry.of(client).pushReferrer(repository, subject.digest(), manifest, MediaTypes.OCI_MANIFEST, artifactType, annotations);
    }

    private static Descriptor withAnnotations(Descriptor descriptor, Map<String, String> annotations) {
        return new Descriptor(descriptor.mediaType(), descriptor.digest(), descriptor.size(), Optional.empty(),
                annotations);
    }
}
