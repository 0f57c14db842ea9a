package dev.palisade.rego;

/** Evaluation stopped because it spent its {@link CostBudget} (code {@code eval_cost_exceeded}). */
public final class CostBudgetExceededException extends RegoEvaluationException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for the error.
     *
     * @param error the error, naming the budget and where it ran out
     */
    public CostBudgetExceededException(RegoError error) {
        super(error);
    }
}
