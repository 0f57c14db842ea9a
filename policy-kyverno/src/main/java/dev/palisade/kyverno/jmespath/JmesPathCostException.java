package dev.palisade.kyverno.jmespath;

/**
 * The evaluation exceeded its {@link CostLimits}: too many steps (for example a projection over a
 * huge array, or sorting one) or too large an output (for example {@code join} or
 * {@code replace_all} building huge strings). Never read as a result: fail closed.
 */
public final class JmesPathCostException extends JmesPathException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which limit was exceeded and by how much
     * @param expression the expression text
     */
    public JmesPathCostException(String message, String expression) {
        super(message, expression, 0);
    }
}
