package dev.palisade.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Palisade;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a host pays to judge its own objects: one Deployment (two containers, resources, a rolling
 * update) as a fabric8 model object, as a {@code Map}, and as JSON text, converted to a resource; and
 * the fabric8 object converted and judged by {@code builtin:default}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HostObjectsBenchmark {
    private Deployment deployment;
    private Map<String, Object> map;
    private String json;
    private PolicySet policies;

    @Setup
    public void setUp() throws Exception {
        deployment = new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace("shop").addToLabels("app", "web").endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewStrategy().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString(1))
                .endRollingUpdate().endStrategy()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("web").withImage("registry.example.com/web:1.2")
                .withNewResources().addToLimits("cpu", new Quantity("500m")).addToLimits("memory", new Quantity("128Mi"))
                .endResources().endContainer()
                .addNewContainer().withName("sidecar").withImage("registry.example.com/envoy:1.30")
                .withNewResources().addToLimits("cpu", new Quantity("100m")).addToLimits("memory", new Quantity("64Mi"))
                .endResources().endContainer()
                .endSpec().endTemplate().endSpec().build();
        ObjectMapper mapper = new ObjectMapper();
        json = mapper.writeValueAsString(deployment);
        map = mapper.readValue(json, new TypeReference<Map<String, Object>>() { });
        policies = PolicySet.of(Palisade.policies("builtin:default"));
    }

    @Benchmark
    public Resource fabric8FromObject() {
        return Resource.fromObject(deployment);
    }

    @Benchmark
    public Resource mapFromMap() {
        return Resource.fromMap(map);
    }

    @Benchmark
    public Resource jsonParse() {
        return Resource.parse(json);
    }

    @Benchmark
    public Object fabric8ConvertedAndJudged() {
        return policies.evaluate(Resource.fromObject(deployment), EvaluationContext.defaults());
    }
}
