package dev.palisade.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.FindingSink;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.lang.CostMeter;
import dev.palisade.lang.Declarations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * The exported ValidatingAdmissionPolicy block: the semantics every format shares (Palisade
 * policies, ValidatingAdmissionPolicies, Gatekeeper's K8sNativeValidation).
 */
class ValidationBlockTest {
    private static final ManifestReader READER = ManifestReader.create();

    private static Resource doc(String yaml) {
        return READER.readString("block.yaml", yaml).resources().get(0);
    }

    private static final Resource POD = doc("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: prod}
            spec:
              containers: [{name: a, image: nginx}]
            """);

    /** Collects messages and annotations. */
    private static final class Sink implements FindingSink {
        final List<String> messages = new ArrayList<>();
        final List<String> paths = new ArrayList<>();
        final Map<String, String> annotations = new LinkedHashMap<>();

        @Override
        public void report(String message, String path) {
            messages.add(message);
            paths.add(path);
        }

        @Override
        public void report(String message, String path, EnforcementAction action) {
            report(message, path);
        }

        @Override
        public void annotate(String key, String value) {
            annotations.put(key, value);
        }
    }

    private static ValidationBlock block(String spec) {
        return ValidationBlock.read(doc("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: x}
                spec:
                """ + spec.indent(2)), "/spec", ValidationBlock.Options.admission());
    }

    @Test
    void anErringValidationDoesNotStopTheOthers() {
        ValidationBlock block = block("""
                validations:
                - expression: "object.spec.missing.field == 1"
                - expression: "object.metadata.name == 'q'"
                  message: name must be q
                auditAnnotations:
                - key: name
                  valueExpression: "object.metadata.name"
                """);
        Sink sink = new Sink();
        PalisadeException e = assertThrows(PalisadeException.class, () -> block.evaluate(
                ValidationInput.of(POD, EvaluationContext.defaults(), NullNode.getInstance()), CostMeter.kubernetes(), sink));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertEquals(List.of("name must be q"), sink.messages, "the second validation still ran");
        assertEquals(Map.of("name", "p"), sink.annotations, "audit annotations still ran");
    }

    @Test
    void messageExpressionsFallBackAndAreCapped() {
        ValidationBlock block = block("""
                validations:
                - expression: "false"
                  message: static one
                  messageExpression: "'line\\\\nbreak'"
                - expression: "false"
                  messageExpression: "'x'.repeat(6000)"
                - expression: "false"
                  messageExpression: "string(1/0)"
                  message: after an error
                - expression: "1 == 2"
                """.replace("'x'.repeat(6000)", "'" + "x".repeat(6000) + "'"));
        Sink sink = new Sink();
        block.evaluate(ValidationInput.of(POD, EvaluationContext.defaults(), NullNode.getInstance()),
                CostMeter.kubernetes(), sink);
        assertEquals("static one", sink.messages.get(0), "a message with a line break is not used");
        assertEquals(ValidationBlock.MAX_MESSAGE_CHARS, sink.messages.get(1).length());
        assertEquals("after an error", sink.messages.get(2));
        assertEquals("failed expression: 1 == 2", sink.messages.get(3));
    }

    @Test
    void hostVariablesAreTypedAndReserved() {
        Resource template = doc("""
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata: {name: t}
                spec:
                  source:
                    variables:
                    - name: image
                      expression: "variables.anyObject.spec.containers[0].image"
                    validations:
                    - expression: "variables.image == variables.params.image"
                      messageExpression: "'image ' + variables.image + ' is not ' + variables.params.image"
                """);
        ValidationBlock.Options options = new ValidationBlock.Options(Declarations.admission(), false,
                Set.of("anyObject", "params"));
        ValidationBlock block = ValidationBlock.read(template, "/spec/source", options);
        Sink sink = new Sink();
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("anyObject", POD.object());
        host.put("params", doc("{apiVersion: v1, kind: X, metadata: {name: x}, image: redis}").object());
        block.evaluate(ValidationInput.of(POD, EvaluationContext.defaults(), NullNode.getInstance())
                .withHostVariables(host), CostMeter.kubernetes(), sink);
        assertEquals(List.of("image nginx is not redis"), sink.messages);

        Resource reserving = doc("""
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata: {name: t}
                spec:
                  source:
                    variables:
                    - name: params
                      expression: "1"
                    validations:
                    - expression: "true"
                """);
        PalisadeException e = assertThrows(PalisadeException.class,
                () -> ValidationBlock.read(reserving, "/spec/source", options));
        assertTrue(e.getMessage().startsWith("spec.source.variables[0].name 'params' is reserved"), e.getMessage());
        assertEquals(7, e.location().orElseThrow().line());
    }

    @Test
    void failurePolicyAndFieldErrorsAreRead() {
        assertEquals(FailurePolicy.IGNORE, block("failurePolicy: Ignore\nvalidations: [{expression: 'true'}]\n")
                .failurePolicy());
        PalisadeException e = assertThrows(PalisadeException.class, () -> block("validations: [{expression: 'true',"
                + " forEach: containers}]\n"));
        assertTrue(e.getMessage().startsWith("spec.validations[0].forEach is not a validation field"), e.getMessage());
    }

    @Property(tries = 200)
    void messagesAreNonEmptyOneLineAndBounded(@ForAll @StringLength(max = 6000) String text) {
        ValidationBlock block = block("""
                validations:
                - expression: "false"
                  message: fallback
                  messageExpression: "params.text"
                """);
        Sink sink = new Sink();
        block.evaluate(ValidationInput.of(POD, EvaluationContext.defaults(), doc(
                "{apiVersion: v1, kind: P, metadata: {name: p}}").object()).withParams(
                        java.util.Map.of("text", TextNode.valueOf(text))), CostMeter.kubernetes(), sink);
        String message = sink.messages.get(0);
        assertTrue(!message.isBlank() && message.indexOf('\n') < 0
                && message.length() <= ValidationBlock.MAX_MESSAGE_CHARS, message);
        boolean usable = !text.isBlank() && text.indexOf('\n') < 0;
        assertEquals(usable ? text.substring(0, Math.min(text.length(), ValidationBlock.MAX_MESSAGE_CHARS))
                : "fallback", message);
    }
}
