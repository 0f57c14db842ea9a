package dev.palisade.benchmarks.kyverno;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.benchmarks.lang.Deployments;
import dev.palisade.kyverno.jmespath.Expression;
import dev.palisade.kyverno.jmespath.JmesPath;
import dev.palisade.kyverno.variables.JsonContext;
import dev.palisade.kyverno.variables.Substitution;
import io.burt.jmespath.jackson.JacksonRuntime;
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
 * A typical Kyverno deny condition on a Deployment, side by side:
 *
 * <ul>
 *   <li>{@code palisade}: Palisade's JMESPath (Kyverno's dialect), compiled once;</li>
 *   <li>{@code jmespathJava}: Burt's jmespath-java on Jackson, compiled once, on the same tree;</li>
 *   <li>{@code palisadeSubstitution}: the condition as Kyverno writes it ({@code key: "{{ ... }}"}),
 *       substituted from a JSON context holding the admission request, as the engine does per rule.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar policy-benchmarks/target/benchmarks.jar kyverno.JmesPathBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class JmesPathBenchmark {
    static final String DENY = "request.object.spec.template.spec.containers[?securityContext.privileged == `true`].name"
            + " | length(@)";

    @Param
    public Deployments.Size size;

    private JsonNode context;
    private Expression palisade;
    private io.burt.jmespath.Expression<JsonNode> jmespathJava;
    private JsonContext jsonContext;
    private JsonNode condition;

    @Setup
    public void setUp() {
        JsonNode deployment = Deployments.of(size);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("request").set("object", deployment);
        context = root;
        JmesPath jp = JmesPath.kyverno();
        palisade = jp.compile(DENY);
        jmespathJava = new JacksonRuntime().compile(DENY);
        jsonContext = JsonContext.create(jp);
        jsonContext.addResource(deployment);
        condition = JsonNodeFactory.instance.objectNode().put("key", "{{ " + DENY + " }}")
                .put("operator", "GreaterThan").put("value", 0);
        JsonNode a = palisade.search(context);
        JsonNode b = jmespathJava.search(context);
        if (a.intValue() != b.intValue()) {
            throw new IllegalStateException("peers disagree: " + a + " vs " + b);
        }
    }

    @Benchmark
    public JsonNode palisade() {
        return palisade.search(context);
    }

    @Benchmark
    public JsonNode jmespathJava() {
        return jmespathJava.search(context);
    }

    @Benchmark
    public JsonNode palisadeSubstitution() {
        return Substitution.substituteAll(condition, jsonContext);
    }
}
