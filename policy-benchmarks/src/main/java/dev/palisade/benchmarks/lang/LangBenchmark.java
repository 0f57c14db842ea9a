package dev.palisade.benchmarks.lang;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.lang.Bindings;
import dev.palisade.lang.CostMeter;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.Expressions;
import dev.palisade.lang.Program;
import java.util.Map;
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

/**
 * Issue 3's rule-language figures: the ten {@link RuleExpression}s on a Deployment with 1, 5 and
 * 40 containers ({@link Deployments}), evaluated side by side (ops/s = evaluations/s) by
 *
 * <ol>
 *   <li>{@link #palisade()}: a Palisade {@link Program} compiled once, {@code object} bound to the
 *       Jackson tree in place (no copy), with a fresh Kubernetes {@link CostMeter} per evaluation
 *       as an admission host charges one;</li>
 *   <li>{@link #celJavaConvertingEachTime()}: cel-java 0.14.0 ({@code dev.cel:cel}), compiled once
 *       with {@code CelFactory.standardCelBuilder()}; cel-java cannot read Jackson trees, so a Java
 *       host holding the manifest as JSON converts it to {@code Map}/{@code List} values on every
 *       evaluation ({@link JacksonToJava}) and that conversion is part of the measured cost;</li>
 *   <li>{@link #celJavaPreconverted()}: the same cel-java program on a map converted once in
 *       setup, cel-java's best case (a host that already holds plain Java values);</li>
 *   <li>{@link #handWrittenJava()}: the same checks coded by hand over the {@code JsonNode}
 *       ({@link HandWrittenRules}).</li>
 * </ol>
 *
 * <p>Differences in what is compared: cel-java has no Kubernetes quantity library, so
 * {@link RuleExpression#RESOURCE_LIMITS} runs a string allow-list there instead of
 * {@code quantity()} comparisons; cel-java does no cost metering. cel-java runs with its strings
 * extension and optional values ({@code CelExtensions.optional()}) enabled.
 * {@code ImplementationsAgreeTest} checks that all implementations return the same verdict on every
 * expression and manifest.
 *
 * <p>Goals (issue 3): Palisade at least 3x the throughput of cel-java, and within 2x of the
 * hand-written Java. {@link LangRatios} turns the JSON result into the ratio table.
 *
 * <p>The default run covers 10 expressions x 3 manifests x 4 implementations = 120 forks of about
 * 15 s each (the warm-up is long because both interpreters need several seconds of JIT compilation
 * before their throughput settles); narrow it with {@code -p expression=STRINGS,CAPABILITIES} and
 * {@code -p size=LARGE}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class LangBenchmark {
    /** Which of the ten expressions. */
    @Param
    public RuleExpression expression;

    /** Which Deployment: 1, 5 or 40 containers. */
    @Param
    public Deployments.Size size;

    private JsonNode manifest;
    private Bindings palisadeBindings;
    private Program palisadeProgram;
    private CelJavaPeer celJavaProgram;
    private Map<String, Object> preconverted;

    /** Compiles the expression for each engine and builds the manifest. */
    @Setup
    public void setUp() {
        manifest = Deployments.of(size);
        palisadeBindings = Bindings.of(Map.of("object", manifest));
        palisadeProgram = Expressions.compile(expression.palisadeSource(), Declarations.of("object"));
        celJavaProgram = CelJavaPeer.compile(expression);
        preconverted = Map.of("object", JacksonToJava.convert(manifest));
    }

    @Benchmark
    public Object palisade() {
        return palisadeProgram.evaluate(palisadeBindings, CostMeter.kubernetes());
    }

    @Benchmark
    public Object celJavaConvertingEachTime() {
        return celJavaProgram.evaluate(Map.of("object", JacksonToJava.convert(manifest)));
    }

    @Benchmark
    public Object celJavaPreconverted() {
        return celJavaProgram.evaluate(preconverted);
    }

    @Benchmark
    public boolean handWrittenJava() {
        return expression.evaluateHandWritten(manifest);
    }
}
