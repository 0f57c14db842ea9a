package dev.palisade.rego;

import java.util.List;

/**
 * Evaluation stopped with an error: a conflict (a complete rule or function with two values,
 * duplicate object keys), a builtin error in strict mode, or the cost budget. A query that errs has
 * no result: callers must not read it as "allowed".
 */
public class RegoEvaluationException extends RegoException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for one error.
     *
     * @param error the error, with its location
     */
    public RegoEvaluationException(RegoError error) {
        super(List.of(error));
    }

    /**
     * An exception for one error with the exception that caused it (a failing lazy data supplier, say).
     *
     * @param error the error, with its location
     * @param cause what made the evaluation fail
     */
    public RegoEvaluationException(RegoError error, Throwable cause) {
        super(List.of(error), cause);
    }
}
