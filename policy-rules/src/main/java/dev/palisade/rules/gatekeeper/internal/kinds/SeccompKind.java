package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.ArrayList;
import java.util.List;

/**
 * K8sPSPSeccomp: every container's seccomp profile must be allowed. The profile comes from the
 * container's {@code securityContext.seccompProfile}, else the pod's, else the container's
 * annotation {@code container.seccomp.security.alpha.kubernetes.io/<name>}, else the pod annotation
 * {@code seccomp.security.alpha.kubernetes.io/pod}, else "not configured". Field profiles are
 * translated to annotation names ({@code RuntimeDefault} to {@code runtime/default} or
 * {@code docker/default}, whichever the constraint allows); {@code allowedProfiles} entries without
 * a slash are translated the same way for each of {@code allowedLocalhostFiles}, as the Rego does.
 */
final class SeccompKind extends RegoKind {
    private static final String CONTAINER_ANNOTATION = "container.seccomp.security.alpha.kubernetes.io/";
    private static final String POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
    private final CompiledParameters<Allowed> compiled = new CompiledParameters<>(SeccompKind::allowed);

    /** The allowed profile names, how the message shows them, and what RuntimeDefault reads as. */
    private record Allowed(List<String> names, String shown, String runtimeDefault) {
    }

    private static Allowed allowed(JsonNode params) {
        JsonNode allowedProfiles = params.path("allowedProfiles");
        List<String> names = allowedProfiles(params);
        List<JsonNode> terms = new ArrayList<>();
        names.forEach(a -> terms.add(TextNode.valueOf(a)));
        String runtimeDefault = RegoValues.containsString(allowedProfiles, "runtime/default") ? "runtime/default"
                : RegoValues.containsString(allowedProfiles, "docker/default") ? "docker/default" : "runtime/default";
        return new Allowed(List.copyOf(names), RegoValues.formatTermSet(terms), runtimeDefault);
    }

    SeccompKind() {
        super("K8sPSPSeccomp");
    }

    /** Where a container's profile came from. */
    private record Found(String profile, String location, String pointer) {
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode params = input.parameters();
        JsonNode allowedProfiles = params.path("allowedProfiles");
        if (RegoValues.containsString(allowedProfiles, "*")) {
            return;
        }
        Allowed compiledAllowed = compiled.of(params);
        List<String> allowed = compiledAllowed.names();
        String shown = compiledAllowed.shown();
        String runtimeDefault = compiledAllowed.runtimeDefault();
        JsonNode object = input.object();
        Containers.forEach(object, Containers.ALL, (field, container, pointer) -> {
            JsonNode name = container.path("name");
            if (!name.isTextual() || ExemptImages.isExempt(params, container)) {
                return;
            }
            Found found = profile(object, container, pointer, runtimeDefault);
            if (found == null || allowed(found.profile(), allowed)) {
                return;
            }
            violations.sprintf(found.pointer(), "Seccomp profile '%v' is not allowed for container '%v'. Found at: %v."
                    + " Allowed profiles: %v", found.profile(), name, found.location(), shown);
        });
    }

    private static boolean allowed(String profile, List<String> allowed) {
        return allowed.contains(profile) || (profile.startsWith("localhost/") && allowed.contains("localhost/*"));
    }

    /** {@code get_allowed_profiles}. */
    private static List<String> allowedProfiles(JsonNode params) {
        List<String> allowed = new ArrayList<>();
        for (JsonNode profile : RegoValues.elements(params.path("allowedProfiles"))) {
            if (profile.isTextual()) {
                allowed.add(profile.textValue());
            }
        }
        for (JsonNode profile : RegoValues.elements(params.path("allowedProfiles"))) {
            if (!profile.isTextual() || profile.textValue().contains("/")) {
                continue;
            }
            for (JsonNode file : RegoValues.elements(params.path("allowedLocalhostFiles"))) {
                allowed.addAll(canonical(profile.textValue(), file, ""));
            }
        }
        return allowed;
    }

    /** {@code canonicalize_seccomp_profile}: empty where the Rego is undefined. */
    private static List<String> canonical(String type, JsonNode localhostProfile, String runtimeDefault) {
        return switch (type) {
            case "RuntimeDefault" -> runtimeDefault.isEmpty() ? List.of("runtime/default", "docker/default")
                    : List.of(runtimeDefault);
            case "Localhost" -> localhostProfile.isMissingNode() ? List.of()
                    : List.of("localhost/" + RegoValues.format(localhostProfile));
            case "Unconfined" -> List.of("unconfined");
            default -> List.of();
        };
    }

    /** {@code get_profile}; null where the Rego is undefined. */
    private static Found profile(JsonNode object, JsonNode container, String pointer, String runtimeDefault) {
        JsonNode own = container.path("securityContext").path("seccompProfile");
        if (RegoValues.truthy(own)) {
            return fieldProfile(own, "container securityContext", pointer + "/securityContext/seccompProfile",
                    runtimeDefault);
        }
        JsonNode podProfile = object.path("spec").path("securityContext").path("seccompProfile");
        if (RegoValues.truthy(podProfile)) {
            return fieldProfile(podProfile, "pod securityContext", "/spec/securityContext/seccompProfile",
                    runtimeDefault);
        }
        JsonNode annotations = object.path("metadata").path("annotations");
        String containerKey = CONTAINER_ANNOTATION + container.path("name").textValue();
        if (RegoValues.truthy(annotations.path(containerKey))) {
            return annotationProfile(annotations.path(containerKey), containerKey);
        }
        if (!annotations.path(POD_ANNOTATION).isMissingNode()) {
            return annotationProfile(annotations.path(POD_ANNOTATION), POD_ANNOTATION);
        }
        return new Found("not configured", "no explicit profile found", pointer);
    }

    private static Found fieldProfile(JsonNode profile, String location, String pointer, String runtimeDefault) {
        JsonNode type = profile.path("type");
        List<String> names = type.isTextual() ? canonical(type.textValue(), profile.path("localhostProfile"),
                runtimeDefault) : List.of();
        return names.isEmpty() ? null : new Found(names.get(0), location, pointer);
    }

    private static Found annotationProfile(JsonNode value, String key) {
        return value.isTextual() ? new Found(value.textValue(), "annotation " + key,
                Pointer.field("/metadata/annotations", key)) : null;
    }
}
