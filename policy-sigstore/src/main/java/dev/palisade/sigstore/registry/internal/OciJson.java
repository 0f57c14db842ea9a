package dev.palisade.sigstore.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.registry.internal.Descriptor;
import dev.palisade.sigstore.registry.RegistryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading and writing the JSON of OCI manifests, indexes and descriptors. */
public final class OciJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private OciJson() {
    }

    /** Parses manifest or index bytes; {@code what} names them in errors. */
    public static JsonNode read(byte[] content, String what) {
        try {
            JsonNode node = MAPPER.readTree(content);
            if (node == null || !node.isObject()) {
                throw new RegistryException(what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new RegistryException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The descriptors of an array field ({@code layers}, {@code manifests}); malformed entries are errors. */
    public static List<Descriptor> descriptors(JsonNode document, String field, String what) {
        List<Descriptor> out = new ArrayList<>();
        JsonNode list = document.path(field);
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new RegistryException(what + ": '" + field + "' is not an array");
        }
        for (JsonNode entry : list) {
            out.add(descriptor(entry, what));
        }
        return out;
    }

    /** One descriptor object. */
    public static Descriptor descriptor(JsonNode entry, String what) {
        try {
            Map<String, String> annotations = new LinkedHashMap<>();
            entry.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(),
                    e.getValue().asText("")));
            String artifactType = entry.path("artifactType").asText("");
            return new Descriptor(entry.path("mediaType").asText(""), Digest.parse(entry.path("digest").asText("")),
                    entry.path("size").asLong(-1), artifactType.isEmpty() ? Optional.empty() : Optional.of(artifactType),
                    annotations);
        } catch (PalisadeException e) {
            throw new RegistryException(what + " has a malformed descriptor: " + e.getMessage(), e);
        }
    }

    /** A descriptor as JSON. */
    public static ObjectNode toJson(Descriptor descriptor) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("mediaType", descriptor.mediaType());
        node.put("digest", descriptor.digest().toString());
        node.put("size", descriptor.size());
        descriptor.artifactType().ifPresent(t -> node.put("artifactType", t));
        if (!descriptor.annotations().isEmpty()) {
            ObjectNode annotations = node.putObject("annotations");
            descriptor.annotations().forEach(annotations::put);
        }
        return node;
    }

    /** An OCI image index holding the descriptors. */
    public static byte[] index(List<Descriptor> manifests) {
        ObjectNode index = MAPPER.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode list = index.putArray("manifests");
        manifests.forEach(d -> list.add(toJson(d)));
        try {
            return MAPPER.writeValueAsBytes(index);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
