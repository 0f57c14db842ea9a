package dev.palisade.kyverno.jmespath;

/**
 * The budget of one evaluation. Every node visited, every element a projection or function walks
 * and every character compared or copied costs steps; every character or element a function
 * creates counts towards the output size. Exceeding either raises {@link JmesPathCostException}.
 *
 * @param maxSteps the step budget of one evaluation (positive)
 * @param maxOutputChars the bound on characters and elements created by one evaluation (positive)
 */
public record CostLimits(long maxSteps, long maxOutputChars) {
    /** 10 million steps and 16 million characters: far above any policy, well below a hang. */
    public static final CostLimits DEFAULT = new CostLimits(10_000_000L, 16L * 1024 * 1024);

    /**
     * Checks that both limits are positive.
     *
     * @param maxSteps the step budget of one evaluation (positive)
     * @param maxOutputChars the bound on characters and elements created by one evaluation (positive)
     */
    public CostLimits {
        if (maxSteps <= 0 || maxOutputChars <= 0) {
            throw new IllegalArgumentException("cost limits must be positive: steps " + maxSteps
                    + ", output " + maxOutputChars);
        }
    }
}
