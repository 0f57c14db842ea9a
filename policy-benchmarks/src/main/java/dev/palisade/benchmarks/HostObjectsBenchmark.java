package dev.palisade.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Palisade;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - {name: web, image: registry.example.com/web:1.2, resources: {limits: {cpu: 500m, memory: 128Mi}}}
                    - {name: sidecar, image: registry.example.com/envoy:1.30, resources: {limits: {cpu: 100m, memory: 64Mi}}}
            """;

    private Deployment deployment;
    private Map<String, Object> map;
    private String json;
    private PolicySet policies;

    @Setup
    public void setUp() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        // fabric8's model reads its own JSON, as a client reading from the API server does
        deployment = mapper.readValue(Resource.parse(DEPLOYMENT).object().toString(), Deployment.class);
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
