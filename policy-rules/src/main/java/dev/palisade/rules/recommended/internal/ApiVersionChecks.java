package dev.palisade.rules.recommended.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import java.util.List;
import java.util.Optional;

/**
 * Deprecated and removed API versions, from the Kubernetes deprecation guide, judged against a target
 * Kubernetes version ({@code targetVersion} parameter; the newest release in the table by default).
 */
public final class ApiVersionChecks {

    static final String CATEGORY = "API versions";
    /** The newest Kubernetes minor version the table knows. */
    public static final int LATEST_MINOR = 33;

    /**
     * One removed API version.
     *
     * @param apiVersion group/version
     * @param kind the kind, or "*" for every kind of the group version
     * @param deprecatedIn the minor release that deprecated it
     * @param removedIn the minor release that no longer serves it
     * @param replacement what to use instead
     */
    record Removal(String apiVersion, String kind, int deprecatedIn, int removedIn, String replacement) {
    }

    /**
     * The removals of kubernetes.io/docs/reference/using-api/deprecation-guide (v1.16 to v1.32, the
     * last release that removed an API version); deprecatedIn is the release that announced it.
     */
    static final List<Removal> REMOVALS = List.of(
            new Removal("extensions/v1beta1", "Deployment", 9, 16, "apps/v1"),
            new Removal("extensions/v1beta1", "DaemonSet", 9, 16, "apps/v1"),
            new Removal("extensions/v1beta1", "ReplicaSet", 9, 16, "apps/v1"),
            new Removal("extensions/v1beta1", "StatefulSet", 9, 16, "apps/v1"),
            new Removal("extensions/v1beta1", "NetworkPolicy", 9, 16, "networking.k8s.io/v1"),
            new Removal("extensions/v1beta1", "PodSecurityPolicy", 10, 16, "policy/v1beta1 (itself removed in 1.25)"),
            new Removal("extensions/v1beta1", "Ingress", 14, 22, "networking.k8s.io/v1"),
            new Removal("apps/v1beta1", "*", 9, 16, "apps/v1"),
            new Removal("apps/v1beta2", "*", 9, 16, "apps/v1"),
            new Removal("admissionregistration.k8s.io/v1beta1", "*", 16, 22, "admissionregistration.k8s.io/v1"),
            new Removal("apiextensions.k8s.io/v1beta1", "*", 16, 22, "apiextensions.k8s.io/v1"),
            new Removal("apiregistration.k8s.io/v1beta1", "*", 19, 22, "apiregistration.k8s.io/v1"),
            new Removal("authentication.k8s.io/v1beta1", "*", 19, 22, "authentication.k8s.io/v1"),
            new Removal("authorization.k8s.io/v1beta1", "*", 19, 22, "authorization.k8s.io/v1"),
            new Removal("certificates.k8s.io/v1beta1", "*", 19, 22, "certificates.k8s.io/v1"),
            new Removal("coordination.k8s.io/v1beta1", "*", 19, 22, "coordination.k8s.io/v1"),
            new Removal("networking.k8s.io/v1beta1", "Ingress", 19, 22, "networking.k8s.io/v1"),
            new Removal("networking.k8s.io/v1beta1", "IngressClass", 19, 22, "networking.k8s.io/v1"),
            new Removal("rbac.authorization.k8s.io/v1beta1", "*", 17, 22, "rbac.authorization.k8s.io/v1"),
            new Removal("rbac.authorization.k8s.io/v1alpha1", "*", 17, 22, "rbac.authorization.k8s.io/v1"),
            new Removal("scheduling.k8s.io/v1beta1", "*", 14, 22, "scheduling.k8s.io/v1"),
            new Removal("scheduling.k8s.io/v1alpha1", "*", 14, 17, "scheduling.k8s.io/v1"),
            new Removal("storage.k8s.io/v1beta1", "CSIDriver", 19, 22, "storage.k8s.io/v1"),
            new Removal("storage.k8s.io/v1beta1", "CSINode", 17, 22, "storage.k8s.io/v1"),
            new Removal("storage.k8s.io/v1beta1", "StorageClass", 19, 22, "storage.k8s.io/v1"),
            new Removal("storage.k8s.io/v1beta1", "VolumeAttachment", 19, 22, "storage.k8s.io/v1"),
            new Removal("batch/v1beta1", "CronJob", 21, 25, "batch/v1"),
            new Removal("batch/v2alpha1", "CronJob", 8, 21, "batch/v1"),
            new Removal("discovery.k8s.io/v1beta1", "EndpointSlice", 21, 25, "discovery.k8s.io/v1"),
            new Removal("events.k8s.io/v1beta1", "Event", 22, 25, "events.k8s.io/v1"),
            new Removal("autoscaling/v2beta1", "HorizontalPodAutoscaler", 22, 25, "autoscaling/v2"),
            new Removal("policy/v1beta1", "PodDisruptionBudget", 21, 25, "policy/v1"),
            new Removal("policy/v1beta1", "PodSecurityPolicy", 21, 25,
                    "Pod Security Admission (namespace labels) or a policy engine"),
            new Removal("node.k8s.io/v1beta1", "RuntimeClass", 20, 25, "node.k8s.io/v1"),
            new Removal("autoscaling/v2beta2", "HorizontalPodAutoscaler", 23, 26, "autoscaling/v2"),
            new Removal("flowcontrol.apiserver.k8s.io/v1beta1", "*", 23, 26, "flowcontrol.apiserver.k8s.io/v1"),
            new Removal("storage.k8s.io/v1beta1", "CSIStorageCapacity", 24, 27, "storage.k8s.io/v1"),
            new Removal("flowcontrol.apiserver.k8s.io/v1beta2", "*", 26, 29, "flowcontrol.apiserver.k8s.io/v1"),
            new Removal("flowcontrol.apiserver.k8s.io/v1beta3", "*", 29, 32, "flowcontrol.apiserver.k8s.io/v1"));

    private ApiVersionChecks() {
    }

    static List<Check> all() {
        return List.of(removed(LATEST_MINOR), deprecated(LATEST_MINOR));
    }

    /** Parses {@code v1.25}, {@code 1.25} or {@code latest} to the minor version. */
    public static int parseTarget(JsonNode parameters) {
        String text = parameters.path("targetVersion").asText("latest").trim();
        if (text.equals("latest")) {
            return LATEST_MINOR;
        }
        String bare = text.startsWith("v") ? text.substring(1) : text;
        String[] parts = bare.split("\\.");
        try {
            if (parts.length >= 2 && parts[0].equals("1")) {
                return Integer.parseInt(parts[1]);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PalisadeException("parameters.targetVersion must be latest or a Kubernetes version such as v1.29,"
                + " not '" + text + "'");
    }

    static Optional<Removal> find(Resource r) {
        String apiVersion = r.id().apiVersion();
        for (Removal removal : REMOVALS) {
            if (removal.apiVersion().equals(apiVersion)
                    && (removal.kind().equals("*") || removal.kind().equals(r.id().kind()))) {
                return Optional.of(removal);
            }
        }
        return Optional.empty();
    }

    /** Reports API versions no longer served at the target version. */
    public static Check removed(int target) {
        return Check.builder("removed-api-version").category(CATEGORY)
                .title("Manifests must not use removed API versions")
                .why("An API version removed from the target Kubernetes release is not served: applying the"
                        + " manifest fails, and upgrades break the GitOps sync.")
                .fix("Change apiVersion to the replacement the finding names (and adapt the fields that changed;"
                        + " kubectl convert helps).")
                .standards("owasp-k8s:K10", "nsa-cisa:upgrading")
                .body((r, ctx, sink) -> find(r).filter(x -> x.removedIn() <= target).ifPresent(x ->
                        sink.report(r.id().kind() + " uses " + x.apiVersion() + ", removed in Kubernetes v1."
                                + x.removedIn() + " (target v1." + target + "); use " + x.replacement(),
                                "/apiVersion"))).build();
    }

    /** Reports API versions deprecated but still served at the target version. */
    public static Check deprecated(int target) {
        return Check.builder("deprecated-api-version").category(CATEGORY)
                .title("Manifests should not use deprecated API versions")
                .why("A deprecated API version will be removed by a coming release; moving before the upgrade"
                        + " avoids a broken sync on upgrade day.")
                .fix("Change apiVersion to the replacement the finding names.")
                .standards("owasp-k8s:K10", "nsa-cisa:upgrading")
                .body((r, ctx, sink) -> find(r).filter(x -> x.deprecatedIn() <= target && x.removedIn() > target)
                        .ifPresent(x -> sink.report(r.id().kind() + " uses " + x.apiVersion() + ", deprecated since"
                                + " v1." + x.deprecatedIn() + " and removed in v1." + x.removedIn() + "; use "
                                + x.replacement(), "/apiVersion"))).build();
    }
}
