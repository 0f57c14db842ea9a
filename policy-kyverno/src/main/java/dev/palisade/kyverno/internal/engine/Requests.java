package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.palisade.kyverno.jmespath.JmesPath;
import dev.palisade.kyverno.variables.JsonContext;
import java.util.Map;

/**
 * Builds the {@link PolicyContext} of one request as Kyverno's CLI does ({@code NewPolicyContext}
 * and the test processor's {@code makePolicyContext}): {@code request.object} (or
 * {@code request.oldObject} on DELETE), {@code request.namespace}, {@code images}, the requester,
 * {@code request.operation}, then the values a test supplies, which may override any of these.
 */
public final class Requests {
    private Requests() {
    }

    /** The object at a path of the context after the values were applied (a missing node when absent). */
    private static JsonNode read(JsonContext json, String path) {
        JsonNode node = json.toJson();
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node.isObject() ? node : MissingNode.getInstance();
    }

    /**
     * A request for the resource.
     *
     * @param operation CREATE, UPDATE, DELETE or CONNECT
     * @param values variables by dotted path ({@code request.object.metadata.name}), applied last
     */
    public static PolicyContext create(JmesPath jmesPath, JsonNode resource, String operation, RequestInfo info,
            Map<String, String> namespaceLabels, Map<String, JsonNode> values) {
        return create(jmesPath, resource, MissingNode.getInstance(), operation, info, namespaceLabels, values);
    }

    /**
     * A request for the resource with the previous object of an UPDATE (a missing node to use the
     * resource itself, as Kyverno's CLI does).
     */
    public static PolicyContext create(JmesPath jmesPath, JsonNode resource, JsonNode previous, String operation,
            RequestInfo info, Map<String, String> namespaceLabels, Map<String, JsonNode> values) {
        JsonContext json = JsonContext.create(jmesPath);
        boolean delete = operation.equals("DELETE");
        if (delete) {
            json.addOldResource(resource);
        } else {
            json.addResource(resource);
        }
        json.addNamespace(resource.path("metadata").path("namespace").asText(""));
        // Kyverno loads images only when a variable reads them; an invalid reference then fails that variable
        json.addDeferredLoader("images", ctx -> ctx.addImageInfos(resource));
        if (!info.isEmpty()) {
            json.addUserInfo(info.toRequestFields());
            json.addServiceAccount(info.username());
        }
        json.addOperation(operation);
        JsonNode old = previous.isObject() ? previous : resource;
        if (operation.equals("UPDATE")) {
            json.addOldResource(old);
        }
        for (Map.Entry<String, JsonNode> v : values.entrySet()) {
            json.addVariable(v.getKey(), v.getValue());
        }
        JsonNode newResource;
        JsonNode oldResource;
        if (delete) {
            newResource = MissingNode.getInstance();
            oldResource = values.isEmpty() ? resource : read(json, "request.oldObject");
        } else {
            newResource = values.isEmpty() ? resource : read(json, "request.object");
            if (operation.equals("UPDATE")) {
                oldResource = values.isEmpty() ? old : read(json, "request.oldObject");
            } else {
                oldResource = MissingNode.getInstance();
            }
        }
        String apiVersion = resource.path("apiVersion").asText("");
        int slash = apiVersion.lastIndexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        return new PolicyContext(newResource, oldResource, operation, info, namespaceLabels, group, version,
                resource.path("kind").asText(""), "", json);
    }
}
