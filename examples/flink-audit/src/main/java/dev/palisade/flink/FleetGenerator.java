package dev.palisade.flink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A synthetic fleet, as the job reads it: one JSON-lines file per cluster, each line
 * {@code {"cluster": C, "time": T, "resource": {...}}}. Deployments (40 %), Pods (30 %) and Services
 * (30 %), with a known mix of problems for {@code builtin:default}: about 5 % of workloads run a
 * privileged container (deny), 15 % of containers use {@code :latest} (warn) and 20 % set no limits
 * (warn). Teams come from the {@code team} label (85 %), only {@code app.kubernetes.io/part-of}
 * (10 %) or nothing (5 %); export times spread the clusters over six hours. With
 * {@code errorsEvery > 0}, every n-th line of a cluster is broken (not JSON, or a resource without a
 * kind) so that the job's error path is exercised. The same seed gives the same fleet.
 */
public final class FleetGenerator {
    /** The teams resources are labelled with. */
    public static final List<String> TEAMS = List.of("payments", "storefront", "search", "platform", "data", "identity");
    /** The export time of cluster 0; cluster {@code c} is exported {@code c % 6} hours later. */
    public static final Instant START = Instant.parse("2026-12-07T00:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int clusters;
    private final int resourcesPerCluster;
    private final long seed;
    private final int errorsEvery;

    /**
     * A fleet.
     *
     * @param clusters how many clusters
     * @param resourcesPerCluster lines per cluster
     * @param seed the random seed
     * @param errorsEvery every n-th line of each cluster is broken; 0 for none
     */
    public FleetGenerator(int clusters, int resourcesPerCluster, long seed, int errorsEvery) {
        if (clusters <= 0 || resourcesPerCluster <= 0 || errorsEvery < 0) {
            throw new IllegalArgumentException("clusters and resources must be positive, errorsEvery not negative");
        }
        this.clusters = clusters;
        this.resourcesPerCluster = resourcesPerCluster;
        this.seed = seed;
        this.errorsEvery = errorsEvery;
    }

    /** The name of cluster {@code index}. */
    public static String clusterName(int index) {
        return String.format("cluster-%03d", index);
    }

    /** Total lines. */
    public long size() {
        return (long) clusters * resourcesPerCluster;
    }

    /** Gives every line of one cluster to the consumer, in order. */
    public void cluster(int index, Consumer<String> lines) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        String cluster = clusterName(index);
        Instant hour = START.plusSeconds(3600L * (index % 6));
        for (int i = 0; i < resourcesPerCluster; i++) {
            Instant time = hour.plusSeconds(random.nextInt(3600));
            if (errorsEvery > 0 && (i + 1) % errorsEvery == 0) {
                lines.accept(i / errorsEvery % 2 == 0
                        ? "{\"cluster\": \"" + cluster + "\", \"time\": \"" + time + "\", \"resource\": {\"apiVersion\": "
                        : "{\"cluster\":\"" + cluster + "\",\"time\":\"" + time
                                + "\",\"resource\":{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"no-kind-" + i + "\"}}}");
                continue;
            }
            ObjectNode line = JSON.createObjectNode();
            line.put("cluster", cluster);
            line.put("time", time.toString());
            line.set("resource", resource(random, i));
            try {
                lines.accept(JSON.writeValueAsString(line));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Writes {@code cluster-NNN.jsonl} files into the directory; returns them. */
    public List<Path> write(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> files = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            Path file = directory.resolve(clusterName(c) + ".jsonl");
            try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                cluster(c, line -> {
                    try {
                        writer.write(line);
                        writer.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            files.add(file);
        }
        return files;
    }

    private static ObjectNode resource(SplittableRandom random, int i) {
        int kind = random.nextInt(10);
        String team = TEAMS.get(random.nextInt(TEAMS.size()));
        int owner = random.nextInt(20);
        String namespace = random.nextInt(10) == 0 ? "default" : team;
        ObjectNode object = JSON.createObjectNode();
        ObjectNode metadata = JSON.createObjectNode();
        ObjectNode labels = metadata.putObject("labels");
        String app = "app-" + i;
        labels.put("app", app);
        if (owner < 17) {
            labels.put("team", team);
        } else if (owner < 19) {
            labels.put("app.kubernetes.io/part-of", team);
        }
        if (kind < 4) {
            object.put("apiVersion", "apps/v1").put("kind", "Deployment");
            metadata.put("name", app).put("namespace", namespace);
            object.set("metadata", metadata);
            ObjectNode spec = object.putObject("spec");
            spec.put("replicas", 1 + random.nextInt(8));
            spec.putObject("selector").putObject("matchLabels").put("app", app);
            ObjectNode template = spec.putObject("template");
            template.putObject("metadata").putObject("labels").put("app", app);
            template.set("spec", podSpec(random, app));
        } else if (kind < 7) {
            object.put("apiVersion", "v1").put("kind", "Pod");
            metadata.put("name", app).put("namespace", namespace);
            object.set("metadata", metadata);
            object.set("spec", podSpec(random, app));
        } else {
            object.put("apiVersion", "v1").put("kind", "Service");
            metadata.put("name", app).put("namespace", namespace);
            object.set("metadata", metadata);
            ObjectNode spec = object.putObject("spec");
            spec.putObject("selector").put("app", app);
            spec.putArray("ports").addObject().put("port", 80).put("targetPort", 8080);
        }
        return object;
    }

    private static ObjectNode podSpec(SplittableRandom random, String app) {
        ObjectNode spec = JSON.createObjectNode();
        ArrayNode containers = spec.putArray("containers");
        int count = 1 + (random.nextInt(4) == 0 ? 1 : 0);
        boolean privileged = random.nextInt(20) == 0;
        for (int c = 0; c < count; c++) {
            ObjectNode container = containers.addObject();
            container.put("name", c == 0 ? "main" : "sidecar");
            String image = "registry.example.com/" + app + (c == 0 ? "" : "-sidecar");
            container.put("image", image + (random.nextInt(100) < 15 ? ":latest" : ":1." + random.nextInt(20) + ".0"));
            if (random.nextInt(100) >= 20) {
                ObjectNode resources = container.putObject("resources");
                resources.putObject("limits").put("cpu", "500m").put("memory", "256Mi");
                resources.putObject("requests").put("cpu", "100m").put("memory", "128Mi");
            }
            if (privileged && c == count - 1) {
                container.putObject("securityContext").put("privileged", true);
            }
        }
        return spec;
    }

    /**
     * Writes a fleet: {@code --clusters N --resources M --output DIR [--seed S] [--errors-every K]}
     * (defaults 200 clusters, 500 resources, seed 1, no broken lines).
     */
    public static void main(String[] args) throws IOException {
        int clusters = 200;
        int resources = 500;
        long seed = 1;
        int errorsEvery = 0;
        Path output = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--clusters" -> clusters = Integer.parseInt(args[i + 1]);
                case "--resources" -> resources = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--errors-every" -> errorsEvery = Integer.parseInt(args[i + 1]);
                case "--output" -> output = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (output == null || args.length % 2 != 0) {
            System.err.println("usage: FleetGenerator --output DIR [--clusters N] [--resources M] [--seed S] [--errors-every K]");
            System.exit(2);
        }
        FleetGenerator fleet = new FleetGenerator(clusters, resources, seed, errorsEvery);
        fleet.write(output);
        System.out.println(fleet.size() + " resources from " + clusters + " clusters in " + output);
    }
}
