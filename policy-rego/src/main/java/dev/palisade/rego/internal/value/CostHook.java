package dev.palisade.rego.internal.value;

import java.util.function.LongConsumer;

/**
 * Lets deep comparisons of large values charge the evaluation that runs on this thread: values
 * can share sub-values (a DAG), so comparing two equal values built separately can take time
 * exponential in their construction. Comparisons of values heavier than {@link #THRESHOLD} charge
 * the lighter value's weight as steps before they recurse.
 */
public final class CostHook {
    /** Weight above which comparisons are charged. */
    static final long THRESHOLD = 1024;
    private static final ThreadLocal<LongConsumer> CURRENT = new ThreadLocal<>();

    private CostHook() {
    }

    /** Installs the step charger of the evaluation running on this thread; returns the previous one. */
    public static LongConsumer install(LongConsumer charger) {
        LongConsumer prev = CURRENT.get();
        CURRENT.set(charger);
        return prev;
    }

    /** Restores the charger {@link #install} returned. */
    public static void restore(LongConsumer prev) {
        if (prev == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(prev);
        }
    }

    /** Charges a comparison of two values when both are heavy. */
    static void compare(Value a, Value b) {
        long wa = a.weight();
        if (wa <= THRESHOLD) {
            return;
        }
        long wb = b.weight();
        if (wb <= THRESHOLD) {
            return;
        }
        LongConsumer c = CURRENT.get();
        if (c != null) {
            c.accept(Math.min(wa, wb));
        }
    }

    static long add(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
