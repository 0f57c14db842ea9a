package dev.palisade.rules.recommended.internal;

import static dev.palisade.rules.recommended.internal.Support.strings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.KindSelector;
import dev.palisade.core.Match;
import dev.palisade.core.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RBAC: what Roles and ClusterRoles grant (reported on the rule, with the bindings that grant it to
 * someone), and what bindings give away (reported on the subject).
 */
final class RbacChecks {

    static final String CATEGORY = "RBAC";
    private static final String RBAC = "rbac.authorization.k8s.io";
    private static final List<String> WRITE = List.of("create", "update", "patch", "delete", "deletecollection");
    private static final List<String> READ = List.of("get", "list", "watch");
    private static final Set<String> SENSITIVE_CONFIGMAPS = Set.of("aws-auth", "coredns", "kube-proxy",
            "kubeadm-config", "kubelet-config", "cluster-info");
    private static final Match ROLES = Match.ALL.withKinds(List.of(new KindSelector(List.of(RBAC),
            List.of("Role", "ClusterRole"))));
    private static final Match BINDINGS = Match.ALL.withKinds(List.of(new KindSelector(List.of(RBAC),
            List.of("RoleBinding", "ClusterRoleBinding"))));
    private static final Match ROLES_AND_BINDINGS = Match.ALL.withKinds(List.of(new KindSelector(List.of(RBAC),
            List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"))));

    /** One rule of a role. */
    record Rule(int index, List<String> groups, List<String> resources, List<String> verbs, List<String> names) {

        static List<Rule> of(JsonNode rules) {
            List<Rule> out = new ArrayList<>();
            for (int i = 0; i < Support.len(rules); i++) {
                JsonNode rule = rules.get(i);
                out.add(new Rule(i, strings(rule.path("apiGroups")), strings(rule.path("resources")),
                        strings(rule.path("verbs")), strings(rule.path("resourceNames"))));
            }
            return out;
        }

        static Rule of(List<String> groups, List<String> resources, List<String> verbs) {
            return new Rule(-1, groups, resources, verbs, List.of());
        }

        boolean group(String g) {
            return groups.contains("*") || groups.contains(g);
        }

        boolean resource(String r) {
            if (resources.contains("*") || resources.contains(r)) {
                return true;
            }
            int slash = r.indexOf('/');
            return slash > 0 && resources.contains(r.substring(0, slash) + "/*");
        }

        boolean verb(String v) {
            return verbs.contains("*") || verbs.contains(v);
        }

        /** The verbs of the list that the rule grants on one of the resources, as "verbs on resources". */
        Optional<String> grants(List<String> groupList, List<String> resourceList, List<String> verbList) {
            if (groupList.stream().noneMatch(this::group)) {
                return Optional.empty();
            }
            Set<String> gotResources = new LinkedHashSet<>();
            for (String r : resourceList) {
                if (resource(r)) {
                    gotResources.add(r);
                }
            }
            Set<String> gotVerbs = new LinkedHashSet<>();
            for (String v : verbList) {
                if (verb(v)) {
                    gotVerbs.add(v);
                }
            }
            if (gotResources.isEmpty() || gotVerbs.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(String.join(", ", gotVerbs) + " on " + String.join(", ", gotResources)
                    + (names.isEmpty() ? "" : " (resourceNames " + String.join(", ", names) + ")"));
        }
    }

    /** A permission check's logic over one rule: what it grants that is wrong, if anything. */
    @FunctionalInterface
    interface Permission {
        Optional<String> test(Rule rule, Resource role);
    }

    /** Rules of the built-in ClusterRoles that can be bound without being in the input. */
    static final Map<String, List<Rule>> BUILTIN = Map.of(
            "cluster-admin", List.of(Rule.of(List.of("*"), List.of("*"), List.of("*"))),
            "edit", edit(false),
            "admin", edit(true),
            "view", List.of(Rule.of(List.of("", "apps", "batch", "autoscaling", "networking.k8s.io", "policy"),
                    List.of("pods", "pods/log", "configmaps", "services", "endpoints", "persistentvolumeclaims",
                            "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs",
                            "ingresses", "networkpolicies", "poddisruptionbudgets", "serviceaccounts", "events"),
                    READ)));

    private static List<Rule> edit(boolean admin) {
        List<String> writes = List.of("create", "delete", "deletecollection", "patch", "update");
        List<Rule> rules = new ArrayList<>(List.of(
                Rule.of(List.of(""), List.of("pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"),
                        writes),
                Rule.of(List.of(""), List.of("configmaps", "endpoints", "persistentvolumeclaims",
                        "replicationcontrollers", "secrets", "serviceaccounts", "services"), writes),
                Rule.of(List.of(""), List.of("serviceaccounts"), List.of("impersonate")),
                Rule.of(List.of("apps"), List.of("daemonsets", "deployments", "replicasets", "statefulsets"), writes),
                Rule.of(List.of("batch"), List.of("cronjobs", "jobs"), writes),
                Rule.of(List.of("networking.k8s.io"), List.of("ingresses", "networkpolicies"), writes),
                Rule.of(List.of(""), List.of("pods", "pods/attach", "pods/exec", "pods/portforward", "secrets",
                        "configmaps", "services"), READ)));
        if (admin) {
            rules.add(Rule.of(List.of(RBAC), List.of("roles", "rolebindings"), writes));
        }
        return List.copyOf(rules);
    }

    private RbacChecks() {
    }

    static List<Check> all() {
        List<Check> checks = new ArrayList<>();
        checks.add(permission("rbac-wildcard", "Roles should not use wildcards",
                "A * in apiGroups, resources or verbs grants every present and future resource or verb, including"
                        + " ones added by CRDs later.",
                "List the apiGroups, resources and verbs the subject needs.", false,
                (rule, role) -> {
                    List<String> parts = new ArrayList<>();
                    if (rule.groups().contains("*")) {
                        parts.add("apiGroups");
                    }
                    if (rule.resources().contains("*")) {
                        parts.add("resources");
                    }
                    if (rule.verbs().contains("*")) {
                        parts.add("verbs");
                    }
                    return parts.isEmpty() ? Optional.empty()
                            : Optional.of("* in " + String.join(", ", parts));
                }, "cis-k8s:5.1.3"));
        checks.add(permission("rbac-secrets-read", "Roles should not read Secrets",
                "get, list or watch on Secrets reads every credential of the namespace (or of the cluster for a"
                        + " ClusterRole), including service-account tokens of more privileged accounts.",
                "Remove secrets from the rule, or restrict it with resourceNames to the Secrets the subject needs.",
                true, grants(List.of(""), List.of("secrets"), READ), "cis-k8s:5.1.2"));
        checks.add(permission("rbac-secrets-write", "Roles should not manage Secrets",
                "Creating or changing Secrets lets a subject plant credentials and, by creating a"
                        + " service-account-token Secret, obtain tokens of other accounts.",
                "Remove the write verbs on secrets from the rule.", false,
                grants(List.of(""), List.of("secrets"), WRITE), "cis-k8s:5.1.2"));
        checks.add(permission("rbac-create-pods", "Roles should not create pods or workloads",
                "Whoever creates a pod (directly or through a Deployment, Job...) chooses its service account,"
                        + " volumes and host access: it runs with any service account of the namespace.",
                "Leave workload creation to the deployment pipeline's identity; remove create/update/patch on"
                        + " pods and workload resources.", true,
                (rule, role) -> first(rule.grants(List.of(""), List.of("pods", "replicationcontrollers"),
                                List.of("create")),
                        rule.grants(List.of("apps", "extensions"), List.of("deployments", "daemonsets",
                                "statefulsets", "replicasets"), List.of("create", "update", "patch")),
                        rule.grants(List.of("batch"), List.of("jobs", "cronjobs"), List.of("create", "update",
                                "patch"))),
                "cis-k8s:5.1.4"));
        checks.add(permission("rbac-pod-exec", "Roles should not exec into, attach to or port-forward pods",
                "pods/exec, pods/attach and pods/portforward run commands in or reach into containers, with"
                        + " the rights of whatever service account they hold.",
                "Remove pods/exec, pods/attach and pods/portforward; grant them just-in-time for debugging.", true,
                grants(List.of(""), List.of("pods/exec", "pods/attach", "pods/portforward"), List.of("create", "get")),
                "cis-k8s:5.1.8"));
        checks.add(permission("rbac-node-proxy", "Roles should not use nodes/proxy",
                "nodes/proxy talks to the kubelet API directly: exec into any pod on the node, bypassing"
                        + " admission and audit.",
                "Remove nodes/proxy from the rule.", false,
                grants(List.of(""), List.of("nodes/proxy"), List.of("get", "create", "update", "patch", "delete")),
                "cis-k8s:5.1.10"));
        checks.add(permission("rbac-impersonate", "Roles should not impersonate",
                "impersonate lets a subject act as any user, group or service account, including cluster"
                        + " administrators.",
                "Remove the impersonate verb.", true,
                grants(List.of("", "authentication.k8s.io"), List.of("users", "groups", "serviceaccounts", "uids",
                        "userextras/scopes", "userextras"), List.of("impersonate")), "cis-k8s:5.1.8"));
        checks.add(permission("rbac-escalate-bind", "Roles should not escalate or bind",
                "escalate edits a role beyond the editor's own rights; bind grants any role to anyone: both"
                        + " defeat RBAC's escalation prevention.",
                "Remove the escalate and bind verbs.", false,
                grants(List.of(RBAC), List.of("roles", "clusterroles", "rolebindings", "clusterrolebindings"),
                        List.of("escalate", "bind")), "cis-k8s:5.1.8"));
        checks.add(permission("rbac-manage-rbac", "Roles should not manage RBAC objects",
                "Creating or changing roles and bindings is granting rights: one binding away from cluster-admin.",
                "Leave RBAC to the cluster's administrators and pipeline; remove write verbs on roles and"
                        + " bindings.", true,
                grants(List.of(RBAC), List.of("roles", "rolebindings", "clusterroles", "clusterrolebindings"), WRITE),
                "cis-k8s:5.1.8"));
        checks.add(permission("rbac-manage-webhooks", "Roles should not manage admission webhooks",
                "A subject that changes webhook configurations can read or rewrite every object sent to the API"
                        + " server, or switch policy enforcement off.",
                "Remove write verbs on mutating/validating webhook configurations and admission policies.", false,
                grants(List.of("admissionregistration.k8s.io"), List.of("mutatingwebhookconfigurations",
                        "validatingwebhookconfigurations", "validatingadmissionpolicies",
                        "validatingadmissionpolicybindings", "mutatingadmissionpolicies"), WRITE), "cis-k8s:5.1.12"));
        checks.add(permission("rbac-manage-networking", "Roles should not manage network policies and routing",
                "Changing NetworkPolicies, Services, Endpoints or Ingresses opens isolation or redirects traffic"
                        + " (CVE-2020-8554 for Services).",
                "Remove write verbs on networkpolicies, services, endpoints, endpointslices and ingresses.", false,
                (rule, role) -> first(rule.grants(List.of("networking.k8s.io", "extensions"),
                        List.of("networkpolicies", "ingresses"), WRITE),
                        rule.grants(List.of(""), List.of("services", "endpoints"), WRITE),
                        rule.grants(List.of("discovery.k8s.io"), List.of("endpointslices"), WRITE)),
                "nsa-cisa:network"));
        checks.add(permission("rbac-csr-approval", "Roles should not create or approve certificate requests",
                "Approving a CertificateSigningRequest issues a client certificate for any user or group, such as"
                        + " system:masters.",
                "Remove certificatesigningrequests/approval, the approve verb on signers and CSR creation.", false,
                (rule, role) -> first(rule.grants(List.of("certificates.k8s.io"),
                                List.of("certificatesigningrequests/approval"), List.of("update", "patch")),
                        rule.grants(List.of("certificates.k8s.io"), List.of("signers"), List.of("approve", "sign")),
                        rule.grants(List.of("certificates.k8s.io"), List.of("certificatesigningrequests"),
                                List.of("create"))),
                "cis-k8s:5.1.11"));
        checks.add(permission("rbac-serviceaccount-token", "Roles should not create service-account tokens",
                "create on serviceaccounts/token mints a token for any service account of the scope.",
                "Remove create on serviceaccounts/token.", false,
                grants(List.of(""), List.of("serviceaccounts/token"), List.of("create")), "cis-k8s:5.1.13"));
        checks.add(permission("rbac-manage-persistent-volumes", "Roles should not create persistent volumes",
                "A PersistentVolume can be a hostPath: creating one mounts any directory of a node.",
                "Remove write verbs on persistentvolumes and storageclasses; provision through StorageClasses.",
                false, (rule, role) -> first(rule.grants(List.of(""), List.of("persistentvolumes"),
                        List.of("create", "update", "patch")),
                        rule.grants(List.of("storage.k8s.io"), List.of("storageclasses"), List.of("create", "update",
                                "patch"))),
                "cis-k8s:5.1.9"));
        checks.add(permission("rbac-manage-namespaces", "Roles should not manage namespaces",
                "Changing a namespace's labels switches its Pod Security level off; deleting one deletes"
                        + " everything in it.",
                "Remove write verbs on namespaces.", false,
                grants(List.of(""), List.of("namespaces"), WRITE), "nsa-cisa:authz"));
        checks.add(permission("rbac-manage-nodes", "Roles should not manage nodes",
                "Changing nodes (labels, taints, status) steers sensitive pods onto a compromised node.",
                "Remove write verbs on nodes and nodes/status.", false,
                grants(List.of(""), List.of("nodes", "nodes/status"), WRITE), "nsa-cisa:authz"));
        checks.add(permission("rbac-destructive-verbs", "Roles should not delete broadly",
                "delete and deletecollection on workloads, Secrets, volumes or namespaces make one stolen"
                        + " credential enough to wipe an application.",
                "Remove delete and deletecollection, or restrict them to the resources the subject owns.", false,
                (rule, role) -> first(rule.grants(List.of(""), List.of("*", "pods", "secrets", "configmaps",
                                "namespaces", "persistentvolumeclaims", "persistentvolumes", "services"),
                                List.of("delete", "deletecollection")),
                        rule.grants(List.of("apps"), List.of("deployments", "statefulsets", "daemonsets"),
                                List.of("delete", "deletecollection"))),
                "nsa-cisa:authz"));
        checks.add(permission("rbac-manage-configmaps", "Roles should not modify ConfigMaps broadly",
                "ConfigMaps configure other workloads: changing kube-system's coredns or aws-auth redirects DNS or"
                        + " grants cluster access.",
                "Remove write verbs on configmaps, or restrict them with resourceNames.", false,
                (rule, role) -> rule.names().isEmpty() || rule.names().stream().anyMatch(SENSITIVE_CONFIGMAPS::contains)
                        ? rule.grants(List.of(""), List.of("configmaps"), WRITE)
                        : Optional.empty(),
                "nsa-cisa:authz"));
        checks.add(permission("rbac-services-status", "Roles should not update services/status",
                "Writing services/status sets a LoadBalancer ingress IP, which intercepts traffic to that IP"
                        + " (CVE-2020-8554).",
                "Remove update and patch on services/status.", false,
                grants(List.of(""), List.of("services/status"), List.of("update", "patch")), "nsa-cisa:network"));
        checks.add(permission("rbac-delete-pod-logs", "Roles should not delete pod logs",
                "Deleting pods/log erases the evidence of what a pod did.",
                "Remove delete on pods/log.", false,
                grants(List.of(""), List.of("pods/log"), List.of("delete", "deletecollection")), "nsa-cisa:logging"));
        checks.add(Check.builder("rbac-kube-system-write").category(CATEGORY)
                .title("Do not grant write access in kube-system")
                .why("Objects of kube-system run the cluster: writing its ConfigMaps (CoreDNS, aws-auth), Secrets"
                        + " or workloads poisons DNS, grants cluster access or runs code as system components.")
                .fix("Grant nothing in kube-system; manage it through the cluster's own tooling.")
                .standards("nsa-cisa:authz", "owasp-k8s:K03")
                .kinds(RBAC, "Role")
                .body((r, ctx, sink) -> {
                    if (!r.id().namespace().equals("kube-system") || r.id().name().startsWith("system:")) {
                        return;
                    }
                    for (Rule rule : Rule.of(r.object().path("rules"))) {
                        Optional<String> g = rule.grants(List.of("", "apps", "*"), List.of("configmaps", "secrets",
                                "pods", "deployments", "daemonsets", "serviceaccounts", "*"), WRITE);
                        g.ifPresent(what -> sink.report(describeRole(r) + " rule " + rule.index() + " grants " + what
                                + " in kube-system" + chain(r, ctx), "/rules/" + rule.index()));
                    }
                }).build());
        checks.add(Check.builder("rbac-cluster-admin-binding").category(CATEGORY)
                .title("Do not bind cluster-admin or roles equivalent to it")
                .why("cluster-admin (or any role with * on * in every API group) is every right on every object:"
                        + " the bound subject owns the cluster.")
                .fix("Bind a role with the rights the subject needs; keep cluster-admin for break-glass accounts.")
                .standards("cis-k8s:5.1.1", "nsa-cisa:authz", "owasp-k8s:K03")
                .match(BINDINGS)
                .body((r, ctx, sink) -> {
                    JsonNode roleRef = r.object().path("roleRef");
                    String name = roleRef.path("name").asText("");
                    String kind = roleRef.path("kind").asText("");
                    boolean admin = false;
                    Optional<Resource> role = referencedRole(r, ctx);
                    if (role.isPresent()) {
                        admin = Rule.of(role.get().object().path("rules")).stream().anyMatch(rule ->
                                rule.groups().contains("*") && rule.resources().contains("*")
                                        && rule.verbs().contains("*"));
                    } else if (name.equals("cluster-admin")) {
                        admin = true;
                    }
                    if (admin) {
                        subjects(r, (i, subject) -> sink.report(describeRole(r) + " grants " + kind + " \"" + name
                                + "\" (every verb on every resource) to " + subject, "/subjects/" + i));
                        if (r.object().path("subjects").size() == 0) {
                            sink.report(describeRole(r) + " references " + kind + " \"" + name + "\"", "/roleRef");
                        }
                    }
                }).build());
        checks.add(subjectCheck("rbac-binding-to-anonymous", "Do not bind roles to anonymous users",
                "system:anonymous and system:unauthenticated are every request without credentials: whatever"
                        + " they are granted, the internet is granted.",
                Set.of("system:anonymous", "system:unauthenticated"), "cis-k8s:5.1.1", "owasp-k8s:K06"));
        checks.add(subjectCheck("rbac-binding-to-authenticated", "Do not bind roles to all authenticated users",
                "system:authenticated is every user and service account with any valid credential, including"
                        + " those of every workload.",
                Set.of("system:authenticated"), "cis-k8s:5.1.1", "owasp-k8s:K06"));
        checks.add(subjectCheck("rbac-binding-to-system-masters", "Do not bind roles to system:masters",
                "system:masters bypasses RBAC entirely; bindings to it suggest credentials issued in that group,"
                        + " which cannot be revoked.",
                Set.of("system:masters"), "cis-k8s:5.1.7"));
        checks.add(Check.builder("rbac-default-service-account-bound").category(CATEGORY)
                .title("Do not bind roles to the default service account")
                .why("Every pod that names no service account runs as default: a role bound to it is granted to"
                        + " all of them.")
                .fix("Create a dedicated ServiceAccount for the workload that needs the role and bind that.")
                .standards("cis-k8s:5.1.5", "nsa-cisa:authz", "owasp-k8s:K03")
                .match(BINDINGS)
                .body((r, ctx, sink) -> {
                    JsonNode subjects = r.object().path("subjects");
                    for (int i = 0; i < Support.len(subjects); i++) {
                        JsonNode s = subjects.get(i);
                        if (s.path("kind").asText("").equals("ServiceAccount")
                                && s.path("name").asText("").equals("default")) {
                            sink.report(describeRole(r) + " grants " + r.object().path("roleRef").path("kind").asText("")
                                    + " \"" + r.object().path("roleRef").path("name").asText("") + "\" to the default"
                                    + " service account of \"" + s.path("namespace").asText(Support.namespaceOf(r))
                                    + "\"", "/subjects/" + i);
                        }
                    }
                }).build());
        return checks;
    }

    @SafeVarargs
    private static Optional<String> first(Optional<String>... options) {
        for (Optional<String> o : options) {
            if (o.isPresent()) {
                return o;
            }
        }
        return Optional.empty();
    }

    private static Permission grants(List<String> groups, List<String> resources, List<String> verbs) {
        return (rule, role) -> rule.grants(groups, resources, verbs);
    }

    static String describeRole(Resource r) {
        String ns = r.id().namespace();
        return r.id().kind() + " \"" + (ns.isEmpty() ? "" : ns + "/") + r.id().name() + "\"";
    }

    interface SubjectVisitor {
        void visit(int index, String subject);
    }

    private static void subjects(Resource binding, SubjectVisitor visitor) {
        JsonNode subjects = binding.object().path("subjects");
        for (int i = 0; i < Support.len(subjects); i++) {
            JsonNode s = subjects.get(i);
            String ns = s.path("namespace").asText("");
            visitor.visit(i, s.path("kind").asText("") + " \"" + (ns.isEmpty() ? "" : ns + "/")
                    + s.path("name").asText("") + "\"");
        }
    }

    /** The role a binding references, when the inventory has it. */
    static Optional<Resource> referencedRole(Resource binding, EvaluationContext ctx) {
        JsonNode roleRef = binding.object().path("roleRef");
        String kind = roleRef.path("kind").asText("");
        String name = roleRef.path("name").asText("");
        String ns = kind.equals("Role") ? Support.namespaceOf(binding) : "";
        Optional<Resource> found = ctx.inventory().find(RBAC, kind, ns, name);
        if (found.isEmpty() && kind.equals("Role") && binding.id().namespace().isEmpty()) {
            found = ctx.inventory().find(RBAC, kind, "", name);
        }
        return found;
    }

    /** " (bound by RoleBinding "ns/b" to ServiceAccount "ns/sa")" for the bindings of the inventory. */
    static String chain(Resource role, EvaluationContext ctx) {
        List<String> parts = new ArrayList<>();
        for (String kind : List.of("RoleBinding", "ClusterRoleBinding")) {
            for (Resource binding : ctx.inventory().ofKind(RBAC, kind)) {
                JsonNode roleRef = binding.object().path("roleRef");
                if (!roleRef.path("kind").asText("").equals(role.id().kind())
                        || !roleRef.path("name").asText("").equals(role.id().name())) {
                    continue;
                }
                if (role.id().kind().equals("Role")
                        && !Support.namespaceOf(binding).equals(Support.namespaceOf(role))) {
                    continue;
                }
                List<String> subjects = new ArrayList<>();
                subjects(binding, (i, s) -> subjects.add(s));
                parts.add(describeRole(binding) + " to " + String.join(", ", subjects));
            }
        }
        return parts.isEmpty() ? "" : " (bound by " + String.join("; ", parts) + ")";
    }

    private static Check permission(String id, String title, String why, String fix, boolean viaBuiltin,
            Permission permission, String cis) {
        return Check.builder(id).category(CATEGORY).title(title).why(why).fix(fix)
                .standards(cis, "nsa-cisa:authz", "owasp-k8s:K03")
                .match(viaBuiltin ? ROLES_AND_BINDINGS : ROLES)
                .body((r, ctx, sink) -> {
                    String kind = r.id().kind();
                    if (kind.equals("Role") || kind.equals("ClusterRole")) {
                        if (r.id().name().startsWith("system:")) {
                            return;
                        }
                        for (Rule rule : Rule.of(r.object().path("rules"))) {
                            Optional<String> what = permission.test(rule, r);
                            if (what.isPresent()) {
                                sink.report(describeRole(r) + " rule " + rule.index() + " grants " + what.get()
                                        + chain(r, ctx), "/rules/" + rule.index());
                            }
                        }
                        return;
                    }
                    viaBuiltinRole(r, ctx, sink, permission);
                }).build();
    }

    /** Reports on a binding's subjects what a built-in ClusterRole absent from the input grants them. */
    private static void viaBuiltinRole(Resource binding, EvaluationContext ctx, FindingSink sink,
            Permission permission) {
        JsonNode roleRef = binding.object().path("roleRef");
        String name = roleRef.path("name").asText("");
        if (!roleRef.path("kind").asText("").equals("ClusterRole") || name.equals("cluster-admin")
                || !BUILTIN.containsKey(name) || referencedRole(binding, ctx).isPresent()) {
            return;
        }
        for (Rule rule : BUILTIN.get(name)) {
            Optional<String> what = permission.test(rule, binding);
            if (what.isPresent()) {
                subjects(binding, (i, subject) -> sink.report(describeRole(binding) + " grants " + subject
                        + " the built-in ClusterRole \"" + name + "\", which grants " + what.get(), "/subjects/" + i));
                return;
            }
        }
    }

    private static Check subjectCheck(String id, String title, String why, Set<String> names, String... standards) {
        List<String> all = new ArrayList<>(List.of(standards));
        all.add("nsa-cisa:authz");
        all.add("owasp-k8s:K03");
        return Check.builder(id).category(CATEGORY).title(title).why(why)
                .fix("Remove the subject from the binding and bind the identities that need the role.")
                .standards(all.toArray(String[]::new))
                .match(BINDINGS)
                .body((r, ctx, sink) -> {
                    String roleName = r.object().path("roleRef").path("name").asText("");
                    if (id.equals("rbac-binding-to-authenticated") && roleName.startsWith("system:")) {
                        return;
                    }
                    JsonNode subjects = r.object().path("subjects");
                    for (int i = 0; i < Support.len(subjects); i++) {
                        String name = subjects.get(i).path("name").asText("");
                        if (names.contains(name)) {
                            sink.report(describeRole(r) + " grants " + r.object().path("roleRef").path("kind")
                                    .asText("") + " \"" + roleName + "\" to " + name, "/subjects/" + i);
                        }
                    }
                }).build();
    }
}
