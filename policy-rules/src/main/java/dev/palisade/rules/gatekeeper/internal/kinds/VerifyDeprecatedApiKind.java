package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * VerifyDeprecatedAPI: the object's {@code apiVersion}/{@code kind} must not be listed as
 * deprecated in {@code kvs}; the message names the {@code targetAPI} unless it is {@code None}.
 */
final class VerifyDeprecatedApiKind extends RegoKind {

    VerifyDeprecatedApiKind() {
        super("VerifyDeprecatedAPI");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode object = input.object();
        JsonNode apiVersion = object.path("apiVersion");
        JsonNode kind = object.path("kind");
        JsonNode version = input.parameters().path("k8sVersion");
        for (JsonNode kvs : RegoValues.elements(input.parameters().path("kvs"))) {
            if (!RegoValues.equal(kvs.path("deprecatedAPI"), apiVersion)) {
                continue;
            }
            for (JsonNode listed : RegoValues.elements(kvs.path("kinds"))) {
                if (!RegoValues.equal(listed, kind)) {
                    continue;
                }
                JsonNode target = kvs.path("targetAPI");
                if ("None".equals(target.textValue())) {
                    violations.sprintf("/apiVersion", "API %v for %v is deprecated in Kubernetes version %v, please see"
                            + " Kubernetes API deprecation guide", kind, apiVersion, version);
                } else {
                    violations.sprintf("/apiVersion", "API %v for %v is deprecated in Kubernetes version %v, please use"
                            + " %v instead", kind, apiVersion, version, target);
                }
            }
        }
    }
}
