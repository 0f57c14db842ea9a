package dev.palisade.rego.internal.value;

import java.util.Arrays;
import java.util.Collection;

/** A set value, held sorted (OPA iterates sets in sorted order). */
public final class SetValue extends Value {
    public static final SetValue EMPTY = new SetValue(new Value[0]);
    private final Value[] elems;
    private int hash;
    private long weight;

    private SetValue(Value[] sortedDistinct) {
        this.elems = sortedDistinct;
    }

    /** A set of the given values (duplicates removed). */
    public static SetValue of(Value... values) {
        if (values.length == 0) {
            return EMPTY;
        }
        Value[] copy = values.clone();
        return new SetValue(sortDistinct(copy, copy.length));
    }

    public static SetValue of(Collection<? extends Value> values) {
        if (values.isEmpty()) {
            return EMPTY;
        }
        Value[] copy = values.toArray(new Value[0]);
        return new SetValue(sortDistinct(copy, copy.length));
    }

    /** Wraps an array known to be sorted and distinct (not copied). */
    static SetValue ofSortedDistinct(Value[] sorted) {
        return sorted.length == 0 ? EMPTY : new SetValue(sorted);
    }

    static Value[] sortDistinct(Value[] a, int n) {
        if (n > 1) {
            Arrays.sort(a, 0, n);
        }
        int w = 0;
        for (int i = 0; i < n; i++) {
            if (w == 0 || a[w - 1].compareTo(a[i]) != 0) {
                a[w++] = a[i];
            }
        }
        return w == a.length ? a : Arrays.copyOf(a, w);
    }

    public int size() {
        return elems.length;
    }

    public Value get(int i) {
        return elems[i];
    }

    public boolean contains(Value v) {
        int n = elems.length;
        if (n <= 8) {
            for (Value e : elems) {
                if (e.equals(v)) {
                    return true;
                }
            }
            return false;
        }
        return Arrays.binarySearch(elems, v) >= 0;
    }

    /** The elements in sorted order (a copy). */
    public Value[] toArray() {
        return elems.clone();
    }

    @Override
    public int typeOrder() {
        return SET;
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public long weight() {
        long w = weight;
        if (w == 0) {
            w = 1;
            for (Value e : elems) {
                w = CostHook.add(w, e.weight());
            }
            weight = w;
        }
        return w;
    }

    @Override
    int compareSameType(Value other) {
        SetValue o = (SetValue) other;
        CostHook.compare(this, o);
        int k = Math.min(elems.length, o.elems.length);
        for (int i = 0; i < k; i++) {
            int c = elems[i].compareTo(o.elems[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(elems.length, o.elems.length);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 13;
            for (Value e : elems) {
                h += e.hashCode();
            }
            if (h == 0) {
                h = 1;
            }
            hash = h;
        }
        return h;
    }
}
