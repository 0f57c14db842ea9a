package dev.palisade.lang;

/**
 * What a call of a host function costs: {@code base} units plus
 * {@code ⌈unitsPerSizeUnit × size(argument)⌉}, where the size of a string is its length, of bytes
 * their count, of a list or map its number of entries, and of anything else 1. The cost is charged
 * from the argument values before the function runs, and the same formula over size ranges feeds the
 * static estimate ({@link Program#costEstimate()}). Every call costs at least one unit. Immutable.
 */
public final class FunctionCost {
    private final long base;
    private final int argument;
    private final double unitsPerSizeUnit;

    private FunctionCost(long base, int argument, double unitsPerSizeUnit) {
        if (base < 0 || unitsPerSizeUnit < 0 || Double.isNaN(unitsPerSizeUnit) || Double.isInfinite(unitsPerSizeUnit)) {
            throw new IllegalArgumentException("costs must be finite and not negative");
        }
        this.base = base;
        this.argument = argument;
        this.unitsPerSizeUnit = unitsPerSizeUnit;
    }

    /**
     * {@return a cost that does not depend on the arguments (at least 1)}
     *
     * @param units the cost
     */
    public static FunctionCost fixed(long units) {
        return new FunctionCost(Math.max(1, units), -1, 0);
    }

    /**
     * {@return {@code base + ⌈unitsPerSizeUnit × size(argument)⌉}; arguments count from 0, the receiver of a
     * member-style call first} Kubernetes charges 0.1 per character for a string traversal and 1
     * per element for a list traversal.
     *
     * @param base the fixed part
     * @param argument the argument whose size counts
     * @param unitsPerSizeUnit the cost per unit of its size
     */
    public static FunctionCost linear(long base, int argument, double unitsPerSizeUnit) {
        if (argument < 0) {
            throw new IllegalArgumentException("argument index must not be negative");
        }
        return new FunctionCost(base, argument, unitsPerSizeUnit);
    }

    /** {@return the fixed part} */
    public long base() {
        return base;
    }

    /** {@return the argument whose size the cost depends on, or -1 for a fixed cost} */
    public int argument() {
        return argument;
    }

    /**
     * Units per unit of the argument's size.
     *
     * @return the units
     */
    public double unitsPerSizeUnit() {
        return unitsPerSizeUnit;
    }

    @Override
    public String toString() {
        return argument < 0 ? Long.toString(base) : base + " + ⌈" + unitsPerSizeUnit + "·size(arg" + argument + ")⌉";
    }
}
