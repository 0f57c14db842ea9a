package dev.palisade.benchmarks.lang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The three Deployments the rule-language benchmark evaluates, built as Jackson trees with the
 * fields a production Deployment carries (labels, annotations, probes, env, ports, resources,
 * security contexts, volumes).
 *
 * <ul>
 *   <li>{@link Size#SMALL}: one container; passes every rule.</li>
 *   <li>{@link Size#MEDIUM}: an application container and four sidecars; one sidecar pulls from
 *       Docker Hub and one asks for a 4Gi memory limit.</li>
 *   <li>{@link Size#LARGE}: forty containers; the violations sit in the last containers so that
 *       every rule walks the whole list: a {@code :latest} image on a container that sets
 *       {@code runAsNonRoot: false}, a privileged container adding {@code SYS_ADMIN} without a
 *       seccomp profile (the pod sets none either), and a hostPath volume.</li>
 * </ul>
 */
public final class Deployments {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String REGISTRY = "registry.example.com/";

    /** Manifest sizes: how many containers the Deployment has. */
    public enum Size {
        SMALL(1), MEDIUM(5), LARGE(40);

        private final int containers;

        Size(int containers) {
            this.containers = containers;
        }

        /** How many containers the pod template declares. */
        public int containers() {
            return containers;
        }
    }

    private Deployments() {
    }

    /** A fresh tree of the Deployment of that size. */
    public static JsonNode of(Size size) {
        ObjectNode deployment = F.objectNode();
        deployment.put("apiVersion", "apps/v1");
        deployment.put("kind", "Deployment");
        ObjectNode metadata = deployment.putObject("metadata");
        metadata.put("name", "checkout-" + size.name().toLowerCase());
        metadata.put("namespace", "payments");
        ObjectNode labels = metadata.putObject("labels");
        labels.put("app", "checkout");
        labels.put("team", "payments");
        labels.put("cost-center", "cc-4711");
        labels.put("app.kubernetes.io/version", "2.14.3");
        ObjectNode annotations = metadata.putObject("annotations");
        annotations.put("deployment.kubernetes.io/revision", "17");
        annotations.put("owner", "payments-oncall@example.com");

        ObjectNode spec = deployment.putObject("spec");
        spec.put("replicas", 3);
        spec.put("revisionHistoryLimit", 5);
        spec.putObject("selector").putObject("matchLabels").put("app", "checkout");
        ObjectNode strategy = spec.putObject("strategy");
        strategy.put("type", "RollingUpdate");
        strategy.putObject("rollingUpdate").put("maxSurge", "25%").put("maxUnavailable", 0);

        ObjectNode template = spec.putObject("template");
        ObjectNode templateMeta = template.putObject("metadata");
        templateMeta.putObject("labels").put("app", "checkout").put("team", "payments");
        templateMeta.putObject("annotations").put("prometheus.io/scrape", "true").put("prometheus.io/port", "9090");
        ObjectNode pod = template.putObject("spec");
        pod.put("serviceAccountName", "checkout");
        pod.put("terminationGracePeriodSeconds", 30);
        pod.put("automountServiceAccountToken", false);
        ObjectNode podSecurity = pod.putObject("securityContext");
        podSecurity.put("runAsNonRoot", true);
        podSecurity.put("runAsUser", 10001);
        podSecurity.put("fsGroup", 10001);
        if (size != Size.LARGE) {
            podSecurity.putObject("seccompProfile").put("type", "RuntimeDefault");
        }

        ArrayNode containers = pod.putArray("containers");
        for (int i = 0; i < size.containers(); i++) {
            containers.add(container(size, i));
        }
        ArrayNode volumes = pod.putArray("volumes");
        volumes.addObject().put("name", "config").putObject("configMap").put("name", "checkout-config");
        volumes.addObject().put("name", "tmp").putObject("emptyDir").put("medium", "Memory");
        volumes.addObject().put("name", "tls").putObject("secret").put("secretName", "checkout-tls");
        if (size == Size.LARGE) {
            volumes.addObject().put("name", "docker-sock").putObject("hostPath")
                    .put("path", "/var/run/docker.sock").put("type", "Socket");
        }
        return deployment;
    }

    private static ObjectNode container(Size size, int index) {
        int last = size.containers() - 1;
        boolean main = index == 0;
        String name = main ? "checkout" : "sidecar-" + index;
        String image = main ? REGISTRY + "payments/checkout:2.14.3" : REGISTRY + "platform/agent-" + index + ":1.4." + index;
        String memory = main ? "512Mi" : "128Mi";
        if (size == Size.MEDIUM && index == 3) {
            image = "docker.io/library/busybox:1.36";
        }
        if (size == Size.MEDIUM && index == 4) {
            memory = "4Gi";
        }
        if (size == Size.LARGE && index == last) {
            image = REGISTRY + "platform/debug:latest";
        }
        ObjectNode c = F.objectNode();
        c.put("name", name);
        c.put("image", image);
        c.put("imagePullPolicy", "IfNotPresent");
        c.putArray("args").add("--port=" + (8080 + index)).add("--log-format=json");
        ArrayNode env = c.putArray("env");
        env.addObject().put("name", "POD_NAME").putObject("valueFrom").putObject("fieldRef")
                .put("fieldPath", "metadata.name");
        env.addObject().put("name", "LOG_LEVEL").put("value", "info");
        env.addObject().put("name", "OTEL_EXPORTER_OTLP_ENDPOINT").put("value", "http://otel-collector:4317");
        c.putArray("ports").addObject().put("name", "http").put("containerPort", 8080 + index).put("protocol", "TCP");
        ObjectNode resources = c.putObject("resources");
        resources.putObject("requests").put("cpu", main ? "250m" : "50m").put("memory", main ? "256Mi" : "64Mi");
        resources.putObject("limits").put("cpu", main ? "1" : "200m").put("memory", memory);
        ObjectNode security = c.putObject("securityContext");
        security.put("allowPrivilegeEscalation", false);
        security.put("readOnlyRootFilesystem", true);
        ObjectNode capabilities = security.putObject("capabilities");
        capabilities.putArray("drop").add("ALL");
        if (main) {
            capabilities.putArray("add").add("NET_BIND_SERVICE");
        }
        if (index % 2 == 1) {
            security.put("runAsNonRoot", true);
            security.put("privileged", false);
        }
        if (size == Size.LARGE) {
            security.putObject("seccompProfile").put("type", "RuntimeDefault");
        }
        if (size == Size.LARGE && index == last - 1) {
            security.put("privileged", true);
            capabilities.withArray("add").add("SYS_ADMIN");
            security.remove("seccompProfile");
        }
        if (size == Size.LARGE && index == last) {
            security.put("runAsNonRoot", false);
        }
        c.putObject("livenessProbe").put("periodSeconds", 10).putObject("httpGet")
                .put("path", "/healthz").put("port", 8080 + index);
        c.putObject("readinessProbe").put("periodSeconds", 5).putObject("httpGet")
                .put("path", "/ready").put("port", 8080 + index);
        ArrayNode mounts = c.putArray("volumeMounts");
        mounts.addObject().put("name", "config").put("mountPath", "/etc/checkout").put("readOnly", true);
        mounts.addObject().put("name", "tmp").put("mountPath", "/tmp");
        return c;
    }
}
