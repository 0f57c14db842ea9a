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
    /**
     * The pod spec view, once asked for ({@link PodSpecView#of}); an immutable memo, so a race costs a
     * second computation only.
     */
    PodSpecView.Memo podSpecMemo;

    private Resource(ResourceId id, JsonNode object, SourceLocation source, FieldPositions positions,
            AdmissionRequest request) {
        this.id = id;
        this.object = object;
        this.source = source;
        this.positions = positions;
        this.request = request;
    }

    /**
     * An object handed over by a host, with no source file: its fields are located by JSON pointer,
     * {@code <object>#/spec/containers/0/image} ({@link SourceLocation#inMemory}), so findings name the
     * offending field rather than a file.
     *
     * @param object the object's tree; the resource keeps it, so the caller must not modify it afterwards
     * @return the object as a resource located by JSON pointer
     * @throws PalisadeException when the node is not a JSON object with a non-empty {@code apiVersion}
     *     and {@code kind}: a policy set must never judge (and so allow) something that is not a
     *     Kubernetes object
     */
    public static Resource of(JsonNode object) {
        return of(object, SourceLocation.inMemory(""), FieldPositions.IN_MEMORY);
    }

    /**
     * A host's object, whatever its form, converted without the host writing the conversion:
     * <ul>
     * <li>a Jackson {@link JsonNode}, or a {@code Resource} (returned as it is);</li>
     * <li>a {@link Map} (from a host's own YAML or JSON parser, or built in code), see {@link #fromMap};</li>
     * <li>JSON or YAML text ({@link CharSequence}), see {@link #parse};</li>
     * <li>a model class mapped by Jackson 2 annotations, such as fabric8's Kubernetes model
     *     ({@code io.fabric8:kubernetes-model-*} 6.x and 7.x: {@code Pod}, {@code Deployment}, ...), or a
     *     record; nested values are converted by the same rules.</li>
     * </ul>
     * Anything whose JSON form would be guessed is refused rather than converted wrongly: classes with no
     * Jackson annotation (the official Kubernetes client's Gson models, whose {@code IntOrString},
     * {@code Quantity} and {@code OffsetDateTime} fields are not bean properties in JSON: pass
     * {@code io.kubernetes.client.openapi.JSON.serialize(object)} to {@link #parse} instead), classes
     * mapped by Jackson 3 (fabric8 8.x: pass {@code Serialization.asJson(object)}), {@link java.util.Date}
     * and {@link java.util.Calendar} values. Fields are located by JSON pointer, as with {@link #of(JsonNode)}.
     *
     * @param object the object; not null
     * @return the object as a resource located by JSON pointer
     * @throws PalisadeException when the object cannot be converted faithfully, when the result is not a
     *     JSON object with a non-empty {@code apiVersion} and {@code kind}, or when it is a list
     *     ({@code kind: List}, {@code PodList}, ... with {@code items}): judge each item instead
     */
    public static Resource fromObject(Object object) {
        Objects.requireNonNull(object, "object");
        if (object instanceof Resource resource) {
            return resource;
        }
        if (object instanceof CharSequence text) {
            return parse(text.toString());
        }
        JsonNode tree = object instanceof JsonNode node ? node : dev.palisade.core.internal.HostObjects.toTree(object);
        return single(of(tree));
    }

    /**
     * A map as a Kubernetes object: keys are field names, values are strings, numbers, booleans,
     * {@code null}, lists, maps, or values {@link #fromObject} converts. Fields are located by JSON
     * pointer.
     *
     * @param object the object's fields; not null
     * @return the object as a resource located by JSON pointer
     * @throws PalisadeException when a value cannot be converted faithfully, when {@code apiVersion} or
     *     {@code kind} is missing or not a non-empty string, or when the map is a list of objects
     */
    public static Resource fromMap(Map<String, ?> object) {
        return fromObject(Objects.requireNonNull(object, "object"));
    }

    /**
     * One Kubernetes object given as JSON or YAML text (such as {@code kubectl get -o json} output, or
     * {@code JSON.serialize(pod)} of the official Kubernetes client), read as {@link ManifestReader} reads
     * files (YAML 1.1 scalars as Kubernetes reads them, the default limits). Fields are located by JSON
     * pointer; to locate findings by line, or to read several objects, use
     * {@link ManifestReader#readString(String, String)}.
     *
     * @param text one JSON or YAML document; not null
     * @return the object as a resource located by JSON pointer
     * @throws PalisadeException when the text is malformed (with its line and column), holds no or several
     *     documents, or its document is not a Kubernetes object or is a list of objects
     */
    public static Resource parse(String text) {
        Objects.requireNonNull(text, "text");
        java.util.List<YamlDocument> documents = ManifestReader.create().readDocuments(SourceLocation.IN_MEMORY, text);
        if (documents.size() != 1) {
            throw new PalisadeException("expected one Kubernetes object, found " + documents.size()
                    + " documents; read several with ManifestReader.readString", SourceLocation.inMemory(""));
        }
        return single(of(documents.get(0).content()));
    }

    /** The resource, unless it is a list of objects, which no policy would look into. */
    private static Resource single(Resource resource) {
        JsonNode items = resource.object.get("items");
        if (resource.id.kind().endsWith("List") && items != null && items.isArray()) {
            throw new PalisadeException("kind " + resource.id.kind() + " is a list of " + items.size()
                    + " objects, which policies do not look into: judge each item, or read the list with"
                    + " ManifestReader.readString, which flattens lists", resource.source);
        }
        return resource;
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
