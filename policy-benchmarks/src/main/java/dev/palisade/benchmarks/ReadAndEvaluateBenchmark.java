package dev.palisade.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.rules.BuiltinCatalogue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.yaml.snakeyaml.Yaml;

/**
 * Issue 2's reading and evaluation figures, per document (ops/s = documents/s) over one corpus:
 * (a) SnakeYAML {@code load}, (b) jackson-dataformat-yaml tree, (c) Jackson JSON tree, (d) Palisade
 * read + evaluate the default set from YAML, including the positions of every finding, (e) evaluate
 * only, on resources parsed beforehand, (f) Palisade's reader alone. (d) and (f) use the default
 * reader, which reads Kubernetes YAML with its fast path; (g) and (h) are the same with the fast path
 * off (every document read by SnakeYAML), side by side in the same run. MB/s is documents/s times
 * the corpus's mean document size, which the setup prints.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@OperationsPerInvocation(ReadAndEvaluateBenchmark.DOCUMENTS)
public class ReadAndEvaluateBenchmark {
    static final int DOCUMENTS = 200;

    private List<String> yaml;
    private List<String> json;
    private List<Resource> parsed;
    private final ObjectMapper jsonMapper = new ObjectMapper();
    private final YAMLMapper yamlMapper = new YAMLMapper();
    private final ManifestReader reader = ManifestReader.create();
    private final ManifestReader snakeYamlPath = ManifestReader.create().withFastPath(false);
    private PolicySet defaults;
    private EvaluationContext context;

    @Setup
    public void setUp() {
        Corpus corpus = Corpus.generate(DOCUMENTS, 42);
        yaml = corpus.yaml();
        json = corpus.json();
        defaults = PolicySet.of(BuiltinCatalogue.defaults());
        context = EvaluationContext.defaults();
        parsed = new ArrayList<>();
        for (String document : yaml) {
            List<Resource> fast = reader.readString("corpus.yaml", document).resources();
            List<Resource> slow = snakeYamlPath.readString("corpus.yaml", document).resources();
            if (fast.size() != slow.size() || !fast.get(0).object().equals(slow.get(0).object())) {
                throw new IllegalStateException("the fast path and SnakeYAML read a corpus document differently");
            }
            parsed.addAll(fast);
        }
        long yamlBytes = 0;
        long jsonBytes = 0;
        for (int i = 0; i < yaml.size(); i++) {
            yamlBytes += yaml.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            jsonBytes += json.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        System.out.printf("%ncorpus: %d documents, mean %.0f bytes as YAML, %.0f bytes as JSON (fast path %s)%n",
                yaml.size(), yamlBytes / (double) yaml.size(), jsonBytes / (double) yaml.size(),
                reader.fastPath() ? "on" : "off");
    }

    @Benchmark
    public void a_snakeYamlLoad(Blackhole bh) {
        Yaml snake = new Yaml();
        for (String document : yaml) {
            bh.consume(snake.load(document));
        }
    }

    @Benchmark
    public void b_jacksonYamlTree(Blackhole bh) throws IOException {
        for (String document : yaml) {
            bh.consume(yamlMapper.readTree(document));
        }
    }

    @Benchmark
    public void c_jacksonJsonTree(Blackhole bh) throws IOException {
        for (String document : json) {
            JsonNode tree = jsonMapper.readTree(document);
            bh.consume(tree);
        }
    }

    @Benchmark
    public void d_readAndEvaluateYaml(Blackhole bh) {
        readAndEvaluate(reader, bh);
    }

    private void readAndEvaluate(ManifestReader with, Blackhole bh) {
        for (String document : yaml) {
            for (Resource resource : with.readString("corpus.yaml", document).resources()) {
                Result result = defaults.evaluate(resource, context);
                for (Finding finding : result.violations()) {
                    bh.consume(finding.location().line());
                }
                bh.consume(result);
            }
        }
    }

    /** Palisade's reader alone (no evaluation, no positions): separates reading from (d). */
    @Benchmark
    public void f_palisadeReadOnly(Blackhole bh) {
        for (String document : yaml) {
            bh.consume(reader.readString("corpus.yaml", document).resources());
        }
    }

    /** (d) with the fast path off: every document read by SnakeYAML. */
    @Benchmark
    public void g_readAndEvaluateYamlSnakeYamlPath(Blackhole bh) {
        readAndEvaluate(snakeYamlPath, bh);
    }

    /** (f) with the fast path off. */
    @Benchmark
    public void h_palisadeReadOnlySnakeYamlPath(Blackhole bh) {
        for (String document : yaml) {
            bh.consume(snakeYamlPath.readString("corpus.yaml", document).resources());
        }
    }

    @Benchmark
    public void e_evaluateOnly(Blackhole bh) {
        for (Resource resource : parsed) {
            bh.consume(defaults.evaluate(resource, context));
        }
    }
}
