package dev.palisade.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Palisade;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.policy.LoadedPolicies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real Flink MiniCluster (one TaskManager, two slots, parallelism 2) against a generated
 * fleet, compared with an oracle that evaluates every line directly with {@link PolicySet#evaluate}:
 * the policies loaded from the files (not from the texts the job ships), the resources read by
 * {@link ManifestReader} (not by the job's JSON envelope reader). Fleet size: 200 clusters × 500
 * resources, or {@code -Dpalisade.flink.clusters=N -Dpalisade.flink.resources=M}. A smaller fleet is
 * also compared with {@code palisade check} (the CLI, in-process) on the same resources written as files.
 */
class FleetAuditTest {
    private static final int CLUSTERS = Integer.getInteger("palisade.flink.clusters", 200);
    private static final int RESOURCES = Integer.getInteger("palisade.flink.resources", 500);
    private static final int ERRORS_EVERY = 97;
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static Path policyDirectory() {
        return Path.of("src/test/resources/policies");
    }

    @Test
    void theJobFindsExactlyWhatDirectEvaluationFinds(@TempDir Path dir) throws Exception {
        Path fleet = dir.resolve("fleet");
        new FleetGenerator(CLUSTERS, RESOURCES, 42, ERRORS_EVERY).write(fleet);
        Path out = dir.resolve("out");

        long start = System.nanoTime();
        AuditJob.Options options = AuditJob.Options.parse("--input", fleet.toString(), "--output", out.toString(),
                "--policy", "builtin:default", "--policy", policyDirectory().toString(), "--window", "1h",
                "--parallelism", "2");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        AuditJob.execute(env, options);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("flink-audit: %d resources judged at parallelism 2 in %d ms (%.0f resources/s)%n",
                (long) CLUSTERS * RESOURCES, millis, CLUSTERS * RESOURCES * 1000.0 / Math.max(1, millis));

        long broken = CLUSTERS * (long) (RESOURCES / ERRORS_EVERY);
        Map<String, Long> actualCounts = assertOutputsMatchTheOracle(fleet, readLines(out.resolve("results"), "results"),
                readLines(out.resolve("aggregates"), "aggregates"), broken);
        assertEquals(6 * 7, actualCounts.keySet().stream().filter(k -> k.endsWith("|no-latest-tag|warn"))
                .count(), "six hourly windows × (six teams + unowned) for a common finding");
    }

    @Test
    void theJobFindsWhatPalisadeCheckFindsInTheSameResourcesAsFiles(@TempDir Path dir) throws Exception {
        Path fleet = dir.resolve("fleet");
        new FleetGenerator(24, 120, 5, 0).write(fleet);
        Path out = dir.resolve("out");
        AuditJob.execute(StreamExecutionEnvironment.getExecutionEnvironment(), AuditJob.Options.parse("--input",
                fleet.toString(), "--output", out.toString(), "--policy", "builtin:default", "--policy",
                policyDirectory().toString(), "--parallelism", "2"));
        Map<String, Long> job = counted(readLines(out.resolve("results"), "results"), line -> {
            JsonNode r = readJson(line);
            return String.join("|", r.get("cluster").asText(), r.get("apiVersion").asText(), r.get("kind").asText(),
                    r.get("namespace").asText(), r.get("name").asText(), r.get("decision").asText(),
                    r.get("status").asText(), r.get("policy").asText(), r.get("severity").asText(),
                    r.get("action").asText(), r.get("path").asText(), r.get("message").asText());
        });

        // the same resources as one Kubernetes List per cluster, judged by the CLI
        Path manifests = dir.resolve("manifests");
        Files.createDirectories(manifests);
        List<Path> files;
        try (Stream<Path> list = Files.list(fleet)) {
            files = list.sorted().toList();
        }
        for (Path file : files) {
            com.fasterxml.jackson.databind.node.ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1")
                    .put("kind", "List");
            com.fasterxml.jackson.databind.node.ArrayNode items = list.putArray("items");
            Files.readAllLines(file).forEach(line -> items.add(readJson(line).get("resource")));
            Files.writeString(manifests.resolve(file.getFileName().toString().replace(".jsonl", ".json")),
                    JSON.writeValueAsString(list));
        }
        Path report = dir.resolve("check.json");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = dev.palisade.cli.Main.run(new String[] {"check", manifests.toString(), "--policy", "builtin:default",
            "--policy", policyDirectory().toString(), "--enforcement-point", "audit", "--format", "json", "--output",
            report.toString()}, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(1, status, "violations, no errors: " + err);
        JsonNode checked = JSON.readTree(report.toFile());
        assertEquals(24 * 120, checked.get("summary").get("resources").asInt());
        List<String> keys = new ArrayList<>();
        for (JsonNode result : checked.get("results")) {
            String file = Path.of(result.get("source").get("file").asText()).getFileName().toString();
            JsonNode id = result.get("resource");
            String who = String.join("|", file.replace(".json", ""), id.get("apiVersion").asText(), id.get("kind").asText(),
                    id.path("namespace").asText(), id.get("name").asText(), result.get("decision").asText());
            for (String kind : List.of(AuditRecord.VIOLATION, AuditRecord.SUPPRESSED)) {
                for (JsonNode f : result.get(kind.equals(AuditRecord.VIOLATION) ? "violations" : "suppressed")) {
                    keys.add(String.join("|", who, kind, f.get("policy").asText(), f.get("severity").asText(),
                            f.get("action").asText(), f.get("path").asText(), f.get("message").asText()));
                }
            }
        }
        assertSameCounts(counted(keys, k -> k), job, "findings of palisade check and of the job");
        assertTrue(sum(job, "|suppressed|replica-limit|") > 0 && sum(job, "|deny|") > 0, "both kinds present");
    }

    private static JsonNode readJson(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }

    /**
     * Compares a job's outputs with the oracle's and returns the aggregate counters (input errors left
     * out). Also checks that the fleet had deny, warn, exempted and broken lines, so that equality is
     * not vacuous.
     */
    static Map<String, Long> assertOutputsMatchTheOracle(Path fleet, List<String> resultLines,
            List<String> aggregateLines, long broken) throws IOException {
        Map<String, Long> expected = oracle(fleet);
        Map<String, Long> actual = counted(resultLines, FleetAuditTest::key);
        assertSameCounts(expected, actual, "results");

        // the fleet has every kind of outcome, so equality above is not vacuous
        long lines = readLines(fleet, "cluster-").size();
        assertEquals(broken, sum(expected, "|error|(input)|"), "one error record per broken line");
        assertTrue(sum(expected, "|deny|violation|") > lines / 50, "deny violations");
        assertTrue(sum(expected, "|warn|violation|") > lines / 10, "warn violations");
        assertTrue(sum(expected, "|suppressed|replica-limit|") > 0, "exempted violations");

        Map<String, Long> expectedCounts = aggregates(expected);
        Map<String, Long> actualCounts = new TreeMap<>();
        for (String line : aggregateLines) {
            JsonNode count = JSON.readTree(line);
            String key = count.get("windowStart").asText() + "|" + count.get("windowEnd").asText() + "|"
                    + count.get("team").asText() + "|" + count.get("policy").asText();
            for (String field : List.of("violations", "deny", "warn", "dryrun", "suppressed", "errors")) {
                if (count.get(field).asLong() != 0) {
                    assertEquals(null, actualCounts.put(key + "|" + field, count.get(field).asLong()), key);
                }
            }
        }
        long inputErrors = 0;
        for (var it = actualCounts.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Long> e = it.next();
            if (e.getKey().endsWith("|" + AuditRecord.INPUT_POLICY + "|errors")) {
                inputErrors += e.getValue();
                it.remove();
            }
        }
        assertEquals(broken, inputErrors, "input errors counted in the aggregates");
        assertSameCounts(expectedCounts, actualCounts, "aggregates");
        return actualCounts;
    }

    @Test
    void policiesWithLoadErrorsStopTheJobBeforeAndAtStart(@TempDir Path dir) throws Exception {
        Path fleet = dir.resolve("fleet");
        new FleetGenerator(4, 50, 7, 0).write(fleet);
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "apiVersion: palisade.dev/v1\nkind: Policy\nmetadata: {name: broken}\nspec:\n"
                + "  validations:\n    - expression: \"object.spec.replicas <=\"\n");

        // on the client: exit status 2, every load error by file and line, nothing submitted or written
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = AuditJob.run(new String[] {"--input", fleet.toString(), "--output", dir.resolve("out").toString(),
            "--policy", broken.toString()}, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).contains(broken + ":6:"), err.toString());
        assertTrue(!Files.exists(dir.resolve("out")), "nothing written");

        // in the tasks: a job built around the client's check still fails when open() compiles the sources
        AuditJob.Options sneaked = new AuditJob.Options(List.of(fleet.toString()), dir.resolve("out2").toString(),
                new PolicySources(List.of("builtin:default"), Map.of("broken.yaml", Files.readString(broken))),
                EnforcementPoint.AUDIT, "team", WINDOW, 2);
        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> AuditJob.execute(StreamExecutionEnvironment.getExecutionEnvironment(), sneaked));
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof dev.palisade.core.PalisadeException)) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().startsWith("the policy set has 1 load error:\n  broken.yaml:6:"), cause.getMessage());
        try (Stream<Path> written = Files.walk(dir)) {
            assertEquals(List.of(), written.filter(p -> p.getFileName().toString().endsWith(".jsonl")
                    && !p.startsWith(fleet)).toList(), "no result of a job that could not judge");
        }
    }

    /** Every line judged directly: a multiset of record keys, as {@link #key(String)} makes them. */
    private static Map<String, Long> oracle(Path fleet) throws IOException {
        LoadedPolicies loaded = Palisade.policies("builtin:default", policyDirectory().toString());
        assertEquals(List.of(), loaded.errors());
        PolicySet policies = PolicySet.of(loaded);
        EvaluationContext context = EvaluationContext.builder().enforcementPoint(EnforcementPoint.AUDIT).build();
        ManifestReader reader = ManifestReader.create();
        List<String> keys = new ArrayList<>();
        for (String line : readLines(fleet, "cluster-")) {
            JsonNode envelope;
            try {
                envelope = JSON.readTree(line);
            } catch (IOException e) {
                keys.add(String.join("|", "?", "error", "error", AuditRecord.INPUT_POLICY, ""));
                continue;
            }
            String cluster = envelope.get("cluster").asText();
            long time = OffsetDateTime.parse(envelope.get("time").asText()).toInstant().toEpochMilli();
            List<Resource> read = reader.readString(cluster + ".json", envelope.get("resource").toString()).resources();
            if (read.size() != 1) {
                keys.add(String.join("|", "?", "error", "error", AuditRecord.INPUT_POLICY, ""));
                continue;
            }
            Resource resource = read.get(0);
            String team = resource.labels().getOrDefault("team", "unowned");
            Result result = policies.evaluate(resource, context);
            String who = String.join("|", cluster, resource.id().apiVersion(), resource.id().kind(),
                    resource.id().namespace(), resource.id().name(), team, Long.toString(time));
            for (Finding f : result.violations()) {
                keys.add(findingKey(who, result, f, AuditRecord.VIOLATION));
            }
            for (Finding f : result.suppressed()) {
                keys.add(findingKey(who, result, f, AuditRecord.SUPPRESSED));
            }
            result.errors().forEach(e -> keys.add(String.join("|", who, result.decision().label(), "error",
                    e.policyId(), e.message())));
        }
        return counted(keys, k -> k);
    }

    private static String findingKey(String who, Result result, Finding f, String status) {
        return String.join("|", who, result.decision().label(), f.action().label(), status, f.policyId(),
                f.severity().label(), f.path(), f.message());
    }

    /** A result line as the oracle keys it; input errors are keyed by their kind only (their text differs). */
    private static String key(String line) {
        try {
            JsonNode r = JSON.readTree(line);
            if (r.get("status").asText().equals(AuditRecord.ERROR) && r.get("policy").asText().equals(AuditRecord.INPUT_POLICY)) {
                return String.join("|", "?", "error", "error", AuditRecord.INPUT_POLICY, "");
            }
            String who = String.join("|", r.get("cluster").asText(), r.get("apiVersion").asText(), r.get("kind").asText(),
                    r.get("namespace").asText(), r.get("name").asText(), r.get("team").asText(),
                    Long.toString(OffsetDateTime.parse(r.get("time").asText()).toInstant().toEpochMilli()));
            if (r.get("status").asText().equals(AuditRecord.ERROR)) {
                return String.join("|", who, r.get("decision").asText(), "error", r.get("policy").asText(),
                        r.get("message").asText());
            }
            return String.join("|", who, r.get("decision").asText(), r.get("action").asText(), r.get("status").asText(),
                    r.get("policy").asText(), r.get("severity").asText(), r.get("path").asText(), r.get("message").asText());
        } catch (IOException e) {
            throw new AssertionError("the job wrote a line that is not JSON: " + line, e);
        }
    }

    /** Per (window, team, policy) and counter, as the aggregates hold them (zero counters left out). */
    private static Map<String, Long> aggregates(Map<String, Long> records) {
        Map<String, Long> counts = new TreeMap<>();
        records.forEach((key, n) -> {
            String[] f = key.split("\\|", -1);
            if (f[0].equals("?")) {
                return; // input errors: their time is the time they were judged, checked by count below
            }
            long time = Long.parseLong(f[6]);
            long startMs = time - Math.floorMod(time, WINDOW.toMillis());
            String window = java.time.Instant.ofEpochMilli(startMs) + "|" + java.time.Instant.ofEpochMilli(startMs
                    + WINDOW.toMillis());
            String team = f[5];
            if (f[8].equals("error")) {
                counts.merge(window + "|" + team + "|" + f[9] + "|errors", n, Long::sum);
                return;
            }
            String action = f[8];
            String status = f[9];
            String policy = f[10];
            String prefix = window + "|" + team + "|" + policy + "|";
            if (status.equals(AuditRecord.SUPPRESSED)) {
                counts.merge(prefix + "suppressed", n, Long::sum);
            } else {
                counts.merge(prefix + "violations", n, Long::sum);
                counts.merge(prefix + action, n, Long::sum);
            }
        });
        return counts;
    }

    /** Equal multisets, or a failure naming at most ten differences (not the whole fleet). */
    private static void assertSameCounts(Map<String, Long> expected, Map<String, Long> actual, String what) {
        List<String> differences = new ArrayList<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            if (!java.util.Objects.equals(expected.get(key), actual.get(key))) {
                differences.add(key + ": expected " + expected.get(key) + ", job " + actual.get(key));
            }
        }
        assertTrue(differences.isEmpty(), differences.size() + " " + what + " differ, e.g.\n  "
                + String.join("\n  ", differences.subList(0, Math.min(10, differences.size()))));
        assertTrue(!expected.isEmpty(), what + ": nothing to compare");
    }

    private static long sum(Map<String, Long> keys, String fragment) {
        return keys.entrySet().stream().filter(e -> ("|" + e.getKey() + "|").contains(fragment))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static Map<String, Long> counted(List<String> lines, java.util.function.Function<String, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : lines) {
            counts.merge(key.apply(line), 1L, Long::sum);
        }
        return counts;
    }

    static List<String> readLines(Path directory, String prefix) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no " + prefix + " files in " + directory);
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            lines.addAll(Files.readAllLines(file));
        }
        return lines;
    }
}
