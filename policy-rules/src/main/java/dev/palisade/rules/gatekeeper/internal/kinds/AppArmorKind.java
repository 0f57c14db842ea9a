package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * K8sPSPAppArmor: every container's AppArmor profile must be in {@code allowedProfiles}. The
 * profile is the container's {@code securityContext.appArmorProfile}, else the beta annotation
 * {@code container.apparmor.security.beta.kubernetes.io/<name>}, else the pod's
 * {@code securityContext.appArmorProfile}, else {@code runtime/default}; field profiles read as
 * {@code runtime/default}, {@code unconfined} or {@code localhost/<profile>}.
 */
final class AppArmorKind extends RegoKind {
    private static final String ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

    AppArmorKind() {
        super("K8sPSPAppArmor");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode pod = input.object();
        JsonNode params = input.parameters();
        JsonNode allowed = params.path("allowedProfiles");
        Containers.forEach(pod, Containers.ALL, (field, container, pointer) -> {
            if (ExemptImages.isExempt(params, container)) {
                return;
            }
            String profile = profile(pod, container);
            if (profile == null || !RegoValues.containsString(allowed, profile)) {
                violations.sprintf(pointer, "AppArmor profile is not allowed, pod: %v, container: %v. Allowed"
                        + " profiles: %v", pod.path("metadata").path("name"), container.path("name"), allowed);
            }
        });
    }

    /** {@code get_apparmor_profile}; null where the Rego is undefined. */
    private static String profile(JsonNode pod, JsonNode container) {
        JsonNode own = container.path("securityContext").path("appArmorProfile");
        if (!own.isMissingNode() && !own.isNull()) {
            return canonical(own);
        }
        JsonNode name = container.path("name");
        if (!name.isMissingNode()) {
            JsonNode annotation = pod.path("metadata").path("annotations").path(ANNOTATION_PREFIX + RegoValues.format(name));
            if (!annotation.isMissingNode()) {
                return annotation.isTextual() ? annotation.textValue() : null;
            }
        }
        JsonNode podProfile = pod.path("spec").path("securityContext").path("appArmorProfile");
        return podProfile.isMissingNode() || podProfile.isNull() ? "runtime/default" : canonical(podProfile);
    }

    private static String canonical(JsonNode profile) {
        String type = profile.path("type").textValue();
        if ("RuntimeDefault".equals(type)) {
            return "runtime/default";
        }
        if ("Unconfined".equals(type)) {
            return "unconfined";
        }
        if ("Localhost".equals(type) && !profile.path("localhostProfile").isMissingNode()) {
            return "localhost/" + RegoValues.format(profile.path("localhostProfile"));
        }
        return null;
    }
}
