package dev.palisade.kyverno.jmespath;

/**
 * Kyverno's dialect: a field lookup on an object that lacks the key fails instead of giving
 * {@code null}, when the failure reaches the top of the expression (through sub-expressions, index
 * expressions and the right side of {@code &&}); comparisons, function arguments, projections,
 * pipes, {@code ||} and multi-selects read such a field as {@code null}. Kyverno reports an
 * unresolved variable from this error.
 */
public final class JmesPathNotFoundException extends JmesPathException {
    private static final long serialVersionUID = 1L;
    /**
     * The key that was missing.
     */
    private final String key;

    /**
     * @param key the missing key
     * @param expression the expression text
     */
    public JmesPathNotFoundException(String key, String expression) {
        super("Unknown key \"" + key + "\" in path", expression, 0);
        this.key = key;
    }

    /** {@return the key that was not found} */
    public String key() {
        return key;
    }
}
