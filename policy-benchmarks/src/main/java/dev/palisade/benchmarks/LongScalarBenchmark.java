package dev.palisade.benchmarks;

import dev.palisade.core.ManifestReader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.yaml.snakeyaml.Yaml;

/**
 * One document holding one long scalar, at three lengths: time per document, so linear reading shows
 * as time proportional to the length. Palisade's reader beside SnakeYAML's own {@code load}, whose
 * character window makes a long scalar quadratic (the reader no longer uses that window).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class LongScalarBenchmark {
    @Param({"262144", "1048576", "3000000"})
    public int length;

    @Param({"plain", "quoted"})
    public String style;

    private String document;
    private final ManifestReader reader = ManifestReader.create();

    @Setup
    public void setUp() {
        String quote = style.equals("quoted") ? "\"" : "";
        document = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: long\ndata:\n  a: " + quote
                + "x".repeat(length) + quote + "\n";
    }

    @Benchmark
    public Object palisadeRead() {
        return reader.readString("long.yaml", document).resources();
    }

    @Benchmark
    public Object snakeYamlLoad() {
        return new Yaml().load(document);
    }
}
