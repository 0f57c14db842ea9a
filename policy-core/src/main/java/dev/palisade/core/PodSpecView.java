package dev.palisade.core;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod spec of a Pod or of any pod controller's template, with JSON pointers, so that a rule
 * written once for pods reports correct paths on Deployments, CronJobs and the rest.
 *
 * @param spec the pod spec object
 * @param specPath its JSON pointer in the resource
 * @param metadata the pod's (or template's) metadata (a missing node when absent)
 * @param metadataPath its JSON pointer
 * @param containers init, regular and ephemeral containers, in that order
 */
public record PodSpecView(JsonNode spec, String specPath, JsonNode metadata, String metadataPath,
        List<ContainerView> containers) {

    private record Layout(String group, String kind, String specPath, String metadataPath, JsonPointer spec,
            JsonPointer metadata) {

        Layout(String group, String kind, String specPath, String metadataPath) {
            this(group, kind, specPath, metadataPath, JsonPointer.compile(specPath), JsonPointer.compile(metadataPath));
        }
    }

    /** A resource's pod spec view, valid while the registered layouts are {@code layouts}. */
    record Memo(Map<String, Layout> layouts, Optional<PodSpecView> view) {
    }

    /** Where the built-in kinds keep their pod template, in the order {@link #podKinds()} lists them. */
    private static final List<Layout> BUILT_IN = List.of(
            new Layout("", "Pod", "/spec", "/metadata"),
            new Layout("", "PodTemplate", "/template/spec", "/template/metadata"),
            template("", "ReplicationController"),
            template("apps", "Deployment"), template("apps", "ReplicaSet"), template("apps", "DaemonSet"),
            template("apps", "StatefulSet"),
            template("extensions", "Deployment"), template("extensions", "ReplicaSet"),
            template("extensions", "DaemonSet"),
            template("batch", "Job"),
            new Layout("batch", "CronJob", "/spec/jobTemplate/spec/template/spec",
                    "/spec/jobTemplate/spec/template/metadata"),
            // Argo Rollouts, which Argo CD users deploy instead of Deployments
            template("argoproj.io", "Rollout"),
            // OpenKruise workloads
            template("apps.kruise.io", "CloneSet"), template("apps.kruise.io", "StatefulSet"),
            template("apps.kruise.io", "DaemonSet"), template("apps.kruise.io", "BroadcastJob"),
            // Knative Serving: a RevisionSpec embeds the pod spec
            template("serving.knative.dev", "Service"), template("serving.knative.dev", "Configuration"),
            new Layout("serving.knative.dev", "Revision", "/spec", "/metadata"),
            // KEDA ScaledJob: jobTargetRef is a JobSpec
            new Layout("keda.sh", "ScaledJob", "/spec/jobTargetRef/template/spec",
                    "/spec/jobTargetRef/template/metadata"));

    /** Group and kind to layout; replaced whole (copy on write) when a kind is registered. */
    private static volatile Map<String, Layout> layouts = index(BUILT_IN);

    /**
     * Copies the collections.
     *
     * @param spec the pod spec object
     * @param specPath its JSON pointer in the resource
     * @param metadata the pod's (or template's) metadata (a missing node when absent)
     * @param metadataPath its JSON pointer
     * @param containers init, regular and ephemeral containers, in that order
     */
    public PodSpecView {
        containers = List.copyOf(containers);
    }

    private static Layout template(String group, String kind) {
        return new Layout(group, kind, "/spec/template/spec", "/spec/template/metadata");
    }

    private static Map<String, Layout> index(List<Layout> all) {
        Map<String, Layout> byKind = new java.util.LinkedHashMap<>();
        for (Layout layout : all) {
            byKind.putIfAbsent(layout.group + "/" + layout.kind, layout);
        }
        return Collections.unmodifiableMap(byKind);
    }

    /**
     * Registers a kind that carries a pod template (a custom workload such as an operator's CRD), so
     * that every pod-level rule judges it: Pod Security, the built-in rules, Gatekeeper kinds that
     * read pod specs, image verification and pinning. {@code specPointer} is the JSON pointer of the
     * pod spec ({@code /spec/template/spec}); the pod metadata is its sibling {@code metadata}.
     * Policies that match {@link #podKinds()} select the kind from then on (a policy set caches its
     * candidates per kind, so register before building the set). Thread-safe;
     * registering a built-in kind again replaces its pointer.
     *
     * @param group the API group
     * @param kind the kind
     * @param specPointer the JSON pointer of its pod spec, ending in {@code /spec}
     * @throws PalisadeException when the pointer does not end in {@code /spec} or the kind is empty
     */
    public static synchronized void register(String group, String kind, String specPointer) {
        java.util.Objects.requireNonNull(group, "group");
        if (kind == null || kind.isEmpty()) {
            throw new PalisadeException("a pod template kind needs a kind name");
        }
        if (specPointer == null || !specPointer.startsWith("/") || !specPointer.endsWith("/spec")) {
            throw new PalisadeException("the pod spec pointer of " + group + "/" + kind + " must be a JSON pointer"
                    + " ending in /spec (such as /spec/template/spec), not '" + specPointer + "'");
        }
        String metadata = specPointer.substring(0, specPointer.length() - "/spec".length()) + "/metadata";
        List<Layout> all = new ArrayList<>();
        all.add(new Layout(group, kind, specPointer, metadata));
        for (Layout layout : layouts.values()) {
            if (!(layout.group.equals(group) && layout.kind.equals(kind))) {
                all.add(layout);
            }
        }
        layouts = index(all);
    }

    /**
     * Registers {@code group/Kind=/json/pointer} (the CLI's {@code --pod-spec-path} form); the core
     * group is written {@code /Kind} or {@code Kind}.
     *
     * @param spec {@code group/Kind=/json/pointer}
     */
    public static void register(String spec) {
        int equals = spec.indexOf('=');
        if (equals < 0) {
            throw new PalisadeException("--pod-spec-path takes group/Kind=/pointer/to/spec, not '" + spec + "'");
        }
        String groupKind = spec.substring(0, equals).trim();
        int slash = groupKind.lastIndexOf('/');
        register(slash < 0 ? "" : groupKind.substring(0, slash), groupKind.substring(slash + 1),
                spec.substring(equals + 1).trim());
    }

    /**
     * {@return every kind that carries a pod template, as {@code group/Kind=pointer} lines, for documentation and help}
     */
    public static List<String> registered() {
        List<String> lines = new ArrayList<>();
        layouts.values().forEach(l -> lines.add((l.group.isEmpty() ? "" : l.group) + "/" + l.kind + "=" + l.specPath));
        return lines;
    }

    /**
     * {@return whether resources of this group and kind carry a pod spec}
     *
     * @param group the API group
     * @param kind the kind
     */
    public static boolean hasPodSpec(String group, String kind) {
        return layouts.containsKey(group + "/" + kind);
    }

    /**
     * {@return the kinds that carry a pod spec, as a match criterion: it selects the built-in kinds and
     * those registered, even after the match was built}
     */
    public static List<KindSelector> podKinds() {
        return POD_KINDS;
    }

    private static final List<KindSelector> POD_KINDS = List.of(
            new KindSelector(List.of("*"), List.of(KindSelector.POD_TEMPLATE_KINDS)));

    /**
     * {@return the pod spec of the resource, or empty when its kind has none or the spec is absent}
     *
     * @param resource the resource
     */
    public static Optional<PodSpecView> of(Resource resource) {
        // Several rules ask for the same resource's view: it is kept with the resource (whose tree is
        // never changed after reading) for as long as no kind is registered.
        Map<String, Layout> current = layouts;
        Memo memo = resource.podSpecMemo;
        if (memo != null && memo.layouts() == current) {
            return memo.view();
        }
        Optional<PodSpecView> view = view(resource, current);
        resource.podSpecMemo = new Memo(current, view);
        return view;
    }

    private static Optional<PodSpecView> view(Resource resource, Map<String, Layout> layouts) {
        ResourceId id = resource.id();
        Layout layout = layouts.get(id.group() + "/" + id.kind());
        if (layout == null) {
            return Optional.empty();
        }
        JsonNode spec = resource.object().at(layout.spec);
        if (!spec.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new PodSpecView(spec, layout.specPath, resource.object().at(layout.metadata),
                layout.metadataPath, containersOf(spec, layout.specPath)));
    }

    private static List<ContainerView> containersOf(JsonNode spec, String specPath) {
        List<ContainerView> all = new ArrayList<>();
        JsonNode podSecurityContext = spec.path("securityContext");
        for (ContainerType type : ContainerType.values()) {
            JsonNode list = spec.path(type.field());
            if (!list.isArray()) {
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode container = list.get(i);
                if (container.isObject()) {
                    all.add(new ContainerView(type, i, container.path("name").asText(""), container,
                            specPath + "/" + type.field() + "/" + i, podSecurityContext, specPath));
                }
            }
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * {@return whether the API server defaults this volume to {@code emptyDir}: a volume that names no source
     * (only {@code name}, or nothing) is stored as an {@code emptyDir} before admission plugins, Pod
     * Security admission included, see it} Policies judge what admission sees.
     *
     * @param volume a volume of a pod spec
     */
    public static boolean defaultsToEmptyDir(JsonNode volume) {
        if (!volume.isObject()) {
            return false;
        }
        java.util.Iterator<String> names = volume.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!field.equals("name") && !volume.get(field).isNull()) {
                return false;
            }
        }
        return true;
    }

    /** {@return the pod's {@code securityContext} (a missing node when absent)} */
    public JsonNode securityContext() {
        return spec.path("securityContext");
    }

    /**
     * JSON pointer of a field below the pod spec ({@code "hostNetwork"}).
     *
     * @param relative a pointer relative to the pod spec, without leading slash
     * @return the pointer from the document root
     */
    public String pathOf(String relative) {
        return specPath + "/" + relative;
    }

    /** {@return the pod's (template's) annotations} */
    public Map<String, String> annotations() {
        return Resource.stringMap(metadata.path("annotations"));
    }

    /**
     * {@return the container whose subtree holds the JSON pointer, if any}
     *
     * @param pointer a JSON pointer from the document root
     */
    public Optional<ContainerView> containerAt(String pointer) {
        for (ContainerView container : containers) {
            if (pointer.equals(container.path()) || pointer.startsWith(container.path() + "/")) {
                return Optional.of(container);
            }
        }
        return Optional.empty();
    }
}
