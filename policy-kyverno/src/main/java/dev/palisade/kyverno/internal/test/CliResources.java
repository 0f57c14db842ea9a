package dev.palisade.kyverno.internal.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * How Kyverno's CLI reads a resource file ({@code YamlToUnstructured}): a resource without a
 * namespace is put in {@code default} unless its kind is cluster-scoped (by the built-in API
 * discovery data Kyverno ships), and map fields written empty ({@code labels:}) become empty maps.
 */
final class CliResources {
    /** Cluster-scoped built-in kinds by API group, as Kyverno's discovery data lists them. */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "/ComponentStatus", "/Namespace", "/Node", "/PersistentVolume",
            "admissionregistration.k8s.io/MutatingWebhookConfiguration",
            "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
            "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
            "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
            "apiextensions.k8s.io/CustomResourceDefinition", "apiregistration.k8s.io/APIService",
            "authentication.k8s.io/SelfSubjectReview", "authentication.k8s.io/TokenReview",
            "authorization.k8s.io/SelfSubjectAccessReview", "authorization.k8s.io/SelfSubjectRulesReview",
            "authorization.k8s.io/SubjectAccessReview", "certificates.k8s.io/CertificateSigningRequest",
            "flowcontrol.apiserver.k8s.io/FlowSchema", "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
            "networking.k8s.io/IPAddress", "networking.k8s.io/IngressClass", "networking.k8s.io/ServiceCIDR",
            "node.k8s.io/RuntimeClass", "rbac.authorization.k8s.io/ClusterRole",
            "rbac.authorization.k8s.io/ClusterRoleBinding", "resource.k8s.io/DeviceClass",
            "resource.k8s.io/ResourceSlice", "scheduling.k8s.io/PriorityClass", "storage.k8s.io/CSIDriver",
            "storage.k8s.io/CSINode", "storage.k8s.io/StorageClass", "storage.k8s.io/VolumeAttachment",
            "storage.k8s.io/VolumeAttributesClass", "kyverno.io/ClusterPolicy", "kyverno.io/ClusterCleanupPolicy");
    private static final Set<String> MAP_FIELDS = Set.of("annotations", "labels", "matchLabels", "nodeSelector",
            "data", "stringData");

    private CliResources() {
    }

    /** The resource as Kyverno's CLI reads it (a copy). */
    static JsonNode normalize(JsonNode resource) {
        if (!(resource instanceof ObjectNode object)) {
            return resource;
        }
        ObjectNode copy = object.deepCopy();
        normalizeNilMaps(copy);
        String apiVersion = copy.path("apiVersion").asText("");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        JsonNode metadata = copy.get("metadata");
        boolean hasNamespace = metadata != null && metadata.path("namespace").isTextual()
                && !metadata.path("namespace").asText().isEmpty();
        if (!hasNamespace && !CLUSTER_SCOPED.contains(group + "/" + copy.path("kind").asText(""))) {
            ObjectNode m = metadata instanceof ObjectNode o ? o : copy.putObject("metadata");
            m.put("namespace", "default");
        }
        return copy;
    }

    private static void normalizeNilMaps(ObjectNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull() && MAP_FIELDS.contains(e.getKey())) {
                e.setValue(node.objectNode());
            } else if (e.getValue() instanceof ObjectNode child) {
                normalizeNilMaps(child);
            } else if (e.getValue().isArray()) {
                for (JsonNode item : e.getValue()) {
                    if (item instanceof ObjectNode child) {
                        normalizeNilMaps(child);
                    }
                }
            }
        }
    }
}
