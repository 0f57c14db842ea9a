package dev.palisade.kyverno.internal.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.kyverno.internal.InventoryData;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One admission request as Kyverno's CEL engines see it: the object (absent on DELETE), the old
 * object (UPDATE and DELETE), the kind and resource, the operation, the user and the namespace.
 *
 * @param object the new object, or null (DELETE)
 * @param oldObject the old object, or null (CREATE)
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param subResource the subresource, or {@code ""}
 * @param userInfo the request's {@code userInfo} ({@code username}, {@code groups}...)
 * @param namespaceObject the namespace as Kyverno resolves it (a test's values), or null
 * @param namespaceLabels labels the namespace selector reads
 */
public record CelRequest(JsonNode object, JsonNode oldObject, String operation, String subResource, JsonNode userInfo,
        JsonNode namespaceObject, Map<String, String> namespaceLabels) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A request for a resource: CREATE gives object, UPDATE both (the same), DELETE the old object only. */
    public static CelRequest of(JsonNode resource, JsonNode previous, String operation, JsonNode userInfo,
            JsonNode namespaceObject, Map<String, String> namespaceLabels) {
        JsonNode object = operation.equals("DELETE") ? null : resource;
        JsonNode old = switch (operation) {
            case "DELETE" -> previous != null && previous.isObject() ? previous : resource;
            case "UPDATE" -> previous != null && previous.isObject() ? previous : resource;
            default -> null;
        };
        String ns = resource.path("metadata").path("namespace").asText("");
        Map<String, String> labels = namespaceLabels;
        if (labels == null || labels.isEmpty() && namespaceObject == null) {
            labels = new LinkedHashMap<>(labels == null ? Map.of() : labels);
            labels.putIfAbsent("kubernetes.io/metadata.name", ns);
        }
        return new CelRequest(object, old, operation, "", userInfo == null ? NODES.objectNode() : userInfo,
                namespaceObject, labels);
    }

    /** The object the request is about (the old one on DELETE). */
    public JsonNode current() {
        return object != null ? object : oldObject != null ? oldObject : NODES.objectNode();
    }

    String apiVersion() {
        return current().path("apiVersion").asText("");
    }

    String group() {
        String v = apiVersion();
        int slash = v.indexOf('/');
        return slash < 0 ? "" : v.substring(0, slash);
    }

    String version() {
        String v = apiVersion();
        int slash = v.indexOf('/');
        return slash < 0 ? v : v.substring(slash + 1);
    }

    String kind() {
        return current().path("kind").asText("");
    }

    /** The plural resource name of the kind. */
    String resource() {
        return InventoryData.plural(kind());
    }

    String name() {
        return current().path("metadata").path("name").asText("");
    }

    /** The namespace ({@code ""} for Namespaces and cluster-scoped objects). */
    String namespace() {
        if (kind().equals("Namespace") && group().isEmpty()) {
            return "";
        }
        return current().path("metadata").path("namespace").asText("");
    }

    /** The same request with another object (after a mutation). */
    public CelRequest withObject(JsonNode patched) {
        return new CelRequest(patched, oldObject, operation, subResource, userInfo, namespaceObject, namespaceLabels);
    }

    /** Kubernetes' {@code AdmissionRequest} as the {@code request} variable. */
    JsonNode admissionRequest() {
        ObjectNode r = NODES.objectNode();
        r.put("uid", "");
        ObjectNode kind = r.putObject("kind");
        kind.put("group", group()).put("version", version()).put("kind", kind());
        ObjectNode resource = r.putObject("resource");
        resource.put("group", group()).put("version", version()).put("resource", resource());
        if (!subResource.isEmpty()) {
            r.put("subResource", subResource);
        }
        r.set("requestKind", kind.deepCopy());
        r.set("requestResource", resource.deepCopy());
        r.put("name", name());
        r.put("namespace", namespace());
        r.put("operation", operation);
        r.set("userInfo", userInfo);
        r.set("object", object == null ? NullNode.getInstance() : object);
        r.set("oldObject", oldObject == null ? NullNode.getInstance() : oldObject);
        r.put("dryRun", false);
        return r;
    }

    static Map<String, String> labels(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.path("metadata").path("labels").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
