package dev.palisade.flink;

import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.PolicySet;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The scaling measurement: the same generated fleet judged by the job on a local MiniCluster with 1,
 * then 2, ... task slots (parallelism = slots), after one warm-up run each, and by one thread calling
 * {@link LineAuditor} directly as the baseline without Flink. Prints resources/s from the job's net
 * run time, the process CPU time per resource (less the CPU of starting and stopping a MiniCluster
 * for a job of a few lines), and the load average, so that runs on a shared machine can be judged.
 *
 * <pre>
 * java -cp 'target/palisade-flink-audit.jar:target/lib/*' dev.palisade.flink.AuditThroughput \
 *     [--clusters 200] [--resources 500] [--parallelism 1,2] [--runs 3] [--policy REF]...
 * </pre>
 */
public final class AuditThroughput {
    private AuditThroughput() {
    }

    /** Runs the measurement; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        int clusters = 200;
        int resources = 500;
        int runs = 3;
        List<Integer> parallelisms = List.of(1, 2);
        List<String> policies = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--clusters" -> clusters = Integer.parseInt(args[i + 1]);
                case "--resources" -> resources = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--parallelism" -> parallelisms = Stream.of(args[i + 1].split(",")).map(Integer::valueOf).toList();
                case "--policy" -> policies.add(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (policies.isEmpty()) {
            policies.add("builtin:default");
        }
        Path work = Files.createTempDirectory("palisade-flink-throughput");
        Path fleet = work.resolve("fleet");
        FleetGenerator generator = new FleetGenerator(clusters, resources, 1, 0);
        generator.write(fleet);
        long total = generator.size();
        System.out.printf(Locale.ROOT, "fleet: %d clusters x %d resources = %d lines, %.1f MB; %d cores; policies %s%n",
                clusters, resources, total, size(fleet) / 1e6, Runtime.getRuntime().availableProcessors(), policies);

        PolicySources sources = PolicySources.read(policies);
        PolicySet set = sources.compile();
        for (int run = 0; run <= runs; run++) {
            long cpu = cpuNanos();
            long start = System.nanoTime();
            long records = direct(fleet, new LineAuditor(set, EnforcementPoint.AUDIT, "team", System::currentTimeMillis));
            long wall = System.nanoTime() - start;
            report(run == 0 ? "direct warm-up" : "direct, 1 thread", total, wall, cpuNanos() - cpu, records);
        }
        Path tiny = work.resolve("tiny");
        new FleetGenerator(parallelisms.stream().mapToInt(Integer::intValue).max().orElse(1), 5, 1, 0).write(tiny);
        for (int parallelism : parallelisms) {
            // the CPU a MiniCluster and a job cost with (almost) nothing to judge: subtracted below
            long overhead = Long.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                long cpu = cpuNanos();
                job(tiny, work.resolve("tiny-out-" + parallelism + "-" + run), sources, parallelism);
                overhead = Math.min(overhead, cpuNanos() - cpu);
            }
            System.out.printf(Locale.ROOT, "%d slot(s): MiniCluster start, job deployment and stop cost %.2f s CPU%n",
                    parallelism, overhead / 1e9);
            for (int run = 0; run <= runs; run++) {
                Path out = work.resolve("out-" + parallelism + "-" + run);
                long cpu = cpuNanos();
                JobExecutionResult result = job(fleet, out, sources, parallelism);
                long cpuUsed = cpuNanos() - cpu - overhead;
                long records = FleetAuditLines.count(out.resolve("results"));
                report((run == 0 ? "job warm-up, " : "job, ") + parallelism + " slot" + (parallelism == 1 ? "" : "s"),
                        total, result.getNetRuntime() * 1_000_000L, cpuUsed, records);
            }
        }
        delete(work);
    }

    private static JobExecutionResult job(Path fleet, Path out, PolicySources sources, int parallelism) throws Exception {
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
        AuditJob.Options options = new AuditJob.Options(List.of(fleet.toString()), out.toString(), sources,
                EnforcementPoint.AUDIT, "team", Duration.ofHours(1), parallelism);
        return AuditJob.execute(env, options);
    }

    private static long direct(Path fleet, LineAuditor auditor) throws IOException {
        long records = 0;
        List<Path> files;
        try (Stream<Path> list = Files.list(fleet)) {
            files = list.sorted().toList();
        }
        for (Path file : files) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    for (AuditRecord record : auditor.audit(line)) {
                        records += record.toJson().length() > 0 ? 1 : 0;
                    }
                }
            }
        }
        return records;
    }

    private static void report(String what, long resources, long wallNanos, long cpuNanos, long records) {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "%-22s %,10.0f resources/s  %6.2f s  CPU %6.2f s (%5.1f us/resource)  "
                + "%,d records  load %.1f%n", what, resources * 1e9 / wallNanos, wallNanos / 1e9, cpuNanos / 1e9,
                cpuNanos / 1e3 / resources, records, load);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Counts result lines written by a job. */
    static final class FleetAuditLines {
        private FleetAuditLines() {
        }

        static long count(Path directory) throws IOException {
            long n = 0;
            try (Stream<Path> walk = Files.walk(directory)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    try (Stream<String> lines = Files.lines(file)) {
                        n += lines.count();
                    }
                }
            }
            return n;
        }
    }
}
