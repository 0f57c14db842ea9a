package dev.palisade.rego;

/**
 * Limits on one evaluation, so that no module and no input can hang a host: evaluation steps
 * (expressions evaluated and collection elements visited), elements built (comprehension and
 * set/object members, characters of built strings in 16-character units), and nesting of rule and
 * function evaluations. Exceeding any limit ends the evaluation with
 * {@link CostBudgetExceededException}.
 *
 * @param maxSteps evaluation steps allowed
 * @param maxElements elements built allowed
 * @param maxDepth nested rule and function evaluations allowed
 */
public record CostBudget(long maxSteps, long maxElements, int maxDepth) {
    /** 10 million steps, 1 million elements (16 MB of built text), depth 1,000: generous for admission policies, seconds and tens of megabytes at worst. */
    public static final CostBudget DEFAULT = new CostBudget(10_000_000L, 1_000_000L, 1_000);

    /**
     * Validates the limits: each must be positive.
     *
     * @param maxSteps evaluation steps allowed
     * @param maxElements elements built allowed
     * @param maxDepth nested rule and function evaluations allowed
     */
    public CostBudget {
        if (maxSteps < 1 || maxElements < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("cost budget limits must be positive");
        }
    }
}
