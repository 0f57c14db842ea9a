package dev.palisade.kyverno.jmespath;

/**
 * Evaluation failed: a function got an argument of the wrong type or count, or could not compute
 * its result (an invalid regular expression, a malformed time or quantity, …).
 */
public final class JmesPathEvaluationException extends JmesPathException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     * @param expression the expression text
     * @param column 1-based column of the failing node, or 0
     */
    public JmesPathEvaluationException(String message, String expression, int column) {
        super(message, expression, column);
    }
}
