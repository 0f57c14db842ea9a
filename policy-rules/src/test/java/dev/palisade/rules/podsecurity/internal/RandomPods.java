package dev.palisade.rules.podsecurity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Resource;
import java.util.List;

/**
 * Builds a Pod from a list of choices, so that jqwik generates and shrinks the list while the pod
 * covers every security-relevant field the checks read (each field absent, allowed or forbidden).
 */
final class RandomPods {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] SECCOMP_TYPES = {"RuntimeDefault", "Localhost", "Unconfined", ""};
    private static final String[] SELINUX_TYPES = {"container_t", "container_engine_t", "spc_t", ""};
    private static final String[] CAPS = {"NET_BIND_SERVICE", "CHOWN", "SYS_ADMIN", "ALL"};
    private static final String[] SYSCTLS = {"kernel.shm_rmid_forced", "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_rmem", "net.ipv4.tcp_notsent_lowat", "kernel.msgmax"};
    private static final String[] VOLUME_TYPES = {"emptyDir", "hostPath", "nfs", "secret", "other", "image"};
    private static final String[] SECCOMP_ANNOTATIONS = {"runtime/default", "unconfined", "localhost/p", ""};
    private static final String[] APPARMOR = {"RuntimeDefault", "Unconfined", "Localhost", ""};

    private final List<Integer> choices;
    private int next;

    private RandomPods(List<Integer> choices) {
        this.choices = choices;
    }

    /** A pod spec built from the choices (each in 0..9); missing choices count as 0. */
    static PodSpecView pod(List<Integer> choices) {
        return new RandomPods(choices).build();
    }

    /** Whether the pod sets the field that a relaxation at v1.minor relaxes (see the reference, §1 and §5). */
    static boolean relaxedAt(int minor, PodSpecView pod) {
        JsonNode spec = pod.spec();
        return switch (minor) {
            case 19 -> !pod.annotations().isEmpty();
            case 25 -> spec.path("os").path("name").asText("").equals("windows");
            case 27, 29, 32, 37 -> spec.path("securityContext").has("sysctls");
            case 31 -> spec.toString().contains("container_engine_t");
            case 35 -> spec.path("hostUsers").isBoolean() && !spec.path("hostUsers").booleanValue();
            default -> false;
        };
    }

    private int pick(int bound) {
        int value = next < choices.size() ? choices.get(next) : 0;
        next++;
        return value % bound;
    }

    private boolean chance(int tenths) {
        return pick(10) < tenths;
    }

    private PodSpecView build() {
        ObjectNode pod = MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode metadata = pod.putObject("metadata").put("name", "p");
        ObjectNode spec = pod.putObject("spec");
        if (chance(2)) {
            ObjectNode annotations = metadata.putObject("annotations");
            annotations.put("seccomp.security.alpha.kubernetes.io/pod", SECCOMP_ANNOTATIONS[pick(4)]);
            annotations.put("container.seccomp.security.alpha.kubernetes.io/c0", SECCOMP_ANNOTATIONS[pick(4)]);
        }
        for (String field : new String[] {"hostNetwork", "hostPID", "hostIPC"}) {
            if (chance(1)) {
                spec.put(field, chance(5));
            }
        }
        switch (pick(4)) {
            case 0 -> spec.put("hostUsers", false);
            case 1 -> spec.put("hostUsers", true);
            default -> { }
        }
        if (chance(2)) {
            spec.putObject("os").put("name", chance(7) ? "windows" : "linux");
        }
        ObjectNode podContext = spec.putObject("securityContext");
        securityContext(podContext, true);
        if (chance(2)) {
            ArrayNode sysctls = podContext.putArray("sysctls");
            sysctls.addObject().put("name", SYSCTLS[pick(SYSCTLS.length)]).put("value", "1");
            sysctls.addObject().put("name", SYSCTLS[pick(SYSCTLS.length)]).put("value", "1");
        }
        if (chance(3)) {
            ArrayNode volumes = spec.putArray("volumes");
            int count = 1 + pick(2);
            for (int i = 0; i < count; i++) {
                ObjectNode volume = volumes.addObject().put("name", "v" + i);
                String type = VOLUME_TYPES[pick(VOLUME_TYPES.length)];
                volume.putObject(type);
            }
        }
        int containers = 1 + pick(2);
        for (int i = 0; i < containers; i++) {
            container(spec.withArray(i == 0 || chance(7) ? "containers" : "initContainers"), "c" + i);
        }
        if (chance(1)) {
            container(spec.withArray("ephemeralContainers"), "debug");
        }
        return PodSpecView.of(Resource.of(pod)).orElseThrow();
    }

    private void container(ArrayNode list, String name) {
        ObjectNode container = list.addObject().put("name", name).put("image", "nginx");
        if (chance(1)) {
            container.putArray("ports").addObject().put("containerPort", 80).put("hostPort", chance(5) ? 8080 : 0);
        }
        if (chance(1)) {
            container.putObject("livenessProbe").putObject("httpGet").put("port", 80)
                    .put("host", chance(5) ? "10.0.0.1" : "");
        }
        if (chance(8)) {
            ObjectNode context = container.putObject("securityContext");
            securityContext(context, false);
            if (chance(1)) {
                context.put("privileged", chance(5));
            }
            switch (pick(3)) {
                case 0 -> context.put("allowPrivilegeEscalation", false);
                case 1 -> context.put("allowPrivilegeEscalation", true);
                default -> { }
            }
            if (chance(7)) {
                ObjectNode capabilities = context.putObject("capabilities");
                if (chance(7)) {
                    capabilities.putArray("drop").add(chance(8) ? "ALL" : "NET_RAW");
                }
                if (chance(4)) {
                    capabilities.putArray("add").add(CAPS[pick(CAPS.length)]);
                }
            }
            if (chance(1)) {
                context.put("procMount", chance(5) ? "Unmasked" : "Default");
            }
        }
    }

    private void securityContext(ObjectNode context, boolean pod) {
        switch (pick(4)) {
            case 0 -> context.put("runAsNonRoot", true);
            case 1 -> context.put("runAsNonRoot", false);
            default -> { }
        }
        switch (pick(4)) {
            case 0 -> context.put("runAsUser", 0);
            case 1 -> context.put("runAsUser", 1000);
            default -> { }
        }
        if (chance(pod ? 6 : 4)) {
            context.putObject("seccompProfile").put("type", SECCOMP_TYPES[pick(SECCOMP_TYPES.length)]);
        }
        if (chance(1)) {
            ObjectNode options = context.putObject("seLinuxOptions").put("type", SELINUX_TYPES[pick(4)]);
            if (chance(2)) {
                options.put("user", "root");
            }
        }
        if (chance(1)) {
            context.putObject("appArmorProfile").put("type", APPARMOR[pick(APPARMOR.length)]);
        }
        if (chance(1)) {
            context.putObject("windowsOptions").put("hostProcess", chance(5));
        }
    }
}
