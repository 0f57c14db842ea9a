package dev.palisade.lang.internal;

/** Thrown inside the evaluator when the cost allowance is used up; never absorbed by logic operators. */
final class CostExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CostExceeded() {
        super("cost limit exceeded", null, false, false);
    }
}
