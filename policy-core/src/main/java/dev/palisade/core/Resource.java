package dev.palisade.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Kubernetes object: its identity, its JSON tree (never mutated after reading), where it came
 * from, and how to find the position of any of its fields. Instances are immutable.
 */
public final class Resource {
    private final ResourceId id;
    private final JsonNode object;
    private final SourceLocation source;
    private final FieldPositions positions;
    private final AdmissionRequest request;

    private Resource(ResourceId id, JsonNode object, SourceLocation source, FieldPositions positions,
            AdmissionRequest request) {
        this.id = id;
        this.object = object;
        this.source = source;
        this.positions = positions;
        this.request = request;
    }

    /**
     * {@return an object handed over by a host, with no source file}
     *
     * @param object the object, as JSON
     * @throws PalisadeException when the node is not a JSON object with a non-empty {@code apiVersion}
     *     and {@code kind}: a policy set must never judge (and so allow) something that is not a
     *     Kubernetes object
     */
    public static Resource of(JsonNode object) {
        return of(object, SourceLocation.UNKNOWN, FieldPositions.NONE);
    }

    /**
     * {@return an object read from a file}
     *
     * @param object the object, as JSON
     * @param source where it starts
     * @param positions where its fields stand
     * @throws PalisadeException when the node is not a JSON object with a non-empty {@code apiVersion}
     *     and {@code kind}
     */
    public static Resource of(JsonNode object, SourceLocation source, FieldPositions positions) {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(source, "source");
        if (!object.isObject() || !nonEmptyText(object.get("apiVersion")) || !nonEmptyText(object.get("kind"))) {
            throw new PalisadeException("not a Kubernetes object: "
                    + (object.isObject() ? "apiVersion and kind must be non-empty strings" : "a JSON object is required, not "
                    + object.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)), source);
        }
        return new Resource(ResourceId.of(object), object, source, Objects.requireNonNull(positions, "positions"), null);
    }

    private static boolean nonEmptyText(JsonNode node) {
        return node != null && node.isTextual() && !node.textValue().isEmpty();
    }

    /**
     * {@return the same object, arrived with an admission request}
     *
     * @param admissionRequest the request
     */
    public Resource withRequest(AdmissionRequest admissionRequest) {
        return new Resource(id, object, source, positions, Objects.requireNonNull(admissionRequest));
    }

    /**
     * The same object placed in a namespace, as a client applying it with a default namespace would
     * place it (a copy of the tree with {@code metadata.namespace} set; positions are the original
     * ones, so the new field is located at {@code metadata}).
     */
    Resource inNamespace(String namespace) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = (com.fasterxml.jackson.databind.node.ObjectNode) object
                .deepCopy();
        JsonNode metadata = copy.get("metadata");
        com.fasterxml.jackson.databind.node.ObjectNode target = metadata instanceof
                com.fasterxml.jackson.databind.node.ObjectNode existing ? existing : copy.putObject("metadata");
        target.put("namespace", namespace);
        return new Resource(ResourceId.of(copy), copy, source, positions, request);
    }

    /**
     * {@return the object's group, version, kind, namespace and name}
     */
    public ResourceId id() {
        return id;
    }

    /** {@return the object's JSON tree} Callers must not modify it. */
    public JsonNode object() {
        return object;
    }

    /** {@return where the object starts: file, document index and first line} */
    public SourceLocation source() {
        return source;
    }

    /** {@return the admission request this object arrived with, if any} */
    public Optional<AdmissionRequest> request() {
        return Optional.ofNullable(request);
    }

    /**
     * {@return where the field at the JSON pointer stands in the file; falls back to the nearest existing
     * ancestor and then to the start of the object}
     *
     * @param jsonPointer a JSON pointer into the object
     */
    public SourceLocation locate(String jsonPointer) {
        if (jsonPointer.isEmpty()) {
            return source;
        }
        return positions.locate(jsonPointer).orElse(source);
    }

    /** {@return {@code metadata.labels} as a map (empty when absent)} */
    public Map<String, String> labels() {
        return stringMap(object.path("metadata").path("labels"));
    }

    /** {@return {@code metadata.annotations} as a map (empty when absent)} */
    public Map<String, String> annotations() {
        return stringMap(object.path("metadata").path("annotations"));
    }

    static Map<String, String> stringMap(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String toString() {
        return id.display() + (source.isKnown() ? " (" + source.display() + ")" : "");
    }
}
