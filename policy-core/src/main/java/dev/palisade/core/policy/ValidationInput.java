package dev.palisade.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import dev.palisade.core.policy.internal.ResourceNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a {@link ValidationBlock} judges, as typed bindings: the resource, and the values its
 * expressions see as {@code object} (null on DELETE), {@code oldObject}, {@code request},
 * {@code params}, {@code namespaceObject}, plus host variables that appear under
 * {@code variables} beside the block's own (Gatekeeper's {@code variables.anyObject} and
 * {@code variables.params}). {@code request} and {@code namespaceObject} are computed only when an
 * expression reads them. Immutable.
 *
 * @param resource the resource judged (for {@code forEach} lists and paths)
 * @param object the {@code object} value (a JSON tree, or {@link NullNode} on DELETE)
 * @param oldObject the {@code oldObject} value (a JSON tree, or {@link NullNode})
 * @param request the {@code request} value, computed when first read
 * @param params the {@code params} value (a JSON tree or {@link NullNode})
 * @param namespaceObject the {@code namespaceObject} value, computed when first read
 * @param hostVariables values added to {@code variables} before the block's own (their names are
 *     reserved: a block cannot declare them)
 */
public record ValidationInput(Resource resource, Object object, Object oldObject, Supplier<Object> request,
        Object params, Supplier<Object> namespaceObject, Map<String, Object> hostVariables) {

    /**
     * Validates that every binding is present and copies the host variables (in order).
     *
     * @param resource the resource judged (for {@code forEach} lists and paths)
     * @param object the {@code object} value (a JSON tree, or {@link NullNode} on DELETE)
     * @param oldObject the {@code oldObject} value (a JSON tree, or {@link NullNode})
     * @param request the {@code request} value, computed when first read
     * @param params the {@code params} value (a JSON tree or {@link NullNode})
     * @param namespaceObject the {@code namespaceObject} value, computed when first read
     * @param hostVariables values added to {@code variables} before the block's own (their names are
     *     reserved: a block cannot declare them)
     */
    public ValidationInput {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(oldObject, "oldObject");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(namespaceObject, "namespaceObject");
        hostVariables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hostVariables));
    }

    /**
     * {@return the bindings of an admission evaluation of the resource, as the API server gives them:
     * {@code object} (null on DELETE), {@code oldObject} (null without an admission request or on
     * CREATE), {@code request} (the admission request as sent, or one made up as a CREATE for a
     * resource read from a file), {@code params}, and {@code namespaceObject} (the resource's
     * Namespace from the context's inventory; null when unknown or cluster-scoped)}
     *
     * @param resource the resource
     * @param context the evaluation context
     * @param params the parameters ({@link NullNode} for none)
     */
    public static ValidationInput of(Resource resource, EvaluationContext context, JsonNode params) {
        Optional<AdmissionRequest> request = resource.request();
        boolean delete = request.map(r -> r.operation().equals("DELETE")).orElse(false);
        Object object = delete ? NullNode.getInstance() : resource.object();
        Object oldObject = request.flatMap(AdmissionRequest::oldObject).map(o -> (Object) o)
                .orElse(NullNode.getInstance());
        Supplier<Object> requestValue = request.isPresent() && request.get().raw().isObject()
                ? constant(request.get().raw()) : () -> syntheticRequest(resource);
        return new ValidationInput(resource, object, oldObject, requestValue, params == null ? NullNode.getInstance()
                : params, () -> namespaceObject(resource, context), Map.of());
    }

    /**
     * {@return the same bindings with host variables added to {@code variables} (in the map's order)}
     *
     * @param variables the host variables
     */
    public ValidationInput withHostVariables(Map<String, Object> variables) {
        return new ValidationInput(resource, object, oldObject, request, params, namespaceObject, variables);
    }

    /**
     * {@return the same bindings with another {@code params} value}
     *
     * @param value the value
     */
    public ValidationInput withParams(Object value) {
        return new ValidationInput(resource, object, oldObject, request, value, namespaceObject, hostVariables);
    }

    private static Supplier<Object> constant(Object value) {
        return () -> value;
    }

    private static Object namespaceObject(Resource resource, EvaluationContext context) {
        String namespace = resource.id().namespace();
        if (namespace.isEmpty()) {
            return NullNode.getInstance();
        }
        return context.inventory().find("", "Namespace", "", namespace).map(r -> (Object) r.object())
                .orElse(NullNode.getInstance());
    }

    private static JsonNode syntheticRequest(Resource resource) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ResourceId id = resource.id();
        ObjectNode request = f.objectNode();
        ObjectNode kind = request.putObject("kind");
        kind.put("group", id.group()).put("version", id.version()).put("kind", id.kind());
        ObjectNode gvr = request.putObject("resource");
        gvr.put("group", id.group()).put("version", id.version()).put("resource", ResourceNames.plural(id.kind()));
        request.put("name", id.name());
        request.put("namespace", id.namespace());
        request.put("operation", "CREATE");
        request.putObject("userInfo");
        request.put("dryRun", false);
        return request;
    }
}
