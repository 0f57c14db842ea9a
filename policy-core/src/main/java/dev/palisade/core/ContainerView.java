package dev.palisade.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * One container of a pod spec with its JSON pointer, and the pod-level security context it
 * inherits from.
 *
 * @param type init, regular or ephemeral
 * @param index position in its list
 * @param name {@code name} ({@code ""} when absent)
 * @param node the container object
 * @param path JSON pointer of the container object in the resource
 * @param podSecurityContext the pod's {@code securityContext} (a missing node when absent)
 * @param podSpecPath JSON pointer of the pod spec, for paths of inherited fields
 */
public record ContainerView(ContainerType type, int index, String name, JsonNode node, String path,
        JsonNode podSecurityContext, String podSpecPath) {

    private static final Set<String> INHERITED = Set.of("runAsUser", "runAsGroup", "runAsNonRoot",
            "seLinuxOptions", "seccompProfile", "windowsOptions", "appArmorProfile");

    /** {@return the container's own {@code securityContext} (a missing node when absent)} */
    public JsonNode securityContext() {
        return node.path("securityContext");
    }

    /** {@return {@code image} ({@code ""} when absent)} */
    public String image() {
        return node.path("image").asText("");
    }

    /**
     * JSON pointer of a field below the container ({@code "securityContext/privileged"}).
     *
     * @param relative a pointer relative to the container, without leading slash
     * @return the pointer from the document root
     */
    public String pathOf(String relative) {
        return path + "/" + relative;
    }

    /**
     * {@return the effective value of a security-context field: the container's own value when set, else the
     * pod's for fields Kubernetes inherits from the pod security context}
     *
     * @param field a security-context field name, such as {@code runAsNonRoot}
     */
    public Optional<EffectiveField> effectiveSecurityField(String field) {
        JsonNode own = securityContext().path(field);
        if (!own.isMissingNode() && !own.isNull()) {
            return Optional.of(new EffectiveField(own, pathOf("securityContext/" + field), false));
        }
        if (INHERITED.contains(field)) {
            JsonNode inherited = podSecurityContext.path(field);
            if (!inherited.isMissingNode() && !inherited.isNull()) {
                return Optional.of(new EffectiveField(inherited, podSpecPath + "/securityContext/" + field, true));
            }
        }
        return Optional.empty();
    }

    /** A security-context value with where it is set. */
    public record EffectiveField(JsonNode value, String path, boolean inheritedFromPod) {
    }
}
