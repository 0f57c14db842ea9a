package dev.palisade.rules.recommended.internal;

import static dev.palisade.rules.recommended.internal.Support.describe;
import static dev.palisade.rules.recommended.internal.Support.isFalse;
import static dev.palisade.rules.recommended.internal.Support.isTrue;
import static dev.palisade.rules.recommended.internal.Support.nearest;
import static dev.palisade.rules.recommended.internal.Support.strings;
import static dev.palisade.rules.recommended.internal.Support.upper;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ContainerType;
import dev.palisade.core.ContainerView;
import dev.palisade.core.ContainerView.EffectiveField;
import dev.palisade.core.FindingSink;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Resource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Workload hardening: effective security settings of every container. */
final class WorkloadChecks {

    static final String CATEGORY = "Workload security";

    static final Set<String> DANGEROUS_CAPABILITIES = Set.of("ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_MODULE",
            "SYS_PTRACE", "SYS_RAWIO", "SYS_BOOT", "SYS_TIME", "DAC_READ_SEARCH", "DAC_OVERRIDE", "BPF",
            "PERFMON", "MAC_ADMIN", "MAC_OVERRIDE", "SYSLOG", "SETFCAP", "CHOWN", "FOWNER", "SETUID", "SETGID",
            "NET_BROADCAST", "LINUX_IMMUTABLE", "IPC_LOCK", "IPC_OWNER", "SYS_CHROOT", "SYS_RESOURCE",
            "SYS_TTY_CONFIG", "LEASE", "AUDIT_CONTROL", "WAKE_ALARM", "BLOCK_SUSPEND", "MKNOD", "CHECKPOINT_RESTORE");
    /** Capabilities of the container runtime's default set that are not dangerous on their own. */
    static final Set<String> MILD_CAPABILITIES = Set.of("AUDIT_WRITE", "FSETID", "KILL", "SETPCAP");

    static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
            "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat");

    static final List<String> RUNTIME_SOCKETS = List.of("docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock",
            "/var/run/docker", "/run/containerd", "/var/run/crio");
    static final List<String> SENSITIVE_HOST_PATHS = List.of("/", "/etc", "/proc", "/sys", "/root", "/boot", "/dev",
            "/var/run", "/run", "/var/lib/kubelet", "/var/lib/docker", "/var/lib/containerd", "/etc/kubernetes",
            "/var/log", "/home", "/usr", "/bin", "/lib", "/var/lib/etcd");

    private WorkloadChecks() {
    }

    static List<Check> all() {
        return List.of(
                Check.builder("privilege-escalation-allowed").category(CATEGORY)
                        .title("Containers must not allow privilege escalation")
                        .why("Unless allowPrivilegeEscalation is false, a process can gain more privileges than its"
                                + " parent through setuid binaries or file capabilities (no_new_privs is not set).")
                        .fix("Set securityContext.allowPrivilegeEscalation: false on every container.")
                        .standards("cis-k8s:5.2.6", "nsa-cisa:pod-security", "owasp-k8s:K01", "pss:restricted")
                        .containers((r, pod, c, ctx, sink) -> {
                            JsonNode ape = c.securityContext().path("allowPrivilegeEscalation");
                            if (isTrue(ape)) {
                                sink.report(describe(c) + " sets allowPrivilegeEscalation: true",
                                        c.pathOf("securityContext/allowPrivilegeEscalation"));
                            } else if (!isFalse(ape) && !isTrue(c.securityContext().path("privileged"))) {
                                sink.report(describe(c) + " does not set allowPrivilegeEscalation: false",
                                        nearest(r, c.pathOf("securityContext/allowPrivilegeEscalation")));
                            }
                        }).build(),
                Check.builder("run-as-root").category(CATEGORY)
                        .title("Containers must not run as root")
                        .why("A process running as UID 0 is root on the node once it escapes the container, and"
                                + " owns every file of the image. The effective setting counts: a pod-level"
                                + " runAsNonRoot or a non-zero runAsUser applies to every container that does not"
                                + " override it.")
                        .fix("Set runAsNonRoot: true and a non-zero runAsUser in the pod's securityContext (or each"
                                + " container's), and build the image with a non-root USER.")
                        .standards("cis-k8s:5.2.7", "nsa-cisa:pod-security", "owasp-k8s:K01", "pss:restricted")
                        .containers(WorkloadChecks::runAsRoot).build(),
                Check.builder("run-as-root-group").category(CATEGORY)
                        .title("Containers must not run with the root group")
                        .why("GID 0 gives a process the root group's access to files on shared volumes and on the"
                                + " node after an escape.")
                        .fix("Set runAsGroup (and fsGroup) to a non-zero GID and leave 0 out of"
                                + " supplementalGroups.")
                        .standards("nsa-cisa:pod-security", "owasp-k8s:K01")
                        .pods(WorkloadChecks::rootGroup).build(),
                Check.builder("run-as-low-uid").category(CATEGORY).opinionated()
                        .title("Containers should run with a UID and GID above 10000")
                        .why("UIDs and GIDs up to 10000 may collide with users of the node (system accounts), which"
                                + " gives a container that escapes their file access.")
                        .fix("Set runAsUser and runAsGroup to values above 10000 in the pod's securityContext.")
                        .standards("nsa-cisa:pod-security", "owasp-k8s:K01")
                        .containers((r, pod, c, ctx, sink) -> {
                            for (String field : List.of("runAsUser", "runAsGroup")) {
                                Optional<EffectiveField> id = c.effectiveSecurityField(field);
                                if (id.isEmpty()) {
                                    if (!isWindows(pod, c)) {
                                        sink.report(describe(c) + " sets no " + field + " above 10000",
                                                nearest(r, c.pathOf("securityContext/" + field)));
                                    }
                                } else if (id.get().value().canConvertToLong() && id.get().value().asLong() > 0
                                        && id.get().value().asLong() <= 10000) {
                                    sink.report(describe(c) + " runs with " + field + " " + id.get().value().asLong()
                                            + ", which may collide with an account of the node", id.get().path());
                                }
                            }
                        }).build(),
                Check.builder("readonly-root-filesystem").category(CATEGORY)
                        .title("Root filesystems should be read-only")
                        .why("A writable root filesystem lets an attacker drop tools and modify binaries of the"
                                + " running image; mount emptyDir volumes where the application writes.")
                        .fix("Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes for"
                                + " the paths the process writes (/tmp, caches).")
                        .standards("nsa-cisa:pod-security", "owasp-k8s:K01")
                        .containers((r, pod, c, ctx, sink) -> {
                            if (c.type() == ContainerType.EPHEMERAL) {
                                return;
                            }
                            JsonNode ro = c.securityContext().path("readOnlyRootFilesystem");
                            if (isFalse(ro)) {
                                sink.report(describe(c) + " sets readOnlyRootFilesystem: false",
                                        c.pathOf("securityContext/readOnlyRootFilesystem"));
                            } else if (!isTrue(ro)) {
                                sink.report(describe(c) + " does not set readOnlyRootFilesystem: true",
                                        nearest(r, c.pathOf("securityContext/readOnlyRootFilesystem")));
                            }
                        }).build(),
                Check.builder("capabilities-not-dropped").category(CATEGORY)
                        .title("Containers must drop all capabilities")
                        .why("Container runtimes grant a default set of Linux capabilities (CHOWN, DAC_OVERRIDE,"
                                + " NET_RAW, SETUID...) that most processes never need.")
                        .fix("Set securityContext.capabilities.drop: [\"ALL\"] and add back only what the process"
                                + " needs (NET_BIND_SERVICE at most).")
                        .standards("cis-k8s:5.2.10", "nsa-cisa:pod-security", "owasp-k8s:K01", "pss:restricted")
                        .containers((r, pod, c, ctx, sink) -> {
                            if (isTrue(c.securityContext().path("privileged"))) {
                                return;
                            }
                            JsonNode drop = c.securityContext().path("capabilities").path("drop");
                            if (!strings(drop).stream().map(Support::upper).toList().contains("ALL")) {
                                sink.report(describe(c) + " does not drop ALL capabilities",
                                        nearest(r, c.pathOf("securityContext/capabilities/drop")));
                            }
                        }).build(),
                capabilityCheck("dangerous-capabilities", "Containers must not add dangerous capabilities",
                        "Capabilities such as SYS_ADMIN, NET_ADMIN, SYS_PTRACE or SYS_MODULE are near-root powers:"
                                + " mounting filesystems, loading kernel modules, reading other processes.",
                        "Remove the capability from securityContext.capabilities.add.",
                        DANGEROUS_CAPABILITIES::contains, "cis-k8s:5.2.9", "pss:baseline"),
                capabilityCheck("net-raw-capability", "Containers must not add NET_RAW",
                        "NET_RAW lets a process craft any packet: ARP and DNS spoofing of its neighbours.",
                        "Remove NET_RAW from securityContext.capabilities.add and drop ALL.",
                        "NET_RAW"::equals, "cis-k8s:5.2.8", "pss:baseline"),
                capabilityCheck("capabilities-added", "Containers should not add capabilities",
                        "Every added capability widens what a compromised process can do to the node.",
                        "Remove the capability from securityContext.capabilities.add.",
                        MILD_CAPABILITIES::contains, "cis-k8s:5.2.9", "pss:restricted"),
                capabilityCheck("net-bind-service-capability", "Prefer unprivileged ports to NET_BIND_SERVICE",
                        "NET_BIND_SERVICE (allowed by the restricted standard) lets a process bind ports below"
                                + " 1024; listening on a high port behind a Service needs no capability.",
                        "Listen on a port above 1024 and map it in the Service, then remove NET_BIND_SERVICE.",
                        "NET_BIND_SERVICE"::equals, "cis-k8s:5.2.9"),
                Check.builder("seccomp-profile-missing").category(CATEGORY)
                        .title("Containers must run with a seccomp profile")
                        .why("Without a seccomp profile every system call is open to the process, including the"
                                + " ones most kernel exploits use.")
                        .fix("Set securityContext.seccompProfile.type: RuntimeDefault in the pod's securityContext"
                                + " (or Localhost with a profile).")
                        .standards("cis-k8s:5.7.2", "nsa-cisa:pod-security", "owasp-k8s:K01", "pss:restricted")
                        .containers((r, pod, c, ctx, sink) -> {
                            Optional<EffectiveField> profile = c.effectiveSecurityField("seccompProfile");
                            String type = profile.map(p -> p.value().path("type").asText("")).orElse("");
                            if (type.equals("RuntimeDefault") || type.equals("Localhost") || type.equals("Unconfined")) {
                                return;
                            }
                            if (!type.isEmpty()) {
                                sink.report(describe(c) + " sets the unknown seccomp profile type " + type,
                                        profile.get().path() + "/type");
                                return;
                            }
                            if (hasSeccompAnnotation(pod, c)) {
                                return;
                            }
                            sink.report(describe(c) + " has no seccomp profile",
                                    nearest(r, c.pathOf("securityContext/seccompProfile")));
                        }).build(),
                Check.builder("seccomp-unconfined").category(CATEGORY)
                        .title("Seccomp must not be Unconfined")
                        .why("An Unconfined seccomp profile turns system-call filtering off.")
                        .fix("Use seccompProfile.type: RuntimeDefault or Localhost.")
                        .standards("cis-k8s:5.7.2", "nsa-cisa:pod-security", "owasp-k8s:K01", "pss:baseline")
                        .pods((r, pod, ctx, sink) -> {
                            JsonNode podType = pod.securityContext().path("seccompProfile").path("type");
                            boolean inherited = pod.containers().stream().anyMatch(c -> c.securityContext()
                                    .path("seccompProfile").path("type").asText("").isEmpty());
                            if (podType.asText("").equals("Unconfined") && inherited) {
                                sink.report("the pod sets seccompProfile.type: Unconfined",
                                        pod.pathOf("securityContext/seccompProfile/type"));
                            }
                            for (ContainerView c : pod.containers()) {
                                JsonNode type = c.securityContext().path("seccompProfile").path("type");
                                if (type.asText("").equals("Unconfined")) {
                                    sink.report(describe(c) + " sets seccompProfile.type: Unconfined",
                                            c.pathOf("securityContext/seccompProfile/type"));
                                }
                            }
                            boolean fields = podType.isTextual() || pod.containers().stream().anyMatch(c ->
                                    c.securityContext().path("seccompProfile").isObject());
                            if (!fields) {
                                annotations(r, pod, sink, "seccomp.security.alpha.kubernetes.io/pod", "unconfined",
                                        "container.seccomp.security.alpha.kubernetes.io/");
                            }
                        }).build(),
                Check.builder("apparmor-unconfined").category(CATEGORY)
                        .title("AppArmor must not be unconfined")
                        .why("An unconfined AppArmor profile removes the mandatory access control the runtime's"
                                + " default profile applies.")
                        .fix("Remove the unconfined setting (appArmorProfile.type: Unconfined or the"
                                + " container.apparmor.security.beta.kubernetes.io annotation), or use"
                                + " RuntimeDefault.")
                        .standards("nsa-cisa:pod-security", "owasp-k8s:K01", "pss:baseline")
                        .pods((r, pod, ctx, sink) -> {
                            if (pod.securityContext().path("appArmorProfile").path("type").asText("")
                                    .equals("Unconfined")) {
                                sink.report("the pod sets appArmorProfile.type: Unconfined",
                                        pod.pathOf("securityContext/appArmorProfile/type"));
                            }
                            for (ContainerView c : pod.containers()) {
                                if (c.securityContext().path("appArmorProfile").path("type").asText("")
                                        .equals("Unconfined")) {
                                    sink.report(describe(c) + " sets appArmorProfile.type: Unconfined",
                                            c.pathOf("securityContext/appArmorProfile/type"));
                                }
                            }
                            for (var e : pod.annotations().entrySet()) {
                                String v = e.getValue();
                                if (e.getKey().startsWith("container.apparmor.security.beta.kubernetes.io/")
                                        && !v.equals("runtime/default") && !v.startsWith("localhost/")) {
                                    sink.report("annotation " + e.getKey() + " is " + v + (v.equals("unconfined") ? ""
                                            : ", not runtime/default or localhost/<profile>"),
                                            pod.metadataPath() + "/annotations/" + Support.escape(e.getKey()));
                                }
                            }
                        }).build(),
                Check.builder("selinux-custom-options").category(CATEGORY)
                        .title("SELinux options must not be customised")
                        .why("Setting a custom SELinux user or role, or a type other than the container types,"
                                + " can take the process out of the container's SELinux confinement.")
                        .fix("Remove seLinuxOptions.user and .role; use type container_t, container_init_t or"
                                + " container_kvm_t, or leave seLinuxOptions out.")
                        .standards("nsa-cisa:pod-security", "owasp-k8s:K01", "pss:baseline")
                        .pods((r, pod, ctx, sink) -> {
                            seLinux(pod.securityContext().path("seLinuxOptions"),
                                    pod.pathOf("securityContext/seLinuxOptions"), "the pod", sink);
                            for (ContainerView c : pod.containers()) {
                                seLinux(c.securityContext().path("seLinuxOptions"),
                                        c.pathOf("securityContext/seLinuxOptions"), describe(c), sink);
                            }
                        }).build(),
                Check.builder("proc-mount-unmasked").category(CATEGORY)
                        .title("procMount must stay Default")
                        .why("An Unmasked /proc exposes kernel interfaces the runtime normally hides.")
                        .fix("Remove securityContext.procMount or set it to Default.")
                        .standards("nsa-cisa:pod-security", "owasp-k8s:K01", "pss:baseline")
                        .containers((r, pod, c, ctx, sink) -> {
                            JsonNode proc = c.securityContext().path("procMount");
                            if (proc.isTextual() && !proc.asText().equals("Default")) {
                                sink.report(describe(c) + " sets procMount: " + proc.asText(),
                                        c.pathOf("securityContext/procMount"));
                            }
                        }).build(),
                Check.builder("unsafe-sysctls").category(CATEGORY)
                        .title("Pods must set only safe sysctls")
                        .why("Sysctls outside the namespaced safe set change kernel settings for the whole node.")
                        .fix("Remove the sysctl from securityContext.sysctls, or set it on the node instead.")
                        .standards("nsa-cisa:pod-security", "owasp-k8s:K01", "pss:baseline")
                        .pods((r, pod, ctx, sink) -> {
                            JsonNode sysctls = pod.securityContext().path("sysctls");
                            for (int i = 0; i < Support.len(sysctls); i++) {
                                String name = sysctls.get(i).path("name").asText("");
                                if (!SAFE_SYSCTLS.contains(name)) {
                                    sink.report("the pod sets the unsafe sysctl \"" + name + "\"",
                                            pod.pathOf("securityContext/sysctls/" + i + "/name"));
                                }
                            }
                        }).build(),
                Check.builder("windows-host-process").category(CATEGORY)
                        .title("Windows pods must not run as HostProcess")
                        .why("A HostProcess container runs directly on the Windows node with its privileges.")
                        .fix("Remove windowsOptions.hostProcess or set it to false.")
                        .standards("cis-k8s:5.2.11", "owasp-k8s:K01", "pss:baseline")
                        .pods((r, pod, ctx, sink) -> {
                            if (isTrue(pod.securityContext().path("windowsOptions").path("hostProcess"))) {
                                sink.report("the pod sets windowsOptions.hostProcess: true",
                                        pod.pathOf("securityContext/windowsOptions/hostProcess"));
                            }
                            for (ContainerView c : pod.containers()) {
                                if (isTrue(c.securityContext().path("windowsOptions").path("hostProcess"))) {
                                    sink.report(describe(c) + " sets windowsOptions.hostProcess: true",
                                            c.pathOf("securityContext/windowsOptions/hostProcess"));
                                }
                            }
                        }).build(),
                hostNamespace("host-network", "hostNetwork", "Pods must not use the host network",
                        "With hostNetwork the pod sees every interface of the node, can sniff its traffic and"
                                + " reach services bound to localhost, and bypasses NetworkPolicies.",
                        "cis-k8s:5.2.5"),
                hostNamespace("host-pid", "hostPID", "Pods must not share the host PID namespace",
                        "With hostPID the pod sees and can signal or ptrace every process of the node, and read"
                                + " their environment.", "cis-k8s:5.2.3"),
                hostNamespace("host-ipc", "hostIPC", "Pods must not share the host IPC namespace",
                        "With hostIPC the pod reads and writes shared memory of every process on the node.",
                        "cis-k8s:5.2.4"),
                Check.builder("host-port").category(CATEGORY)
                        .title("Containers must not bind host ports")
                        .why("A hostPort opens the port on the node's interfaces, around Services and"
                                + " NetworkPolicies, and limits where the pod can be scheduled.")
                        .fix("Remove ports[].hostPort and expose the port through a Service.")
                        .standards("cis-k8s:5.2.13", "nsa-cisa:network", "owasp-k8s:K01", "pss:baseline")
                        .containers((r, pod, c, ctx, sink) -> {
                            JsonNode ports = c.node().path("ports");
                            for (int i = 0; i < Support.len(ports); i++) {
                                JsonNode hostPort = ports.get(i).path("hostPort");
                                if (hostPort.canConvertToInt() && hostPort.asInt() != 0) {
                                    sink.report(describe(c) + " binds host port " + hostPort.asInt(),
                                            c.pathOf("ports/" + i + "/hostPort"));
                                }
                            }
                        }).build(),
                hostPathCheck("host-path-volume", "Pods must not mount writable host paths",
                        "A writable hostPath volume lets the pod change the node's files: plant a binary, a"
                                + " cron job or a static pod, and take over the node.",
                        "Use emptyDir, a PersistentVolumeClaim or a ConfigMap instead; if the host path is"
                                + " unavoidable, mount it readOnly.", false),
                hostPathCheck("host-path-read-only", "Pods should not mount host paths, even read-only",
                        "A read-only hostPath still reads the node's files: credentials, logs of other pods,"
                                + " kubelet configuration.",
                        "Use emptyDir, a PersistentVolumeClaim or a ConfigMap instead.", true),
                Check.builder("docker-socket-mount").category(CATEGORY)
                        .title("Pods must not mount the container runtime socket")
                        .why("The runtime socket (docker.sock, containerd.sock, crio.sock) starts privileged"
                                + " containers on the node at will: it is root on the node.")
                        .fix("Remove the hostPath volume of the socket; build images with a rootless builder"
                                + " (BuildKit rootless, kaniko) instead.")
                        .standards("cis-k8s:5.2.12", "nsa-cisa:pod-security", "owasp-k8s:K01", "pss:baseline")
                        .pods((r, pod, ctx, sink) -> hostPaths(pod, (i, path) -> {
                            if (RUNTIME_SOCKETS.stream().anyMatch(path::contains)) {
                                sink.report("volume " + i + " mounts the container runtime socket " + path,
                                        pod.pathOf("volumes/" + i + "/hostPath/path"));
                            }
                        })).build(),
                Check.builder("sensitive-host-path").category(CATEGORY)
                        .title("Pods must not mount sensitive host directories")
                        .why("Mounting /, /etc, /proc, /sys, /var/run, /var/lib/kubelet and their like exposes"
                                + " the node's credentials and control interfaces.")
                        .fix("Remove the hostPath volume; read what the application needs through the API or a"
                                + " dedicated, narrow path.")
                        .standards("cis-k8s:5.2.12", "nsa-cisa:pod-security", "owasp-k8s:K01", "pss:baseline")
                        .pods((r, pod, ctx, sink) -> hostPaths(pod, (i, path) -> {
                            String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1)
                                    : path;
                            if (SENSITIVE_HOST_PATHS.contains(p)) {
                                sink.report("volume " + i + " mounts the sensitive host path " + path,
                                        pod.pathOf("volumes/" + i + "/hostPath/path"));
                            }
                        })).build(),
                Check.builder("security-context-missing").category(CATEGORY).opinionated()
                        .title("Pods and containers should declare a securityContext")
                        .why("Without any securityContext every setting is the runtime's default: root, all"
                                + " default capabilities, writable filesystem, no seccomp.")
                        .fix("Add a securityContext to the pod and to each container with the settings of the"
                                + " restricted Pod Security Standard.")
                        .standards("cis-k8s:5.7.3", "nsa-cisa:pod-security", "owasp-k8s:K01")
                        .pods((r, pod, ctx, sink) -> {
                            if (!pod.securityContext().isObject()) {
                                sink.report(Support.who(r) + " has no pod securityContext", pod.specPath());
                            }
                            for (ContainerView c : pod.containers()) {
                                if (c.type() != ContainerType.EPHEMERAL && !c.securityContext().isObject()) {
                                    sink.report(describe(c) + " has no securityContext", c.path());
                                }
                            }
                        }).build(),
                Check.builder("interactive-tty").category(CATEGORY).opinionated()
                        .title("Containers should not keep an interactive terminal")
                        .why("stdin and tty are for debugging; a long-running container with them invites"
                                + " interactive use through attach.")
                        .fix("Remove stdin: true and tty: true.")
                        .standards("owasp-k8s:K01")
                        .containers((r, pod, c, ctx, sink) -> {
                            if (c.type() == ContainerType.EPHEMERAL) {
                                return;
                            }
                            for (String field : List.of("stdin", "tty")) {
                                if (isTrue(c.node().path(field))) {
                                    sink.report(describe(c) + " sets " + field + ": true", c.pathOf(field));
                                }
                            }
                        }).build(),
                Check.builder("ssh-port-exposed").category(CATEGORY)
                        .title("Containers should not expose SSH")
                        .why("An SSH server in a container is a second, unaudited way in; use kubectl exec or"
                                + " ephemeral containers for access.")
                        .fix("Remove the SSH server and its containerPort 22.")
                        .standards("owasp-k8s:K01")
                        .containers((r, pod, c, ctx, sink) -> {
                            JsonNode ports = c.node().path("ports");
                            for (int i = 0; i < Support.len(ports); i++) {
                                if (ports.get(i).path("containerPort").asInt(-1) == 22) {
                                    sink.report(describe(c) + " exposes port 22 (SSH)",
                                            c.pathOf("ports/" + i + "/containerPort"));
                                }
                            }
                        }).build(),
                imageCheck("tiller-deployed", "Do not deploy Tiller (Helm 2)",
                        "Tiller, Helm 2's server, ran with cluster-admin rights and an unauthenticated gRPC port.",
                        "Remove Tiller and use Helm 3, which has no server component.", "tiller"),
                imageCheck("kubernetes-dashboard-deployed", "Do not deploy the Kubernetes Dashboard",
                        "The Dashboard has been a recurring way into clusters when exposed with broad rights.",
                        "Remove the Dashboard, or run it with a read-only account behind authentication.",
                        "kubernetes-dashboard", "kubernetesui/dashboard"));
    }

    private static void runAsRoot(Resource r, PodSpecView pod, ContainerView c, dev.palisade.core.EvaluationContext ctx,
            FindingSink sink) {
        Optional<EffectiveField> user = c.effectiveSecurityField("runAsUser");
        if (user.isPresent() && user.get().value().canConvertToLong()) {
            if (user.get().value().asLong() == 0) {
                sink.report(describe(c) + " runs as UID 0 (root)" + inherited(user.get()), user.get().path());
            }
            return;
        }
        Optional<EffectiveField> nonRoot = c.effectiveSecurityField("runAsNonRoot");
        if (nonRoot.isPresent() && isTrue(nonRoot.get().value())) {
            return;
        }
        if (isWindows(pod, c)) {
            return;
        }
        if (nonRoot.isPresent()) {
            sink.report(describe(c) + " sets runAsNonRoot: false and no non-zero runAsUser"
                    + inherited(nonRoot.get()), nonRoot.get().path());
        } else {
            sink.report(describe(c) + " may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set"
                    + " on it or on the pod", nearest(r, c.pathOf("securityContext/runAsNonRoot")));
        }
    }

    private static void rootGroup(Resource r, PodSpecView pod, dev.palisade.core.EvaluationContext ctx,
            FindingSink sink) {
        for (String field : List.of("runAsGroup", "fsGroup")) {
            JsonNode value = pod.securityContext().path(field);
            if (value.canConvertToLong() && value.asLong() == 0) {
                sink.report("the pod sets " + field + ": 0 (root group)", pod.pathOf("securityContext/" + field));
            }
        }
        JsonNode supplemental = pod.securityContext().path("supplementalGroups");
        for (int i = 0; i < Support.len(supplemental); i++) {
            if (supplemental.get(i).canConvertToLong() && supplemental.get(i).asLong() == 0) {
                sink.report("the pod adds the root group (0) to supplementalGroups",
                        pod.pathOf("securityContext/supplementalGroups/" + i));
            }
        }
        for (ContainerView c : pod.containers()) {
            JsonNode group = c.securityContext().path("runAsGroup");
            if (group.canConvertToLong() && group.asLong() == 0) {
                sink.report(describe(c) + " runs with GID 0 (root group)", c.pathOf("securityContext/runAsGroup"));
            }
        }
    }

    private static ContainerType firstType(PodSpecView pod) {
        return pod.containers().isEmpty() ? ContainerType.REGULAR : pod.containers().get(0).type();
    }

    private static String inherited(EffectiveField field) {
        return field.inheritedFromPod() ? " (inherited from the pod's securityContext)" : "";
    }

    private static boolean isWindows(PodSpecView pod, ContainerView c) {
        return pod.spec().path("os").path("name").asText("").equals("windows");
    }

    private static boolean hasSeccompAnnotation(PodSpecView pod, ContainerView c) {
        var annotations = pod.annotations();
        String container = annotations.get("container.seccomp.security.alpha.kubernetes.io/" + c.name());
        String podLevel = annotations.get("seccomp.security.alpha.kubernetes.io/pod");
        String effective = container != null ? container : podLevel;
        return effective != null && (effective.equals("runtime/default") || effective.equals("docker/default")
                || effective.startsWith("localhost/") || effective.equals("unconfined"));
    }

    private static void annotations(Resource r, PodSpecView pod, FindingSink sink, String podKey, String badValue,
            String containerPrefix) {
        var annotations = pod.annotations();
        for (var e : annotations.entrySet()) {
            boolean relevant = e.getKey().equals(podKey) || e.getKey().startsWith(containerPrefix);
            if (relevant && e.getValue().equals(badValue)) {
                sink.report("annotation " + e.getKey() + " is " + badValue,
                        pod.metadataPath() + "/annotations/" + Support.escape(e.getKey()));
            }
        }
    }

    private static void seLinux(JsonNode options, String path, String who, FindingSink sink) {
        if (!options.isObject()) {
            return;
        }
        String type = options.path("type").asText("");
        if (!type.isEmpty() && !Set.of("container_t", "container_init_t", "container_kvm_t",
                "container_engine_t").contains(type)) {
            sink.report(who + " sets the SELinux type " + type, path + "/type");
        }
        for (String field : List.of("user", "role")) {
            if (!options.path(field).asText("").isEmpty()) {
                sink.report(who + " sets the SELinux " + field + " " + options.path(field).asText(),
                        path + "/" + field);
            }
        }
    }

    interface CapabilityFilter {
        boolean test(String capability);
    }

    private static Check capabilityCheck(String id, String title, String why, String fix, CapabilityFilter filter,
            String... standards) {
        String[] all = new String[standards.length + 2];
        System.arraycopy(standards, 0, all, 0, standards.length);
        all[standards.length] = "nsa-cisa:pod-security";
        all[standards.length + 1] = "owasp-k8s:K01";
        return Check.builder(id).category(CATEGORY).title(title).why(why).fix(fix).standards(all)
                .containers((r, pod, c, ctx, sink) -> {
                    JsonNode add = c.securityContext().path("capabilities").path("add");
                    for (int i = 0; i < Support.len(add); i++) {
                        String cap = upper(add.get(i).asText("")).replaceFirst("^CAP_", "");
                        boolean dangerous = DANGEROUS_CAPABILITIES.contains(cap);
                        boolean known = dangerous || cap.equals("NET_RAW") || cap.equals("NET_BIND_SERVICE");
                        boolean selected = id.equals("capabilities-added") ? !known : filter.test(cap);
                        if (selected) {
                            sink.report(describe(c) + " adds the capability " + cap,
                                    c.pathOf("securityContext/capabilities/add/" + i));
                        }
                    }
                    if (id.equals("net-raw-capability") && !isTrue(c.securityContext().path("privileged"))) {
                        List<String> drop = strings(c.securityContext().path("capabilities").path("drop")).stream()
                                .map(s -> upper(s).replaceFirst("^CAP_", "")).toList();
                        boolean added = strings(add).stream().anyMatch(s -> upper(s).endsWith("NET_RAW"));
                        if (!added && !drop.contains("ALL") && !drop.contains("NET_RAW")) {
                            sink.report(describe(c) + " keeps the default capability NET_RAW (drop ALL or NET_RAW)",
                                    nearest(r, c.pathOf("securityContext/capabilities/drop")));
                        }
                    }
                }).build();
    }

    private static Check hostNamespace(String id, String field, String title, String why, String cis) {
        return Check.builder(id).category(CATEGORY).title(title).why(why)
                .fix("Remove " + field + " from the pod spec (or set it to false).")
                .standards(cis, "nsa-cisa:pod-security", "owasp-k8s:K01", "pss:baseline")
                .pods((r, pod, ctx, sink) -> {
                    if (isTrue(pod.spec().path(field))) {
                        sink.report(Support.who(r) + " sets " + field + ": true", pod.pathOf(field));
                    }
                }).build();
    }

    interface HostPathVisitor {
        void visit(int index, String path);
    }

    private static void hostPaths(PodSpecView pod, HostPathVisitor visitor) {
        JsonNode volumes = pod.spec().path("volumes");
        for (int i = 0; i < Support.len(volumes); i++) {
            JsonNode hostPath = volumes.get(i).path("hostPath");
            if (hostPath.isObject()) {
                visitor.visit(i, hostPath.path("path").asText(""));
            }
        }
    }

    private static Check hostPathCheck(String id, String title, String why, String fix, boolean readOnly) {
        return Check.builder(id).category(CATEGORY).title(title).why(why).fix(fix)
                .standards("cis-k8s:5.2.12", "nsa-cisa:pod-security", "owasp-k8s:K01", "pss:baseline")
                .pods((r, pod, ctx, sink) -> {
                    JsonNode volumes = pod.spec().path("volumes");
                    for (int i = 0; i < Support.len(volumes); i++) {
                        JsonNode volume = volumes.get(i);
                        if (!volume.path("hostPath").isObject()) {
                            continue;
                        }
                        String name = volume.path("name").asText("");
                        boolean writable = false;
                        for (ContainerView c : pod.containers()) {
                            for (JsonNode mount : c.node().path("volumeMounts")) {
                                if (mount.path("name").asText("").equals(name) && !isTrue(mount.path("readOnly"))) {
                                    writable = true;
                                }
                            }
                        }
                        if (writable != readOnly) {
                            sink.report("volume \"" + name + "\" mounts the host path "
                                    + volume.path("hostPath").path("path").asText("") + (writable ? " writable" : " read-only"),
                                    pod.pathOf("volumes/" + i + "/hostPath"));
                        }
                    }
                }).build();
    }

    private static Check imageCheck(String id, String title, String why, String fix, String... markers) {
        return Check.builder(id).category(CATEGORY).title(title).why(why).fix(fix)
                .standards("owasp-k8s:K01", "owasp-k8s:K10")
                .containers((r, pod, c, ctx, sink) -> {
                    String image = c.image().toLowerCase(Locale.ROOT);
                    for (String marker : markers) {
                        if (image.contains(marker)) {
                            sink.report(describe(c) + " runs " + c.image(), c.pathOf("image"));
                            return;
                        }
                    }
                    if (c.index() != 0 || c.type() != pod.containers().get(0).type()) {
                        return;
                    }
                    var labels = new java.util.HashMap<String, String>(r.labels());
                    labels.putAll(Support.podLabels(r));
                    for (String key : List.of("app", "k8s-app", "name", "app.kubernetes.io/name")) {
                        String value = labels.getOrDefault(key, "").toLowerCase(Locale.ROOT);
                        if (List.of(markers).contains(value) || List.of(markers).contains("tiller")
                                && value.equals("tiller") || value.equals("kubernetes-dashboard")
                                && List.of(markers).contains("kubernetes-dashboard")) {
                            sink.report(Support.who(r) + " is labelled " + key + "=" + value, c.path());
                            return;
                        }
                    }
                }).build();
    }
}
