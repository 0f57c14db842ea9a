package dev.palisade.lang;

/**
 * An expression that cannot be compiled: a syntax error, an undeclared name or function, nesting
 * beyond the parser's limit. The message names line:column and shows a caret excerpt of the
 * expression; {@link #line()}, {@link #column()} and {@link #offset()} let a policy loader map the
 * position into the file the expression came from.
 */
public class CompileException extends ExpressionException {
    private static final long serialVersionUID = 1L;

    /**
     * An error found while compiling an expression.
     *
     * @param reason the problem, without position
     * @param source the expression's text
     * @param offset zero-based character offset of the problem within {@code source}
     */
    public CompileException(String reason, String source, int offset) {
        super(reason, source, offset);
    }
}
