package dev.palisade.lang;

import dev.palisade.core.PalisadeException;

/**
 * A problem at a position within an expression. The message names line:column and shows a caret
 * excerpt of the expression; {@link #line()}, {@link #column()} and {@link #offset()} let a policy
 * loader map the position into the file the expression came from.
 */
public abstract class ExpressionException extends PalisadeException {
    private static final long serialVersionUID = 1L;
    /**
     * The problem, without position and excerpt.
     */
    private final String reason;
    /**
     * One-based line of the problem within the expression.
     */
    private final int line;
    /**
     * One-based column of the problem within its line.
     */
    private final int column;
    /**
     * Zero-based character offset of the problem within the expression.
     */
    private final int offset;

    /**
     * @param reason the problem, without position
     * @param source the expression's text
     * @param offset zero-based character offset of the problem within {@code source}
     */
    protected ExpressionException(String reason, String source, int offset) {
        super(ExpressionPositions.describe(reason, source, offset));
        this.reason = reason;
        this.offset = offset;
        this.line = ExpressionPositions.line(source, offset);
        this.column = ExpressionPositions.column(source, offset);
    }

    /** {@return the problem without position and excerpt} */
    public String reason() {
        return reason;
    }

    /**
     * One-based line within the expression.
     *
     * @return the line
     */
    public int line() {
        return line;
    }

    /**
     * One-based column (in code points) within the line.
     *
     * @return the column
     */
    public int column() {
        return column;
    }

    /**
     * Zero-based character offset within the expression.
     *
     * @return the offset
     */
    public int offset() {
        return offset;
    }
}
