package dev.palisade.rules.starter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ContainerView;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.FindingSink;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.rules.Severities;

/** Privileged containers have every capability and full access to the host's devices. */
public final class NoPrivilegedContainers extends ContainerRule {
    /** The policy id. */
    public static final String ID = "no-privileged-containers";

    public NoPrivilegedContainers() {
        super(PolicyMetadata.of(ID, "Containers must not run privileged", Severities.of("privileged-container"))
                .withCategory("Workload security")
                .withDescription("A privileged container runs with all Linux capabilities and access to every host"
                        + " device; escaping it to the node is trivial.")
                .withRemediation("Remove securityContext.privileged (or set it to false) and grant only the"
                        + " capabilities the process needs under securityContext.capabilities.add.")
                .withHelpUrl("docs/rules/no-privileged-containers.md")
                .withTags(java.util.List.of("security", "cis-k8s:5.2.2", "nsa-cisa:pod-security", "owasp-k8s:K01",
                        "pss:baseline")),
                Enforcement.of(EnforcementAction.DENY));
    }

    @Override
    void check(ContainerView container, FindingSink sink) {
        JsonNode privileged = container.securityContext().path("privileged");
        if (privileged.isBoolean() && privileged.booleanValue()) {
            sink.report(describe(container) + " must not set securityContext.privileged to true",
                    container.pathOf("securityContext/privileged"));
        }
    }
}
