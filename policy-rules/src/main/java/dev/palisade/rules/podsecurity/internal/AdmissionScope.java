package dev.palisade.rules.podsecurity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.Resource;
import java.util.Optional;
import java.util.Set;

/**
 * Which admission requests Pod Security Admission evaluates: the operation, the subresource and,
 * for Pod updates, whether the update is significant. Objects without a request (files, audits) are
 * always evaluated.
 */
final class AdmissionScope {

    private static final Set<String> IGNORED_POD_SUBRESOURCES = Set.of("exec", "attach", "binding", "eviction",
            "log", "portforward", "proxy", "status");

    private AdmissionScope() {
    }

    /** Whether a Pod request is evaluated. */
    static boolean evaluatesPod(Resource pod) {
        Optional<AdmissionRequest> request = pod.request();
        if (request.isEmpty()) {
            return true;
        }
        if (!isCreateOrUpdate(request.get())) {
            return false;
        }
        if (IGNORED_POD_SUBRESOURCES.contains(subResource(request.get()))) {
            return false;
        }
        Optional<JsonNode> old = request.get().oldObject();
        return !request.get().operation().equals("UPDATE") || old.isEmpty()
                || isSignificantUpdate(pod.object().path("spec"), old.get().path("spec"));
    }

    /** Whether a controller request is evaluated: CREATE or UPDATE of the object itself. */
    static boolean evaluatesController(Resource controller) {
        Optional<AdmissionRequest> request = controller.request();
        return request.isEmpty() || isCreateOrUpdate(request.get()) && subResource(request.get()).isEmpty();
    }

    private static boolean isCreateOrUpdate(AdmissionRequest request) {
        return request.operation().equals("CREATE") || request.operation().equals("UPDATE");
    }

    private static String subResource(AdmissionRequest request) {
        return Fields.text(request.raw().path("subResource"));
    }

    /**
     * A container or init container added or removed, an image changed (by index), or an ephemeral
     * container added or its image changed (by name).
     */
    static boolean isSignificantUpdate(JsonNode spec, JsonNode oldSpec) {
        for (String list : new String[] {"containers", "initContainers"}) {
            JsonNode now = spec.path(list);
            JsonNode before = oldSpec.path(list);
            if (now.size() != before.size()) {
                return true;
            }
            for (int i = 0; i < now.size(); i++) {
                if (!image(now.get(i)).equals(image(before.get(i)))) {
                    return true;
                }
            }
        }
        for (JsonNode ephemeral : spec.path("ephemeralContainers")) {
            Optional<JsonNode> previous = byName(oldSpec.path("ephemeralContainers"), Fields.text(ephemeral.path("name")));
            if (previous.isEmpty() || !image(ephemeral).equals(image(previous.get()))) {
                return true;
            }
        }
        return false;
    }

    private static String image(JsonNode container) {
        return Fields.text(container.path("image"));
    }

    private static Optional<JsonNode> byName(JsonNode containers, String name) {
        for (JsonNode container : containers) {
            if (Fields.text(container.path("name")).equals(name)) {
                return Optional.of(container);
            }
        }
        return Optional.empty();
    }
}
