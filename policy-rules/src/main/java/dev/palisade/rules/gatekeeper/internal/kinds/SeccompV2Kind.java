package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.ArrayList;
import java.util.List;

/**
 * K8sPSPSeccompV2: every container's {@code seccompProfile.type} (its own, else the pod's) must be
 * in {@code allowedProfiles}; a {@code Localhost} profile's file must be in
 * {@code allowedLocalhostFiles} ({@code *} allows any). Annotations are not read.
 */
final class SeccompV2Kind extends RegoKind {
    private static final JsonNode EMPTY_FILE_LIST = JsonNodeFactory.instance.arrayNode().add("");
    private final CompiledParameters<Allowed> compiled = new CompiledParameters<>(params -> {
        List<JsonNode> profiles = allowedProfiles(params);
        return new Allowed(List.copyOf(profiles), RegoValues.formatTermSet(profiles));
    });

    /** The allowed profile entries and how the message shows them. */
    private record Allowed(List<JsonNode> profiles, String shown) {
    }

    SeccompV2Kind() {
        super("K8sPSPSeccompV2");
    }

    /** Where a container's profile came from. */
    private record Found(JsonNode profile, JsonNode file, String location, String pointer) {
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode params = input.parameters();
        if (RegoValues.containsString(params.path("allowedProfiles"), "*")) {
            return;
        }
        Allowed compiledAllowed = compiled.of(params);
        List<JsonNode> allowed = compiledAllowed.profiles();
        String shown = compiledAllowed.shown();
        boolean anyFile = RegoValues.containsString(params.path("allowedLocalhostFiles"), "*");
        JsonNode object = input.object();
        Containers.forEach(object, Containers.ALL, (field, container, pointer) -> {
            JsonNode name = container.path("name");
            if (!name.isTextual() || ExemptImages.isExempt(params, container)) {
                return;
            }
            Found found = profile(object, container, pointer);
            if (found == null || allowed(found, allowed, anyFile)) {
                return;
            }
            if ("Localhost".equals(found.profile().textValue())) {
                violations.sprintf(found.pointer(), "Seccomp profile '%v' with file '%v' is not allowed for container"
                        + " '%v'. Found at: %v. Allowed profiles: %v", found.profile(), found.file(), name,
                        found.location(), shown);
            } else {
                violations.sprintf(found.pointer(), "Seccomp profile '%v' is not allowed for container '%v'. Found at:"
                        + " %v. Allowed profiles: %v", found.profile(), name, found.location(), shown);
            }
        });
    }

    private static boolean allowed(Found found, List<JsonNode> allowed, boolean anyFile) {
        boolean localhost = "Localhost".equals(found.profile().textValue());
        if (localhost && anyFile) {
            return true;
        }
        for (JsonNode entry : allowed) {
            if (!localhost && RegoValues.equal(entry.path("type"), found.profile())) {
                return true;
            }
            if (localhost && "Localhost".equals(entry.path("type").textValue())
                    && RegoValues.equal(found.file(), entry.path("localHostProfile"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code get_allowed_profiles}: {@code {"type": p}}, or one Localhost entry per allowed file. */
    private static List<JsonNode> allowedProfiles(JsonNode params) {
        List<JsonNode> allowed = new ArrayList<>();
        JsonNode files = params.has("allowedLocalhostFiles") ? params.get("allowedLocalhostFiles") : EMPTY_FILE_LIST;
        for (JsonNode profile : RegoValues.elements(params.path("allowedProfiles"))) {
            if (!"Localhost".equals(profile.textValue())) {
                ObjectNode entry = JsonNodeFactory.instance.objectNode();
                entry.set("type", profile);
                allowed.add(entry);
                continue;
            }
            for (JsonNode file : RegoValues.elements(files)) {
                ObjectNode entry = JsonNodeFactory.instance.objectNode();
                entry.put("type", "Localhost");
                entry.set("localHostProfile", file);
                allowed.add(entry);
            }
        }
        return allowed;
    }

    /** {@code get_profile}; null where the Rego is undefined. */
    private static Found profile(JsonNode object, JsonNode container, String pointer) {
        JsonNode own = container.path("securityContext").path("seccompProfile");
        if (RegoValues.truthy(own)) {
            return fieldProfile(own, "container securityContext", pointer + "/securityContext/seccompProfile");
        }
        JsonNode podProfile = object.path("spec").path("securityContext").path("seccompProfile");
        if (!podProfile.isMissingNode()) {
            Found found = fieldProfile(podProfile, "pod securityContext", "/spec/securityContext/seccompProfile");
            if (found != null || RegoValues.truthy(podProfile)) {
                return found;
            }
        }
        return new Found(TextNode.valueOf("not configured"), TextNode.valueOf(""), "no explicit profile found", pointer);
    }

    private static Found fieldProfile(JsonNode profile, String location, String pointer) {
        JsonNode type = profile.path("type");
        if (type.isMissingNode()) {
            return null;
        }
        JsonNode file = profile.has("localhostProfile") ? profile.get("localhostProfile") : TextNode.valueOf("");
        return new Found(type, file, location, pointer);
    }
}
