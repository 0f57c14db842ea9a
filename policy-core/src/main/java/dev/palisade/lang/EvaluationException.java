package dev.palisade.lang;

import dev.palisade.core.PalisadeException;

/**
 * An expression that failed at run time (no such key, overflow, no matching overload, ...). The
 * message names line:column within the expression and shows a caret excerpt.
 */
public class EvaluationException extends PalisadeException {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final int line;
    private final int column;
    private final int offset;

    public EvaluationException(String reason, String source, int offset) {
        super(ExpressionPositions.describe(reason, source, offset));
        this.reason = reason;
        this.offset = offset;
        this.line = ExpressionPositions.line(source, offset);
        this.column = ExpressionPositions.column(source, offset);
    }

    /** The problem without position and excerpt. */
    public String reason() {
        return reason;
    }

    /** One-based line within the expression. */
    public int line() {
        return line;
    }

    /** One-based column within the line. */
    public int column() {
        return column;
    }

    /** Zero-based character offset within the expression. */
    public int offset() {
        return offset;
    }
}
