package dev.palisade.lang.internal;

import dev.palisade.lang.Bindings;

/** The state of one evaluation: variable bindings, comprehension slots and the remaining cost allowance. */
final class Frame {
    final Bindings bindings;
    final Object[] slots;
    long remaining;

    Frame(Bindings bindings, int slotCount, long allowance) {
        this.bindings = bindings;
        this.slots = new Object[slotCount];
        this.remaining = allowance;
    }

    void cost(long n) {
        if ((remaining -= n) < 0) {
            throw new CostExceeded();
        }
    }
}
