package dev.palisade.rules.starter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ContainerType;
import dev.palisade.core.ContainerView;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.FindingSink;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.rules.Severities;
import java.util.ArrayList;
import java.util.List;

/**
 * Containers without CPU and memory limits can starve their neighbours. Ephemeral containers cannot
 * declare resources, so they are not checked.
 */
public final class ResourceLimitsRequired extends ContainerRule {
    /** The policy id. */
    public static final String ID = "resources-limits-required";

    public ResourceLimitsRequired() {
        super(PolicyMetadata.of(ID, "Containers must set CPU and memory limits", Severities.of(ID))
                .withCategory("Resources and reliability")
                .withDescription("Without limits a container can use all of a node's memory or CPU, evicting or"
                        + " slowing every other workload scheduled there.")
                .withRemediation("Set resources.limits.cpu and resources.limits.memory on every container (and"
                        + " requests, which default to the limits).")
                .withHelpUrl("docs/rules/resources-limits-required.md")
                .withTags(java.util.List.of("nsa-cisa:pod-security", "owasp-k8s:K01")),
                Enforcement.of(EnforcementAction.WARN));
    }

    @Override
    void check(ContainerView container, FindingSink sink) {
        if (container.type() == ContainerType.EPHEMERAL) {
            return;
        }
        JsonNode limits = container.node().path("resources").path("limits");
        List<String> missing = new ArrayList<>(2);
        for (String resource : List.of("cpu", "memory")) {
            JsonNode value = limits.path(resource);
            if (value.isMissingNode() || value.isNull() || value.asText().isEmpty()) {
                missing.add(resource);
            }
        }
        if (!missing.isEmpty()) {
            sink.report(describe(container) + " has no " + String.join(" or ", missing) + " limit",
                    container.pathOf("resources/limits"));
        }
    }
}
