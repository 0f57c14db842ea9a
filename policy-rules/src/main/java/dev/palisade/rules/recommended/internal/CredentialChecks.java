package dev.palisade.rules.recommended.internal;

import static dev.palisade.rules.recommended.internal.Support.describe;
import static dev.palisade.rules.recommended.internal.Support.escape;
import static dev.palisade.rules.recommended.internal.Support.isFalse;
import static dev.palisade.rules.recommended.internal.Support.isTrue;
import static dev.palisade.rules.recommended.internal.Support.namespaceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.Resource;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Service accounts, tokens and credentials in manifests. */
final class CredentialChecks {

    static final String CATEGORY = "Service accounts and credentials";

    /** Values that are credentials whatever their name. */
    private static final Pattern CLOUD_VALUE = Pattern.compile(
            "(?:^|[^A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[A-Z0-9]{16}(?:$|[^A-Z0-9])"
                    + "|\"type\"\\s*:\\s*\"service_account\"|AIza[0-9A-Za-z_\\-]{35}"
                    + "|DefaultEndpointsProtocol=https?;AccountName=[^;]+;AccountKey=");
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----");
    private static final Pattern TOKEN_VALUE = Pattern.compile(
            "gh[pousr]_[A-Za-z0-9]{36}|xox[baprs]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_\\-]{20}"
                    + "|sk_live_[0-9a-zA-Z]{24}|eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}");
    private static final Set<String> CLOUD_NAMES = Set.of("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
            "AWS_SESSION_TOKEN", "AZURE_CLIENT_SECRET", "AZURE_STORAGE_KEY", "AZURE_STORAGE_CONNECTION_STRING",
            "GOOGLE_CREDENTIALS", "GOOGLE_APPLICATION_CREDENTIALS_JSON", "GCP_SERVICE_ACCOUNT_KEY",
            "DIGITALOCEAN_ACCESS_TOKEN", "ALICLOUD_SECRET_KEY");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(?:^|[_.\\-])(?:pass|passwd|password|pwd|secret|token|api[_.\\-]?key|apikey|access[_.\\-]?key"
                    + "|private[_.\\-]?key|secret[_.\\-]?key|client[_.\\-]?secret|credentials?|auth)(?:$|[_.\\-])"
                    + "|(?i)^(?:password|secret|token)$|(?i)(?:password|passwd|secret|token|apikey)$");
    private static final Pattern ASSIGNED_SECRET = Pattern.compile(
            "(?i)(?:password|passwd|pwd|secret|token|api[_\\-]?key|access[_\\-]?key)[\"']?\\s*[=:]\\s*[\"']?([^\\s\"'$<{]{4,})");
    private static final Set<String> PLACEHOLDERS = Set.of("", "changeme", "change-me", "<password>", "xxx",
            "none", "null", "true", "false", "redacted", "todo", "placeholder");

    private CredentialChecks() {
    }

    static List<Check> all() {
        return List.of(
                Check.builder("automount-service-account-token").category(CATEGORY)
                        .title("Pods should not mount a service-account token they do not need")
                        .why("A mounted token is the first thing an attacker uses after a compromise: it"
                                + " authenticates to the API server with the service account's rights.")
                        .fix("Set automountServiceAccountToken: false on the pod (or its ServiceAccount), and mount"
                                + " a projected token only in pods that call the API.")
                        .standards("cis-k8s:5.1.6", "nsa-cisa:authz", "owasp-k8s:K03", "owasp-k8s:K06")
                        .pods((r, pod, ctx, sink) -> {
                            JsonNode automount = pod.spec().path("automountServiceAccountToken");
                            if (isTrue(automount)) {
                                sink.report(Support.who(r) + " sets automountServiceAccountToken: true",
                                        pod.pathOf("automountServiceAccountToken"));
                                return;
                            }
                            if (isFalse(automount)) {
                                return;
                            }
                            String name = serviceAccountName(pod.spec());
                            Optional<Resource> sa = ctx.inventory().find("", "ServiceAccount", namespaceOf(r), name);
                            if (sa.isEmpty() && !r.id().namespace().isEmpty()) {
                                sa = ctx.inventory().find("", "ServiceAccount", r.id().namespace(), name);
                            }
                            if (sa.isPresent() && isFalse(sa.get().object().path("automountServiceAccountToken"))) {
                                return;
                            }
                            sink.report(Support.who(r) + " mounts the token of service account \"" + name + "\""
                                    + (sa.isPresent() ? ", which does not disable automounting" : "")
                                    + "; set automountServiceAccountToken: false", pod.specPath());
                        }).build(),
                Check.builder("default-service-account-used").category(CATEGORY)
                        .title("Pods should run with their own service account")
                        .why("Every pod without serviceAccountName shares the namespace's default account, so a"
                                + " right granted to one of them is granted to all.")
                        .fix("Create a ServiceAccount per workload and set serviceAccountName.")
                        .standards("cis-k8s:5.1.5", "nsa-cisa:authz", "owasp-k8s:K03")
                        .pods((r, pod, ctx, sink) -> {
                            if (serviceAccountName(pod.spec()).equals("default")) {
                                JsonNode field = pod.spec().path("serviceAccountName");
                                sink.report(Support.who(r) + " runs as the default service account",
                                        field.isMissingNode() ? pod.specPath() : pod.pathOf("serviceAccountName"));
                            }
                        }).build(),
                Check.builder("default-service-account-automount").category(CATEGORY)
                        .title("Default service accounts should not automount tokens")
                        .why("The default service account is used by every pod that names none; if it automounts"
                                + " its token, they all carry an API credential.")
                        .fix("Set automountServiceAccountToken: false on the namespace's default ServiceAccount.")
                        .standards("cis-k8s:5.1.5", "nsa-cisa:authz", "owasp-k8s:K03")
                        .kinds("", "ServiceAccount")
                        .body((r, ctx, sink) -> {
                            if (r.id().name().equals("default")
                                    && !isFalse(r.object().path("automountServiceAccountToken"))) {
                                JsonNode field = r.object().path("automountServiceAccountToken");
                                sink.report("the default service account of \"" + namespaceOf(r) + "\" automounts"
                                        + " its token", field.isMissingNode() ? "" : "/automountServiceAccountToken");
                            }
                        }).build(),
                Check.builder("deprecated-service-account-field").category(CATEGORY)
                        .title("Use serviceAccountName, not serviceAccount")
                        .why("spec.serviceAccount is a deprecated alias; tools that read only serviceAccountName"
                                + " misjudge which account the pod runs as.")
                        .fix("Rename serviceAccount to serviceAccountName.")
                        .standards("owasp-k8s:K03")
                        .pods((r, pod, ctx, sink) -> {
                            if (!pod.spec().path("serviceAccount").asText("").isEmpty()) {
                                sink.report(Support.who(r) + " uses the deprecated field serviceAccount",
                                        pod.pathOf("serviceAccount"));
                            }
                        }).build(),
                Check.builder("cloud-credentials-in-env").category(CATEGORY)
                        .title("Cloud credentials must not be written in manifests")
                        .why("An AWS, GCP or Azure key in a manifest is readable by everyone with the repository"
                                + " or `get` on the workload, and stays in Git history after removal.")
                        .fix("Revoke the key, then use workload identity (IRSA, GKE/Azure workload identity) or a"
                                + " Secret managed by External Secrets, Sealed Secrets or SOPS.")
                        .standards("cis-k8s:5.4.1", "nsa-cisa:secrets", "owasp-k8s:K08")
                        .containers((r, pod, c, ctx, sink) -> env(c.node(), (i, name, value) -> {
                            if (CLOUD_VALUE.matcher(value).find() || PRIVATE_KEY.matcher(value).find()
                                    || (CLOUD_NAMES.contains(name.toUpperCase(Locale.ROOT))
                                            && !PLACEHOLDERS.contains(value.toLowerCase(Locale.ROOT)))) {
                                sink.report(describe(c) + " sets the cloud credential " + name + " literally",
                                        c.pathOf("env/" + i + "/value"));
                            }
                        })).build(),
                Check.builder("secret-literal-in-env").category(CATEGORY)
                        .title("Secret-like environment variables must come from Secrets")
                        .why("A password or token written as an env value is in the manifest, the Git history and"
                                + " every `kubectl get -o yaml`.")
                        .fix("Move the value into a Secret (managed by External Secrets, Sealed Secrets or SOPS)"
                                + " and reference it with valueFrom.secretKeyRef.")
                        .standards("cis-k8s:5.4.1", "nsa-cisa:secrets", "owasp-k8s:K08")
                        .containers((r, pod, c, ctx, sink) -> env(c.node(), (i, name, value) -> {
                            boolean cloud = CLOUD_VALUE.matcher(value).find() || PRIVATE_KEY.matcher(value).find()
                                    || CLOUD_NAMES.contains(name.toUpperCase(Locale.ROOT));
                            if (cloud) {
                                return;
                            }
                            if ((secretName(name) && !placeholder(value)) || TOKEN_VALUE.matcher(value).find()) {
                                sink.report(describe(c) + " sets the secret-like variable " + name + " literally",
                                        c.pathOf("env/" + i + "/value"));
                            }
                        })).build(),
                Check.builder("secret-as-env-var").category(CATEGORY).opinionated()
                        .title("Prefer Secrets as files over environment variables")
                        .why("Environment variables leak into crash dumps, child processes and logs; files mounted"
                                + " from a Secret are updated in place and readable only by the process.")
                        .fix("Mount the Secret as a volume and read the file.")
                        .standards("cis-k8s:5.4.1", "nsa-cisa:secrets", "owasp-k8s:K08")
                        .containers((r, pod, c, ctx, sink) -> {
                            JsonNode env = c.node().path("env");
                            for (int i = 0; i < Support.len(env); i++) {
                                if (env.get(i).path("valueFrom").path("secretKeyRef").isObject()) {
                                    sink.report(describe(c) + " reads a Secret into " + env.get(i).path("name")
                                            .asText(""), c.pathOf("env/" + i + "/valueFrom/secretKeyRef"));
                                }
                            }
                            JsonNode envFrom = c.node().path("envFrom");
                            for (int i = 0; i < Support.len(envFrom); i++) {
                                if (envFrom.get(i).path("secretRef").isObject()) {
                                    sink.report(describe(c) + " reads a whole Secret into its environment",
                                            c.pathOf("envFrom/" + i + "/secretRef"));
                                }
                            }
                        }).build(),
                Check.builder("duplicate-env-var").category(CATEGORY)
                        .title("Environment variables must not be defined twice")
                        .why("With two definitions of one name only the last counts, which hides the first from"
                                + " reviewers.")
                        .fix("Remove one of the definitions.")
                        .standards("owasp-k8s:K01")
                        .containers((r, pod, c, ctx, sink) -> {
                            Set<String> seen = new HashSet<>();
                            JsonNode env = c.node().path("env");
                            for (int i = 0; i < Support.len(env); i++) {
                                String name = env.get(i).path("name").asText("");
                                if (!seen.add(name)) {
                                    sink.report(describe(c) + " defines " + name + " twice",
                                            c.pathOf("env/" + i + "/name"));
                                }
                            }
                        }).build(),
                Check.builder("secret-in-configmap").category(CATEGORY)
                        .title("ConfigMaps must not hold secrets")
                        .why("ConfigMaps are readable by anyone with view rights and are not encrypted at rest;"
                                + " a password there is public inside the cluster.")
                        .fix("Move the value into a Secret (managed by External Secrets, Sealed Secrets or SOPS).")
                        .standards("cis-k8s:5.4.1", "nsa-cisa:secrets", "owasp-k8s:K08")
                        .kinds("", "ConfigMap")
                        .body((r, ctx, sink) -> {
                            var fields = r.object().path("data").fields();
                            while (fields.hasNext()) {
                                var e = fields.next();
                                String value = e.getValue().asText("");
                                boolean byValue = CLOUD_VALUE.matcher(value).find()
                                        || PRIVATE_KEY.matcher(value).find() || TOKEN_VALUE.matcher(value).find()
                                        || assignsSecret(value);
                                boolean byName = secretName(e.getKey()) && !placeholder(value) && !value.contains("\n")
                                        && !value.startsWith("/") && !value.startsWith("$");
                                if (byValue || byName) {
                                    sink.report("key \"" + e.getKey() + "\" looks like a secret",
                                            "/data/" + escape(e.getKey()));
                                }
                            }
                        }).build(),
                Check.builder("plaintext-secret-manifest").category(CATEGORY)
                        .title("Secrets must not be committed in plain text")
                        .why("A Secret manifest in Git holds its values base64-encoded, which is not encryption:"
                                + " everyone with the repository, its forks and its history reads them.")
                        .fix("Replace the Secret by an ExternalSecret (External Secrets Operator), a SealedSecret"
                                + " (Bitnami Sealed Secrets) or encrypt the file with SOPS, and rotate the values.")
                        .standards("cis-k8s:5.4.2", "nsa-cisa:secrets", "owasp-k8s:K08")
                        .kinds("", "Secret")
                        .body((r, ctx, sink) -> {
                            if (ctx.enforcementPoint() == EnforcementPoint.ADMISSION
                                    || r.object().path("sops").isObject()) {
                                return;
                            }
                            String type = r.object().path("type").asText("");
                            if (type.equals("kubernetes.io/service-account-token")) {
                                return;
                            }
                            for (String field : List.of("data", "stringData")) {
                                JsonNode data = r.object().path(field);
                                if (data.isObject() && !data.isEmpty() && !encrypted(data)) {
                                    sink.report("Secret \"" + r.id().name() + "\" holds " + data.size()
                                            + " value(s) in plain text (" + field + ")", "/" + field);
                                }
                            }
                        }).build());
    }

    static String serviceAccountName(JsonNode spec) {
        String name = spec.path("serviceAccountName").asText("");
        if (name.isEmpty()) {
            name = spec.path("serviceAccount").asText("");
        }
        return name.isEmpty() ? "default" : name;
    }

    interface EnvVisitor {
        void visit(int index, String name, String value);
    }

    private static void env(JsonNode container, EnvVisitor visitor) {
        JsonNode env = container.path("env");
        for (int i = 0; i < Support.len(env); i++) {
            JsonNode value = env.get(i).path("value");
            if (value.isValueNode() && !value.isNull()) {
                visitor.visit(i, env.get(i).path("name").asText(""), value.asText());
            }
        }
    }

    static boolean secretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith("_file") || n.endsWith("_path") || n.endsWith("_ref") || n.endsWith("_name")
                || n.endsWith("_url") && !n.contains("password") || n.endsWith("_length") || n.endsWith("_ttl")
                || n.endsWith("_expiry") || n.endsWith("_enabled") || n.endsWith("_header") || n.endsWith("_type")
                || n.endsWith("_endpoint") || n.endsWith("_id") && !n.contains("secret")) {
            return false;
        }
        return SECRET_NAME.matcher(name).find();
    }

    /** Whether a configuration text assigns a literal to a secret-like name ({@code DB_PASSWORD=hunter22}). */
    static boolean assignsSecret(String text) {
        var m = ASSIGNED_SECRET.matcher(text);
        while (m.find()) {
            if (!placeholder(m.group(1)) && !m.group(1).startsWith("/") && !m.group(1).equalsIgnoreCase("file")) {
                return true;
            }
        }
        return false;
    }

    static boolean placeholder(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return PLACEHOLDERS.contains(v) || v.startsWith("${") || v.startsWith("$(") || v.startsWith("{{");
    }

    private static boolean encrypted(JsonNode data) {
        var values = data.elements();
        while (values.hasNext()) {
            String v = values.next().asText("");
            if (!v.startsWith("ENC[") && !v.startsWith("AgB") && !v.startsWith("vault:")) {
                return false;
            }
        }
        return true;
    }
}
