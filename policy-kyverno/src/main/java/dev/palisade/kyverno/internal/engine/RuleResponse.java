package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one rule did to one resource (Kyverno's {@code RuleResponse}).
 *
 * @param name the rule's name (autogen rules carry their generated names)
 * @param type what kind of rule ran
 * @param status pass, fail, warn, error or skip
 * @param message Kyverno's message
 * @param pointer JSON pointer of the offending field ({@code ""} when unknown or the whole object)
 * @param properties the rule's {@code reportProperties}
 * @param exceptions names of the PolicyExceptions that skipped the rule
 * @param patchedTarget a mutated target resource (mutate existing), or null
 * @param generated resources a generate rule produced
 */
public record RuleResponse(String name, Type type, Status status, String message, String pointer,
        Map<String, String> properties, List<String> exceptions, JsonNode patchedTarget, List<JsonNode> generated) {

    /** Rule types, as Kyverno names them. */
    public enum Type {
        VALIDATION("Validation"), MUTATION("Mutation"), GENERATION("Generation"), IMAGE_VERIFY("ImageVerify");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /** Kyverno's name of the type. */
        public String label() {
            return label;
        }
    }

    /** Rule statuses, as policy reports spell them. */
    public enum Status {
        PASS("pass"), FAIL("fail"), WARN("warn"), ERROR("error"), SKIP("skip");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The report spelling. */
        public String label() {
            return label;
        }
    }

    public RuleResponse {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(pointer, "pointer");
        properties = Map.copyOf(properties);
        exceptions = List.copyOf(exceptions);
        generated = List.copyOf(generated);
    }

    static RuleResponse of(Rule rule, Type type, Status status, String message) {
        return new RuleResponse(rule.name(), type, status, message, "", rule.reportProperties(), List.of(), null,
                List.of());
    }

    static RuleResponse pass(Rule rule, Type type, String message) {
        return of(rule, type, Status.PASS, message);
    }

    static RuleResponse fail(Rule rule, Type type, String message) {
        return of(rule, type, Status.FAIL, message);
    }

    static RuleResponse skip(Rule rule, Type type, String message) {
        return of(rule, type, Status.SKIP, message);
    }

    static RuleResponse error(Rule rule, Type type, String message) {
        return of(rule, type, Status.ERROR, message);
    }

    /** Kyverno's {@code RuleError}: the message and the cause joined as {@code message: cause}. */
    static RuleResponse error(Rule rule, Type type, String message, String cause) {
        return of(rule, type, Status.ERROR, cause == null || cause.isEmpty() ? message : message + ": " + cause);
    }

    /** The same response at a field. */
    RuleResponse at(String jsonPointer) {
        return new RuleResponse(name, type, status, message, jsonPointer, properties, exceptions, patchedTarget,
                generated);
    }

    /** The same response with another message. */
    RuleResponse withMessage(String text) {
        return new RuleResponse(name, type, status, text, pointer, properties, exceptions, patchedTarget, generated);
    }

    /** The same response with the exceptions that caused it. */
    RuleResponse withExceptions(List<String> names) {
        return new RuleResponse(name, type, status, message, pointer, properties, names, patchedTarget, generated);
    }

    /** The same response with a patched target. */
    RuleResponse withPatchedTarget(JsonNode target) {
        return new RuleResponse(name, type, status, message, pointer, properties, exceptions, target, generated);
    }

    /** The same response with generated resources. */
    RuleResponse withGenerated(List<JsonNode> resources) {
        return new RuleResponse(name, type, status, message, pointer, properties, exceptions, patchedTarget, resources);
    }
}
