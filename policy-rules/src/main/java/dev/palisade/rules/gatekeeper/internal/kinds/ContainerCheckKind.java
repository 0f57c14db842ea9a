package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.Locale;

/**
 * Pod-security kinds that judge each container of {@code containers}, {@code initContainers} and
 * {@code ephemeralContainers} on its own (exempt images skipped; skipped on UPDATE): privileged,
 * privilege escalation, read-only root filesystem, proc mount, host probes and lifecycle hooks.
 */
final class ContainerCheckKind extends RegoKind {

    /** Judges one non-exempt container. */
    @FunctionalInterface
    interface Check {
        void check(JsonNode params, JsonNode container, String pointer, Violations violations);
    }

    private static final String[] PROBES = {"livenessProbe", "readinessProbe", "startupProbe"};
    private static final String[] HOOKS = {"postStart", "preStop"};
    private static final String[] HANDLERS = {"httpGet", "tcpSocket"};

    private final Check check;

    private ContainerCheckKind(String kind, Check check) {
        super(kind);
        this.check = check;
    }

    /** K8sPSPPrivilegedContainer: {@code securityContext.privileged} must not be set. */
    static ContainerCheckKind privileged() {
        return new ContainerCheckKind("K8sPSPPrivilegedContainer", (params, container, pointer, violations) -> {
            JsonNode context = container.path("securityContext");
            if (RegoValues.truthy(context.path("privileged"))) {
                violations.sprintf(pointer + "/securityContext/privileged",
                        "Privileged container is not allowed: %v, securityContext: %v", container.path("name"), context);
            }
        });
    }

    /** K8sPSPAllowPrivilegeEscalationContainer: {@code allowPrivilegeEscalation} must be {@code false}. */
    static ContainerCheckKind allowPrivilegeEscalation() {
        return new ContainerCheckKind("K8sPSPAllowPrivilegeEscalationContainer", (params, container, pointer, v) -> {
            JsonNode value = container.path("securityContext").path("allowPrivilegeEscalation");
            if (!(value.isBoolean() && !value.booleanValue())) {
                v.sprintf(pointer + "/securityContext/allowPrivilegeEscalation",
                        "Privilege escalation container is not allowed: %v", container.path("name"));
            }
        });
    }

    /** K8sPSPReadOnlyRootFilesystem: {@code readOnlyRootFilesystem} must be {@code true}. */
    static ContainerCheckKind readOnlyRootFilesystem() {
        return new ContainerCheckKind("K8sPSPReadOnlyRootFilesystem", (params, container, pointer, v) -> {
            JsonNode value = container.path("securityContext").path("readOnlyRootFilesystem");
            if (!(value.isBoolean() && value.booleanValue())) {
                v.sprintf(pointer + "/securityContext/readOnlyRootFilesystem",
                        "only read-only root filesystem container is allowed: %v", container.path("name"));
            }
        });
    }

    /**
     * K8sPSPProcMount: a container that sets {@code procMount} must use {@code Default} unless the
     * constraint's {@code procMount} is {@code Unmasked} (case-insensitive; anything else means Default).
     */
    static ContainerCheckKind procMount() {
        return new ContainerCheckKind("K8sPSPProcMount", (params, container, pointer, v) -> {
            JsonNode value = container.path("securityContext").path("procMount");
            if (value.isMissingNode() || value.isNull()) {
                return;
            }
            String allowed = allowedProcMount(params.path("procMount"));
            boolean ok = allowed.equals("unmasked")
                    || (value.isTextual() && value.textValue().toLowerCase(Locale.ROOT).equals("default"));
            if (!ok) {
                v.sprintf(pointer + "/securityContext/procMount",
                        "ProcMount type is not allowed, container: %v. Allowed procMount types: %v",
                        container.path("name"), allowed);
            }
        });
    }

    private static String allowedProcMount(JsonNode parameter) {
        if (parameter.isTextual()) {
            String lower = parameter.textValue().toLowerCase(Locale.ROOT);
            if (lower.equals("default") || lower.equals("unmasked")) {
                return lower;
            }
        }
        return "default";
    }

    /** K8sPSPHostProbesLifecycle: probes and lifecycle hooks must not set an {@code httpGet}/{@code tcpSocket} host. */
    static ContainerCheckKind hostProbesLifecycle() {
        return new ContainerCheckKind("K8sPSPHostProbesLifecycle", (params, container, pointer, v) -> {
            for (String probe : PROBES) {
                reportHosts(container.path(probe), pointer + "/" + probe, "probe", container, v);
            }
            for (String hook : HOOKS) {
                reportHosts(container.path("lifecycle").path(hook), pointer + "/lifecycle/" + hook, "lifecycle hook",
                        container, v);
            }
        });
    }

    private static void reportHosts(JsonNode handlerOwner, String pointer, String what, JsonNode container,
            Violations violations) {
        for (String handler : HANDLERS) {
            JsonNode host = handlerOwner.path(handler).path("host");
            if (!host.isMissingNode() && !(host.isTextual() && host.textValue().isEmpty())) {
                violations.sprintf(pointer + "/" + handler + "/host", "Container %v has " + what
                        + " with host field set: %v", container.path("name"), host);
            }
        }
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (Review.isUpdate(input)) {
            return;
        }
        JsonNode params = input.parameters();
        Containers.forEach(input.object(), Containers.ALL, (field, container, pointer) -> {
            if (!ExemptImages.isExempt(params, container)) {
                check.check(params, container, pointer, violations);
            }
        });
    }
}
