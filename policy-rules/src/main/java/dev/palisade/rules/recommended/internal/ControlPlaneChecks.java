package dev.palisade.rules.recommended.internal;

import static dev.palisade.rules.recommended.internal.Support.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ContainerView;
import dev.palisade.core.FindingSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flags of control-plane components run as static pods (kube-apiserver, kube-controller-manager,
 * kube-scheduler, etcd, kubelet), per the CIS Kubernetes Benchmark's sections 1, 2 and 4.
 */
final class ControlPlaneChecks {

    static final String CATEGORY = "Control plane";

    enum Rule { SET, EQUALS, NOT_EQUALS, ABSENT, CONTAINS, NOT_CONTAINS, AT_LEAST, EQUALS_IF_SET }

    /** One requirement on a flag. */
    record Flag(String name, Rule rule, String value, String cis) {
    }

    private static final Map<String, List<Flag>> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("kube-apiserver", List.of(
                new Flag("--anonymous-auth", Rule.EQUALS, "false", "1.2.1"),
                new Flag("--token-auth-file", Rule.ABSENT, "", "1.2.2"),
                new Flag("--basic-auth-file", Rule.ABSENT, "", "1.2.2"),
                new Flag("--kubelet-https", Rule.NOT_EQUALS, "false", "1.2.3"),
                new Flag("--kubelet-client-certificate", Rule.SET, "", "1.2.4"),
                new Flag("--kubelet-client-key", Rule.SET, "", "1.2.4"),
                new Flag("--kubelet-certificate-authority", Rule.SET, "", "1.2.5"),
                new Flag("--authorization-mode", Rule.NOT_CONTAINS, "AlwaysAllow", "1.2.6"),
                new Flag("--authorization-mode", Rule.CONTAINS, "Node", "1.2.7"),
                new Flag("--authorization-mode", Rule.CONTAINS, "RBAC", "1.2.8"),
                new Flag("--enable-admission-plugins", Rule.CONTAINS, "EventRateLimit", "1.2.9"),
                new Flag("--enable-admission-plugins", Rule.NOT_CONTAINS, "AlwaysAdmit", "1.2.10"),
                new Flag("--enable-admission-plugins", Rule.CONTAINS, "AlwaysPullImages", "1.2.11"),
                new Flag("--disable-admission-plugins", Rule.NOT_CONTAINS, "ServiceAccount", "1.2.13"),
                new Flag("--disable-admission-plugins", Rule.NOT_CONTAINS, "NamespaceLifecycle", "1.2.14"),
                new Flag("--enable-admission-plugins", Rule.CONTAINS, "NodeRestriction", "1.2.15"),
                new Flag("--insecure-bind-address", Rule.ABSENT, "", "1.2.16"),
                new Flag("--insecure-port", Rule.EQUALS_IF_SET, "0", "1.2.17"),
                new Flag("--secure-port", Rule.NOT_EQUALS, "0", "1.2.18"),
                new Flag("--profiling", Rule.EQUALS, "false", "1.2.16"),
                new Flag("--audit-log-path", Rule.SET, "", "1.2.17"),
                new Flag("--audit-log-maxage", Rule.AT_LEAST, "30", "1.2.18"),
                new Flag("--audit-log-maxbackup", Rule.AT_LEAST, "10", "1.2.19"),
                new Flag("--audit-log-maxsize", Rule.AT_LEAST, "100", "1.2.20"),
                new Flag("--service-account-lookup", Rule.NOT_EQUALS, "false", "1.2.22"),
                new Flag("--service-account-key-file", Rule.SET, "", "1.2.23"),
                new Flag("--etcd-certfile", Rule.SET, "", "1.2.24"),
                new Flag("--etcd-keyfile", Rule.SET, "", "1.2.24"),
                new Flag("--tls-cert-file", Rule.SET, "", "1.2.25"),
                new Flag("--tls-private-key-file", Rule.SET, "", "1.2.25"),
                new Flag("--client-ca-file", Rule.SET, "", "1.2.26"),
                new Flag("--etcd-cafile", Rule.SET, "", "1.2.27"),
                new Flag("--encryption-provider-config", Rule.SET, "", "1.2.28")));
        COMPONENTS.put("kube-controller-manager", List.of(
                new Flag("--terminated-pod-gc-threshold", Rule.SET, "", "1.3.1"),
                new Flag("--profiling", Rule.EQUALS, "false", "1.3.2"),
                new Flag("--use-service-account-credentials", Rule.EQUALS, "true", "1.3.3"),
                new Flag("--service-account-private-key-file", Rule.SET, "", "1.3.4"),
                new Flag("--root-ca-file", Rule.SET, "", "1.3.5"),
                new Flag("--feature-gates", Rule.NOT_CONTAINS, "RotateKubeletServerCertificate=false", "1.3.6"),
                new Flag("--bind-address", Rule.EQUALS, "127.0.0.1", "1.3.7")));
        COMPONENTS.put("kube-scheduler", List.of(
                new Flag("--profiling", Rule.EQUALS, "false", "1.4.1"),
                new Flag("--bind-address", Rule.EQUALS, "127.0.0.1", "1.4.2")));
        COMPONENTS.put("etcd", List.of(
                new Flag("--cert-file", Rule.SET, "", "2.1"),
                new Flag("--key-file", Rule.SET, "", "2.1"),
                new Flag("--client-cert-auth", Rule.EQUALS, "true", "2.2"),
                new Flag("--auto-tls", Rule.NOT_EQUALS, "true", "2.3"),
                new Flag("--peer-cert-file", Rule.SET, "", "2.4"),
                new Flag("--peer-key-file", Rule.SET, "", "2.4"),
                new Flag("--peer-client-cert-auth", Rule.EQUALS, "true", "2.5"),
                new Flag("--peer-auto-tls", Rule.NOT_EQUALS, "true", "2.6")));
        COMPONENTS.put("kubelet", List.of(
                new Flag("--anonymous-auth", Rule.EQUALS, "false", "4.2.1"),
                new Flag("--authorization-mode", Rule.NOT_CONTAINS, "AlwaysAllow", "4.2.2"),
                new Flag("--client-ca-file", Rule.SET, "", "4.2.3"),
                new Flag("--read-only-port", Rule.EQUALS, "0", "4.2.4"),
                new Flag("--streaming-connection-idle-timeout", Rule.NOT_EQUALS, "0", "4.2.5"),
                new Flag("--protect-kernel-defaults", Rule.EQUALS, "true", "4.2.6"),
                new Flag("--make-iptables-util-chains", Rule.NOT_EQUALS, "false", "4.2.7"),
                new Flag("--hostname-override", Rule.ABSENT, "", "4.2.8"),
                new Flag("--tls-cert-file", Rule.SET, "", "4.2.10"),
                new Flag("--tls-private-key-file", Rule.SET, "", "4.2.10"),
                new Flag("--rotate-certificates", Rule.NOT_EQUALS, "false", "4.2.11"),
                new Flag("--feature-gates", Rule.NOT_CONTAINS, "RotateKubeletServerCertificate=false", "4.2.12")));
    }

    private ControlPlaneChecks() {
    }

    static List<Check> all() {
        return List.of(
                component("apiserver-insecure-flags", "kube-apiserver", "cis-k8s:1.2",
                        "The API server's flags decide authentication, authorization, admission, audit and"
                                + " encryption for the whole cluster."),
                component("controller-manager-insecure-flags", "kube-controller-manager", "cis-k8s:1.3",
                        "The controller manager holds the service-account signing key and acts on every"
                                + " object."),
                component("scheduler-insecure-flags", "kube-scheduler", "cis-k8s:1.4",
                        "An exposed scheduler leaks profiling data and accepts requests off the node."),
                component("etcd-insecure-flags", "etcd", "cis-k8s:2",
                        "etcd stores every object, Secrets included: without TLS and client certificates, whoever"
                                + " reaches it reads and writes the cluster's state."),
                component("kubelet-insecure-flags", "kubelet", "cis-k8s:4.2",
                        "The kubelet API runs commands in every pod of its node; anonymous or unauthorised access"
                                + " to it is node takeover."));
    }

    private static Check component(String id, String binary, String cis, String why) {
        return Check.builder(id).problem("control-plane-insecure-flag").category(CATEGORY)
                .title(binary + " must run with secure flags")
                .why(why + " Judged on static pod manifests (such as /etc/kubernetes/manifests).")
                .fix("Change the flag as the finding says (CIS Kubernetes Benchmark section " + cis.substring(8)
                        + ").")
                .standards(cis, "nsa-cisa:control-plane", "owasp-k8s:K09")
                .containers((r, pod, c, ctx, sink) -> {
                    List<String> words = new ArrayList<>();
                    List<String> paths = new ArrayList<>();
                    for (String field : List.of("command", "args")) {
                        JsonNode list = c.node().path(field);
                        for (int i = 0; i < Support.len(list); i++) {
                            for (String word : list.get(i).asText("").trim().split("\\s+")) {
                                words.add(word);
                                paths.add(c.pathOf(field + "/" + i));
                            }
                        }
                    }
                    if (!isComponent(words, binary) && !(byImage(c.image(), binary) && noComponentCommand(words))) {
                        return;
                    }
                    judge(c, binary, words, paths, sink);
                }).build();
    }

    private static boolean byImage(String image, String binary) {
        String name = image;
        int at = name.indexOf('@');
        name = at < 0 ? name : name.substring(0, at);
        name = name.substring(name.lastIndexOf('/') + 1);
        int colon = name.indexOf(':');
        name = colon < 0 ? name : name.substring(0, colon);
        return name.equals(binary) || name.startsWith(binary + "-");
    }

    private static boolean noComponentCommand(List<String> words) {
        for (String binary : COMPONENTS.keySet()) {
            if (isComponent(words, binary)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isComponent(List<String> words, String binary) {
        for (int i = 0; i < Math.min(words.size(), 3); i++) {
            String w = words.get(i);
            String base = w.substring(w.lastIndexOf('/') + 1);
            if (base.equals(binary)) {
                return true;
            }
        }
        return false;
    }

    private static void judge(ContainerView c, String binary, List<String> words, List<String> paths,
            FindingSink sink) {
        Map<String, Integer> at = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("--")) {
                continue;
            }
            int eq = w.indexOf('=');
            String name = eq < 0 ? w : w.substring(0, eq);
            String value = eq < 0 ? (i + 1 < words.size() && !words.get(i + 1).startsWith("--") ? words.get(i + 1)
                    : "true") : w.substring(eq + 1);
            at.put(name, i);
            values.put(name, value);
        }
        String missingPath = !c.node().path("command").isMissingNode() ? c.pathOf("command")
                : !c.node().path("args").isMissingNode() ? c.pathOf("args") : c.path();
        for (Flag flag : COMPONENTS.get(binary)) {
            String value = values.get(flag.name());
            String path = value == null ? missingPath : paths.get(at.get(flag.name()));
            String problem = switch (flag.rule()) {
                case SET -> value == null || value.isEmpty() ? "must be set" : null;
                case EQUALS -> !flag.value().equals(value) ? "must be " + flag.value() : null;
                case EQUALS_IF_SET -> value != null && !flag.value().equals(value) ? "must be " + flag.value() : null;
                case NOT_EQUALS -> flag.value().equals(value) ? "must not be " + flag.value() : null;
                case ABSENT -> value != null ? "must not be set" : null;
                case CONTAINS -> value == null || !Arrays.asList(value.split(",")).contains(flag.value())
                        ? "must include " + flag.value() : null;
                case NOT_CONTAINS -> value != null && Arrays.asList(value.split(",")).contains(flag.value())
                        ? "must not include " + flag.value() : null;
                case AT_LEAST -> value == null || !atLeast(value, flag.value()) ? "must be at least " + flag.value()
                        : null;
            };
            if (problem != null) {
                sink.report(describe(c) + " runs " + binary + ": " + flag.name() + " " + problem
                        + (value == null ? " (not set)" : " (is " + value + ")") + " [CIS " + flag.cis() + "]", path);
            }
        }
    }

    private static boolean atLeast(String value, String minimum) {
        try {
            return Long.parseLong(value) >= Long.parseLong(minimum);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
