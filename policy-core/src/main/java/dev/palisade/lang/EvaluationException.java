package dev.palisade.lang;

/**
 * An expression that failed at run time (no such key, overflow, no matching overload, ...). The
 * message names line:column within the expression and shows a caret excerpt.
 */
public class EvaluationException extends ExpressionException {
    private static final long serialVersionUID = 1L;

    /**
     * An error raised while evaluating an expression.
     *
     * @param reason the problem, without position
     * @param source the expression's text
     * @param offset zero-based character offset of the problem within {@code source}
     */
    public EvaluationException(String reason, String source, int offset) {
        super(reason, source, offset);
    }
}
