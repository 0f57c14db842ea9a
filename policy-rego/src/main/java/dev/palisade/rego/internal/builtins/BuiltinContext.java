package dev.palisade.rego.internal.builtins;

import com.google.re2j.Pattern;

/** What built-ins may use of the evaluation: the clock, the cost budget, print output, caches. */
public interface BuiltinContext {
    /** The evaluation's time (fixed for one evaluation, as OPA's {@code time.now_ns}). */
    long nowNanos();

    /** Charges memory-like cost (elements or characters built); throws when the budget is spent. */
    void charge(long units);

    /** Writes a line from {@code print}; no-op without a sink. */
    void print(String line);

    /** A compiled RE2 pattern (cached); throws {@link BuiltinException} for invalid patterns. */
    Pattern regex(String pattern);

    /** Whether strict built-in errors are on. */
    boolean strict();

    /** Per-evaluation cache for builtins that must return the same value within one evaluation. */
    java.util.Map<Object, Object> cache();
}
