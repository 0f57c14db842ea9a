package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.Set;
import java.util.TreeSet;

/** K8sExternalIPs: a core Service's {@code externalIPs} must all be in {@code allowedIPs}. */
final class ExternalIpsKind extends RegoKind {

    ExternalIpsKind() {
        super("K8sExternalIPs");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (!"Service".equals(Review.kind(input)) || !Review.group(input).isEmpty()) {
            return;
        }
        JsonNode allowed = input.parameters().path("allowedIPs");
        Set<String> forbidden = new TreeSet<>();
        for (JsonNode ip : RegoValues.elements(input.object().path("spec").path("externalIPs"))) {
            if (ip.isTextual() && !RegoValues.containsString(allowed, ip.textValue())) {
                forbidden.add(ip.textValue());
            }
        }
        if (!forbidden.isEmpty()) {
            violations.report("service has forbidden external IPs: " + RegoValues.formatSet(forbidden),
                    "/spec/externalIPs");
        }
    }
}
