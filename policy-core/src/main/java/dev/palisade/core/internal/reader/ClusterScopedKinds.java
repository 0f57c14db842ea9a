package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * Which kinds are cluster-scoped, for giving a default namespace to the others as a client applying
 * manifests would (the client asks the API server; offline we know Kubernetes' built-in kinds, the
 * CustomResourceDefinitions in the input, and the convention that custom kinds named
 * {@code Cluster...} or {@code Global...} are cluster-wide). Kinds not known to be cluster-scoped are
 * taken as namespaced. Not thread-safe while CRDs are added.
 */
public final class ClusterScopedKinds {
    private static final Set<String> BUILT_IN = Set.of(
            "/Namespace", "/Node", "/PersistentVolume", "/ComponentStatus",
            "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding",
            "apiextensions.k8s.io/CustomResourceDefinition", "apiregistration.k8s.io/APIService",
            "storage.k8s.io/StorageClass", "storage.k8s.io/CSIDriver", "storage.k8s.io/CSINode",
            "storage.k8s.io/VolumeAttachment", "storage.k8s.io/VolumeAttributesClass",
            "scheduling.k8s.io/PriorityClass",
            "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
            "admissionregistration.k8s.io/MutatingWebhookConfiguration",
            "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
            "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
            "admissionregistration.k8s.io/MutatingAdmissionPolicy",
            "admissionregistration.k8s.io/MutatingAdmissionPolicyBinding",
            "networking.k8s.io/IngressClass", "networking.k8s.io/IPAddress", "networking.k8s.io/ServiceCIDR",
            "node.k8s.io/RuntimeClass", "policy/PodSecurityPolicy",
            "certificates.k8s.io/CertificateSigningRequest", "certificates.k8s.io/ClusterTrustBundle",
            "flowcontrol.apiserver.k8s.io/FlowSchema", "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
            "authentication.k8s.io/TokenReview", "authentication.k8s.io/SelfSubjectReview",
            "authorization.k8s.io/SubjectAccessReview", "authorization.k8s.io/SelfSubjectAccessReview",
            "authorization.k8s.io/SelfSubjectRulesReview", "resource.k8s.io/DeviceClass",
            "resource.k8s.io/ResourceSlice", "internal.apiserver.k8s.io/StorageVersion",
            "templates.gatekeeper.sh/ConstraintTemplate");

    private final Set<String> clusterScoped = new HashSet<>();
    private final Set<String> namespaced = new HashSet<>();

    /** Records the scope a CustomResourceDefinition declares; other objects are ignored. */
    public void add(JsonNode object) {
        if (!object.path("kind").asText("").equals("CustomResourceDefinition")
                || !object.path("apiVersion").asText("").startsWith("apiextensions.k8s.io/")) {
            return;
        }
        JsonNode spec = object.path("spec");
        String key = spec.path("group").asText("") + "/" + spec.path("names").path("kind").asText("");
        if (spec.path("scope").asText("").equals("Cluster")) {
            clusterScoped.add(key);
        } else {
            namespaced.add(key);
        }
    }

    /** Whether objects of the group and kind are cluster-scoped. */
    public boolean isClusterScoped(String group, String kind) {
        String key = group + "/" + kind;
        if (namespaced.contains(key)) {
            return false;
        }
        return clusterScoped.contains(key) || isKnownClusterScoped(group, kind);
    }

    /** Whether the kind is cluster-scoped by what is known without CustomResourceDefinitions. */
    public static boolean isKnownClusterScoped(String group, String kind) {
        if (BUILT_IN.contains(group + "/" + kind) || group.equals("constraints.gatekeeper.sh")) {
            return true;
        }
        boolean builtInGroup = group.isEmpty() || group.endsWith(".k8s.io") || !group.contains(".");
        return !builtInGroup && (kind.startsWith("Cluster") || kind.startsWith("Global"));
    }
}
