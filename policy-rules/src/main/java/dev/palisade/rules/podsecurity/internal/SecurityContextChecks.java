package dev.palisade.rules.podsecurity.internal;

import static dev.palisade.rules.podsecurity.internal.Fields.fail;
import static dev.palisade.rules.podsecurity.internal.Fields.isSet;
import static dev.palisade.rules.podsecurity.internal.Fields.isTrue;
import static dev.palisade.rules.podsecurity.internal.Fields.text;
import static dev.palisade.rules.podsecurity.internal.Fields.usesUserNamespace;
import static dev.palisade.rules.podsecurity.internal.Text.containers;
import static dev.palisade.rules.podsecurity.internal.Text.goQuote;
import static dev.palisade.rules.podsecurity.internal.Text.plural;
import static dev.palisade.rules.podsecurity.internal.Text.pointerSegment;
import static dev.palisade.rules.podsecurity.internal.Text.quoteAll;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ContainerView;
import dev.palisade.core.PodSpecView;
import dev.palisade.rules.podsecurity.CheckFailure;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Baseline checks on pod and container security contexts and the AppArmor annotations. */
final class SecurityContextChecks {

    static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    private static final Set<String> SELINUX_TYPES_1_0 = Set.of("", "container_t", "container_init_t",
            "container_kvm_t");
    private static final Set<String> SELINUX_TYPES_1_31 = Set.of("", "container_t", "container_init_t",
            "container_kvm_t", "container_engine_t");
    private static final String APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

    private SecurityContextChecks() {
    }

    /** {@code privileged} v1.0. */
    static Optional<CheckFailure> privileged(PodSpecView pod) {
        List<String> bad = new ArrayList<>();
        String path = "";
        for (ContainerView container : pod.containers()) {
            if (isTrue(container.securityContext().path("privileged"))) {
                bad.add(container.name());
                path = path.isEmpty() ? container.pathOf("securityContext/privileged") : path;
            }
        }
        return bad.isEmpty() ? Optional.empty()
                : fail("privileged", containers(bad) + " must not set securityContext.privileged=true", path);
    }

    /** {@code capabilities_baseline} v1.0. */
    static Optional<CheckFailure> capabilitiesBaseline(PodSpecView pod) {
        List<String> bad = new ArrayList<>();
        Set<String> caps = new TreeSet<>();
        String path = "";
        for (ContainerView container : pod.containers()) {
            JsonNode add = container.securityContext().path("capabilities").path("add");
            boolean forbidden = false;
            for (int i = 0; i < add.size(); i++) {
                String cap = text(add.get(i));
                if (!BASELINE_CAPABILITIES.contains(cap)) {
                    forbidden = true;
                    caps.add(cap);
                    path = path.isEmpty() ? container.pathOf("securityContext/capabilities/add/" + i) : path;
                }
            }
            if (forbidden) {
                bad.add(container.name());
            }
        }
        return bad.isEmpty() ? Optional.empty() : fail("non-default capabilities", containers(bad)
                + " must not include " + quoteAll(caps) + " in securityContext.capabilities.add", path);
    }

    /** {@code procMount} v1.0 and {@code procMount_restricted}: anything but {@code Default} is forbidden. */
    static Optional<CheckFailure> procMountStrict(PodSpecView pod) {
        List<String> bad = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        String path = "";
        for (ContainerView container : pod.containers()) {
            JsonNode procMount = container.securityContext().path("procMount");
            if (isSet(procMount) && !text(procMount).equals("Default")) {
                bad.add(container.name());
                types.add(text(procMount));
                path = path.isEmpty() ? container.pathOf("securityContext/procMount") : path;
            }
        }
        return bad.isEmpty() ? Optional.empty() : fail("procMount", containers(bad)
                + " must not set securityContext.procMount to " + quoteAll(types), path);
    }

    /** {@code procMount} v1.35: any value is allowed in a user namespace. */
    static Optional<CheckFailure> procMountUserNamespaceAware(PodSpecView pod) {
        return usesUserNamespace(pod) ? Optional.empty() : procMountStrict(pod);
    }

    /** {@code seLinuxOptions} v1.0. */
    static Optional<CheckFailure> seLinuxOptions1_0(PodSpecView pod) {
        return seLinuxOptions(pod, SELINUX_TYPES_1_0);
    }

    /** {@code seLinuxOptions} v1.31: {@code container_engine_t} is allowed too. */
    static Optional<CheckFailure> seLinuxOptions1_31(PodSpecView pod) {
        return seLinuxOptions(pod, SELINUX_TYPES_1_31);
    }

    private static Optional<CheckFailure> seLinuxOptions(PodSpecView pod, Set<String> allowedTypes) {
        SeLinuxFindings findings = new SeLinuxFindings(allowedTypes);
        boolean podBad = findings.inspect(pod.securityContext().path("seLinuxOptions"),
                pod.pathOf("securityContext/seLinuxOptions"));
        List<String> bad = new ArrayList<>();
        for (ContainerView container : pod.containers()) {
            if (findings.inspect(container.securityContext().path("seLinuxOptions"),
                    container.pathOf("securityContext/seLinuxOptions"))) {
                bad.add(container.name());
            }
        }
        if (!podBad && bad.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>(3);
        if (!findings.types.isEmpty()) {
            parts.add(plural("type", "types", findings.types.size()) + " " + quoteAll(findings.types));
        }
        if (findings.user) {
            parts.add("user may not be set");
        }
        if (findings.role) {
            parts.add("role may not be set");
        }
        return fail("seLinuxOptions", setters(podBad, bad) + " set forbidden securityContext.seLinuxOptions: "
                + String.join("; ", parts), findings.path);
    }

    /** What the SELinux options of the pod and its containers set that is forbidden. */
    private static final class SeLinuxFindings {
        private final Set<String> allowedTypes;
        private final Set<String> types = new TreeSet<>();
        private boolean user;
        private boolean role;
        private String path = "";

        SeLinuxFindings(Set<String> allowedTypes) {
            this.allowedTypes = allowedTypes;
        }

        boolean inspect(JsonNode options, String optionsPath) {
            if (!isSet(options)) {
                return false;
            }
            boolean bad = false;
            String type = text(options.path("type"));
            if (!allowedTypes.contains(type)) {
                types.add(type);
                bad = true;
                record(optionsPath + "/type");
            }
            if (!text(options.path("user")).isEmpty()) {
                user = true;
                bad = true;
                record(optionsPath + "/user");
            }
            if (!text(options.path("role")).isEmpty()) {
                role = true;
                bad = true;
                record(optionsPath + "/role");
            }
            return bad;
        }

        private void record(String fieldPath) {
            if (path.isEmpty()) {
                path = fieldPath;
            }
        }
    }

    /** {@code windowsHostProcess} v1.0. */
    static Optional<CheckFailure> windowsHostProcess(PodSpecView pod) {
        boolean podBad = isTrue(pod.securityContext().path("windowsOptions").path("hostProcess"));
        String path = podBad ? pod.pathOf("securityContext/windowsOptions/hostProcess") : "";
        List<String> bad = new ArrayList<>();
        for (ContainerView container : pod.containers()) {
            if (isTrue(container.securityContext().path("windowsOptions").path("hostProcess"))) {
                bad.add(container.name());
                path = path.isEmpty() ? container.pathOf("securityContext/windowsOptions/hostProcess") : path;
            }
        }
        return !podBad && bad.isEmpty() ? Optional.empty() : fail("hostProcess",
                setters(podBad, bad) + " must not set securityContext.windowsOptions.hostProcess=true", path);
    }

    /** {@code appArmorProfile} v1.0: profile fields and the beta container annotations. */
    static Optional<CheckFailure> appArmorProfile(PodSpecView pod) {
        Set<String> badTypes = new TreeSet<>();
        JsonNode podProfile = pod.securityContext().path("appArmorProfile");
        boolean podBad = isSet(podProfile) && !isAllowedAppArmorType(podProfile);
        String path = "";
        if (podBad) {
            badTypes.add(text(podProfile.path("type")));
            path = pod.pathOf("securityContext/appArmorProfile/type");
        }
        List<String> bad = new ArrayList<>();
        for (ContainerView container : pod.containers()) {
            JsonNode profile = container.securityContext().path("appArmorProfile");
            if (isSet(profile) && !isAllowedAppArmorType(profile)) {
                bad.add(container.name());
                badTypes.add(text(profile.path("type")));
                path = path.isEmpty() ? container.pathOf("securityContext/appArmorProfile/type") : path;
            }
        }
        Set<String> badAnnotations = new TreeSet<>();
        String annotationPath = "";
        Iterator<Map.Entry<String, JsonNode>> annotations = pod.metadata().path("annotations").fields();
        while (annotations.hasNext()) {
            Map.Entry<String, JsonNode> annotation = annotations.next();
            String key = annotation.getKey();
            String value = text(annotation.getValue());
            if (key.startsWith(APPARMOR_ANNOTATION_PREFIX) && !isAllowedAppArmorAnnotation(value)) {
                badAnnotations.add(key + "=" + goQuote(value));
                if (annotationPath.isEmpty() || key.compareTo(annotationPath) < 0) {
                    annotationPath = key;
                }
            }
        }
        if (badTypes.isEmpty() && badAnnotations.isEmpty()) {
            return Optional.empty();
        }
        if (path.isEmpty()) {
            path = pod.metadataPath() + "/annotations/" + pointerSegment(annotationPath);
        }
        List<String> setters = new ArrayList<>(3);
        if (podBad) {
            setters.add("pod");
        }
        if (!bad.isEmpty()) {
            setters.add(containers(bad));
        }
        if (!badAnnotations.isEmpty()) {
            setters.add(plural("annotation", "annotations", badAnnotations.size()));
        }
        List<String> values = new ArrayList<>(badTypes);
        values.addAll(badAnnotations);
        return fail(plural("forbidden AppArmor profile", "forbidden AppArmor profiles", values.size()),
                String.join(" and ", setters) + " must not set AppArmor profile type to " + quoteAll(values), path);
    }

    private static boolean isAllowedAppArmorType(JsonNode profile) {
        String type = text(profile.path("type"));
        return type.equals("RuntimeDefault") || type.equals("Localhost");
    }

    private static boolean isAllowedAppArmorAnnotation(String value) {
        return value.isEmpty() || value.equals("runtime/default") || value.startsWith("localhost/");
    }

    /** {@code pod}, the bad containers, or both joined with {@code " and "}. */
    static String setters(boolean pod, List<String> badContainers) {
        if (badContainers.isEmpty()) {
            return "pod";
        }
        return pod ? "pod and " + containers(badContainers) : containers(badContainers);
    }
}
