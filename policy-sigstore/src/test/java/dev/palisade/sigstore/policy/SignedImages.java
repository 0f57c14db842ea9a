package dev.palisade.sigstore.policy;

import dev.palisade.sigstore.registry.internal.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.registry.internal.Descriptor;
import dev.palisade.sigstore.registry.internal.MediaTypes;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.internal.OciJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Signs images the way {@code cosign sign --key} does (simple-signing payload, ECDSA P-256 over the
 * exact payload bytes, a {@code sha256-<hex>.sig} manifest whose layer carries the signature
 * annotation) and pushes the shared cosign fixtures to a registry.
 */
public final class SignedImages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SignedImages() {
    }

    /** A fresh ECDSA P-256 key pair. */
    public static KeyPair newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** The PEM {@code PUBLIC KEY} block of a key pair. */
    public static String publicPem(KeyPair key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    /** The simple-signing payload cosign signs for an image. */
    public static byte[] payload(ImageReference image, Digest digest) {
        return ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + image.name() + "\"},\"image\":{"
                + "\"docker-manifest-digest\":\"" + digest + "\"},\"type\":\"cosign container image signature\"},"
                + "\"optional\":null}").getBytes(StandardCharsets.UTF_8);
    }

    /** Signs the image with the key and stores the signature under its {@code .sig} tag. */
    public static void sign(RegistryClient client, ImageReference image, Digest digest, PrivateKey key) throws Exception {
        byte[] payload = payload(image, digest);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(payload);
        String signature = Base64.getEncoder().encodeToString(signer.sign());
        pushLegacy(client, image, digest, List.of(payload),
                List.of(Map.of("dev.cosignproject.cosign/signature", signature)));
    }

    /** Pushes a {@code .sig} manifest with the given layers for the digest. */
    public static void pushLegacy(RegistryClient client, ImageReference image, Digest digest, List<byte[]> payloads,
            List<Map<String, String>> annotations) throws Exception {
        ImageReference repository = image.repositoryReference();
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            Descriptor blob = OciRegistry.of(client).pushBlob(repository, payloads.get(i), MediaTypes.COSIGN_SIMPLE_SIGNING);
            layers.add(new Descriptor(blob.mediaType(), blob.digest(), blob.size(), Optional.empty(),
                    annotations.get(i)));
        }
        Descriptor config = OciRegistry.of(client).pushBlob(repository, "{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_CONFIG);
        byte[] manifest = manifest(MediaTypes.OCI_MANIFEST, config, layers, Optional.empty(), Map.of());
        OciRegistry.of(client).pushManifest(repository.withTag(Optional.of(digest.tagForm() + ".sig")), manifest,
                MediaTypes.OCI_MANIFEST);
    }

    /** The media type of the layers of a legacy {@code .att} manifest: a DSSE envelope. */
    public static final String DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";

    /** Pushes a legacy {@code .att} manifest (cosign attest before v3) with these DSSE envelopes and annotations. */
    public static void pushAttestations(RegistryClient client, ImageReference image, Digest digest, List<byte[]> envelopes,
            List<Map<String, String>> annotations) throws Exception {
        ImageReference repository = image.repositoryReference();
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < envelopes.size(); i++) {
            Descriptor blob = OciRegistry.of(client).pushBlob(repository, envelopes.get(i), DSSE_ENVELOPE);
            layers.add(new Descriptor(blob.mediaType(), blob.digest(), blob.size(), Optional.empty(), annotations.get(i)));
        }
        Descriptor config = OciRegistry.of(client).pushBlob(repository, "{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_CONFIG);
        OciRegistry.of(client).pushManifest(repository.withTag(Optional.of(digest.tagForm() + ".att")),
                manifest(MediaTypes.OCI_MANIFEST, config, layers, Optional.empty(), Map.of()), MediaTypes.OCI_MANIFEST);
    }

    /** Pushes a Sigstore bundle as an OCI referrer of the subject digest (cosign v3's layout). */
    public static void pushBundle(RegistryClient client, ImageReference repository, Digest subject, byte[] bundle)
            throws Exception {
        Descriptor empty = OciRegistry.of(client).pushBlob(repository, "{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_EMPTY);
        Descriptor layer = OciRegistry.of(client).pushBlob(repository, bundle, MediaTypes.SIGSTORE_BUNDLE_V03);
        Descriptor subjectDescriptor = Descriptor.of(MediaTypes.OCI_MANIFEST, subject, 1024);
        OciRegistry.of(client).pushReferrer(repository, subject, manifest(MediaTypes.OCI_MANIFEST, empty, List.of(layer),
                Optional.of(subjectDescriptor), Map.of()), MediaTypes.OCI_MANIFEST, MediaTypes.SIGSTORE_BUNDLE_V03,
                Map.of());
    }

    private static byte[] manifest(String mediaType, Descriptor config, List<Descriptor> layers,
            Optional<Descriptor> subject, Map<String, String> annotations) throws Exception {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", mediaType);
        manifest.set("config", OciJson.toJson(config));
        ArrayNode list = manifest.putArray("layers");
        layers.forEach(l -> list.add(OciJson.toJson(l)));
        subject.ifPresent(s -> manifest.set("subject", OciJson.toJson(s)));
        return JSON.writeValueAsBytes(manifest);
    }

    /** The digest a shared legacy fixture's payload names. */
    public static Digest fixtureDigest(Path folder) throws Exception {
        return Digest.parse(JSON.readTree(folder.resolve("payload.json").toFile()).path("critical").path("image")
                .path("docker-manifest-digest").asText());
    }

    /** Pushes a shared legacy fixture's signature layer for its image digest; returns that digest. */
    public static Digest pushLegacyFixture(RegistryClient client, ImageReference repository, Path folder) throws Exception {
        Digest digest = fixtureDigest(folder);
        Map<String, String> annotations = new LinkedHashMap<>();
        JSON.readTree(folder.resolve("annotations.json").toFile()).fields()
                .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        pushLegacy(client, repository, digest, List.of(Files.readAllBytes(folder.resolve("payload.json"))),
                List.of(annotations));
        return digest;
    }

    /** The shared Sigstore fixtures folder; a skipped test when absent, a failed one in CI. */
    public static Path sigstoreFixtures() {
        String shared = System.getProperty("palisade.shared", "");
        Path folder = Path.of(shared.isEmpty() ? "/nonexistent" : shared, "conformance", "sigstore");
        String message = "shared Sigstore fixtures not found at " + folder
                + "; set -Dpalisade.shared to the shared folder to run this test";
        if (!Files.isDirectory(folder) && System.getenv("CI") != null) {
            throw new AssertionError(message + " (CI must run it)");
        }
        Assumptions.assumeTrue(Files.isDirectory(folder), message);
        return folder;
    }
}
