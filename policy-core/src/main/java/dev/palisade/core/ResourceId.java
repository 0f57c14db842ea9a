package dev.palisade.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.internal.reader.ClusterScopedKinds;
import java.util.Objects;

/**
 * Identity of a Kubernetes object. Empty strings stand for absent parts: the core API group is
 * {@code ""}, cluster-scoped objects have namespace {@code ""}, and an object with only
 * {@code generateName} has name {@code ""}.
 */
public record ResourceId(String group, String version, String kind, String namespace, String name) {

    /**
     * Checks that every part is present (empty strings for absent ones).
     *
     * @param group the API group; {@code ""} for the core group
     * @param version the API version
     * @param kind the kind
     * @param namespace the namespace; {@code ""} for cluster-scoped objects
     * @param name the name; {@code ""} when the object has only {@code generateName}
     */
    public ResourceId {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Reads the identity from an object's {@code apiVersion}, {@code kind} and {@code metadata}.
     *
     * @param object the object, as JSON
     * @return its identity
     */
    public static ResourceId of(JsonNode object) {
        String apiVersion = text(object.path("apiVersion"));
        int slash = apiVersion.lastIndexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        JsonNode metadata = object.path("metadata");
        return new ResourceId(group, version, text(object.path("kind")),
                text(metadata.path("namespace")), text(metadata.path("name")));
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : "";
    }

    /** {@return {@code group/version}, or just {@code version} for the core group} */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@return whether the object carries a namespace} */
    public boolean isNamespaced() {
        return !namespace.isEmpty();
    }

    /**
     * {@return the namespace as reports group by it: the namespace, {@code (cluster)} for a
     * cluster-scoped kind, or {@code (no namespace)} for a namespaced object that names none (as a
     * rendered chart's objects without {@code --namespace})}
     */
    public String namespaceGroup() {
        if (!namespace.isEmpty()) {
            return namespace;
        }
        return ClusterScopedKinds.isKnownClusterScoped(group, kind) ? "(cluster)" : "(no namespace)";
    }

    /** {@return {@code Kind namespace/name} or {@code Kind name}, as users read it} */
    public String display() {
        String who = name.isEmpty() ? "<unnamed>" : name;
        return kind + " " + (namespace.isEmpty() ? who : namespace + "/" + who);
    }
}
