package dev.palisade.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A deterministic corpus of realistic manifests (Deployments, Services, ConfigMaps, RBAC; 1–5 KB,
 * mean 1.9 KB with seed 42 and 200 documents,
 * each), as YAML and as JSON text, for the benchmarks. Some workloads carry deliberate findings.
 */
public final class Corpus {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] TEAMS = {"web", "payments", "data", "search", "platform", "identity"};
    private static final String[] IMAGES = {"nginx", "envoyproxy/envoy", "registry.example.com/app/api",
        "ghcr.io/org/worker", "redis", "busybox"};

    private final List<String> yaml = new ArrayList<>();
    private final List<String> json = new ArrayList<>();

    private Corpus(int size, long seed) {
        Random random = new Random(seed);
        ObjectMapper mapper = new ObjectMapper();
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        Yaml dumper = new Yaml(options);
        for (int i = 0; i < size; i++) {
            JsonNode document = switch (i % 5) {
                case 0, 1 -> deployment(random, i);
                case 2 -> service(random, i);
                case 3 -> configMap(random, i);
                default -> rbac(random, i);
            };
            Object plain = mapper.convertValue(document, Object.class);
            yaml.add(dumper.dump(plain));
            json.add(document.toString());
        }
    }

    /** A corpus of {@code size} documents generated from the seed. */
    public static Corpus generate(int size, long seed) {
        return new Corpus(size, seed);
    }

    public List<String> yaml() {
        return yaml;
    }

    public List<String> json() {
        return json;
    }

    /** Mean size of the YAML documents in bytes. */
    public double meanYamlBytes() {
        return yaml.stream().mapToInt(String::length).average().orElse(0);
    }

    private static ObjectNode metadata(Random random, String name, String namespace) {
        ObjectNode metadata = F.objectNode();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        ObjectNode labels = metadata.putObject("labels");
        labels.put("app.kubernetes.io/name", name);
        labels.put("app.kubernetes.io/part-of", "shop");
        labels.put("team", TEAMS[random.nextInt(TEAMS.length)]);
        labels.put("app.kubernetes.io/managed-by", "Helm");
        labels.put("app.kubernetes.io/version", "1." + random.nextInt(30) + "." + random.nextInt(10));
        labels.put("helm.sh/chart", "shop-" + random.nextInt(5) + "." + random.nextInt(20) + ".0");
        ObjectNode annotations = metadata.putObject("annotations");
        annotations.put("owner", "team-" + TEAMS[random.nextInt(TEAMS.length)] + "@example.com");
        annotations.put("argocd.argoproj.io/sync-wave", String.valueOf(random.nextInt(5)));
        annotations.put("argocd.argoproj.io/tracking-id", "shop:" + name + ":" + namespace);
        annotations.put("meta.helm.sh/release-name", "shop");
        annotations.put("meta.helm.sh/release-namespace", namespace);
        annotations.put("description", "Part of the shop platform, owned by the " + TEAMS[random.nextInt(TEAMS.length)]
                + " team. Changes go through the platform repository and are synced by Argo CD; see the runbook"
                + " at https://runbooks.example.com/shop/" + name + " before editing by hand.");
        return metadata;
    }

    private static JsonNode deployment(Random random, int i) {
        String name = "service-" + i;
        String namespace = "team-" + TEAMS[random.nextInt(TEAMS.length)];
        ObjectNode root = F.objectNode();
        root.put("apiVersion", "apps/v1");
        root.put("kind", "Deployment");
        root.set("metadata", metadata(random, name, namespace));
        ObjectNode spec = root.putObject("spec");
        spec.put("replicas", 1 + random.nextInt(5));
        spec.putObject("selector").putObject("matchLabels").put("app.kubernetes.io/name", name);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app.kubernetes.io/name", name);
        ObjectNode podSpec = template.putObject("spec");
        podSpec.put("serviceAccountName", name);
        ObjectNode podSecurity = podSpec.putObject("securityContext");
        podSecurity.put("runAsNonRoot", true);
        podSecurity.putObject("seccompProfile").put("type", "RuntimeDefault");
        ArrayNode containers = podSpec.putArray("containers");
        int count = 1 + random.nextInt(3);
        for (int c = 0; c < count; c++) {
            ObjectNode container = containers.addObject();
            container.put("name", c == 0 ? "app" : "sidecar-" + c);
            String image = IMAGES[random.nextInt(IMAGES.length)];
            container.put("image", random.nextInt(6) == 0 ? image : image + ":1." + random.nextInt(30) + ".0");
            container.putArray("ports").addObject().put("containerPort", 8080 + c).put("name", "http-" + c);
            ArrayNode env = container.putArray("env");
            for (int e = 0; e < 2 + random.nextInt(6); e++) {
                env.addObject().put("name", "SETTING_" + e).put("value", "value-" + random.nextInt(1000));
            }
            ObjectNode resources = container.putObject("resources");
            resources.putObject("requests").put("cpu", "100m").put("memory", "128Mi");
            if (random.nextInt(4) != 0) {
                resources.putObject("limits").put("cpu", "500m").put("memory", "512Mi");
            }
            ObjectNode security = container.putObject("securityContext");
            security.put("allowPrivilegeEscalation", false);
            security.putObject("capabilities").putArray("drop").add("ALL");
            if (random.nextInt(20) == 0) {
                security.put("privileged", true);
            }
            ObjectNode probe = container.putObject("readinessProbe");
            probe.putObject("httpGet").put("path", "/healthz").put("port", 8080 + c);
            probe.put("periodSeconds", 10);
        }
        return root;
    }

    private static JsonNode service(Random random, int i) {
        ObjectNode root = F.objectNode();
        root.put("apiVersion", "v1");
        root.put("kind", "Service");
        root.set("metadata", metadata(random, "service-" + i, "team-" + TEAMS[random.nextInt(TEAMS.length)]));
        ObjectNode annotations = (ObjectNode) root.path("metadata").path("annotations");
        annotations.put("prometheus.io/scrape", "true");
        annotations.put("prometheus.io/port", "9090");
        ObjectNode spec = root.putObject("spec");
        spec.put("type", "ClusterIP");
        spec.put("sessionAffinity", "None");
        spec.put("internalTrafficPolicy", "Cluster");
        spec.putObject("selector").put("app.kubernetes.io/name", "service-" + i);
        ArrayNode ports = spec.putArray("ports");
        for (int p = 0; p < 2 + random.nextInt(3); p++) {
            ports.addObject().put("name", "port-" + p).put("port", 80 + p).put("targetPort", 8080 + p);
        }
        return root;
    }

    private static JsonNode configMap(Random random, int i) {
        ObjectNode root = F.objectNode();
        root.put("apiVersion", "v1");
        root.put("kind", "ConfigMap");
        root.set("metadata", metadata(random, "settings-" + i, "team-" + TEAMS[random.nextInt(TEAMS.length)]));
        ObjectNode data = root.putObject("data");
        for (int d = 0; d < 10 + random.nextInt(40); d++) {
            data.put("KEY_" + d, "some-configuration-value-" + random.nextInt(100000));
        }
        return root;
    }

    private static JsonNode rbac(Random random, int i) {
        ObjectNode root = F.objectNode();
        root.put("apiVersion", "rbac.authorization.k8s.io/v1");
        root.put("kind", "Role");
        root.set("metadata", metadata(random, "role-" + i, "team-" + TEAMS[random.nextInt(TEAMS.length)]));
        ArrayNode rules = root.putArray("rules");
        for (int r = 0; r < 2 + random.nextInt(6); r++) {
            ObjectNode rule = rules.addObject();
            rule.putArray("apiGroups").add(r % 2 == 0 ? "" : "apps");
            rule.putArray("resources").add("configmaps").add("secrets").add("deployments");
            rule.putArray("verbs").add("get").add("list").add("watch");
        }
        return root;
    }
}
