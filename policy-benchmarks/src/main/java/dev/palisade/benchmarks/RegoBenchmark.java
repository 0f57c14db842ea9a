package dev.palisade.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.policy.PolicyLoader;
import dev.palisade.rego.EvaluationOptions;
import dev.palisade.rego.PreparedQuery;
import dev.palisade.rego.Rego;
import dev.palisade.rego.RegoSource;
import dev.palisade.rego.RegoVersion;
import dev.palisade.rules.gatekeeper.GatekeeperEngine;
import dev.palisade.rules.gatekeeper.GatekeeperFormat;
import java.util.List;
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
 * K8sAllowedRepos on one Pod with two violations, evaluations per second: (a) the constraint
 * template's Rego run by policy-rego (the input document built per evaluation as Gatekeeper builds
 * it, the violation set returned as JSON), (b) the same constraint run by policy-rules' native
 * implementation of the kind, (c) the same constraint as a Palisade policy with the template's Rego
 * ({@code --engine rego}: the glue's review, findings with paths, the policy set around it), and
 * (d) the same logic as {@code K8sNativeValidation} CEL code (the Gatekeeper library has no CEL
 * template for this kind; this one is written in the library's style: one validation per container
 * list). For scale: regorus, a Rust Rego interpreter, measured about 63,000
 * evaluations/s of this policy on the project's benchmark machine. Run with
 * {@code java -jar policy-benchmarks/target/benchmarks.jar RegoBenchmark} (the warm-up is long
 * because the evaluator reaches full speed only after several seconds of JIT compilation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3) // the evaluator needs several seconds of JIT compilation on a busy machine
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RegoBenchmark {
    /**
     * The template's Rego: the Gatekeeper library's K8sAllowedRepos logic (every container of the
     * three kinds whose image starts with none of the allowed prefixes is a violation), written here.
     */
    static final String REGO = """
            package k8sallowedrepos

            violation[{"msg": msg}] {
              some i
              c := input.review.object.spec.containers[i]
              not strings.any_prefix_match(c.image, input.parameters.repos)
              msg := sprintf("container <%v> has an invalid image repo <%v>, allowed repos are %v", [c.name, c.image, input.parameters.repos])
            }

            violation[{"msg": msg}] {
              c := input.review.object.spec.initContainers[_]
              not strings.any_prefix_match(c.image, input.parameters.repos)
              msg := sprintf("initContainer <%v> has an invalid image repo <%v>, allowed repos are %v", [c.name, c.image, input.parameters.repos])
            }

            violation[{"msg": msg}] {
              c := input.review.object.spec.ephemeralContainers[_]
              not strings.any_prefix_match(c.image, input.parameters.repos)
              msg := sprintf("ephemeralContainer <%v> has an invalid image repo <%v>, allowed repos are %v", [c.name, c.image, input.parameters.repos])
            }
            """;

    /** The ConstraintTemplate with the given {@code targets:} entry, and the constraint the benchmarks evaluate. */
    private static String templateAndConstraint(String target) {
        return """
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata:
                  name: k8sallowedrepos
                spec:
                  crd:
                    spec:
                      names:
                        kind: K8sAllowedRepos
                      validation:
                        openAPIV3Schema:
                          type: object
                          properties:
                            repos:
                              type: array
                              items:
                                type: string
                  targets:
                %s
                ---
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: K8sAllowedRepos
                metadata:
                  name: repo-is-openpolicyagent
                spec:
                  match:
                    kinds:
                      - apiGroups: [""]
                        kinds: ["Pod"]
                  parameters:
                    repos:
                      - "openpolicyagent/"
                """.formatted(target.stripTrailing());
    }

    static final String TEMPLATE = templateAndConstraint("""
                - target: admission.k8s.gatekeeper.sh
                  rego: |
            %s
            """.formatted(REGO.indent(8).stripTrailing()));

    /** The same constraint with CEL code in the library's style (variables, one validation per list). */
    static final String CEL_TEMPLATE = templateAndConstraint("""
                - target: admission.k8s.gatekeeper.sh
                  code:
                    - engine: K8sNativeValidation
                      source:
                        variables:
                          - name: containers
                            expression: 'has(variables.anyObject.spec.containers) ? variables.anyObject.spec.containers : []'
                          - name: initContainers
                            expression: 'has(variables.anyObject.spec.initContainers) ? variables.anyObject.spec.initContainers : []'
                          - name: badContainers
                            expression: 'variables.containers.filter(c, !variables.params.repos.exists(r, c.image.startsWith(r)))'
                          - name: badInitContainers
                            expression: 'variables.initContainers.filter(c, !variables.params.repos.exists(r, c.image.startsWith(r)))'
                        validations:
                          - expression: 'size(variables.badContainers) == 0'
                            messageExpression: '"container <" + variables.badContainers[0].name + "> has an invalid image repo <" + variables.badContainers[0].image + ">, allowed repos are " + variables.params.repos.join(", ")'
                          - expression: 'size(variables.badInitContainers) == 0'
                            messageExpression: '"initContainer <" + variables.badInitContainers[0].name + "> has an invalid image repo <" + variables.badInitContainers[0].image + ">, allowed repos are " + variables.params.repos.join(", ")'
            """);

    static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: two-bad-images
              namespace: default
            spec:
              initContainers:
                - name: init
                  image: busybox:1.36
              containers:
                - name: opa
                  image: openpolicyagent/opa:0.9.2
                - name: web
                  image: nginx:1.25
            """;

    private PreparedQuery rego;
    private JsonNode pod;
    private JsonNode parameters;
    private PolicySet nativeSet;
    private PolicySet regoSet;
    private PolicySet celSet;
    private Resource podResource;
    private EvaluationContext context;

    @Setup
    public void setUp() {
        ManifestReader reader = ManifestReader.create();
        rego = Rego.compiler().module(RegoSource.of("k8sallowedrepos.rego", REGO, RegoVersion.V0)).compile()
                .prepareRule("data.k8sallowedrepos.violation");
        podResource = reader.readString("pod.yaml", POD).resources().get(0);
        pod = podResource.object();
        parameters = JsonNodeFactory.instance.objectNode().set("repos", JsonNodeFactory.instance.arrayNode().add("openpolicyagent/"));
        LoadedPolicies loaded = PolicyLoader.builder().format(new GatekeeperFormat(GatekeeperFormat.builtinKinds()))
                .build().compile(reader.readString("template.yaml", TEMPLATE).resources());
        if (!loaded.errors().isEmpty() || loaded.policies().size() != 1) {
            throw new IllegalStateException("native K8sAllowedRepos did not load: " + loaded.errors());
        }
        nativeSet = PolicySet.of(loaded.policies());
        regoSet = load(reader, TEMPLATE, GatekeeperEngine.REGO);
        celSet = load(reader, CEL_TEMPLATE, GatekeeperEngine.CEL);
        context = EvaluationContext.defaults();
        int regoViolations = a_rego().size();
        int nativeViolations = b_native().violations().size();
        int regoPolicyViolations = c_regoPolicy().violations().size();
        int celViolations = d_cel().violations().size();
        if (regoViolations != 2 || nativeViolations != 2 || regoPolicyViolations != 2 || celViolations != 2) {
            throw new IllegalStateException("expected two violations, got rego " + regoViolations + ", native "
                    + nativeViolations + ", rego policy " + regoPolicyViolations + ", cel " + celViolations);
        }
    }

    private static PolicySet load(ManifestReader reader, String documents, GatekeeperEngine engine) {
        LoadedPolicies loaded = PolicyLoader.builder().format(GatekeeperFormat.withEngine(engine)).build()
                .compile(reader.readString("template.yaml", documents).resources());
        if (!loaded.errors().isEmpty() || loaded.policies().size() != 1) {
            throw new IllegalStateException(engine + " K8sAllowedRepos did not load: " + loaded.errors());
        }
        return PolicySet.of(loaded.policies());
    }

    private ObjectNode input() {
        ObjectNode review = JsonNodeFactory.instance.objectNode();
        review.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
        review.put("name", "two-bad-images").put("namespace", "default").put("operation", "CREATE");
        review.set("object", pod);
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.set("review", review);
        input.set("parameters", parameters);
        return input;
    }

    @Benchmark
    public JsonNode a_rego() {
        return rego.value(EvaluationOptions.builder().input(input()).build()).orElseThrow();
    }

    @Benchmark
    public Result b_native() {
        return nativeSet.evaluate(podResource, context);
    }

    @Benchmark
    public Result c_regoPolicy() {
        return regoSet.evaluate(podResource, context);
    }

    @Benchmark
    public Result d_cel() {
        return celSet.evaluate(podResource, context);
    }

    /** Checks the two peers once and prints their violations (a smoke run without JMH). */
    public static void main(String[] args) {
        RegoBenchmark b = new RegoBenchmark();
        b.setUp();
        System.out.println(b.a_rego());
        System.out.println(List.copyOf(b.b_native().violations()));
        System.out.println(List.copyOf(b.c_regoPolicy().violations()));
        System.out.println(List.copyOf(b.d_cel().violations()));
    }
}
