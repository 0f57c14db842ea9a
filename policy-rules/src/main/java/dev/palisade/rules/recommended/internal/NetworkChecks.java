package dev.palisade.rules.recommended.internal;

import static dev.palisade.rules.recommended.internal.Support.hasInventory;
import static dev.palisade.rules.recommended.internal.Support.namespaceOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Resource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Network isolation and exposure. */
final class NetworkChecks {

    static final String CATEGORY = "Network";
    private static final String NETWORKING = "networking.k8s.io";
    private static final long METADATA_IP = ipv4("169.254.169.254");
    private static final Set<String> INTERNAL_LB = Set.of("service.beta.kubernetes.io/aws-load-balancer-internal",
            "networking.gke.io/load-balancer-type", "cloud.google.com/load-balancer-type",
            "service.beta.kubernetes.io/azure-load-balancer-internal",
            "service.beta.kubernetes.io/aws-load-balancer-scheme",
            "service.beta.kubernetes.io/oci-load-balancer-internal");

    private static final Set<String> INJECTABLE = Set.of("nginx.ingress.kubernetes.io/auth-url",
            "nginx.ingress.kubernetes.io/auth-tls-match-cn", "nginx.ingress.kubernetes.io/mirror-target",
            "nginx.ingress.kubernetes.io/mirror-host", "nginx.ingress.kubernetes.io/auth-signin");
    private static final com.google.re2j.Pattern INJECTION = com.google.re2j.Pattern.compile("[\\r\\n<>\"{}|^`\\\\;#]");

    private NetworkChecks() {
    }

    static List<Check> all() {
        return List.of(
                Check.builder("namespace-default-deny-missing").category(CATEGORY)
                        .title("Namespaces must deny traffic by default")
                        .why("Without a NetworkPolicy that selects every pod for ingress and egress, any pod of the"
                                + " cluster reaches every pod of the namespace, and its pods reach anything: one"
                                + " compromised pod is a foothold everywhere.")
                        .fix("Add a NetworkPolicy with podSelector: {} and policyTypes [Ingress, Egress], then allow"
                                + " the flows the application needs.")
                        .standards("cis-k8s:5.3.2", "nsa-cisa:network", "owasp-k8s:K07")
                        .match(dev.palisade.core.Match.ALL)
                        .body(NetworkChecks::defaultDeny).build(),
                Check.builder("workload-without-network-policy").category(CATEGORY)
                        .title("Workloads must be selected by a NetworkPolicy")
                        .why("A pod that no NetworkPolicy selects accepts connections from every pod of the"
                                + " cluster and may connect anywhere.")
                        .fix("Add a NetworkPolicy whose podSelector matches the pod template's labels (or a"
                                + " namespace-wide default deny).")
                        .standards("cis-k8s:5.3.2", "nsa-cisa:network", "owasp-k8s:K07")
                        .pods((r, pod, ctx, sink) -> {
                            if (!hasInventory(ctx) || isOwned(r)) {
                                return;
                            }
                            Map<String, String> labels = Support.stringMap(pod.metadata().path("labels"));
                            for (Resource np : ctx.inventory().ofKind(NETWORKING, "NetworkPolicy")) {
                                if (namespaceOf(np).equals(namespaceOf(r))
                                        && Support.selects(np.object().path("spec").path("podSelector"), labels)) {
                                    return;
                                }
                            }
                            sink.report(Support.who(r) + " is selected by no NetworkPolicy in namespace \""
                                    + namespaceOf(r) + "\"", pod.metadataPath());
                        }).build(),
                Check.builder("network-policy-metadata-egress").category(CATEGORY)
                        .title("NetworkPolicies must not allow egress to the metadata endpoint or the kubelet")
                        .why("169.254.169.254 serves the node's cloud credentials; port 10250 is the kubelet API."
                                + " An egress rule that allows them hands a compromised pod the node's identity.")
                        .fix("Add 169.254.169.254/32 to the ipBlock's except list (or narrow the cidr), and do not"
                                + " allow port 10250.")
                        .standards("nsa-cisa:network", "owasp-k8s:K07")
                        .kinds(NETWORKING, "NetworkPolicy")
                        .body(NetworkChecks::metadataEgress).build(),
                Check.builder("network-policy-selects-nothing").category(CATEGORY)
                        .title("NetworkPolicies should select a workload")
                        .why("A NetworkPolicy whose podSelector matches no pod protects nothing; usually its labels"
                                + " drifted from the workload's.")
                        .fix("Fix the podSelector to match the pod template labels, or delete the policy.")
                        .standards("nsa-cisa:network", "owasp-k8s:K07")
                        .kinds(NETWORKING, "NetworkPolicy")
                        .body((r, ctx, sink) -> {
                            JsonNode selector = r.object().path("spec").path("podSelector");
                            List<Resource> workloads = Support.workloadsIn(ctx.inventory(), namespaceOf(r));
                            if (workloads.isEmpty() || !selector.isObject() || selector.isEmpty()) {
                                return;
                            }
                            for (Resource w : workloads) {
                                if (Support.selects(selector, Support.podLabels(w))) {
                                    return;
                                }
                            }
                            sink.report("the podSelector of NetworkPolicy \"" + r.id().name() + "\" matches none of"
                                    + " the " + workloads.size() + " workload(s) of namespace \"" + namespaceOf(r) + "\"",
                                    "/spec/podSelector");
                        }).build(),
                Check.builder("service-node-port").category(CATEGORY)
                        .title("Services should not be NodePorts")
                        .why("A NodePort opens the port on every node's address, around Ingress controllers and"
                                + " load-balancer source ranges.")
                        .fix("Use a ClusterIP Service behind an Ingress, or a LoadBalancer with"
                                + " loadBalancerSourceRanges.")
                        .standards("nsa-cisa:network", "owasp-k8s:K07")
                        .kinds("", "Service")
                        .body((r, ctx, sink) -> {
                            if (r.object().path("spec").path("type").asText("").equals("NodePort")) {
                                sink.report("Service \"" + r.id().name() + "\" is of type NodePort", "/spec/type");
                            }
                        }).build(),
                Check.builder("service-load-balancer-open").category(CATEGORY)
                        .title("LoadBalancer Services must restrict their sources")
                        .why("An external load balancer without loadBalancerSourceRanges accepts connections from"
                                + " the whole internet.")
                        .fix("Set spec.loadBalancerSourceRanges to the client networks, or make the load balancer"
                                + " internal.")
                        .standards("nsa-cisa:network", "owasp-k8s:K07")
                        .kinds("", "Service")
                        .body((r, ctx, sink) -> {
                            JsonNode spec = r.object().path("spec");
                            if (!spec.path("type").asText("").equals("LoadBalancer")
                                    || spec.path("loadBalancerSourceRanges").size() > 0) {
                                return;
                            }
                            Map<String, String> annotations = r.annotations();
                            if (annotations.containsKey("service.beta.kubernetes.io/load-balancer-source-ranges")) {
                                return;
                            }
                            for (String key : INTERNAL_LB) {
                                String v = annotations.getOrDefault(key, "").toLowerCase(Locale.ROOT);
                                if (v.equals("true") || v.equals("internal")) {
                                    return;
                                }
                            }
                            sink.report("LoadBalancer Service \"" + r.id().name() + "\" has no"
                                    + " loadBalancerSourceRanges", "/spec/type");
                        }).build(),
                Check.builder("service-external-ips").category(CATEGORY)
                        .title("Services must not set externalIPs")
                        .why("Whoever can create a Service with externalIPs intercepts traffic to those addresses"
                                + " from every pod (CVE-2020-8554).")
                        .fix("Remove spec.externalIPs; use a LoadBalancer or an Ingress. Block the field cluster"
                                + "-wide with an admission policy.")
                        .standards("nsa-cisa:network", "owasp-k8s:K07")
                        .kinds("", "Service")
                        .body((r, ctx, sink) -> {
                            JsonNode ips = r.object().path("spec").path("externalIPs");
                            for (int i = 0; i < Support.len(ips); i++) {
                                sink.report("Service \"" + r.id().name() + "\" sets externalIP " + ips.get(i).asText(),
                                        "/spec/externalIPs/" + i);
                            }
                        }).build(),
                Check.builder("service-selects-nothing").category(CATEGORY)
                        .title("Services should select a workload")
                        .why("A Service whose selector matches no pod has no endpoints: clients get connection"
                                + " errors, usually because labels drifted.")
                        .fix("Fix spec.selector to match the pod template labels.")
                        .standards("owasp-k8s:K01")
                        .kinds("", "Service")
                        .body((r, ctx, sink) -> {
                            JsonNode selector = r.object().path("spec").path("selector");
                            List<Resource> workloads = Support.workloadsIn(ctx.inventory(), namespaceOf(r));
                            if (workloads.isEmpty() || !selector.isObject() || selector.isEmpty()) {
                                return;
                            }
                            for (Resource w : workloads) {
                                if (Support.selectsMap(selector, Support.podLabels(w))) {
                                    return;
                                }
                            }
                            sink.report("the selector of Service \"" + r.id().name() + "\" matches no workload of"
                                    + " namespace \"" + namespaceOf(r) + "\"", "/spec/selector");
                        }).build(),
                Check.builder("ingress-tls-missing").category(CATEGORY)
                        .title("Ingresses must use TLS")
                        .why("Without TLS, credentials and session cookies cross the network in clear text.")
                        .fix("Add spec.tls with a certificate for every host (cert-manager issues them).")
                        .standards("nsa-cisa:network", "owasp-k8s:K07")
                        .match(ingresses())
                        .body((r, ctx, sink) -> {
                            JsonNode spec = r.object().path("spec");
                            if (spec.path("tls").size() == 0) {
                                sink.report("Ingress \"" + r.id().name() + "\" has no tls section",
                                        Support.nearest(r, "/spec/tls"));
                                return;
                            }
                            Set<String> covered = new HashSet<>();
                            for (JsonNode tls : spec.path("tls")) {
                                covered.addAll(Support.strings(tls.path("hosts")));
                            }
                            JsonNode rules = spec.path("rules");
                            for (int i = 0; i < Support.len(rules); i++) {
                                String host = rules.get(i).path("host").asText("");
                                if (!host.isEmpty() && !covered.contains(host) && !coveredByWildcard(covered, host)) {
                                    sink.report("host " + host + " of Ingress \"" + r.id().name() + "\" is not covered"
                                            + " by tls", "/spec/rules/" + i + "/host");
                                }
                            }
                        }).build(),
                Check.builder("ingress-wildcard-host").category(CATEGORY)
                        .title("Ingress rules should name a host")
                        .why("A rule without a host, or with a wildcard host, answers for every name pointed at the"
                                + " load balancer, and can capture other teams' traffic.")
                        .fix("Set rules[].host to the exact host name.")
                        .standards("nsa-cisa:network", "owasp-k8s:K07")
                        .match(ingresses())
                        .body((r, ctx, sink) -> {
                            JsonNode rules = r.object().path("spec").path("rules");
                            for (int i = 0; i < Support.len(rules); i++) {
                                String host = rules.get(i).path("host").asText("");
                                if (host.isEmpty()) {
                                    sink.report("rule " + i + " of Ingress \"" + r.id().name() + "\" has no host",
                                            "/spec/rules/" + i);
                                } else if (host.contains("*")) {
                                    sink.report("rule " + i + " of Ingress \"" + r.id().name() + "\" uses the wildcard"
                                            + " host " + host, "/spec/rules/" + i + "/host");
                                }
                            }
                        }).build(),
                Check.builder("ingress-duplicate-host").category(CATEGORY)
                        .title("Ingress hosts must be unique")
                        .why("Two Ingresses claiming one host race for its traffic; the controller picks one and the"
                                + " other team's routes vanish or are hijacked.")
                        .fix("Merge the rules into one Ingress, or give each a distinct host.")
                        .standards("nsa-cisa:network", "owasp-k8s:K07")
                        .match(ingresses())
                        .body(NetworkChecks::duplicateHosts).build(),
                Check.builder("ingress-nginx-snippet").category(CATEGORY)
                        .title("Ingresses must not inject ingress-nginx configuration")
                        .why("Snippet annotations inject raw nginx configuration, and special characters in"
                                + " auth-url, auth-tls-match-cn or mirror annotations do the same: with them an Ingress"
                                + " author reads the controller's service-account token and every Secret it can see"
                                + " (CVE-2021-25742, CVE-2025-1097, CVE-2025-1098, CVE-2025-24514).")
                        .fix("Remove the *-snippet annotations and disable allow-snippet-annotations in the"
                                + " controller.")
                        .standards("owasp-k8s:K01", "owasp-k8s:K09")
                        .match(ingresses())
                        .body((r, ctx, sink) -> {
                            for (var e : r.annotations().entrySet()) {
                                String key = e.getKey();
                                if (INJECTABLE.contains(key) && INJECTION.matcher(e.getValue()).find()) {
                                    sink.report("annotation " + key + " contains characters that inject nginx"
                                            + " configuration", "/metadata/annotations/" + Support.escape(key));
                                    continue;
                                }
                                if (key.startsWith("nginx.ingress.kubernetes.io/") && key.endsWith("-snippet")
                                        || key.equals("nginx.org/server-snippets")
                                        || key.equals("nginx.org/location-snippets")) {
                                    sink.report("annotation " + key + " injects nginx configuration",
                                            "/metadata/annotations/" + Support.escape(key));
                                }
                            }
                        }).build());
    }

    private static dev.palisade.core.Match ingresses() {
        return dev.palisade.core.Match.ALL.withKinds(List.of(new dev.palisade.core.KindSelector(
                List.of("*"), List.of("Ingress"))));
    }

    private static boolean isOwned(Resource r) {
        return r.id().kind().equals("PodTemplate");
    }

    private static boolean coveredByWildcard(Set<String> covered, String host) {
        int dot = host.indexOf('.');
        return dot > 0 && covered.contains("*" + host.substring(dot));
    }

    /**
     * Reports namespaces without a default deny: on the Namespace object when the input declares it,
     * else on the first workload of the namespace (a namespace inferred from workloads).
     */
    private static void defaultDeny(Resource r, EvaluationContext ctx, FindingSink sink) {
        if (!hasInventory(ctx)) {
            return;
        }
        String kind = r.id().kind();
        String namespace;
        String path;
        if (kind.equals("Namespace") && r.id().group().isEmpty()) {
            namespace = r.id().name();
            path = "";
        } else if (PodSpecView.hasPodSpec(r.id().group(), kind) && !isOwned(r)) {
            namespace = namespaceOf(r);
            if (ctx.inventory().find("", "Namespace", "", namespace).isPresent()) {
                return;
            }
            List<Resource> workloads = Support.workloadsIn(ctx.inventory(), namespace);
            if (workloads.isEmpty() || workloads.get(0) != r && !sameId(workloads.get(0), r)) {
                return;
            }
            path = "/metadata";
        } else {
            return;
        }
        if (Support.SYSTEM_NAMESPACES.contains(namespace)) {
            return;
        }
        boolean ingress = false;
        boolean egress = false;
        for (Resource np : ctx.inventory().ofKind(NETWORKING, "NetworkPolicy")) {
            JsonNode spec = np.object().path("spec");
            if (!namespaceOf(np).equals(namespace) || !spec.path("podSelector").isObject()
                    || !spec.path("podSelector").isEmpty() && !emptySelector(spec.path("podSelector"))) {
                continue;
            }
            List<String> types = Support.strings(spec.path("policyTypes"));
            if (types.isEmpty()) {
                types = new ArrayList<>(List.of("Ingress"));
                if (spec.has("egress")) {
                    types.add("Egress");
                }
            }
            if (types.contains("Ingress") && spec.path("ingress").size() == 0) {
                ingress = true;
            }
            if (types.contains("Egress") && spec.path("egress").size() == 0) {
                egress = true;
            }
        }
        if (!ingress || !egress) {
            String missing = !ingress && !egress ? "ingress and egress" : !ingress ? "ingress" : "egress";
            sink.report("namespace \"" + namespace + "\" has no default-deny NetworkPolicy for " + missing, path);
        }
    }

    private static boolean emptySelector(JsonNode selector) {
        return selector.path("matchLabels").size() == 0 && selector.path("matchExpressions").size() == 0;
    }

    private static boolean sameId(Resource a, Resource b) {
        return a.id().equals(b.id()) && a.source().equals(b.source());
    }

    private static void metadataEgress(Resource r, EvaluationContext ctx, FindingSink sink) {
        JsonNode egress = r.object().path("spec").path("egress");
        for (int i = 0; i < Support.len(egress); i++) {
            JsonNode rule = egress.get(i);
            JsonNode ports = rule.path("ports");
            for (int p = 0; p < Support.len(ports); p++) {
                if (ports.get(p).path("port").asInt(-1) == 10250) {
                    sink.report("egress rule " + i + " allows the kubelet port 10250",
                            "/spec/egress/" + i + "/ports/" + p + "/port");
                }
            }
            JsonNode to = rule.path("to");
            boolean portsAllowHttp = ports.size() == 0 || allowsPort(ports, 80);
            if (to.size() == 0) {
                if (portsAllowHttp && ports.size() == 0) {
                    sink.report("egress rule " + i + " allows every destination, including the metadata endpoint"
                            + " 169.254.169.254", "/spec/egress/" + i);
                }
                continue;
            }
            for (int j = 0; j < Support.len(to); j++) {
                JsonNode block = to.get(j).path("ipBlock");
                if (!block.isObject() || !portsAllowHttp) {
                    continue;
                }
                String cidr = block.path("cidr").asText("");
                if (contains(cidr, METADATA_IP) && !excepted(block.path("except"))) {
                    sink.report("egress rule " + i + " allows " + cidr + ", which contains the metadata endpoint"
                            + " 169.254.169.254", "/spec/egress/" + i + "/to/" + j + "/ipBlock/cidr");
                }
            }
        }
    }

    private static boolean allowsPort(JsonNode ports, int port) {
        for (JsonNode p : ports) {
            JsonNode value = p.path("port");
            if (value.isMissingNode()) {
                return true;
            }
            int start = value.asInt(-1);
            int end = p.path("endPort").asInt(start);
            if (start <= port && port <= end) {
                return true;
            }
        }
        return false;
    }

    private static boolean excepted(JsonNode except) {
        for (JsonNode e : except) {
            if (contains(e.asText(""), METADATA_IP)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an IPv4 CIDR contains the address ({@code 0.0.0.0/0} contains everything). */
    static boolean contains(String cidr, long ip) {
        int slash = cidr.indexOf('/');
        if (cidr.contains(":")) {
            return cidr.startsWith("::/0");
        }
        long base = ipv4(slash < 0 ? cidr : cidr.substring(0, slash));
        if (base < 0) {
            return false;
        }
        int bits;
        try {
            bits = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (bits < 0 || bits > 32) {
            return false;
        }
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (base & mask) == (ip & mask);
    }

    static long ipv4(String text) {
        String[] parts = text.split("\\.");
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            try {
                int octet = Integer.parseInt(part);
                if (octet < 0 || octet > 255) {
                    return -1;
                }
                value = value << 8 | octet;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return value;
    }

    private static void duplicateHosts(Resource r, EvaluationContext ctx, FindingSink sink) {
        JsonNode rules = r.object().path("spec").path("rules");
        for (int i = 0; i < Support.len(rules); i++) {
            String host = rules.get(i).path("host").asText("");
            if (host.isEmpty()) {
                continue;
            }
            for (String group : List.of(NETWORKING, "extensions")) {
                for (Resource other : ctx.inventory().ofKind(group, "Ingress")) {
                    if (other.id().equals(r.id()) && other.source().equals(r.source())) {
                        continue;
                    }
                    for (JsonNode otherRule : other.object().path("spec").path("rules")) {
                        if (otherRule.path("host").asText("").equals(host)) {
                            sink.report("host " + host + " is also claimed by Ingress \"" + namespaceOf(other) + "/"
                                    + other.id().name() + "\"", "/spec/rules/" + i + "/host");
                            return;
                        }
                    }
                }
            }
        }
    }
}
