package dev.palisade.sigstore.policy;

import dev.palisade.core.PalisadeException;
import dev.palisade.lang.Bindings;
import dev.palisade.lang.CompileException;
import dev.palisade.lang.CostMeter;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.Expressions;
import dev.palisade.lang.Program;
import java.util.Objects;
import java.util.Optional;

/**
 * A condition on a verified attestation, in Palisade's rule language (CEL): an expression that must
 * evaluate to {@code true}, and the message reported when it does not. Its variables:
 * {@code predicate} (the statement's predicate), {@code statement} (the whole in-toto statement),
 * {@code predicateType}, {@code authorities} (names of the authorities that signed it) and {@code now}
 * (a timestamp). For example
 * {@code timestamp(predicate.metadata.scanFinishedOn) > now - duration('168h')}.
 * Compiled once; immutable and thread-safe. Each evaluation is bounded by the Kubernetes cost limit.
 */
public final class AttestationCondition {
    /** The variables a condition may read. */
    public static final Declarations DECLARATIONS = Declarations.of("predicate", "statement", "predicateType",
            "authorities", "now");

    private final String expression;
    private final String message;
    private final Program program;

    private AttestationCondition(String expression, String message, Program program) {
        this.expression = expression;
        this.message = message;
        this.program = program;
    }

    /**
     * Compiles a condition.
     *
     * @param expression a rule-language expression over the attestation's {@code predicate}
     * @return the compiled condition
     * @param message what a failing evaluation reports; when empty, the expression is quoted instead
     * @throws PalisadeException with the line and column when the expression does not compile
     */
    public static AttestationCondition compile(String expression, String message) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(message, "message");
        try {
            return new AttestationCondition(expression, message, Expressions.compile(expression, DECLARATIONS));
        } catch (CompileException e) {
            throw new PalisadeException("attestation condition '" + expression + "' does not compile: " + e.getMessage(), e);
        }
    }

    /** {@return the expression as written} */
    public String expression() {
        return expression;
    }

    /** {@return the message reported when the condition fails} */
    public String message() {
        return message;
    }

    /**
     * Evaluates the condition; empty when it holds, else why not (its message, or the evaluation error —
     * an expression that cannot be evaluated does not hold).
     *
     * @param bindings the statement's variables
     * @return empty when the condition holds, else why not
     */
    public Optional<String> failure(Bindings bindings) {
        Object value;
        try {
            value = program.evaluate(bindings, CostMeter.kubernetes());
        } catch (RuntimeException e) {
            return Optional.of("condition '" + expression + "' could not be evaluated: " + e.getMessage());
        }
        if (Boolean.TRUE.equals(value)) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean)) {
            return Optional.of("condition '" + expression + "' gave " + value + ", not a boolean");
        }
        return Optional.of(message.isEmpty() ? "condition '" + expression + "' is false" : message);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttestationCondition that && expression.equals(that.expression) && message.equals(that.message);
    }

    @Override
    public int hashCode() {
        return expression.hashCode() * 31 + message.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}
