package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * K8sPSPHostNetworkingPorts: the pod must not use {@code hostNetwork} unless the constraint's
 * {@code hostNetwork} allows it, and no non-exempt container's {@code hostPort} may lie outside
 * {@code [min, max]}. One message for the whole pod, as the Rego produces.
 */
final class HostNetworkingPortsKind extends RegoKind {

    HostNetworkingPortsKind() {
        super("K8sPSPHostNetworkingPorts");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (Review.isUpdate(input)) {
            return;
        }
        JsonNode object = input.object();
        JsonNode params = input.parameters();
        String[] pointer = {""};
        if (!RegoValues.truthy(params.path("hostNetwork")) && RegoValues.truthy(object.path("spec").path("hostNetwork"))) {
            pointer[0] = "/spec/hostNetwork";
        }
        Containers.forEach(object, Containers.ALL, (field, container, at) -> {
            if (!pointer[0].isEmpty() || ExemptImages.isExempt(params, container)) {
                return;
            }
            JsonNode ports = container.path("ports");
            for (int i = 0; ports.isArray() && i < ports.size(); i++) {
                JsonNode hostPort = ports.get(i).path("hostPort");
                if (RegoValues.greater(params.path("min"), hostPort) || RegoValues.greater(hostPort, params.path("max"))) {
                    pointer[0] = at + "/ports/" + i + "/hostPort";
                    return;
                }
            }
        });
        if (!pointer[0].isEmpty()) {
            violations.sprintf(pointer[0], "The specified hostNetwork and hostPort are not allowed, pod: %v. Allowed"
                    + " values: %v", object.path("metadata").path("name"), params);
        }
    }
}
