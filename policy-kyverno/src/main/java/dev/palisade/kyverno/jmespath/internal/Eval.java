package dev.palisade.kyverno.jmespath.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.kyverno.jmespath.CostLimits;
import dev.palisade.kyverno.jmespath.JmesPathCostException;

/** The state of one evaluation: the cost meter, the runtime services, the last missing key. */
public final class Eval {
    final String expression;
    final Runtime runtime;
    private final long maxSteps;
    private final long maxOutput;
    private long steps;
    private long output;
    String missingKey;

    Eval(String expression, Runtime runtime, CostLimits limits) {
        this.expression = expression;
        this.runtime = runtime;
        this.maxSteps = limits.maxSteps();
        this.maxOutput = limits.maxOutputChars();
    }

    /** One step. */
    void step() {
        if (++steps > maxSteps) {
            throw exceeded();
        }
    }

    /** {@code n} steps at once (work proportional to an input size). */
    public void steps(long n) {
        if (n <= 0) {
            return;
        }
        steps += n;
        if (steps > maxSteps || steps < 0) {
            throw exceeded();
        }
    }

    /** {@code n} characters or elements created. */
    public void output(long n) {
        if (n <= 0) {
            return;
        }
        output += n;
        if (output > maxOutput || output < 0) {
            throw new JmesPathCostException("the expression creates more than " + maxOutput
                    + " characters or elements", expression);
        }
        steps(n / 8);
    }

    /** Charges the size of a value about to be created or copied. */
    public void outputOf(JsonNode v) {
        output(Sizes.size(v, maxOutput + 1));
    }

    private JmesPathCostException exceeded() {
        return new JmesPathCostException("the expression needs more than " + maxSteps
                + " evaluation steps", expression);
    }

    /** Steps used so far. */
    long stepsUsed() {
        return steps;
    }

    /** The runtime services (clock, random source, resolver). */
    public Runtime runtime() {
        return runtime;
    }
}
