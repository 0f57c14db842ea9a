package dev.palisade.sigstore.registry;

import dev.palisade.sigstore.registry.internal.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.registry.internal.OciJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Builds small random images and pushes them through the client's upload methods. */
public final class TestImages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Random RANDOM = new Random();

    private TestImages() {
    }

    /** A pushed manifest: its digest and exact bytes. */
    public record Pushed(Digest digest, byte[] content, String mediaType) {
    }

    /** Pushes a one-layer image with OCI or Docker media types under the reference's tag. */
    public static Pushed pushImage(RegistryClient client, ImageReference target, boolean oci) throws Exception {
        byte[] layer = new byte[256 + RANDOM.nextInt(512)];
        RANDOM.nextBytes(layer);
        Descriptor layerDescriptor = OciRegistry.of(client).pushBlob(target, layer, oci ? MediaTypes.OCI_LAYER : MediaTypes.DOCKER_LAYER);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + Digest.sha256(layer) + "\"]}}").getBytes(StandardCharsets.UTF_8);
        Descriptor configDescriptor = OciRegistry.of(client).pushBlob(target, config, oci ? MediaTypes.OCI_CONFIG
                : MediaTypes.DOCKER_CONFIG);
        String mediaType = oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST;
        byte[] manifest = manifest(mediaType, configDescriptor, List.of(layerDescriptor), Optional.empty(), Map.of());
        return new Pushed(OciRegistry.of(client).pushManifest(target, manifest, mediaType), manifest, mediaType);
    }

    /** Pushes an OCI index of the given manifests under the reference's tag. */
    static Pushed pushIndex(RegistryClient client, ImageReference target, List<Pushed> manifests) throws Exception {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode list = index.putArray("manifests");
        String[] arches = {"amd64", "arm64", "s390x"};
        for (int i = 0; i < manifests.size(); i++) {
            ObjectNode entry = OciJson.toJson(Descriptor.of(manifests.get(i).mediaType(), manifests.get(i).digest(),
                    manifests.get(i).content().length));
            entry.putObject("platform").put("architecture", arches[i % 3]).put("os", "linux");
            list.add(entry);
        }
        byte[] bytes = JSON.writeValueAsBytes(index);
        return new Pushed(OciRegistry.of(client).pushManifest(target, bytes, MediaTypes.OCI_INDEX), bytes, MediaTypes.OCI_INDEX);
    }

    /** An image manifest document. */
    static byte[] manifest(String mediaType, Descriptor config, List<Descriptor> layers, Optional<Descriptor> subject,
            Map<String, String> annotations) throws Exception {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", mediaType);
        manifest.set("config", OciJson.toJson(config));
        ArrayNode list = manifest.putArray("layers");
        layers.forEach(l -> list.add(OciJson.toJson(l)));
        subject.ifPresent(s -> manifest.set("subject", OciJson.toJson(s)));
        if (!annotations.isEmpty()) {
            ObjectNode node = manifest.putObject("annotations");
            annotations.forEach(node::put);
        }
        return JSON.writeValueAsBytes(manifest);
    }
}
