package dev.palisade.rules.gatekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Policy;
import dev.palisade.core.policy.PolicyLoadContext;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** K8sNativeValidation templates run through the rule language with Gatekeeper's bindings. */
class GatekeeperCelTest {
    private static final ManifestReader READER = ManifestReader.create();

    private static final String TEMPLATE = """
            apiVersion: templates.gatekeeper.sh/v1
            kind: ConstraintTemplate
            metadata:
              name: k8scelcheck
            spec:
              crd:
                spec:
                  names:
                    kind: K8sCelCheck
                  validation:
                    openAPIV3Schema:
                      type: object
                      properties:
                        forbidden:
                          type: string
              targets:
              - target: admission.k8s.gatekeeper.sh
                code:
                - engine: K8sNativeValidation
                  source:
                    matchConditions:
                    - name: not-system
                      expression: '!has(variables.anyObject.metadata.namespace) || variables.anyObject.metadata.namespace != "kube-system"'
                    variables:
                    - name: name
                      expression: variables.anyObject.metadata.name
                    - name: forbidden
                      expression: 'variables.params == null || !has(variables.params.forbidden) ? "bad" : variables.params.forbidden'
                    validations:
                    - expression: variables.name != variables.forbidden
                      messageExpression: '"name " + variables.name + " is forbidden (" + request.operation + ")"'
                    - expression: 'object == null || has(object.metadata.labels)'
                      message: labels are required
                    - expression: '!(has(request.operation) && request.operation == "DELETE") || oldObject != null'
                - engine: Rego
                  source:
                    rego: package k8scelcheck
            """;

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: %s
              namespace: %s
            """;

    private final List<String> errors = new ArrayList<>();

    private PolicySet load(String constraint) {
        List<Resource> documents = new ArrayList<>(READER.readString("template.yaml", TEMPLATE).resources());
        documents.addAll(READER.readString("constraint.yaml", constraint).resources());
        List<Policy> policies = new GatekeeperFormat().compile(documents, new PolicyLoadContext() {
            @Override
            public List<Resource> allDocuments() {
                return documents;
            }

            @Override
            public void error(SourceLocation location, String message) {
                errors.add(location.display() + ": " + message);
            }
        });
        return PolicySet.of(policies);
    }

    private static Resource pod(String name, String namespace) {
        return READER.readString("pod.yaml", POD.formatted(name, namespace)).resources().get(0);
    }

    private static List<String> messages(Result result) {
        assertEquals(List.of(), result.errors());
        return result.violations().stream().map(Finding::message).toList();
    }

    private static final String NO_PARAMETERS = """
            apiVersion: constraints.gatekeeper.sh/v1beta1
            kind: K8sCelCheck
            metadata:
              name: cel-check
            """;

    @Test
    void celCodeRunsWithGatekeeperVariablesAndMessageFormat() {
        PolicySet set = load(NO_PARAMETERS);
        assertEquals(List.of(), errors);
        assertTrue(set.policies().get(0).metadata().tags().contains("engine:K8sNativeValidation"));
        assertEquals(List.of("[cel-check] name bad is forbidden (CREATE)", "[cel-check] labels are required"),
                messages(set.evaluate(pod("bad", "default"), EvaluationContext.defaults())));
        assertEquals(List.of("[cel-check] labels are required"),
                messages(set.evaluate(pod("good", "default"), EvaluationContext.defaults())));
    }

    @Test
    void falseMatchConditionSkipsTheObject() {
        PolicySet set = load(NO_PARAMETERS);
        assertEquals(List.of(), messages(set.evaluate(pod("bad", "kube-system"), EvaluationContext.defaults())));
    }

    @Test
    void parametersAreVariablesParams() {
        PolicySet set = load(NO_PARAMETERS + """
                spec:
                  parameters:
                    forbidden: evil
                """);
        assertEquals(List.of("[cel-check] name evil is forbidden (CREATE)", "[cel-check] labels are required"),
                messages(set.evaluate(pod("evil", "default"), EvaluationContext.defaults())));
    }

    @Test
    void deleteReviewsTheOldObjectAsAnyObject() {
        PolicySet set = load(NO_PARAMETERS);
        Resource old = pod("bad", "default");
        Resource deleted = old.withRequest(new AdmissionRequest("uid", "DELETE", old.object().path("userInfo"),
                Optional.of(old.object()), false, READER.readDocuments("request.yaml", "operation: DELETE").get(0)
                .content()));
        assertEquals(List.of(), messages(set.evaluate(deleted, EvaluationContext.defaults())),
                "constraints judge CREATE and UPDATE, as Gatekeeper's webhook is registered by default");
        PolicySet judgingDeletes = PolicySet.of(set.policies().stream()
                .map(p -> ((dev.palisade.rules.gatekeeper.internal.ConstraintPolicy) p)
                        .withOperations(dev.palisade.core.Operations.ALL)).toList());
        List<String> found = messages(judgingDeletes.evaluate(deleted, EvaluationContext.defaults()));
        assertEquals(List.of("[cel-check] name bad is forbidden (DELETE)"), found);
    }

    @Test
    void oneCompiledConstraintServesManyThreads() throws Exception {
        PolicySet set = load(NO_PARAMETERS);
        List<Resource> pods = List.of(pod("bad", "default"), pod("good", "default"), pod("bad", "kube-system"));
        List<List<String>> expected = pods.stream()
                .map(p -> messages(set.evaluate(p, EvaluationContext.defaults()))).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        int which = i % pods.size();
                        if (!messages(set.evaluate(pods.get(which), EvaluationContext.defaults()))
                                .equals(expected.get(which))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> run : runs) {
                assertTrue(run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCostLimitStopsEvaluationAndFailsClosed() {
        PolicySet set = load(NO_PARAMETERS);
        Result result = set.evaluate(pod("bad", "default"), EvaluationContext.builder().expressionCostLimit(1).build());
        assertEquals(1, result.errors().size(), result.toString());
        assertTrue(result.errors().get(0).message().startsWith("K8sCelCheck: "), result.errors().get(0).message());
        assertEquals(1, result.violations().size());
        assertTrue(result.violations().get(0).message().contains("failing closed"));
    }

    @Test
    void aCelCompileErrorIsALoadErrorNamingTheExpression() {
        String broken = TEMPLATE.replace("variables.name != variables.forbidden", "variables.name !=");
        List<Resource> documents = new ArrayList<>(READER.readString("template.yaml", broken).resources());
        new GatekeeperFormat().compile(documents, new PolicyLoadContext() {
            @Override
            public List<Resource> allDocuments() {
                return documents;
            }

            @Override
            public void error(SourceLocation location, String message) {
                errors.add(location.display() + ": " + message);
            }
        });
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("template.yaml"), errors.get(0));
        assertTrue(errors.get(0).contains("spec.targets[0].code[0].source.validations[0].expression"), errors.get(0));
    }

    /**
     * K8sNativeValidation runs core's ValidationBlock, as Gatekeeper runs Kubernetes' VAP validator: an
     * erring validation does not stop the others, and a message expression with a line break falls
     * back to the static message.
     */
    @Test
    void validationsFollowTheApiServersRules() {
        String template = TEMPLATE.replace("        validations:\n",
                "        validations:\n"
                + "        - expression: object.spec.missing == 1\n"
                + "        - expression: 'false'\n"
                + "          message: static\n"
                + "          messageExpression: '\"two\\nlines\"'\n");
        assertTrue(template.contains("missing == 1"), template);
        List<Resource> documents = new ArrayList<>(READER.readString("template.yaml", template).resources());
        documents.addAll(READER.readString("constraint.yaml", NO_PARAMETERS).resources());
        List<Policy> policies = new GatekeeperFormat().compile(documents, new PolicyLoadContext() {
            @Override
            public List<Resource> allDocuments() {
                return documents;
            }

            @Override
            public void error(SourceLocation location, String message) {
                errors.add(location.display() + ": " + message);
            }
        });
        assertEquals(List.of(), errors);
        Result result = PolicySet.of(policies).evaluate(pod("bad", "prod"), dev.palisade.core.EvaluationContext.defaults());
        assertEquals(1, result.errors().size(), result.toString());
        assertTrue(result.errors().get(0).message().contains("K8sCelCheck"), result.errors().toString());
        List<String> found = result.violations().stream().map(Finding::message).toList();
        assertTrue(found.contains("[cel-check] static"), found.toString());
        assertTrue(found.contains("[cel-check] name bad is forbidden (CREATE)"), found.toString());
    }
}
