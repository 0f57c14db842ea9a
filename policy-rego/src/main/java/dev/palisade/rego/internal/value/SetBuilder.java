package dev.palisade.rego.internal.value;

import java.util.HashSet;
import java.util.Set;

/** Builds sets. */
public final class SetBuilder {
    private final Set<Value> set = new HashSet<>();

    /** Adds; returns whether the value was new. */
    public boolean add(Value v) {
        return set.add(v);
    }

    public boolean contains(Value v) {
        return set.contains(v);
    }

    public int size() {
        return set.size();
    }

    public SetValue build() {
        if (set.isEmpty()) {
            return SetValue.EMPTY;
        }
        Value[] a = set.toArray(new Value[0]);
        java.util.Arrays.sort(a);
        return SetValue.ofSortedDistinct(a);
    }
}
