package dev.palisade.rules.recommended.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.KindSelector;
import dev.palisade.core.Match;
import dev.palisade.core.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where workloads run, and how namespaces admit pods. */
final class NamespaceChecks {

    static final String CATEGORY = "Namespaces and admission";
    private static final String PSA = "pod-security.kubernetes.io/";

    /** Namespaced kinds judged for their namespace. */
    static final Match NAMESPACED = Match.ALL.withKinds(List.of(
            new KindSelector(List.of(""), List.of("Pod", "ReplicationController", "Service", "ConfigMap", "Secret",
                    "ServiceAccount", "PersistentVolumeClaim")),
            new KindSelector(List.of("apps", "extensions"), List.of("Deployment", "DaemonSet", "StatefulSet",
                    "ReplicaSet")),
            new KindSelector(List.of("batch"), List.of("Job", "CronJob")),
            new KindSelector(List.of("networking.k8s.io", "extensions"), List.of("Ingress", "NetworkPolicy")),
            new KindSelector(List.of("rbac.authorization.k8s.io"), List.of("Role", "RoleBinding")),
            new KindSelector(List.of("policy"), List.of("PodDisruptionBudget")),
            new KindSelector(List.of("autoscaling"), List.of("HorizontalPodAutoscaler"))));

    private NamespaceChecks() {
    }

    static List<Check> all() {
        return List.of(
                Check.builder("workload-in-default-namespace").category(CATEGORY)
                        .title("Objects should not go to the default namespace")
                        .why("The default namespace has no owner, quota, network policy or Pod Security level of"
                                + " its own, and everything in it shares one default service account.")
                        .fix("Set metadata.namespace to the application's namespace (or let Kustomize/Helm set"
                                + " it).")
                        .standards("cis-k8s:5.7.4", "nsa-cisa:isolation", "owasp-k8s:K04")
                        .match(NAMESPACED)
                        .body((r, ctx, sink) -> {
                            JsonNode ns = r.object().path("metadata").path("namespace");
                            if (isBuiltInDefaultObject(r, ns)) {
                                return;
                            }
                            if (ns.isMissingNode() || ns.asText("").isEmpty()) {
                                sink.report(Support.who(r) + " has no metadata.namespace, so it lands in the"
                                        + " default namespace of whoever applies it", "/metadata");
                            } else if (ns.asText().equals("default")) {
                                sink.report(Support.who(r) + " is in the default namespace", "/metadata/namespace");
                            }
                        }).build(),
                Check.builder("workload-in-system-namespace").category(CATEGORY)
                        .title("Workloads must not run in kube-system or kube-public")
                        .why("kube-system holds the cluster's own components and their privileged service"
                                + " accounts; a workload there shares their trust. kube-public is readable by"
                                + " everyone.")
                        .fix("Move the workload to a namespace of its own.")
                        .standards("nsa-cisa:isolation", "owasp-k8s:K04")
                        .match(NAMESPACED)
                        .body((r, ctx, sink) -> {
                            String ns = r.id().namespace();
                            boolean workload = dev.palisade.core.PodSpecView.hasPodSpec(r.id().group(), r.id().kind());
                            if (workload && (ns.equals("kube-system") || ns.equals("kube-public"))) {
                                sink.report(Support.who(r) + " runs in " + ns, "/metadata/namespace");
                            }
                        }).build(),
                Check.builder("namespace-pss-labels-missing").category(CATEGORY)
                        .title("Namespaces must enforce a Pod Security level")
                        .why("Without a pod-security.kubernetes.io/enforce label a namespace admits privileged pods"
                                + " (unless the cluster's admission configuration says otherwise).")
                        .fix("Label the namespace pod-security.kubernetes.io/enforce: restricted (or baseline), with"
                                + " enforce-version.")
                        .standards("cis-k8s:5.2.1", "nsa-cisa:pod-security", "owasp-k8s:K04")
                        .kinds("", "Namespace")
                        .body((r, ctx, sink) -> {
                            if (Support.SYSTEM_NAMESPACES.contains(r.id().name())) {
                                return;
                            }
                            Map<String, String> labels = r.labels();
                            if (labels.keySet().stream().noneMatch(k -> k.startsWith(PSA))) {
                                sink.report("namespace \"" + r.id().name() + "\" has no pod-security.kubernetes.io"
                                        + " labels", labels.isEmpty() ? "/metadata" : "/metadata/labels");
                            }
                        }).build(),
                Check.builder("namespace-pss-privileged").category(CATEGORY)
                        .title("Namespaces must not enforce the privileged level")
                        .why("enforce: privileged admits every pod, host access and privileged containers"
                                + " included.")
                        .fix("Enforce baseline or restricted; exempt the few system workloads that need more"
                                + " through the admission configuration.")
                        .standards("cis-k8s:5.2.1", "nsa-cisa:pod-security", "owasp-k8s:K04")
                        .kinds("", "Namespace")
                        .body((r, ctx, sink) -> {
                            if (Support.SYSTEM_NAMESPACES.contains(r.id().name())) {
                                return;
                            }
                            if ("privileged".equals(r.labels().get(PSA + "enforce"))) {
                                sink.report("namespace \"" + r.id().name() + "\" enforces the privileged level",
                                        "/metadata/labels/" + Support.escape(PSA + "enforce"));
                            }
                        }).build(),
                Check.builder("namespace-pss-not-enforced").category(CATEGORY)
                        .title("Namespaces should enforce, not only warn or audit")
                        .why("warn and audit report violations but admit the pods; without enforce nothing is"
                                + " blocked.")
                        .fix("Add pod-security.kubernetes.io/enforce with the level you warn on, once the"
                                + " warnings are fixed.")
                        .standards("cis-k8s:5.2.1", "nsa-cisa:pod-security", "owasp-k8s:K04")
                        .kinds("", "Namespace")
                        .body((r, ctx, sink) -> {
                            Map<String, String> labels = r.labels();
                            List<String> modes = new ArrayList<>();
                            for (String mode : List.of("warn", "audit")) {
                                if (labels.containsKey(PSA + mode)) {
                                    modes.add(mode);
                                }
                            }
                            if (!modes.isEmpty() && !labels.containsKey(PSA + "enforce")) {
                                sink.report("namespace \"" + r.id().name() + "\" only " + String.join(" and ", modes)
                                        + "s on Pod Security", "/metadata/labels");
                            }
                        }).build());
    }

    /** The default namespace's own objects: the kubernetes Service and the default ServiceAccount. */
    private static boolean isBuiltInDefaultObject(Resource r, JsonNode ns) {
        boolean inDefault = ns.asText("default").equals("default") || ns.asText("").isEmpty();
        String kind = r.id().kind();
        String name = r.id().name();
        return inDefault && r.id().group().isEmpty() && (kind.equals("Service") && name.equals("kubernetes")
                || kind.equals("ServiceAccount") && name.equals("default"));
    }

    static boolean isWorkload(Resource r) {
        return dev.palisade.core.PodSpecView.hasPodSpec(r.id().group(), r.id().kind());
    }
}
