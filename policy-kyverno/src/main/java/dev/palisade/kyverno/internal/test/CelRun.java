package dev.palisade.kyverno.internal.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.kyverno.internal.cel.CelContext;
import dev.palisade.kyverno.internal.cel.CelException;
import dev.palisade.kyverno.internal.cel.CelPolicy;
import dev.palisade.kyverno.internal.cel.CelRequest;
import dev.palisade.kyverno.internal.engine.EngineResponse;
import dev.palisade.kyverno.internal.engine.RequestInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies a test's CEL policies to a resource as Kyverno's CLI does
 * ({@code processor.ApplyPoliciesOnResource}): MutatingPolicies (each sees the previous one's
 * result), then ValidatingPolicies (Kubernetes mode; JSON-mode ones judge the resource as plain
 * JSON), then GeneratingPolicies; DeletingPolicies and ImageValidatingPolicies in the default run
 * only, answered as not applicable offline.
 */
final class CelRun {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final List<CelPolicy> policies;
    private final List<CelException> exceptions;
    private final CelInputs inputs;
    private final Values values;
    private final JsonNode userInfo;

    CelRun(List<CelPolicy> policies, List<CelException> exceptions, CelInputs inputs, Values values, RequestInfo user) {
        this.policies = policies;
        this.exceptions = exceptions;
        this.inputs = inputs;
        this.values = values;
        ObjectNode info = NODES.objectNode();
        if (!user.username().isEmpty()) {
            info.put("username", user.username());
        }
        if (!user.groups().isEmpty()) {
            user.groups().forEach(info.putArray("groups")::add);
        }
        this.userInfo = info;
    }

    private CelContext context() {
        List<JsonNode> resources = inputs.contextResources();
        return new CelContext(() -> resources, "the test's context file resources", inputs.images(),
                inputs.globalContext(), inputs.httpMocks());
    }

    List<EngineResponse> apply(JsonNode resource, String operation, boolean defaultRun) {
        List<EngineResponse> out = new ArrayList<>();
        if (policies.isEmpty()) {
            return out;
        }
        String op = switch (operation) {
            case "UPDATE", "DELETE" -> operation;
            default -> "CREATE";
        };
        String ns = resource.path("metadata").path("namespace").asText("");
        CelRequest request = CelRequest.of(resource, null, op, userInfo, values.namespaceObject(ns),
                values.namespaceLabels(ns));
        JsonNode current = resource;
        for (CelPolicy p : policies) {
            if (p.type() != CelPolicy.Type.MUTATING) {
                continue;
            }
            for (EngineResponse r : p.evaluate(request, null, exceptions, context())) {
                out.add(r);
                if (r.patchedResource() != null && r.patchedResource() != r.resource()) {
                    current = r.patchedResource();
                    request = request.withObject(current);
                }
            }
        }
        for (CelPolicy p : policies) {
            if (p.type() != CelPolicy.Type.VALIDATING) {
                continue;
            }
            out.addAll(p.evaluate(request, p.jsonMode() ? current : null, exceptions, context()));
        }
        for (CelPolicy p : policies) {
            if (p.type() != CelPolicy.Type.GENERATING) {
                continue;
            }
            for (EngineResponse r : p.evaluate(request, null, exceptions, context())) {
                if (r != null && !r.rules().isEmpty()) {
                    out.add(r);
                }
            }
        }
        if (defaultRun) {
            for (CelPolicy p : policies) {
                if (p.type() == CelPolicy.Type.DELETING || p.type() == CelPolicy.Type.IMAGE_VALIDATING) {
                    if (p.matches(request)) {
                        out.addAll(p.evaluate(request, null, exceptions, context()));
                    }
                }
            }
        }
        return out;
    }

    /** JSON-mode ValidatingPolicies on a JSON payload. */
    List<EngineResponse> payload(JsonNode data) {
        List<EngineResponse> out = new ArrayList<>();
        for (CelPolicy p : policies) {
            if (p.type() == CelPolicy.Type.VALIDATING && p.jsonMode()) {
                out.addAll(p.evaluate(CelRequest.of(data, null, "CREATE", userInfo, null, Map.of()), data, exceptions,
                        context()));
            }
        }
        return out;
    }
}
