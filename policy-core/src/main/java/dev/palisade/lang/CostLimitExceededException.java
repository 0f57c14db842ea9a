package dev.palisade.lang;

/**
 * An evaluation stopped because it used more than its cost allowance: the per-call limit of one
 * expression or the budget shared by all expressions of one policy evaluation (see
 * {@link CostMeter}).
 */
public class CostLimitExceededException extends EvaluationException {
    private static final long serialVersionUID = 1L;
    /**
     * The limit that was exceeded.
     */
    private final long limit;

    /**
     * An evaluation stopped because its cost passed the limit.
     *
     * @param reason the problem, without position
     * @param source the expression's text
     * @param offset zero-based character offset of the call that passed the limit
     * @param limit the limit that was exceeded
     */
    public CostLimitExceededException(String reason, String source, int offset, long limit) {
        super(reason, source, offset);
        this.limit = limit;
    }

    /** {@return the limit that was exceeded} */
    public long limit() {
        return limit;
    }
}
