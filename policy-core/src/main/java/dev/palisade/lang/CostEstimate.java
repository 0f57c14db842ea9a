package dev.palisade.lang;

/**
 * A static cost estimate: the least and the most an evaluation of an expression can cost, in the
 * units of {@link CostMeter}. {@link Long#MAX_VALUE} stands for a bound too large to count.
 *
 * @param min the cheapest evaluation (short-circuiting operators take their cheapest branch)
 * @param max the most expensive evaluation
 */
public record CostEstimate(long min, long max) {
    /** The Kubernetes API server's per-expression limit on the estimated cost of CRD validation rules and the run-time limit of every expression. */
    public static final long KUBERNETES_PER_EXPRESSION_LIMIT = CostMeter.KUBERNETES_PER_CALL_LIMIT;

    /**
     * Validates the bounds.
     *
     * @param min the cheapest evaluation (short-circuiting operators take their cheapest branch)
     * @param max the most expensive evaluation
     */
    public CostEstimate {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("invalid cost estimate [" + min + ", " + max + "]");
        }
    }

    /**
     * {@return whether the most expensive evaluation stays within {@code limit}}
     *
     * @param limit the cost limit
     */
    public boolean fitsWithin(long limit) {
        return max <= limit;
    }

    /**
     * {@return how far the estimate exceeds a limit, in the words the Kubernetes API server uses:
     * "exceeds budget by factor of 2.5x" ("more than 100x" beyond a hundredfold)}
     *
     * @param limit the cost limit
     */
    public String exceedFactor(long limit) {
        double factor = (double) max / limit;
        if (factor > 100) {
            return "more than 100x";
        }
        return factor < 1.5 ? String.format(java.util.Locale.ROOT, "%fx", factor)
                : String.format(java.util.Locale.ROOT, "%.1fx", factor);
    }
}
