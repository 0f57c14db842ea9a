package dev.palisade.flink;

import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.PalisadeException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The fleet audit job: JSON lines of resources exported from many clusters in, per-finding results and
 * per-team, per-policy counts per tumbling window of event time out.
 *
 * <pre>
 * lines ──► AuditFunction (PolicySet per task) ──► results/  (one JSON line per finding or error)
 *                     │
 *                     └─► keyBy(team, policy) ──► tumbling event-time window ──► aggregates/
 * </pre>
 *
 * Lines come from files or a Kafka topic, results and aggregates go to directories or Kafka topics
 * ({@link Kafka}). Run it with {@link #main(String[])} (a local MiniCluster when started with
 * {@code java}, the cluster when submitted with {@code flink run}); {@link #build(DataStream, Options)}
 * wires the same pipeline onto any source of lines.
 */
public final class AuditJob {
    /** Tolerated lateness of export times within one input: watermarks trail the newest time by this. */
    public static final Duration OUT_OF_ORDERNESS = Duration.ofMinutes(10);

    private AuditJob() {
    }

    /**
     * The job's settings.
     *
     * @param inputs files or directories of JSON lines (directories are read recursively)
     * @param output directory receiving {@code results/} and {@code aggregates/}
     * @param policies the policies, as sources compiled by each task
     * @param point the enforcement point whose actions apply
     * @param teamLabel the label (or annotation) key naming a resource's team
     * @param window the length of the tumbling windows of the aggregates
     * @param parallelism the job's parallelism, or 0 for the environment's default
     * @param kafka Kafka topics in place of {@code inputs} and {@code output}, when set
     */
    public record Options(List<String> inputs, String output, PolicySources policies, EnforcementPoint point,
            String teamLabel, Duration window, int parallelism, Optional<Kafka> kafka) {
        /** File input and output, no Kafka. */
        public Options(List<String> inputs, String output, PolicySources policies, EnforcementPoint point,
                String teamLabel, Duration window, int parallelism) {
            this(inputs, output, policies, point, teamLabel, window, parallelism, Optional.empty());
        }

        /** The options' usage text. */
        public static final String USAGE = """
                usage: AuditJob --input PATH... --output DIR [--policy REF]... [--team-label KEY]
                                [--window DURATION] [--enforcement-point audit|ci|admission] [--parallelism N]
                  --input PATH        a file or directory of JSON lines {"cluster": C, "time": T, "resource": {...}}
                  --output DIR        writes DIR/results/*.jsonl (findings, errors) and DIR/aggregates/*.jsonl
                  --policy REF        builtin:<name>, a policy file or directory (default builtin:default)
                  --team-label KEY    label or annotation naming the team (default team)
                  --window DURATION   tumbling window of the aggregates: 1h, 15m, 30s or ISO-8601 (default 1h)
                  --enforcement-point whose actions apply (default audit)
                  --parallelism N     parallel tasks (default: the environment's)
                or, with Kafka in place of --input and --output:
                       AuditJob --kafka-bootstrap-servers HOST:PORT --kafka-input-topic T
                                --kafka-results-topic R --kafka-aggregates-topic A
                                [--kafka-group-id G] [--kafka-bounded] [other options as above]
                  --kafka-bounded     read the input topic up to its end offsets at start, then finish
                """;

        /**
         * Parses command-line arguments; policy files are read here, on the client.
         *
         * @throws PalisadeException for unknown or missing arguments and unreadable policy files
         */
        public static Options parse(String... args) {
            List<String> inputs = new ArrayList<>();
            List<String> policies = new ArrayList<>();
            String output = null;
            EnforcementPoint point = EnforcementPoint.AUDIT;
            String teamLabel = "team";
            Duration window = Duration.ofHours(1);
            int parallelism = 0;
            Map<String, String> kafka = new LinkedHashMap<>();
            boolean bounded = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--kafka-bounded")) {
                    bounded = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new PalisadeException(arg.startsWith("--") ? arg + " needs a value" : "unexpected argument " + arg);
                }
                String value = args[++i];
                switch (arg) {
                    case "--input" -> inputs.add(value);
                    case "--output" -> output = value;
                    case "--policy" -> policies.add(value);
                    case "--team-label" -> teamLabel = value;
                    case "--window" -> window = duration(value);
                    case "--enforcement-point" -> point = EnforcementPoint.parse(value);
                    case "--parallelism" -> parallelism = positive(value);
                    case "--kafka-bootstrap-servers", "--kafka-input-topic", "--kafka-results-topic",
                            "--kafka-aggregates-topic", "--kafka-group-id" -> kafka.put(arg, value);
                    default -> throw new PalisadeException("unknown option " + arg);
                }
            }
            Optional<Kafka> topics = Optional.empty();
            if (!kafka.isEmpty() || bounded) {
                if (!inputs.isEmpty() || output != null) {
                    throw new PalisadeException("--input and --output are for files; with Kafka, give topics instead");
                }
                for (String required : List.of("--kafka-bootstrap-servers", "--kafka-input-topic",
                        "--kafka-results-topic", "--kafka-aggregates-topic")) {
                    if (kafka.getOrDefault(required, "").isBlank()) {
                        throw new PalisadeException(required + " is required with Kafka");
                    }
                }
                topics = Optional.of(new Kafka(kafka.get("--kafka-bootstrap-servers"), kafka.get("--kafka-input-topic"),
                        kafka.get("--kafka-results-topic"), kafka.get("--kafka-aggregates-topic"),
                        kafka.getOrDefault("--kafka-group-id", Kafka.DEFAULT_GROUP_ID), bounded));
            } else if (inputs.isEmpty() || output == null) {
                throw new PalisadeException("--input and --output are required (or Kafka topics)");
            }
            if (teamLabel.isBlank()) {
                throw new PalisadeException("--team-label must not be empty");
            }
            if (policies.isEmpty()) {
                policies.add("builtin:default");
            }
            return new Options(List.copyOf(inputs), output == null ? "" : output, PolicySources.read(policies), point,
                    teamLabel.strip(), window, parallelism, topics);
        }

        private static int positive(String value) {
            try {
                int n = Integer.parseInt(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new PalisadeException("--parallelism must be a positive integer, not '" + value + "'");
        }

        /** Parses {@code 90s}, {@code 15m}, {@code 1h}, {@code 1d} or an ISO-8601 duration ({@code PT1H}). */
        static Duration duration(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            Duration d = null;
            try {
                if (text.startsWith("p")) {
                    d = Duration.parse(text.toUpperCase(Locale.ROOT));
                } else if (text.length() > 1) {
                    long n = Long.parseLong(text.substring(0, text.length() - 1));
                    d = switch (text.charAt(text.length() - 1)) {
                        case 's' -> Duration.ofSeconds(n);
                        case 'm' -> Duration.ofMinutes(n);
                        case 'h' -> Duration.ofHours(n);
                        case 'd' -> Duration.ofDays(n);
                        default -> null;
                    };
                }
            } catch (RuntimeException e) {
                d = null;
            }
            if (d == null || d.isNegative() || d.isZero()) {
                throw new PalisadeException("--window must be a positive duration such as 1h, 15m or PT1H, not '"
                        + value + "'");
            }
            return d;
        }
    }

    /**
     * Kafka in place of files: input lines are the values of the input topic's records (read from the
     * group's committed offsets, else from the earliest), results and aggregates are the values of
     * records written to two topics (at least once: flushed at each checkpoint, and when bounded input
     * ends).
     *
     * @param bootstrapServers the brokers, {@code host:port,...}
     * @param inputTopic the topic of exported resources, one JSON line per record
     * @param resultsTopic the topic receiving results
     * @param aggregatesTopic the topic receiving aggregates
     * @param groupId the consumer group whose offsets the job commits
     * @param bounded whether to stop at the input topic's end offsets as they are at start
     */
    public record Kafka(String bootstrapServers, String inputTopic, String resultsTopic, String aggregatesTopic,
            String groupId, boolean bounded) {
        /** The consumer group unless one is given. */
        public static final String DEFAULT_GROUP_ID = "palisade-fleet-audit";
    }

    /** The two outputs of the pipeline, as JSON lines. */
    public record Outputs(DataStream<String> results, DataStream<String> aggregates) {
    }

    /**
     * Runs the job on the files named by the command line and prints where the outputs are. Exit status
     * 0 when the job finished, 2 for bad arguments, policies with load errors or a failed job.
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(Options.USAGE);
            return 0;
        }
        Options options;
        try {
            options = Options.parse(args);
            options.policies().check(); // fail before submitting: every load error, file:line
        } catch (PalisadeException e) {
            err.println("palisade flink-audit: " + e.getMessage());
            err.print(Options.USAGE);
            return 2;
        }
        try {
            JobExecutionResult result = execute(StreamExecutionEnvironment.getExecutionEnvironment(), options);
            out.println("finished in " + result.getNetRuntime() + " ms: " + options.kafka()
                    .map(k -> "results in topic " + k.resultsTopic() + ", aggregates in topic " + k.aggregatesTopic())
                    .orElse("results in " + options.output() + "/results, aggregates in " + options.output()
                            + "/aggregates"));
            return 0;
        } catch (Exception e) {
            err.println("palisade flink-audit: the job failed: " + e);
            return 2;
        }
    }

    /**
     * Reads the inputs with a {@link FileSource}, runs the pipeline and writes both outputs with
     * {@link FileSink}s, or with Kafka when {@link Options#kafka()} is set. Bounded input runs in batch
     * mode, so each sink commits its files (or flushes its records) when the input ends; unbounded Kafka
     * input runs in streaming mode with checkpoints every minute unless the environment sets them.
     */
    @SuppressWarnings("deprecation") // OffsetResetStrategy: the only type the 5.0 connector's committedOffsets takes
    public static JobExecutionResult execute(StreamExecutionEnvironment env, Options options) throws Exception {
        env.setRuntimeMode(RuntimeExecutionMode.AUTOMATIC);
        if (options.parallelism() > 0) {
            env.setParallelism(options.parallelism());
        }
        if (options.kafka().isPresent()) {
            Kafka kafka = options.kafka().get();
            if (!kafka.bounded() && !env.getCheckpointConfig().isCheckpointingEnabled()) {
                env.enableCheckpointing(Duration.ofMinutes(1).toMillis()); // commits offsets, flushes the sinks
            }
            KafkaSourceBuilder<String> source = KafkaSource.<String>builder()
                    .setBootstrapServers(kafka.bootstrapServers()).setTopics(kafka.inputTopic())
                    .setGroupId(kafka.groupId())
                    .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                    .setValueOnlyDeserializer(new SimpleStringSchema());
            if (kafka.bounded()) {
                source.setBounded(OffsetsInitializer.latest());
            }
            Outputs outputs = build(env.fromSource(source.build(), WatermarkStrategy.noWatermarks(),
                    "resources (" + kafka.inputTopic() + ")"), options);
            outputs.results().sinkTo(topic(kafka, kafka.resultsTopic())).name("results (" + kafka.resultsTopic() + ")");
            outputs.aggregates().sinkTo(topic(kafka, kafka.aggregatesTopic()))
                    .name("aggregates (" + kafka.aggregatesTopic() + ")");
        } else {
            Path[] inputs = options.inputs().stream().map(Path::new).toArray(Path[]::new);
            FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat(), inputs).build();
            DataStream<String> lines = env.fromSource(source, WatermarkStrategy.noWatermarks(), "resources (JSON lines)");
            Outputs outputs = build(lines, options);
            outputs.results().sinkTo(jsonLines(options.output() + "/results", "results")).name("results (JSON lines)");
            outputs.aggregates().sinkTo(jsonLines(options.output() + "/aggregates", "aggregates"))
                    .name("aggregates (JSON lines)");
        }
        return env.execute("palisade fleet audit");
    }

    private static KafkaSink<String> topic(Kafka kafka, String topic) {
        return KafkaSink.<String>builder().setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(KafkaRecordSerializationSchema.builder().setTopic(topic)
                        .setValueSerializationSchema(new SimpleStringSchema()).build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build();
    }

    /** The pipeline on any stream of input lines (a file source, a Kafka topic). */
    public static Outputs build(DataStream<String> lines, Options options) {
        DataStream<AuditRecord> records = lines
                .flatMap(new AuditFunction(options.policies(), options.point(), options.teamLabel()))
                .name("judge with Palisade")
                .assignTimestampsAndWatermarks(WatermarkStrategy.<AuditRecord>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
                        .withTimestampAssigner((record, previous) -> record.time)
                        .withIdleness(Duration.ofMinutes(1)))
                .name("export time");
        DataStream<String> results = records.map(AuditRecord::toJson).name("result as JSON");
        DataStream<String> aggregates = records
                .keyBy(record -> record.team + '\u0000' + record.policy)
                .window(TumblingEventTimeWindows.of(options.window()))
                .aggregate(new Count(), new Label())
                .name("count per team, policy and window")
                .map(PolicyCount::toJson).name("count as JSON");
        return new Outputs(results, aggregates);
    }

    private static FileSink<String> jsonLines(String directory, String prefix) {
        return FileSink.forRowFormat(new Path(directory), new SimpleStringEncoder<String>("UTF-8"))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix(prefix).withPartSuffix(".jsonl").build())
                .build();
    }

    /** Counts the records of one key and window. */
    static final class Count implements AggregateFunction<AuditRecord, PolicyCount, PolicyCount> {
        private static final long serialVersionUID = 1L;

        @Override
        public PolicyCount createAccumulator() {
            return new PolicyCount();
        }

        @Override
        public PolicyCount add(AuditRecord record, PolicyCount count) {
            if (count.policy.isEmpty()) {
                count.team = record.team;
                count.policy = record.policy;
            }
            return count.add(record);
        }

        @Override
        public PolicyCount getResult(PolicyCount count) {
            return count;
        }

        @Override
        public PolicyCount merge(PolicyCount a, PolicyCount b) {
            if (a.policy.isEmpty()) {
                a.team = b.team;
                a.policy = b.policy;
            }
            return a.merge(b);
        }
    }

    /** Stamps a count with its window. */
    static final class Label extends ProcessWindowFunction<PolicyCount, PolicyCount, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(String key, Context context, Iterable<PolicyCount> counts, Collector<PolicyCount> out) {
            for (PolicyCount count : counts) {
                count.windowStart = context.window().getStart();
                count.windowEnd = context.window().getEnd();
                out.collect(count);
            }
        }
    }
}
