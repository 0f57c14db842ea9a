package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * K8sHttpsOnly: an Ingress (extensions or networking.k8s.io) must have a non-empty {@code tls}
 * (unless {@code tlsOptional}) and the annotation {@code kubernetes.io/ingress.allow-http: "false"}.
 */
final class HttpsOnlyKind extends RegoKind {
    private static final String ALLOW_HTTP = "kubernetes.io/ingress.allow-http";

    HttpsOnlyKind() {
        super("K8sHttpsOnly");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode ingress = input.object();
        String apiVersion = ingress.path("apiVersion").asText("");
        if (!"Ingress".equals(ingress.path("kind").textValue())
                || !(apiVersion.startsWith("extensions/") || apiVersion.startsWith("networking.k8s.io/"))) {
            return;
        }
        JsonNode name = ingress.path("metadata").path("name");
        boolean annotated = "false".equals(ingress.path("metadata").path("annotations").path(ALLOW_HTTP).textValue());
        boolean tlsOptional = input.parameters().path("tlsOptional").isBoolean()
                && input.parameters().path("tlsOptional").booleanValue();
        if (!tlsOptional && !(hasTls(ingress) && annotated)) {
            violations.sprintf(annotated ? "/spec/tls" : "/metadata/annotations", "Ingress should be https. tls"
                    + " configuration and allow-http=false annotation are required for %v", name);
        }
        if (tlsOptional && !annotated) {
            violations.sprintf("/metadata/annotations",
                    "Ingress should be https. The allow-http=false annotation is required for %v", name);
        }
    }

    private static boolean hasTls(JsonNode ingress) {
        JsonNode tls = ingress.path("spec").path("tls");
        if (!RegoValues.truthy(tls)) {
            return false;
        }
        return tls.isTextual() ? !tls.textValue().isEmpty() : tls.size() > 0;
    }
}
