package dev.palisade.rules.podsecurity.internal;

import static dev.palisade.rules.podsecurity.internal.Fields.fail;
import static dev.palisade.rules.podsecurity.internal.Fields.isFalse;
import static dev.palisade.rules.podsecurity.internal.Fields.isSet;
import static dev.palisade.rules.podsecurity.internal.Fields.isWindows;
import static dev.palisade.rules.podsecurity.internal.Fields.text;
import static dev.palisade.rules.podsecurity.internal.Fields.usesUserNamespace;
import static dev.palisade.rules.podsecurity.internal.Text.containers;
import static dev.palisade.rules.podsecurity.internal.Text.plural;
import static dev.palisade.rules.podsecurity.internal.Text.quoteAll;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ContainerView;
import dev.palisade.core.PodSpecView;
import dev.palisade.rules.podsecurity.CheckFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The restricted checks other than seccomp and procMount. */
final class RestrictedChecks {

    private static final Set<String> ALLOWED_VOLUME_SOURCES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "image", "persistentVolumeClaim", "projected", "secret");
    private static final List<String> RESTRICTED_VOLUME_SOURCES = List.of("hostPath", "gcePersistentDisk",
            "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd", "flexVolume", "cinder", "cephfs",
            "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk",
            "portworxVolume", "scaleIO", "storageos");

    private RestrictedChecks() {
    }

    /** {@code allowPrivilegeEscalation} v1.8: every container must set it to false. */
    static Optional<CheckFailure> allowPrivilegeEscalation(PodSpecView pod) {
        List<String> bad = new ArrayList<>();
        String path = "";
        for (ContainerView container : pod.containers()) {
            if (!isFalse(container.securityContext().path("allowPrivilegeEscalation"))) {
                bad.add(container.name());
                path = path.isEmpty() ? container.pathOf("securityContext/allowPrivilegeEscalation") : path;
            }
        }
        return bad.isEmpty() ? Optional.empty() : fail("allowPrivilegeEscalation != false",
                containers(bad) + " must set securityContext.allowPrivilegeEscalation=false", path);
    }

    /** {@code allowPrivilegeEscalation} v1.25: Windows pods are exempt. */
    static Optional<CheckFailure> allowPrivilegeEscalationWindowsExempt(PodSpecView pod) {
        return isWindows(pod) ? Optional.empty() : allowPrivilegeEscalation(pod);
    }

    /** {@code capabilities_restricted} v1.22: drop ALL, add only NET_BIND_SERVICE. */
    static Optional<CheckFailure> capabilitiesRestricted(PodSpecView pod) {
        List<String> missingDrop = new ArrayList<>();
        List<String> adding = new ArrayList<>();
        Set<String> forbidden = new TreeSet<>();
        String path = "";
        for (ContainerView container : pod.containers()) {
            JsonNode capabilities = container.securityContext().path("capabilities");
            if (!isSet(capabilities)) {
                missingDrop.add(container.name());
                path = path.isEmpty() ? container.pathOf("securityContext/capabilities/drop") : path;
                continue;
            }
            if (!containsText(capabilities.path("drop"), "ALL")) {
                missingDrop.add(container.name());
                path = path.isEmpty() ? container.pathOf("securityContext/capabilities/drop") : path;
            }
            JsonNode add = capabilities.path("add");
            boolean addsForbidden = false;
            for (int i = 0; i < add.size(); i++) {
                String cap = text(add.get(i));
                if (!cap.equals("NET_BIND_SERVICE")) {
                    addsForbidden = true;
                    forbidden.add(cap);
                    path = path.isEmpty() ? container.pathOf("securityContext/capabilities/add/" + i) : path;
                }
            }
            if (addsForbidden) {
                adding.add(container.name());
            }
        }
        List<String> details = new ArrayList<>(2);
        if (!missingDrop.isEmpty()) {
            details.add(containers(missingDrop) + " must set securityContext.capabilities.drop=[\"ALL\"]");
        }
        if (!adding.isEmpty()) {
            details.add(containers(adding) + " must not include " + quoteAll(forbidden)
                    + " in securityContext.capabilities.add");
        }
        return details.isEmpty() ? Optional.empty()
                : fail("unrestricted capabilities", String.join("; ", details), path);
    }

    /** {@code capabilities_restricted} v1.25: Windows pods are exempt. */
    static Optional<CheckFailure> capabilitiesRestrictedWindowsExempt(PodSpecView pod) {
        return isWindows(pod) ? Optional.empty() : capabilitiesRestricted(pod);
    }

    private static boolean containsText(JsonNode list, String value) {
        for (int i = 0; i < list.size(); i++) {
            if (text(list.get(i)).equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code restrictedVolumes} v1.0. */
    static Optional<CheckFailure> restrictedVolumes(PodSpecView pod) {
        JsonNode volumes = pod.spec().path("volumes");
        List<String> names = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        String path = "";
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode volume = volumes.get(i);
            if (hasAllowedSource(volume)) {
                continue;
            }
            names.add(text(volume.path("name")));
            String type = restrictedType(volume);
            types.add(type);
            if (path.isEmpty()) {
                path = pod.pathOf("volumes/" + i + (type.equals("unknown") ? "" : "/" + type));
            }
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return fail("restricted volume types", plural("volume", "volumes", names.size()) + " " + quoteAll(names)
                + " " + plural("uses", "use", names.size()) + " "
                + plural("restricted volume type", "restricted volume types", types.size()) + " " + quoteAll(types),
                path);
    }

    private static boolean hasAllowedSource(JsonNode volume) {
        if (PodSpecView.defaultsToEmptyDir(volume)) {
            return true;
        }
        for (String source : ALLOWED_VOLUME_SOURCES) {
            if (isSet(volume.path(source))) {
                return true;
            }
        }
        return false;
    }

    private static String restrictedType(JsonNode volume) {
        for (String source : RESTRICTED_VOLUME_SOURCES) {
            if (isSet(volume.path(source))) {
                return source;
            }
        }
        return "unknown";
    }

    /** {@code runAsNonRoot} v1.0. */
    static Optional<CheckFailure> runAsNonRoot(PodSpecView pod) {
        JsonNode podValue = pod.securityContext().path("runAsNonRoot");
        boolean podBad = isSet(podValue) && !isTrueValue(podValue);
        boolean podNonRoot = isSet(podValue) && isTrueValue(podValue);
        String explicitPath = podBad ? pod.pathOf("securityContext/runAsNonRoot") : "";
        List<String> explicit = new ArrayList<>();
        List<String> implicit = new ArrayList<>();
        String implicitPath = "";
        for (ContainerView container : pod.containers()) {
            JsonNode value = container.securityContext().path("runAsNonRoot");
            if (isSet(value)) {
                if (!isTrueValue(value)) {
                    explicit.add(container.name());
                    explicitPath = explicitPath.isEmpty() ? container.pathOf("securityContext/runAsNonRoot")
                            : explicitPath;
                }
            } else if (!podNonRoot) {
                implicit.add(container.name());
                implicitPath = implicitPath.isEmpty() ? container.pathOf("securityContext/runAsNonRoot")
                        : implicitPath;
            }
        }
        if (podBad || !explicit.isEmpty()) {
            return fail("runAsNonRoot != true", SecurityContextChecks.setters(podBad, explicit)
                    + " must not set securityContext.runAsNonRoot=false", explicitPath);
        }
        if (!implicit.isEmpty()) {
            return fail("runAsNonRoot != true", "pod or " + containers(implicit)
                    + " must set securityContext.runAsNonRoot=true", implicitPath);
        }
        return Optional.empty();
    }

    private static boolean isTrueValue(JsonNode node) {
        return node.isBoolean() && node.booleanValue();
    }

    /** {@code runAsNonRoot} v1.35: pods in a user namespace are allowed. */
    static Optional<CheckFailure> runAsNonRootUserNamespaceAware(PodSpecView pod) {
        return usesUserNamespace(pod) ? Optional.empty() : runAsNonRoot(pod);
    }

    /** {@code runAsUser} v1.23: no explicit runAsUser 0, at pod or container level. */
    static Optional<CheckFailure> runAsUser(PodSpecView pod) {
        boolean podBad = isRoot(pod.securityContext().path("runAsUser"));
        String path = podBad ? pod.pathOf("securityContext/runAsUser") : "";
        List<String> bad = new ArrayList<>();
        for (ContainerView container : pod.containers()) {
            if (isRoot(container.securityContext().path("runAsUser"))) {
                bad.add(container.name());
                path = path.isEmpty() ? container.pathOf("securityContext/runAsUser") : path;
            }
        }
        return !podBad && bad.isEmpty() ? Optional.empty()
                : fail("runAsUser=0", SecurityContextChecks.setters(podBad, bad) + " must not set runAsUser=0", path);
    }

    private static boolean isRoot(JsonNode runAsUser) {
        return runAsUser.isNumber() ? runAsUser.asLong() == 0 : text(runAsUser).equals("0");
    }

    /** {@code runAsUser} v1.35: pods in a user namespace are allowed. */
    static Optional<CheckFailure> runAsUserUserNamespaceAware(PodSpecView pod) {
        return usesUserNamespace(pod) ? Optional.empty() : runAsUser(pod);
    }
}
