package dev.palisade.rego.internal.value;

import java.util.List;

/** An array value. */
public abstract class ArrayValue extends Value {
    public static final ArrayValue EMPTY = new ListArray(new Value[0]);
    private int hash;
    private long weight;

    ArrayValue() {
    }

    public static ArrayValue of(Value... elems) {
        return elems.length == 0 ? EMPTY : new ListArray(elems);
    }

    public static ArrayValue of(List<Value> elems) {
        return elems.isEmpty() ? EMPTY : new ListArray(elems.toArray(new Value[0]));
    }

    public abstract int size();

    public abstract Value get(int i);

    /** A copy of the elements. */
    public Value[] toArray() {
        Value[] r = new Value[size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = get(i);
        }
        return r;
    }

    @Override
    public final int typeOrder() {
        return ARRAY;
    }

    @Override
    public final String typeName() {
        return "array";
    }

    @Override
    public final long weight() {
        long w = weight;
        if (w == 0) {
            w = 1;
            for (int i = 0; i < size(); i++) {
                w = CostHook.add(w, get(i).weight());
            }
            weight = w;
        }
        return w;
    }

    @Override
    final int compareSameType(Value other) {
        ArrayValue o = (ArrayValue) other;
        CostHook.compare(this, o);
        int n = size();
        int m = o.size();
        int k = Math.min(n, m);
        for (int i = 0; i < k; i++) {
            int c = get(i).compareTo(o.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(n, m);
    }

    @Override
    public final boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof ArrayValue o) || o.size() != size()) {
            return false;
        }
        if (hash != 0 && o.hash != 0 && hash != o.hash) {
            return false;
        }
        CostHook.compare(this, o);
        for (int i = 0; i < size(); i++) {
            if (!get(i).equals(o.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public final int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 7;
            for (int i = 0; i < size(); i++) {
                h = h * 31 + get(i).hashCode();
            }
            if (h == 0) {
                h = 1;
            }
            hash = h;
        }
        return h;
    }

    /** An array backed by a Java array (never modified after construction). */
    static final class ListArray extends ArrayValue {
        private final Value[] elems;

        ListArray(Value[] elems) {
            this.elems = elems;
        }

        @Override
        public int size() {
            return elems.length;
        }

        @Override
        public Value get(int i) {
            return elems[i];
        }

        @Override
        public Value[] toArray() {
            return elems.clone();
        }
    }
}
