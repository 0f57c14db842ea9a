package dev.palisade.rules;

import static dev.palisade.core.Severity.CRITICAL;
import static dev.palisade.core.Severity.HIGH;
import static dev.palisade.core.Severity.INFO;
import static dev.palisade.core.Severity.LOW;
import static dev.palisade.core.Severity.MEDIUM;

import dev.palisade.core.PalisadeException;
import dev.palisade.core.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one severity scale of every built-in check, keyed by problem: the same problem has the same
 * severity whichever catalogue reports it (the starter rules, {@code builtin:recommended}, each
 * Pod Security Standards check, and the Gatekeeper library's kinds that judge the same problem).
 * The scale is defined in docs/rules/README.md:
 * <ul>
 * <li>{@code critical}: a direct route to the node or to the whole cluster, with no further step
 * (privileged containers, the container runtime socket, cluster-admin or anonymous bindings);</li>
 * <li>{@code high}: one step from escalation or credential theft (host namespaces, writable host paths,
 * reading Secrets, exec into pods, plaintext credentials);</li>
 * <li>{@code medium}: weakens a defence layer that a real attack relies on (root users, privilege
 * escalation, no seccomp, no network isolation, no limits);</li>
 * <li>{@code low}: hardening and reliability hygiene (read-only root filesystem, probes, pull
 * policy);</li>
 * <li>{@code info}: bookkeeping (labels, priority classes).</li>
 * </ul>
 */
public final class Severities {

    private static final Map<String, Severity> PROBLEMS = table();

    private static final Map<String, String> POD_SECURITY_CHECKS = Map.ofEntries(
            Map.entry("appArmorProfile", "apparmor-unconfined"),
            Map.entry("capabilities_baseline", "dangerous-capabilities"),
            Map.entry("hostNamespaces", "host-namespaces"),
            Map.entry("hostPathVolumes", "host-path-volume"),
            Map.entry("hostPorts", "host-port"),
            Map.entry("hostProbesAndHostLifecycle", "host-probe"),
            Map.entry("privileged", "privileged-container"),
            Map.entry("procMount", "proc-mount-unmasked"),
            Map.entry("procMount_restricted", "proc-mount-unmasked"),
            Map.entry("seLinuxOptions", "selinux-custom-options"),
            Map.entry("seccompProfile_baseline", "seccomp-unconfined"),
            Map.entry("seccompProfile_restricted", "seccomp-profile-missing"),
            Map.entry("sysctls", "unsafe-sysctls"),
            Map.entry("windowsHostProcess", "windows-host-process"),
            Map.entry("allowPrivilegeEscalation", "privilege-escalation-allowed"),
            Map.entry("capabilities_restricted", "capabilities-not-dropped"),
            Map.entry("restrictedVolumes", "restricted-volume-types"),
            Map.entry("runAsNonRoot", "run-as-root"),
            Map.entry("runAsUser", "run-as-root"));

    private static final Map<String, String> GATEKEEPER_KINDS = Map.ofEntries(
            Map.entry("K8sPSPPrivilegedContainer", "privileged-container"),
            Map.entry("K8sPSPHostNamespace", "host-namespaces"),
            Map.entry("K8sPSPHostNetworkingPorts", "host-network"),
            Map.entry("K8sPSPHostFilesystem", "host-path-volume"),
            Map.entry("K8sPSPAllowPrivilegeEscalationContainer", "privilege-escalation-allowed"),
            Map.entry("K8sPSPCapabilities", "dangerous-capabilities"),
            Map.entry("K8sPSPAllowedUsers", "run-as-root"),
            Map.entry("K8sPSPReadOnlyRootFilesystem", "readonly-root-filesystem"),
            Map.entry("K8sPSPSeccomp", "seccomp-profile-missing"),
            Map.entry("K8sPSPAppArmor", "apparmor-unconfined"),
            Map.entry("K8sPSPSELinuxV2", "selinux-custom-options"),
            Map.entry("K8sPSPForbiddenSysctls", "unsafe-sysctls"),
            Map.entry("K8sPSPProcMount", "proc-mount-unmasked"),
            Map.entry("K8sPSPWindowsHostProcess", "windows-host-process"),
            Map.entry("K8sPSPVolumeTypes", "restricted-volume-types"),
            Map.entry("K8sContainerLimits", "resources-limits-required"),
            Map.entry("K8sRequiredResources", "resources-limits-required"),
            Map.entry("K8sDisallowedTags", "no-latest-tag"),
            Map.entry("K8sImageDigests", "image-digest-missing"),
            Map.entry("K8sAllowedRepos", "untrusted-registry"),
            Map.entry("K8sRequiredProbes", "liveness-probe-missing"),
            Map.entry("K8sBlockNodePort", "service-node-port"),
            Map.entry("K8sExternalIPs", "service-external-ips"),
            Map.entry("K8sHttpsOnly", "ingress-tls-missing"),
            Map.entry("K8sUniqueIngressHost", "ingress-duplicate-host"),
            Map.entry("K8sBlockWildcardIngress", "ingress-wildcard-host"),
            Map.entry("K8sPSPAutomountServiceAccountTokenPod", "automount-service-account-token"),
            Map.entry("K8sDisallowAnonymous", "rbac-binding-to-anonymous"),
            Map.entry("K8sRequiredLabels", "required-labels"),
            Map.entry("K8sEphemeralStorageLimit", "ephemeral-storage-missing"),
            Map.entry("K8sPSPFlexVolumes", "restricted-volume-types"),
            Map.entry("K8sDisallowInteractiveTTY", "interactive-tty"),
            Map.entry("K8sVerifyDeprecatedAPI", "removed-api-version"));

    private Severities() {
    }

    private static Map<String, Severity> table() {
        Map<String, Severity> t = new LinkedHashMap<>();
        // Workload security
        t.put("privileged-container", CRITICAL);
        t.put("docker-socket-mount", CRITICAL);
        t.put("host-namespaces", HIGH);
        t.put("host-network", HIGH);
        t.put("host-pid", HIGH);
        t.put("host-ipc", HIGH);
        t.put("host-path-volume", HIGH);
        t.put("sensitive-host-path", HIGH);
        t.put("host-path-read-only", LOW);
        t.put("host-port", MEDIUM);
        t.put("host-probe", MEDIUM);
        t.put("dangerous-capabilities", HIGH);
        t.put("net-raw-capability", MEDIUM);
        t.put("capabilities-added", MEDIUM);
        t.put("net-bind-service-capability", LOW);
        t.put("capabilities-not-dropped", MEDIUM);
        t.put("privilege-escalation-allowed", MEDIUM);
        t.put("run-as-root", MEDIUM);
        t.put("run-as-root-group", MEDIUM);
        t.put("run-as-low-uid", LOW);
        t.put("readonly-root-filesystem", LOW);
        t.put("security-context-missing", LOW);
        t.put("seccomp-profile-missing", MEDIUM);
        t.put("seccomp-unconfined", HIGH);
        t.put("apparmor-unconfined", HIGH);
        t.put("selinux-custom-options", MEDIUM);
        t.put("proc-mount-unmasked", HIGH);
        t.put("unsafe-sysctls", HIGH);
        t.put("windows-host-process", HIGH);
        t.put("restricted-volume-types", MEDIUM);
        t.put("interactive-tty", LOW);
        t.put("ssh-port-exposed", LOW);
        t.put("tiller-deployed", HIGH);
        t.put("kubernetes-dashboard-deployed", MEDIUM);
        // Images
        t.put("no-latest-tag", MEDIUM);
        t.put("image-digest-missing", LOW);
        t.put("image-pull-policy", LOW);
        t.put("untrusted-registry", HIGH);
        // Service accounts and credentials
        t.put("automount-service-account-token", MEDIUM);
        t.put("default-service-account-used", LOW);
        t.put("default-service-account-automount", LOW);
        t.put("deprecated-service-account-field", LOW);
        t.put("cloud-credentials-in-env", CRITICAL);
        t.put("secret-literal-in-env", HIGH);
        t.put("secret-in-configmap", HIGH);
        t.put("plaintext-secret-manifest", HIGH);
        t.put("secret-as-env-var", LOW);
        t.put("duplicate-env-var", LOW);
        // RBAC
        t.put("rbac-cluster-admin-binding", CRITICAL);
        t.put("rbac-binding-to-anonymous", CRITICAL);
        t.put("rbac-binding-to-authenticated", HIGH);
        t.put("rbac-binding-to-system-masters", HIGH);
        t.put("rbac-default-service-account-bound", MEDIUM);
        t.put("rbac-wildcard", HIGH);
        t.put("rbac-secrets-read", HIGH);
        t.put("rbac-secrets-write", MEDIUM);
        t.put("rbac-create-pods", HIGH);
        t.put("rbac-pod-exec", HIGH);
        t.put("rbac-node-proxy", HIGH);
        t.put("rbac-impersonate", HIGH);
        t.put("rbac-escalate-bind", HIGH);
        t.put("rbac-manage-rbac", HIGH);
        t.put("rbac-manage-webhooks", HIGH);
        t.put("rbac-manage-networking", MEDIUM);
        t.put("rbac-csr-approval", HIGH);
        t.put("rbac-serviceaccount-token", HIGH);
        t.put("rbac-manage-persistent-volumes", MEDIUM);
        t.put("rbac-manage-namespaces", MEDIUM);
        t.put("rbac-manage-nodes", HIGH);
        t.put("rbac-destructive-verbs", MEDIUM);
        t.put("rbac-manage-configmaps", MEDIUM);
        t.put("rbac-kube-system-write", HIGH);
        t.put("rbac-services-status", MEDIUM);
        t.put("rbac-delete-pod-logs", MEDIUM);
        // Network
        t.put("namespace-default-deny-missing", MEDIUM);
        t.put("workload-without-network-policy", MEDIUM);
        t.put("network-policy-metadata-egress", HIGH);
        t.put("network-policy-selects-nothing", LOW);
        t.put("service-node-port", MEDIUM);
        t.put("service-load-balancer-open", MEDIUM);
        t.put("service-external-ips", HIGH);
        t.put("service-selects-nothing", LOW);
        t.put("ingress-tls-missing", MEDIUM);
        t.put("ingress-wildcard-host", LOW);
        t.put("ingress-duplicate-host", MEDIUM);
        t.put("ingress-nginx-snippet", HIGH);
        // Resources and reliability
        t.put("resources-limits-required", MEDIUM);
        t.put("cpu-requests-missing", LOW);
        t.put("memory-requests-missing", LOW);
        t.put("cpu-limits-missing", LOW);
        t.put("memory-limits-missing", MEDIUM);
        t.put("ephemeral-storage-missing", LOW);
        t.put("liveness-probe-missing", LOW);
        t.put("readiness-probe-missing", LOW);
        t.put("identical-probes", LOW);
        t.put("single-replica-without-pdb", LOW);
        t.put("pdb-allows-no-disruption", MEDIUM);
        t.put("no-anti-affinity", LOW);
        t.put("naked-pod", LOW);
        t.put("namespace-without-limitrange", LOW);
        t.put("namespace-without-resourcequota", LOW);
        t.put("priority-class-missing", INFO);
        t.put("hpa-min-equals-max", LOW);
        t.put("selector-mismatch", HIGH);
        // Namespaces and admission
        t.put("workload-in-default-namespace", LOW);
        t.put("workload-in-system-namespace", MEDIUM);
        t.put("namespace-pss-labels-missing", MEDIUM);
        t.put("namespace-pss-privileged", HIGH);
        t.put("namespace-pss-not-enforced", LOW);
        // API versions and ownership
        t.put("removed-api-version", HIGH);
        t.put("deprecated-api-version", LOW);
        t.put("required-labels", LOW);
        t.put("allowed-namespaces", HIGH);
        // Control plane (static pod manifests of kube-apiserver, controller manager, scheduler, etcd, kubelet)
        t.put("control-plane-insecure-flag", HIGH);
        return Collections.unmodifiableMap(t);
    }

    /** {@return every problem with its severity, in table order} */
    public static Map<String, Severity> all() {
        return PROBLEMS;
    }

    /**
     * {@return the severity of a problem}
     *
     * @param problem a problem name from the table, such as {@code privileged-container}
     * @throws PalisadeException when the problem is not in the table (a programming error)
     */
    public static Severity of(String problem) {
        Severity severity = PROBLEMS.get(problem);
        if (severity == null) {
            throw new PalisadeException("no severity for problem '" + problem + "' in Severities");
        }
        return severity;
    }

    /**
     * {@return the problem a Pod Security Standards check ({@code runAsNonRoot}) reports, if it is in the table}
     *
     * @param checkId the Pod Security Standards check id
     */
    public static Optional<String> podSecurityProblem(String checkId) {
        return Optional.ofNullable(POD_SECURITY_CHECKS.get(checkId));
    }

    /**
     * {@return the severity of a Pod Security Standards check's findings, when the table has its problem}
     *
     * @param checkId the Pod Security Standards check id
     */
    public static Optional<Severity> ofPodSecurityCheck(String checkId) {
        return podSecurityProblem(checkId).map(Severities::of);
    }

    /**
     * {@return the severity of a Gatekeeper library kind's findings, when it judges a problem of the table}
     *
     * @param kind the constraint kind, such as {@code K8sPSPPrivilegedContainer}
     */
    public static Optional<Severity> ofGatekeeperKind(String kind) {
        return Optional.ofNullable(GATEKEEPER_KINDS.get(kind)).map(Severities::of);
    }
}
