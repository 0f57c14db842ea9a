package dev.palisade.core.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The variables admission expressions see: {@code object} (null on DELETE), {@code oldObject}
 * (null without an admission request or on CREATE), {@code request} (the admission request, or
 * one made up as a CREATE when the resource comes from a file), {@code params} and
 * {@code namespaceObject} (the resource's Namespace from the inventory, null when unknown or
 * cluster-scoped). {@code request} and {@code namespaceObject} are computed only when read.
 */
public final class AdmissionVariables {
    private AdmissionVariables() {
    }

    /** The base variables for one evaluation of a resource. */
    public static Map<String, Object> of(Resource resource, EvaluationContext context, JsonNode params) {
        Map<String, Object> values = new HashMap<>(8);
        Optional<AdmissionRequest> request = resource.request();
        boolean delete = request.map(r -> r.operation().equals("DELETE")).orElse(false);
        values.put("object", delete ? NullNode.getInstance() : resource.object());
        values.put("oldObject", request.flatMap(AdmissionRequest::oldObject).map(o -> (Object) o)
                .orElse(NullNode.getInstance()));
        values.put("request", request.isPresent() && !request.get().raw().isMissingNode()
                ? request.get().raw() : (Supplier<Object>) () -> syntheticRequest(resource));
        values.put("params", params);
        values.put("namespaceObject", (Supplier<Object>) () -> namespaceObject(resource, context));
        values.put(CelRuleSet.RESOURCE_KEY, resource);
        return values;
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
