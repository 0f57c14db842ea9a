package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Where context entries that read the cluster or a registry get their data. An empty answer means
 * "not available here": the entry is not loaded, as Kyverno's CLI skips such entries offline, and a
 * variable that reads it stays unresolved (an error unless values supply it).
 */
public interface ExternalData {

    /** Nothing available (Kyverno's CLI without a cluster or registry access). */
    ExternalData NONE = new ExternalData() {
    };

    /**
     * The ConfigMap's {@code data} and {@code metadata} (as {@code {"data": ..., "metadata": ...}}),
     * or empty when ConfigMaps are not available.
     *
     * @throws ExpressionException when ConfigMaps are available but this one does not exist
     */
    default Optional<JsonNode> configMap(String namespace, String name) {
        return Optional.empty();
    }

    /**
     * The response of a Kubernetes API call or service call, or empty when calls are not available.
     *
     * @param call the {@code apiCall} entry with its variables substituted
     * @throws ExpressionException when calls are available but this one fails
     */
    default Optional<JsonNode> apiCall(JsonNode call) {
        return Optional.empty();
    }

    /**
     * The image data of an {@code imageRegistry} entry ({@code resolvedImage}, {@code manifest},
     * {@code configData}...), or empty when registries are not available.
     *
     * @throws ExpressionException when registries are available but the image cannot be read
     */
    default Optional<JsonNode> imageData(String reference) {
        return Optional.empty();
    }

    /** A global context entry's data, or empty when not available. */
    default Optional<JsonNode> globalContext(String name) {
        return Optional.empty();
    }
}
