package dev.palisade.lang;

/**
 * Counts the cost of evaluations and stops them at a limit. One meter serves one policy evaluation
 * (for example all the expressions of one admission policy on one resource): each
 * {@link Program#evaluate(Bindings, CostMeter)} call may use at most {@link #perCallLimit()}, and all
 * calls together at most {@link #budget()}. Cost follows the Kubernetes model: one unit per
 * operation, comprehension iterations, and size-dependent costs for string, list and regex
 * functions. A meter is mutable and used by one thread at a time; the programs it meters are not.
 */
public final class CostMeter {
    /** Kubernetes' limit for one expression evaluation. */
    public static final long KUBERNETES_PER_CALL_LIMIT = 1_000_000L;
    /** Kubernetes' budget for one policy evaluation across its expressions. */
    public static final long KUBERNETES_BUDGET = 10_000_000L;

    private final long perCallLimit;
    private final long budget;
    private long usedTotal;
    private long callStart;

    private CostMeter(long perCallLimit, long budget) {
        if (perCallLimit <= 0 || budget <= 0) {
            throw new IllegalArgumentException("cost limits must be positive");
        }
        this.perCallLimit = perCallLimit;
        this.budget = budget;
    }

    /**
     * {@return a meter with the given per-call limit and overall budget}
     *
     * @param perCallLimit the limit of one expression call
     * @param budget the budget of all calls
     */
    public static CostMeter of(long perCallLimit, long budget) {
        return new CostMeter(perCallLimit, budget);
    }

    /** {@return the Kubernetes figures: 1,000,000 per call, 10,000,000 per policy evaluation} */
    public static CostMeter kubernetes() {
        return new CostMeter(KUBERNETES_PER_CALL_LIMIT, KUBERNETES_BUDGET);
    }

    /**
     * No practical limit (for trusted expressions and tests).
     *
     * @return the meter
     */
    public static CostMeter unlimited() {
        return new CostMeter(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * {@return the limit of one expression call}
     */
    public long perCallLimit() {
        return perCallLimit;
    }

    /**
     * {@return the budget of all the calls this meter counts}
     */
    public long budget() {
        return budget;
    }

    /**
     * Cost used by all calls so far.
     *
     * @return the cost used
     */
    public long used() {
        return usedTotal;
    }

    /**
     * Cost used by the current (or last) call.
     *
     * @return the cost used
     */
    public long usedByLastCall() {
        return usedTotal - callStart;
    }

    /** Marks the start of one expression evaluation. */
    public void startCall() {
        callStart = usedTotal;
    }

    /**
     * Adds cost; returns 0 when within limits, 1 when the per-call limit is exceeded and 2 when the
     * budget is exceeded (the evaluator turns that into a {@link CostLimitExceededException}).
     *
     * @param cost the cost to add
     * @return 0, 1 or 2, as above
     */
    public int add(long cost) {
        long total = usedTotal + cost;
        if (total < usedTotal) {
            total = Long.MAX_VALUE;
        }
        usedTotal = total;
        if (total - callStart > perCallLimit) {
            return 1;
        }
        return total > budget ? 2 : 0;
    }
}
