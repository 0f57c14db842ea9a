package dev.palisade.kyverno.jmespath;

import java.util.OptionalInt;

/**
 * A JMESPath expression could not be compiled or evaluated. Subclasses say why: {@link
 * JmesPathSyntaxException} (compile time, with the column), {@link JmesPathNotFoundException} (a
 * key that Kyverno's dialect reports as missing), {@link JmesPathCostException} (the cost budget
 * ran out) and {@link JmesPathEvaluationException} (a function rejected its arguments, a type
 * error). The message always names the expression.
 */
public class JmesPathException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /**
     * The expression's text.
     */
    private final String expression;
    /**
     * The 1-based column of the problem in the expression, or 0 when unknown.
     */
    private final int column;

    /**
     * @param message what went wrong, without the expression
     * @param expression the expression text
     * @param column 1-based column in the expression, or 0 when unknown
     */
    protected JmesPathException(String message, String expression, int column) {
        super(format(message, expression, column));
        this.expression = expression;
        this.column = column;
    }

    private static String format(String message, String expression, int column) {
        StringBuilder out = new StringBuilder(message);
        if (expression != null) {
            out.append(" (in JMESPath expression '").append(abbreviate(expression)).append('\'');
            if (column > 0) {
                out.append(" at column ").append(column);
            }
            out.append(')');
        }
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    /** {@return the expression text, when known} */
    public String expression() {
        return expression == null ? "" : expression;
    }

    /** {@return the 1-based column in the expression where the problem is, when known} */
    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }
}
