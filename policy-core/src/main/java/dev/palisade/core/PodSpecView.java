package dev.palisade.core;

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

    private record Layout(String group, String specPath, String metadataPath) {
    }

    private static final Map<String, List<Layout>> LAYOUTS = Map.of(
            "Pod", List.of(new Layout("", "/spec", "/metadata")),
            "PodTemplate", List.of(new Layout("", "/template/spec", "/template/metadata")),
            "ReplicationController", List.of(new Layout("", "/spec/template/spec", "/spec/template/metadata")),
            "Deployment", controller("apps", "extensions"),
            "ReplicaSet", controller("apps", "extensions"),
            "DaemonSet", controller("apps", "extensions"),
            "StatefulSet", controller("apps"),
            "Job", controller("batch"),
            "CronJob", List.of(new Layout("batch", "/spec/jobTemplate/spec/template/spec",
                    "/spec/jobTemplate/spec/template/metadata")));

    public PodSpecView {
        containers = List.copyOf(containers);
    }

    private static List<Layout> controller(String... groups) {
        List<Layout> layouts = new ArrayList<>();
        for (String group : groups) {
            layouts.add(new Layout(group, "/spec/template/spec", "/spec/template/metadata"));
        }
        return layouts;
    }

    /** Whether resources of this group and kind carry a pod spec. */
    public static boolean hasPodSpec(String group, String kind) {
        return LAYOUTS.getOrDefault(kind, List.of()).stream().anyMatch(l -> l.group.equals(group));
    }

    /** The kinds that carry a pod spec, as a match criterion. */
    public static List<KindSelector> podKinds() {
        return List.of(new KindSelector(List.of(""), List.of("Pod", "PodTemplate", "ReplicationController")),
                new KindSelector(List.of("apps"), List.of("Deployment", "ReplicaSet", "DaemonSet", "StatefulSet")),
                new KindSelector(List.of("extensions"), List.of("Deployment", "ReplicaSet", "DaemonSet")),
                new KindSelector(List.of("batch"), List.of("Job", "CronJob")));
    }

    /** The pod spec of the resource, or empty when its kind has none or the spec is absent. */
    public static Optional<PodSpecView> of(Resource resource) {
        ResourceId id = resource.id();
        for (Layout layout : LAYOUTS.getOrDefault(id.kind(), List.of())) {
            if (layout.group.equals(id.group())) {
                JsonNode spec = resource.object().at(layout.specPath);
                if (!spec.isObject()) {
                    return Optional.empty();
                }
                return Optional.of(new PodSpecView(spec, layout.specPath, resource.object().at(layout.metadataPath),
                        layout.metadataPath, containersOf(spec, layout.specPath)));
            }
        }
        return Optional.empty();
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

    /** The pod's {@code securityContext} (a missing node when absent). */
    public JsonNode securityContext() {
        return spec.path("securityContext");
    }

    /** JSON pointer of a field below the pod spec ({@code "hostNetwork"}). */
    public String pathOf(String relative) {
        return specPath + "/" + relative;
    }

    /** The pod's (template's) annotations. */
    public Map<String, String> annotations() {
        return Resource.stringMap(metadata.path("annotations"));
    }

    /** The container whose subtree holds the JSON pointer, if any. */
    public Optional<ContainerView> containerAt(String pointer) {
        for (ContainerView container : containers) {
            if (pointer.equals(container.path()) || pointer.startsWith(container.path() + "/")) {
                return Optional.of(container);
            }
        }
        return Optional.empty();
    }
}
