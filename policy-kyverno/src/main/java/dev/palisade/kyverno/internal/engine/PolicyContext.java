package dev.palisade.kyverno.internal.engine;

import dev.palisade.kyverno.variables.JsonContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one policy's evaluation of one request sees (Kyverno's {@code PolicyContext}): the new
 * and old object, the operation, who asks, the namespace's labels, the object's kind and
 * subresource, and the JSON context that variables read. Mutable as in Kyverno (the engine
 * replaces the new object after mutation); one per evaluation.
 */
public final class PolicyContext {
    private JsonNode newResource;
    private JsonNode oldResource;
    private String operation;
    private final RequestInfo requestInfo;
    private final Map<String, String> namespaceLabels;
    private final String group;
    private final String version;
    private final String kind;
    private final String subresource;
    private final JsonContext json;
    private JsonNode element = MissingNode.getInstance();

    /**
     * @param newResource the object (a missing node on DELETE)
     * @param oldResource the previous object (a missing node on CREATE)
     * @param operation CREATE, UPDATE, DELETE or CONNECT
     */
    public PolicyContext(JsonNode newResource, JsonNode oldResource, String operation, RequestInfo requestInfo,
            Map<String, String> namespaceLabels, String group, String version, String kind, String subresource,
            JsonContext json) {
        this.newResource = Objects.requireNonNull(newResource);
        this.oldResource = Objects.requireNonNull(oldResource);
        this.operation = Objects.requireNonNull(operation);
        this.requestInfo = Objects.requireNonNull(requestInfo);
        this.namespaceLabels = Map.copyOf(namespaceLabels);
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.subresource = subresource;
        this.json = Objects.requireNonNull(json);
    }

    public JsonNode newResource() {
        return newResource;
    }

    public JsonNode oldResource() {
        return oldResource;
    }

    /** Replaces the new object (after a mutation). */
    public void setNewResource(JsonNode resource) {
        this.newResource = resource;
    }

    /** Replaces both objects. */
    public void setResources(JsonNode newObject, JsonNode oldObject) {
        this.newResource = newObject;
        this.oldResource = oldObject;
    }

    public String operation() {
        return operation;
    }

    public void setOperation(String value) {
        this.operation = value;
    }

    public RequestInfo requestInfo() {
        return requestInfo;
    }

    public Map<String, String> namespaceLabels() {
        return namespaceLabels;
    }

    public String group() {
        return group;
    }

    public String version() {
        return version;
    }

    public String kind() {
        return kind;
    }

    public String subresource() {
        return subresource;
    }

    public JsonContext json() {
        return json;
    }

    /** The foreach element a nested pattern validates, or a missing node. */
    public JsonNode element() {
        return element;
    }

    public void setElement(JsonNode value) {
        this.element = value;
    }

    /** Whether the request is a DELETE. */
    public boolean isDelete() {
        return operation.equals("DELETE");
    }

    /** Whether the request is an UPDATE. */
    public boolean isUpdate() {
        return operation.equals("UPDATE");
    }

    /** A request for matching with the new object (or the old one when there is no new object). */
    MatchBlock.Request matchRequest(JsonNode resource) {
        return new MatchBlock.Request(resource, group, version, kind, subresource, namespaceLabels, requestInfo,
                operation);
    }
}
