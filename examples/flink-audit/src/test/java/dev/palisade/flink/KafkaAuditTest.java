package dev.palisade.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.PalisadeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka path against a real Kafka broker (KRaft, broker and controller in this JVM, from Kafka's own
 * test kit) and a Flink MiniCluster: a generated fleet produced to a three-partition topic, judged by
 * the job reading the topic up to its end, gives exactly the results and aggregates the oracle computes
 * from the same lines.
 */
class KafkaAuditTest {
    private static final int CLUSTERS = 12;
    private static final int RESOURCES = 150;
    private static final int ERRORS_EVERY = 37;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static KafkaClusterTestKit kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).build())
                // one broker: the internal topics (consumer offsets, which the job commits) get one replica
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aBoundedTopicIsJudgedExactlyAsTheOracleJudgesItsLines(@TempDir Path dir) throws Exception {
        Path fleet = dir.resolve("fleet");
        new FleetGenerator(CLUSTERS, RESOURCES, 9, ERRORS_EVERY).write(fleet);
        String servers = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            admin.createTopics(List.of(new NewTopic("fleet", 3, (short) 1), new NewTopic("findings", 1, (short) 1),
                    new NewTopic("counts", 1, (short) 1))).all().get();
        }
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        long sent = 0;
        try (KafkaProducer<String, String> send = new KafkaProducer<>(producer); Stream<Path> files = Files.list(fleet)) {
            for (Path file : files.sorted().toList()) {
                String cluster = file.getFileName().toString().replace(".jsonl", "");
                for (String line : Files.readAllLines(file)) {
                    send.send(new ProducerRecord<>("fleet", cluster, line)); // keyed by cluster: a cluster's lines in order
                    sent++;
                }
            }
            send.flush();
        }
        assertEquals((long) CLUSTERS * RESOURCES, sent);

        AuditJob.Options options = AuditJob.Options.parse("--kafka-bootstrap-servers", servers,
                "--kafka-input-topic", "fleet", "--kafka-results-topic", "findings", "--kafka-aggregates-topic", "counts",
                "--kafka-bounded", "--policy", "builtin:default", "--policy", FleetAuditTest.policyDirectory().toString(),
                "--parallelism", "2");
        AuditJob.execute(StreamExecutionEnvironment.getExecutionEnvironment(), options);

        List<String> results = readTopic(servers, "findings");
        List<String> aggregates = readTopic(servers, "counts");
        FleetAuditTest.assertOutputsMatchTheOracle(fleet, results, aggregates,
                (long) CLUSTERS * (RESOURCES / ERRORS_EVERY));
    }

    @Test
    void kafkaOptionsAreAllOrNothing() {
        PalisadeException missing = assertThrows(PalisadeException.class, () -> AuditJob.Options.parse(
                "--kafka-bootstrap-servers", "localhost:9092", "--kafka-input-topic", "fleet"));
        assertTrue(missing.getMessage().contains("--kafka-results-topic is required"), missing.getMessage());
        PalisadeException mixed = assertThrows(PalisadeException.class, () -> AuditJob.Options.parse(
                "--input", "fleet/", "--kafka-bounded"));
        assertTrue(mixed.getMessage().contains("with Kafka, give topics instead"), mixed.getMessage());
        AuditJob.Options options = AuditJob.Options.parse("--kafka-bootstrap-servers", "b:9092", "--kafka-input-topic",
                "in", "--kafka-results-topic", "r", "--kafka-aggregates-topic", "a");
        assertEquals(new AuditJob.Kafka("b:9092", "in", "r", "a", AuditJob.Kafka.DEFAULT_GROUP_ID, false),
                options.kafka().orElseThrow());
    }

    private static List<String> readTopic(String servers, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertTrue(System.nanoTime() < deadline, "reading " + topic + " took over a minute");
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        assertTrue(!values.isEmpty(), topic + " is empty");
        return values;
    }
}
