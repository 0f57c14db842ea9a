package dev.palisade.rules.recommended.internal;

import static dev.palisade.rules.recommended.internal.Support.describe;
import static dev.palisade.rules.recommended.internal.Support.hasInventory;
import static dev.palisade.rules.recommended.internal.Support.namespaceOf;
import static dev.palisade.rules.recommended.internal.Support.nearest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ContainerType;
import dev.palisade.core.ContainerView;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.Inventory;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Resource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Resources, probes, availability and images. */
final class ReliabilityChecks {

    static final String RESOURCES = "Resources and reliability";
    static final String IMAGES = "Images";
    private static final Set<String> BATCH = Set.of("Job", "CronJob");

    private ReliabilityChecks() {
    }

    static List<Check> all() {
        return List.of(
                resourceCheck("cpu-requests-missing", "requests", "cpu", "Containers should request CPU",
                        "Without a CPU request the scheduler places the pod as if it needed nothing, and under"
                                + " contention it gets the smallest share."),
                resourceCheck("memory-requests-missing", "requests", "memory", "Containers should request memory",
                        "Without a memory request the scheduler overcommits nodes, and the pod is the first to be"
                                + " evicted under memory pressure."),
                resourceCheck("cpu-limits-missing", "limits", "cpu", "Containers should limit CPU",
                        "Without a CPU limit one container can take every core of its node."),
                resourceCheck("memory-limits-missing", "limits", "memory", "Containers must limit memory",
                        "Without a memory limit a leak exhausts the node's memory and the kernel kills"
                                + " neighbouring workloads."),
                Check.builder("ephemeral-storage-missing").category(RESOURCES).opinionated()
                        .title("Containers should request and limit ephemeral storage")
                        .why("Logs, emptyDir volumes and writable layers share the node's disk; without limits one"
                                + " pod can fill it and get every pod on the node evicted.")
                        .fix("Set resources.requests.ephemeral-storage and resources.limits.ephemeral-storage.")
                        .standards("owasp-k8s:K01")
                        .containers((r, pod, c, ctx, sink) -> {
                            if (c.type() == ContainerType.EPHEMERAL) {
                                return;
                            }
                            for (String kind : List.of("requests", "limits")) {
                                if (!has(c, kind, "ephemeral-storage")
                                        && !limitRangeDefault(r, ctx, kind, "ephemeral-storage")) {
                                    sink.report(describe(c) + " has no ephemeral-storage " + kind.substring(0,
                                            kind.length() - 1), nearest(r, c.pathOf("resources/" + kind)));
                                }
                            }
                        }).build(),
                probeCheck("liveness-probe-missing", "livenessProbe", "Containers should have a liveness probe",
                        "Without a liveness probe a deadlocked process keeps its pod Running and is never"
                                + " restarted."),
                probeCheck("readiness-probe-missing", "readinessProbe", "Containers should have a readiness probe",
                        "Without a readiness probe a Service sends traffic to the pod before it can serve and while"
                                + " it is overloaded."),
                Check.builder("identical-probes").category(RESOURCES)
                        .title("Liveness and readiness probes must differ")
                        .why("When the liveness probe is the readiness probe, a pod that is only busy is killed"
                                + " instead of taken out of rotation, which turns load into restarts.")
                        .fix("Make the liveness probe cheaper or more tolerant (a higher failureThreshold, another"
                                + " endpoint) than the readiness probe.")
                        .standards("owasp-k8s:K01")
                        .containers((r, pod, c, ctx, sink) -> {
                            JsonNode live = c.node().path("livenessProbe");
                            JsonNode ready = c.node().path("readinessProbe");
                            if (live.isObject() && live.equals(ready)) {
                                sink.report(describe(c) + " uses the same probe for liveness and readiness",
                                        c.pathOf("livenessProbe"));
                            }
                        }).build(),
                Check.builder("single-replica-without-pdb").category(RESOURCES)
                        .title("A single-replica Deployment needs a PodDisruptionBudget or more replicas")
                        .why("A Deployment with one replica and no PodDisruptionBudget goes down at every node"
                                + " drain and upgrade.")
                        .fix("Run at least two replicas, with a PodDisruptionBudget (maxUnavailable: 1).")
                        .standards("owasp-k8s:K01")
                        .kinds("apps", "Deployment")
                        .body(ReliabilityChecks::singleReplica).build(),
                Check.builder("pdb-allows-no-disruption").category(RESOURCES)
                        .title("PodDisruptionBudgets must allow a disruption")
                        .why("A budget of maxUnavailable 0, or minAvailable equal to all replicas, blocks every"
                                + " node drain: cluster upgrades stall until someone deletes it.")
                        .fix("Set maxUnavailable: 1 (or a minAvailable below the replica count).")
                        .standards("owasp-k8s:K01")
                        .kinds("policy", "PodDisruptionBudget")
                        .body(ReliabilityChecks::pdbNoDisruption).build(),
                Check.builder("no-anti-affinity").category(RESOURCES).opinionated()
                        .title("Replicated workloads should spread across nodes")
                        .why("Without pod anti-affinity or topology spread constraints every replica may land on"
                                + " the same node, and one node failure takes them all.")
                        .fix("Add topologySpreadConstraints (topologyKey kubernetes.io/hostname or a zone) or a"
                                + " preferred podAntiAffinity on the pod template.")
                        .standards("owasp-k8s:K01")
                        .kinds("apps", "Deployment", "StatefulSet")
                        .body((r, ctx, sink) -> {
                            JsonNode replicas = r.object().path("spec").path("replicas");
                            if (!replicas.canConvertToInt() || replicas.asInt() < 2) {
                                return;
                            }
                            PodSpecView.of(r).ifPresent(pod -> {
                                boolean anti = pod.spec().path("affinity").path("podAntiAffinity").isObject();
                                boolean spread = pod.spec().path("topologySpreadConstraints").size() > 0;
                                if (!anti && !spread) {
                                    sink.report(Support.who(r) + " runs " + replicas.asInt() + " replicas with"
                                            + " neither podAntiAffinity nor topologySpreadConstraints",
                                            pod.specPath());
                                }
                            });
                        }).build(),
                Check.builder("naked-pod").category(RESOURCES)
                        .title("Pods should be managed by a controller")
                        .why("A Pod without a controller is not rescheduled when its node fails, nor replaced when"
                                + " it is evicted.")
                        .fix("Run it as a Deployment, StatefulSet, DaemonSet or Job.")
                        .standards("owasp-k8s:K01")
                        .kinds("", "Pod")
                        .body((r, ctx, sink) -> {
                            if (r.object().path("metadata").path("ownerReferences").size() == 0) {
                                sink.report("Pod \"" + r.id().name() + "\" has no controller", "/metadata");
                            }
                        }).build(),
                namespaceObjectCheck("namespace-without-limitrange", "LimitRange",
                        "Namespaces should have a LimitRange",
                        "A LimitRange gives every container default requests and limits and caps what one"
                                + " container may ask for.",
                        "Add a LimitRange with default and defaultRequest for cpu and memory to the namespace."),
                namespaceObjectCheck("namespace-without-resourcequota", "ResourceQuota",
                        "Namespaces should have a ResourceQuota",
                        "A ResourceQuota caps what one namespace (one team) can take from the cluster.",
                        "Add a ResourceQuota (requests.cpu, requests.memory, limits, pods) to the namespace."),
                Check.builder("priority-class-missing").category(RESOURCES).opinionated()
                        .title("Workloads should name a priority class")
                        .why("Without a priorityClassName every workload has the same priority, so the scheduler"
                                + " may preempt an important one for a batch job.")
                        .fix("Set priorityClassName on the pod template.")
                        .standards("owasp-k8s:K01")
                        .pods((r, pod, ctx, sink) -> {
                            if (pod.spec().path("priorityClassName").asText("").isEmpty()) {
                                sink.report(Support.who(r) + " has no priorityClassName", pod.specPath());
                            }
                        }).build(),
                Check.builder("hpa-min-equals-max").category(RESOURCES)
                        .title("HorizontalPodAutoscalers must be able to scale")
                        .why("An autoscaler whose minReplicas equals maxReplicas never scales: it only hides a"
                                + " fixed replica count.")
                        .fix("Raise maxReplicas above minReplicas, or remove the autoscaler and set replicas.")
                        .standards("owasp-k8s:K01")
                        .kinds("autoscaling", "HorizontalPodAutoscaler")
                        .body((r, ctx, sink) -> {
                            JsonNode spec = r.object().path("spec");
                            int min = spec.path("minReplicas").asInt(1);
                            if (spec.path("maxReplicas").canConvertToInt() && spec.path("maxReplicas").asInt() <= min) {
                                sink.report("minReplicas " + min + " equals maxReplicas "
                                        + spec.path("maxReplicas").asInt(), "/spec/maxReplicas");
                            }
                        }).build(),
                Check.builder("selector-mismatch").category(RESOURCES)
                        .title("Controller selectors must match their pod template")
                        .why("A selector that does not match the template's labels is rejected by the API server"
                                + " or, for old API versions, orphans the pods it creates.")
                        .fix("Make spec.selector match spec.template.metadata.labels.")
                        .standards("owasp-k8s:K01")
                        .match(dev.palisade.core.Match.ALL.withKinds(List.of(new dev.palisade.core.KindSelector(
                                List.of("apps", "extensions"), List.of("Deployment", "StatefulSet", "DaemonSet",
                                        "ReplicaSet")))))
                        .body((r, ctx, sink) -> {
                            JsonNode selector = r.object().path("spec").path("selector");
                            if (!selector.isObject()) {
                                return;
                            }
                            if (!Support.selects(selector, Support.podLabels(r))) {
                                sink.report(Support.who(r) + "'s selector does not match its pod template labels",
                                        "/spec/selector");
                            }
                        }).build(),
                Check.builder("image-pull-policy").category(IMAGES)
                        .title("Images not pinned by digest should be pulled Always")
                        .why("With IfNotPresent or Never a node runs whatever image it cached under a mutable tag,"
                                + " so two nodes can run different code under one name.")
                        .fix("Pin the image by digest, or set imagePullPolicy: Always.")
                        .standards("owasp-k8s:K02", "nsa-cisa:supply-chain")
                        .containers((r, pod, c, ctx, sink) -> {
                            String image = c.image();
                            if (image.isEmpty() || image.contains("@")) {
                                return;
                            }
                            JsonNode policy = c.node().path("imagePullPolicy");
                            if (policy.isTextual()) {
                                if (!policy.asText().equals("Always")) {
                                    sink.report(describe(c) + " pulls the mutable image " + image + " with "
                                            + policy.asText(), c.pathOf("imagePullPolicy"));
                                }
                            } else {
                                String tag = tagOf(image);
                                if (!tag.isEmpty() && !tag.equals("latest")) {
                                    sink.report(describe(c) + " pulls the mutable image " + image
                                            + " with the default IfNotPresent", c.path());
                                }
                            }
                        }).build(),
                Check.builder("image-digest-missing").category(IMAGES).opinionated()
                        .title("Images should be pinned by digest")
                        .why("A tag can be moved to another image at any time; only a digest names one image.")
                        .fix("Reference images as name:tag@sha256:... (palisade pin --write does it).")
                        .standards("owasp-k8s:K02", "nsa-cisa:supply-chain", "cis-k8s:5.5.1")
                        .containers((r, pod, c, ctx, sink) -> {
                            if (!c.image().isEmpty() && !c.image().contains("@sha256:")) {
                                sink.report(describe(c) + " uses image \"" + c.image() + "\" without a digest",
                                        c.pathOf("image"));
                            }
                        }).build());
    }

    /** The tag of an image reference without digest, or "" when it has none. */
    static String tagOf(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : "";
    }

    private static boolean has(ContainerView c, String kind, String resource) {
        JsonNode value = c.node().path("resources").path(kind).path(resource);
        return !value.isMissingNode() && !value.isNull() && !value.asText().isEmpty();
    }

    /**
     * Whether a LimitRange of the container's namespace in the inventory gives it a default: limits
     * from {@code default}; requests from {@code defaultRequest}, or from {@code default} (requests
     * default to limits), or from the container's own limit.
     */
    static boolean limitRangeDefault(Resource r, EvaluationContext ctx, String kind, String resource) {
        String namespace = namespaceOf(r);
        for (Resource range : ctx.inventory().ofKind("", "LimitRange")) {
            if (!namespaceOf(range).equals(namespace)) {
                continue;
            }
            for (JsonNode limit : range.object().path("spec").path("limits")) {
                if (!limit.path("type").asText("").equals("Container")) {
                    continue;
                }
                if (!limit.path("default").path(resource).isMissingNode()) {
                    return true;
                }
                if (kind.equals("requests") && !limit.path("defaultRequest").path(resource).isMissingNode()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Check resourceCheck(String id, String kind, String resource, String title, String why) {
        return Check.builder(id).category(RESOURCES).title(title).why(why)
                .fix("Set resources." + kind + "." + resource + " on every container, or give the namespace a"
                        + " LimitRange with a default.")
                .standards("nsa-cisa:pod-security", "owasp-k8s:K01")
                .containers((r, pod, c, ctx, sink) -> {
                    if (c.type() == ContainerType.EPHEMERAL || has(c, kind, resource)) {
                        return;
                    }
                    if (kind.equals("requests") && has(c, "limits", resource)) {
                        return;
                    }
                    if (limitRangeDefault(r, ctx, kind, resource)) {
                        return;
                    }
                    sink.report(describe(c) + " has no " + resource + " " + kind.substring(0, kind.length() - 1),
                            nearest(r, c.pathOf("resources/" + kind + "/" + resource)));
                }).build();
    }

    private static Check probeCheck(String id, String field, String title, String why) {
        return Check.builder(id).category(RESOURCES).title(title).why(why)
                .fix("Add a " + field + " (httpGet, tcpSocket, grpc or exec) to every long-running container"
                        + (field.equals("livenessProbe") ? "; a startupProbe alone is accepted." : "."))
                .standards("owasp-k8s:K01")
                .containers((r, pod, c, ctx, sink) -> {
                    if (c.type() != ContainerType.REGULAR || BATCH.contains(r.id().kind())) {
                        return;
                    }
                    if (c.node().path(field).isObject()) {
                        return;
                    }
                    if (field.equals("livenessProbe") && c.node().path("startupProbe").isObject()) {
                        return;
                    }
                    sink.report(describe(c) + " has no " + field, c.path());
                }).build();
    }

    private static void singleReplica(Resource r, EvaluationContext ctx, FindingSink sink) {
        JsonNode replicas = r.object().path("spec").path("replicas");
        int count = replicas.canConvertToInt() ? replicas.asInt() : 1;
        if (count != 1 || !hasInventory(ctx)) {
            return;
        }
        Map<String, String> labels = Support.podLabels(r);
        for (Resource pdb : ctx.inventory().ofKind("policy", "PodDisruptionBudget")) {
            if (namespaceOf(pdb).equals(namespaceOf(r))
                    && Support.selects(pdb.object().path("spec").path("selector"), labels)) {
                return;
            }
        }
        if (targetedByHpa(r, ctx.inventory())) {
            return;
        }
        sink.report(Support.who(r) + " runs a single replica and no PodDisruptionBudget selects it",
                replicas.isMissingNode() ? "/spec" : "/spec/replicas");
    }

    private static boolean targetedByHpa(Resource r, Inventory inventory) {
        for (Resource hpa : inventory.ofKind("autoscaling", "HorizontalPodAutoscaler")) {
            JsonNode target = hpa.object().path("spec").path("scaleTargetRef");
            if (namespaceOf(hpa).equals(namespaceOf(r)) && target.path("kind").asText("").equals(r.id().kind())
                    && target.path("name").asText("").equals(r.id().name())
                    && hpa.object().path("spec").path("minReplicas").asInt(1) > 1) {
                return true;
            }
        }
        return false;
    }

    private static void pdbNoDisruption(Resource r, EvaluationContext ctx, FindingSink sink) {
        JsonNode spec = r.object().path("spec");
        JsonNode maxUnavailable = spec.path("maxUnavailable");
        if (!maxUnavailable.isMissingNode()) {
            String text = maxUnavailable.asText();
            if (text.equals("0") || text.equals("0%")) {
                sink.report("maxUnavailable " + text + " allows no voluntary disruption", "/spec/maxUnavailable");
            }
            return;
        }
        JsonNode minAvailable = spec.path("minAvailable");
        if (minAvailable.isTextual() && minAvailable.asText().equals("100%")) {
            sink.report("minAvailable 100% allows no voluntary disruption", "/spec/minAvailable");
            return;
        }
        if (minAvailable.canConvertToInt() && hasInventory(ctx)) {
            for (Resource w : Support.workloadsIn(ctx.inventory(), namespaceOf(r))) {
                JsonNode replicas = w.object().path("spec").path("replicas");
                if (!Set.of("Deployment", "StatefulSet", "ReplicaSet").contains(w.id().kind())
                        || !Support.selects(spec.path("selector"), Support.podLabels(w))) {
                    continue;
                }
                int count = replicas.canConvertToInt() ? replicas.asInt() : 1;
                if (minAvailable.asInt() >= count) {
                    sink.report("minAvailable " + minAvailable.asInt() + " is not below the " + count
                            + " replica(s) of " + Support.who(w) + ": no voluntary disruption is allowed",
                            "/spec/minAvailable");
                    return;
                }
            }
        }
    }

    private static Check namespaceObjectCheck(String id, String kind, String title, String why, String fix) {
        return Check.builder(id).category(RESOURCES).title(title).why(why).fix(fix)
                .standards("nsa-cisa:pod-security", "owasp-k8s:K01").opinionated()
                .kinds("", "Namespace")
                .body((r, ctx, sink) -> {
                    String name = r.id().name();
                    if (!hasInventory(ctx) || Support.SYSTEM_NAMESPACES.contains(name)) {
                        return;
                    }
                    for (Resource o : ctx.inventory().ofKind("", kind)) {
                        if (namespaceOf(o).equals(name)) {
                            return;
                        }
                    }
                    sink.report("namespace \"" + name + "\" has no " + kind, "");
                }).build();
    }
}
