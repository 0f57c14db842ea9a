package dev.palisade.kyverno.jmespath;

/** An expression is not valid JMESPath (or names an unknown function); carries the column. */
public final class JmesPathSyntaxException extends JmesPathException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and what to do
     * @param expression the expression text
     * @param column 1-based column of the offending token
     */
    public JmesPathSyntaxException(String message, String expression, int column) {
        super(message, expression, column);
    }
}
