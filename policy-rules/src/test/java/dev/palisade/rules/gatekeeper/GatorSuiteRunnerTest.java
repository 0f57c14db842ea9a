package dev.palisade.rules.gatekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite runner's reading of suites, assertions, AdmissionReviews, inventories and its output. */
class GatorSuiteRunnerTest {

    /** Reports each of {@code parameters.messages}, and one message per inventory object. */
    private static final ConstraintKind ECHO = new ConstraintKind() {
        @Override
        public String kind() {
            return "K8sEcho";
        }

        @Override
        public void evaluate(ConstraintInput input, FindingSink sink) {
            for (JsonNode message : input.parameters().path("messages")) {
                sink.report(message.asText(), "");
            }
            input.inventory().all().forEach(r -> sink.report("inventory has " + r.id().display(), ""));
            input.request().ifPresent(r -> sink.report("operation " + r.operation() + " by " + r.username(), ""));
        }
    };

    @TempDir
    Path dir;

    private GatorSuiteRunner runner;

    @BeforeEach
    void setUp() throws IOException {
        runner = GatorSuiteRunner.create(new GatekeeperFormat(Map.of("K8sEcho", ECHO)), EvaluationContext.defaults());
        write("template.yaml", """
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata:
                  name: k8secho
                spec:
                  crd:
                    spec:
                      names:
                        kind: K8sEcho
                      validation:
                        openAPIV3Schema:
                          type: object
                          properties:
                            messages:
                              type: array
                              items:
                                type: string
                  targets:
                  - target: admission.k8s.gatekeeper.sh
                """);
        write("constraint.yaml", """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: K8sEcho
                metadata:
                  name: echo
                spec:
                  match:
                    kinds:
                    - apiGroups: [""]
                      kinds: ["Pod"]
                  parameters:
                    messages: ["same", "same", "other Same"]
                """);
        write("pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  namespace: default
                """);
        write("service.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: s
                  namespace: default
                """);
        write("review.yaml", """
                apiVersion: admission.k8s.io/v1
                kind: AdmissionReview
                request:
                  operation: UPDATE
                  userInfo:
                    username: bob
                  object:
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: p
                      namespace: default
                  oldObject:
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: p
                      namespace: default
                """);
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private void suite(String cases) throws IOException {
        write("suite.yaml", """
                kind: Suite
                apiVersion: test.gatekeeper.sh/v1alpha1
                metadata:
                  name: echo
                tests:
                - name: echo-test
                  template: template.yaml
                  constraint: constraint.yaml
                  cases:
                """ + cases.indent(2));
    }

    private String verify(int expectedExit) {
        StringWriter out = new StringWriter();
        int exit = runner.verify(List.of(dir), new PrintWriter(out));
        assertEquals(expectedExit, exit, out.toString());
        return out.toString();
    }

    @Test
    void identicalMessagesCountOnceAndRegexesAreCaseSensitiveAndUnanchored() throws IOException {
        suite("""
                - name: dedup
                  object: pod.yaml
                  assertions:
                  - violations: 2
                  - message: ame
                    violations: 2
                  - message: same
                    violations: 1
                  - message: Same
                    violations: 1
                  - message: "^same$"
                    violations: 1
                """);
        assertTrue(verify(0).endsWith("5 passed, 0 failed" + System.lineSeparator()));
    }

    @Test
    void failingAssertionsNameFileTestCaseAndWhatWasFound() throws IOException {
        suite("""
                - name: wrong-count
                  object: pod.yaml
                  assertions:
                  - violations: no
                  - violations: 2
                """);
        String out = verify(1);
        assertTrue(out.contains(dir.resolve("suite.yaml") + ": test \"echo-test\", case \"wrong-count\", assertion 1:"
                + " expected violations: no, found 2 violations"), out);
        assertTrue(out.contains("[same, other Same]"), out);
        assertTrue(out.endsWith("1 passed, 1 failed" + System.lineSeparator()), out);
    }

    @Test
    void otherSpellingsOfYesAndNoAreRejected() throws IOException {
        suite("""
                - name: spellings
                  object: pod.yaml
                  assertions:
                  - violations: "y"
                  - violations: maybe
                  - violations: -1
                  - violations: "yes"
                  - violations: True
                  - violations: on
                  - {violations: n, message: same}
                  - violations: yes   # a comment
                  - {message: same, violations: no}
                """);
        GatorReport report = runner.run(List.of(dir));
        List<AssertionResult> results = report.suites().get(0).assertions();
        assertEquals(List.of(false, false, false, true, true, false, false, true, false),
                results.stream().map(AssertionResult::passed).toList());
        assertTrue(results.get(0).found().contains("violations must be yes, no or a non-negative integer, not 'y'"));
        assertTrue(results.get(5).found().contains("not 'on' (a YAML 1.1 boolean that gator reads as a string)"),
                results.get(5).found());
        assertTrue(results.get(6).found().contains("not 'n'"), results.get(6).found());
        assertTrue(results.get(8).found().startsWith("1 violation matching"), results.get(8).found());
    }

    @Test
    void inventoryHoldsTheCaseInventoryAndNothingElse() throws IOException {
        suite("""
                - name: with-inventory
                  object: pod.yaml
                  inventory: [service.yaml]
                  assertions:
                  - message: "inventory has Service default/s"
                    violations: 1
                  - message: "inventory has Pod"
                    violations: 0
                - name: without-inventory
                  object: pod.yaml
                  assertions:
                  - message: inventory
                    violations: 0
                """);
        assertTrue(verify(0).endsWith("3 passed, 0 failed" + System.lineSeparator()));
    }

    @Test
    void admissionReviewCarriesOperationAndUser() throws IOException {
        suite("""
                - name: update-by-bob
                  object: review.yaml
                  assertions:
                  - message: "operation UPDATE by bob"
                    violations: 1
                """);
        verify(0);
    }

    @Test
    void casesWithoutAssertionsOrObjectsFail() throws IOException {
        suite("""
                - name: no-assertions
                  object: pod.yaml
                  assertions: []
                - name: no-object
                  assertions:
                  - violations: no
                - name: missing-file
                  object: nowhere.yaml
                  assertions:
                  - violations: no
                """);
        String out = verify(1);
        assertTrue(out.contains("assertions must be non-empty"), out);
        assertTrue(out.contains("'object' is missing"), out);
        assertTrue(out.contains("nowhere.yaml"), out);
        assertTrue(out.endsWith("0 passed, 3 failed" + System.lineSeparator()), out);
    }

    @Test
    void aTemplateThatCannotLoadFailsEveryAssertionOfItsTest() throws IOException {
        write("template.yaml", Files.readString(dir.resolve("template.yaml")).replace("name: k8secho", "name: echo"));
        suite("""
                - name: a
                  object: pod.yaml
                  assertions:
                  - violations: no
                  - violations: yes
                """);
        String out = verify(1);
        assertTrue(out.contains("must be the lower-case constraint kind 'k8secho'"), out);
        assertTrue(out.endsWith("0 passed, 2 failed" + System.lineSeparator()), out);
    }

    @Test
    void evaluationErrorsFailTheCaseUnlessTheCelTemplateIgnoresThem() throws IOException {
        String template = """
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata:
                  name: k8sbroken
                spec:
                  crd:
                    spec:
                      names:
                        kind: K8sBroken
                  targets:
                  - target: admission.k8s.gatekeeper.sh
                    code:
                    - engine: K8sNativeValidation
                      source:
                        failurePolicy: %s
                        validations:
                        - expression: object.spec.missing == 1
                          message: never reached
                """;
        write("constraint.yaml", """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: K8sBroken
                metadata:
                  name: broken
                """);
        suite("""
                - name: error
                  object: pod.yaml
                  assertions:
                  - violations: no
                """);
        write("template.yaml", template.formatted("Fail"));
        assertTrue(verify(1).contains("evaluation failed"));
        write("template.yaml", template.formatted("Ignore"));
        verify(0);
    }

    @Test
    void aPathWithoutSuitesIsAFailure() {
        StringWriter out = new StringWriter();
        assertEquals(1, runner.verify(List.of(dir.resolve("absent")), new PrintWriter(out)));
        assertTrue(out.toString().contains("no such file or directory"), out.toString());
    }
}
