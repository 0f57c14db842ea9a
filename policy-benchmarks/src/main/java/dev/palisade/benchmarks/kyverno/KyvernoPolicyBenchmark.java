package dev.palisade.benchmarks.kyverno;

import dev.palisade.benchmarks.lang.Deployments;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.policy.PolicyLoader;
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
 * Kyverno policies judging a Deployment through a {@link PolicySet}, beside the same checks written
 * as Palisade CEL policies ({@code palisade.dev/v1 Policy}):
 *
 * <ul>
 *   <li>{@code kyvernoPattern} / {@code celPattern}: no container image tagged {@code latest} (a
 *       Kyverno {@code validate.pattern} rule on Pods, applied to the Deployment by autogen);</li>
 *   <li>{@code kyvernoDeny} / {@code celDeny}: no privileged container (a Kyverno {@code deny}
 *       rule with a JMESPath filter in a {@code {{ }}} variable).</li>
 *   <li>{@code kyvernoValidatingPolicy}: the latest-tag check as a Kyverno {@code ValidatingPolicy}
 *       ({@code policies.kyverno.io}) on Pods, applied to the Deployment by its autogen variant,
 *       beside {@code celPattern} (the same expression as a Palisade policy).</li>
 * </ul>
 *
 * <p>Run: {@code java -jar policy-benchmarks/target/benchmarks.jar kyverno.KyvernoPolicyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class KyvernoPolicyBenchmark {
    static final String KYVERNO_PATTERN = """
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: disallow-latest-tag
            spec:
              validationFailureAction: Enforce
              rules:
              - name: validate-image-tag
                match:
                  any:
                  - resources:
                      kinds: [Pod]
                validate:
                  message: "Using a mutable image tag e.g. 'latest' is not allowed."
                  pattern:
                    spec:
                      containers:
                      - image: "!*:latest"
            """;
    static final String KYVERNO_DENY = """
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: disallow-privileged
            spec:
              validationFailureAction: Enforce
              rules:
              - name: privileged-containers
                match:
                  any:
                  - resources:
                      kinds: [Deployment]
                validate:
                  message: "Privileged mode is not allowed."
                  deny:
                    conditions:
                      any:
                      - key: "{{ request.object.spec.template.spec.containers[?securityContext.privileged == `true`].name | length(@) }}"
                        operator: GreaterThan
                        value: 0
            """;
    static final String CEL_PATTERN = """
            apiVersion: palisade.dev/v1
            kind: Policy
            metadata:
              name: disallow-latest-tag
            spec:
              match:
                kinds:
                - apiGroups: [apps]
                  kinds: [Deployment]
              validations:
              - expression: "object.spec.template.spec.containers.all(c, !c.image.endsWith(':latest'))"
                message: "Using a mutable image tag e.g. 'latest' is not allowed."
            """;
    static final String CEL_DENY = """
            apiVersion: palisade.dev/v1
            kind: Policy
            metadata:
              name: disallow-privileged
            spec:
              match:
                kinds:
                - apiGroups: [apps]
                  kinds: [Deployment]
              validations:
              - expression: >-
                  object.spec.template.spec.containers.all(c,
                  !(has(c.securityContext) && has(c.securityContext.privileged) && c.securityContext.privileged))
                message: "Privileged mode is not allowed."
            """;

    static final String KYVERNO_VALIDATING_POLICY = """
            apiVersion: policies.kyverno.io/v1
            kind: ValidatingPolicy
            metadata:
              name: disallow-latest-tag
            spec:
              validationActions: [Deny]
              matchConstraints:
                resourceRules:
                - apiGroups: [""]
                  apiVersions: [v1]
                  operations: [CREATE, UPDATE]
                  resources: [pods]
              validations:
              - expression: "object.spec.containers.all(c, !c.image.endsWith(':latest'))"
                message: "Using a mutable image tag e.g. 'latest' is not allowed."
            """;

    @Param
    public Deployments.Size size;

    private Resource deployment;
    private EvaluationContext context;
    private PolicySet kyvernoPattern;
    private PolicySet kyvernoDeny;
    private PolicySet celPattern;
    private PolicySet celDeny;
    private PolicySet kyvernoValidatingPolicy;

    @Setup
    public void setUp() {
        ManifestReader reader = ManifestReader.create();
        deployment = Resource.of(Deployments.of(size));
        context = EvaluationContext.defaults();
        kyvernoPattern = set(reader, KYVERNO_PATTERN);
        kyvernoDeny = set(reader, KYVERNO_DENY);
        celPattern = set(reader, CEL_PATTERN);
        celDeny = set(reader, CEL_DENY);
        kyvernoValidatingPolicy = set(reader, KYVERNO_VALIDATING_POLICY);
        agree(kyvernoPattern, celPattern);
        agree(kyvernoValidatingPolicy, celPattern);
        agree(kyvernoDeny, celDeny);
    }

    private static PolicySet set(ManifestReader reader, String text) {
        PolicyLoader loader = PolicyLoader.builder().reader(reader).discover().build();
        LoadedPolicies loaded = loader.compile(reader.readString("policy.yaml", text).resources());
        if (!loaded.errors().isEmpty() || loaded.policies().size() != 1) {
            throw new IllegalStateException("policy did not load: " + loaded.errors());
        }
        return PolicySet.of(loaded.policies());
    }

    private void agree(PolicySet a, PolicySet b) {
        Result ra = a.evaluate(deployment, context);
        Result rb = b.evaluate(deployment, context);
        if (ra.violations().size() != rb.violations().size() || !ra.errors().isEmpty() || !rb.errors().isEmpty()) {
            throw new IllegalStateException("peers disagree: " + ra.violations() + ra.errors() + " vs "
                    + rb.violations() + rb.errors());
        }
    }

    @Benchmark
    public Result kyvernoPattern() {
        return kyvernoPattern.evaluate(deployment, context);
    }

    @Benchmark
    public Result celPattern() {
        return celPattern.evaluate(deployment, context);
    }

    @Benchmark
    public Result kyvernoDeny() {
        return kyvernoDeny.evaluate(deployment, context);
    }

    @Benchmark
    public Result kyvernoValidatingPolicy() {
        return kyvernoValidatingPolicy.evaluate(deployment, context);
    }

    @Benchmark
    public Result celDeny() {
        return celDeny.evaluate(deployment, context);
    }
}
