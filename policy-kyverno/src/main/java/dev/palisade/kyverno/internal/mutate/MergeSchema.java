package dev.palisade.kyverno.internal.mutate;

import java.util.List;
import java.util.Map;

/**
 * The strategic-merge schema of the Kubernetes core types that Kyverno's mutations meet: which
 * lists merge element by element and by which keys ({@code x-kubernetes-patch-merge-key} and
 * {@code x-kubernetes-list-map-keys} of the built-in OpenAPI that kustomize's merge uses), and the
 * types of nested fields. Objects of other kinds (custom resources) have no schema: their lists
 * are replaced, as kustomize does.
 */
final class MergeSchema {

    /**
     * A type: its fields' types, and for a list, how its elements merge.
     *
     * @param fields nested field → type
     * @param mergeKeys for an associative list, the keys identifying an element ({@code [""]} for a
     *     list of scalars); empty for a list that is replaced
     * @param elements the type of a list's elements, or null
     */
    record Type(Map<String, Type> fields, List<String> mergeKeys, Type elements) {
        static Type object(Map<String, Type> fields) {
            return new Type(fields, List.of(), null);
        }

        static Type mergedList(List<String> keys, Type elements) {
            return new Type(Map.of(), keys, elements);
        }

        Type field(String name) {
            return fields.get(name);
        }

        boolean associative() {
            return !mergeKeys.isEmpty();
        }
    }

    private static final Type LEAF = Type.object(Map.of());
    private static final Type OBJECT_META = Type.object(Map.of(
            "finalizers", Type.mergedList(List.of(""), LEAF),
            "ownerReferences", Type.mergedList(List.of("uid"), LEAF)));
    private static final Type CONTAINER = Type.object(Map.of(
            "ports", Type.mergedList(List.of("containerPort", "protocol"), LEAF),
            "env", Type.mergedList(List.of("name"), LEAF),
            "volumeMounts", Type.mergedList(List.of("mountPath"), LEAF),
            "volumeDevices", Type.mergedList(List.of("devicePath"), LEAF)));
    private static final Type POD_SPEC = Type.object(Map.of(
            "containers", Type.mergedList(List.of("name"), CONTAINER),
            "initContainers", Type.mergedList(List.of("name"), CONTAINER),
            "ephemeralContainers", Type.mergedList(List.of("name"), CONTAINER),
            "volumes", Type.mergedList(List.of("name"), LEAF),
            "imagePullSecrets", Type.mergedList(List.of("name"), LEAF),
            "hostAliases", Type.mergedList(List.of("ip"), LEAF),
            "topologySpreadConstraints", Type.mergedList(List.of("topologyKey", "whenUnsatisfiable"), LEAF),
            "schedulingGates", Type.mergedList(List.of("name"), LEAF),
            "resourceClaims", Type.mergedList(List.of("name"), LEAF)));
    private static final Type POD_TEMPLATE = Type.object(Map.of("metadata", OBJECT_META, "spec", POD_SPEC));
    private static final Type POD = Type.object(Map.of("metadata", OBJECT_META, "spec", POD_SPEC));
    private static final Type WORKLOAD = Type.object(Map.of("metadata", OBJECT_META,
            "spec", Type.object(Map.of("template", POD_TEMPLATE))));
    private static final Type JOB_TEMPLATE = Type.object(Map.of("metadata", OBJECT_META,
            "spec", Type.object(Map.of("template", POD_TEMPLATE))));
    private static final Type CRON_JOB = Type.object(Map.of("metadata", OBJECT_META,
            "spec", Type.object(Map.of("jobTemplate", JOB_TEMPLATE))));
    private static final Type SERVICE = Type.object(Map.of("metadata", OBJECT_META,
            "spec", Type.object(Map.of("ports", Type.mergedList(List.of("port", "protocol"), LEAF)))));
    private static final Type SERVICE_ACCOUNT = Type.object(Map.of("metadata", OBJECT_META,
            "secrets", Type.mergedList(List.of("name"), LEAF),
            "imagePullSecrets", Type.mergedList(List.of("name"), LEAF)));
    private static final Type PLAIN = Type.object(Map.of("metadata", OBJECT_META));
    private static final Type POD_TEMPLATE_OBJECT = Type.object(Map.of("metadata", OBJECT_META,
            "template", POD_TEMPLATE));

    private static final Map<String, Type> BY_KIND = Map.ofEntries(
            Map.entry("v1/Pod", POD),
            Map.entry("v1/PodTemplate", POD_TEMPLATE_OBJECT),
            Map.entry("v1/ReplicationController", WORKLOAD),
            Map.entry("apps/v1/Deployment", WORKLOAD),
            Map.entry("apps/v1/DaemonSet", WORKLOAD),
            Map.entry("apps/v1/StatefulSet", WORKLOAD),
            Map.entry("apps/v1/ReplicaSet", WORKLOAD),
            Map.entry("batch/v1/Job", WORKLOAD),
            Map.entry("batch/v1/CronJob", CRON_JOB),
            Map.entry("batch/v1beta1/CronJob", CRON_JOB),
            Map.entry("v1/Service", SERVICE),
            Map.entry("v1/ServiceAccount", SERVICE_ACCOUNT),
            Map.entry("v1/Namespace", PLAIN),
            Map.entry("v1/ConfigMap", PLAIN),
            Map.entry("v1/Secret", PLAIN),
            Map.entry("v1/PersistentVolumeClaim", PLAIN),
            Map.entry("v1/PersistentVolume", PLAIN),
            Map.entry("v1/LimitRange", PLAIN),
            Map.entry("v1/ResourceQuota", PLAIN),
            Map.entry("v1/Node", PLAIN),
            Map.entry("v1/Endpoints", PLAIN),
            Map.entry("networking.k8s.io/v1/Ingress", PLAIN),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", PLAIN),
            Map.entry("rbac.authorization.k8s.io/v1/Role", PLAIN),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", PLAIN),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", PLAIN),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", PLAIN),
            Map.entry("policy/v1/PodDisruptionBudget", PLAIN),
            Map.entry("autoscaling/v1/HorizontalPodAutoscaler", PLAIN),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", PLAIN),
            Map.entry("storage.k8s.io/v1/StorageClass", PLAIN));

    private MergeSchema() {
    }

    /** The schema of a resource type, or null when it is not a known built-in type. */
    static Type forResource(String apiVersion, String kind) {
        return BY_KIND.get(apiVersion + "/" + kind);
    }
}
