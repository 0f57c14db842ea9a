package dev.palisade.rego.internal.value;

/** An object value; keys may be any value, and iterate in sorted key order (as OPA iterates). */
public abstract class ObjectValue extends Value {
    public static final ObjectValue EMPTY = new SortedObject(new Value[0], new Value[0]);
    private int hash;
    private long weight;

    ObjectValue() {
    }

    public abstract int size();

    /** The value at the key, or {@code null} when absent. */
    public abstract Value get(Value key);

    /** The i-th key in sorted order. */
    public abstract Value keyAt(int i);

    /** The value of the i-th key in sorted order. */
    public abstract Value valueAt(int i);

    /** Value by string key; {@code null} when absent. */
    public Value get(String key) {
        return get(StringValue.of(key));
    }

    @Override
    public final int typeOrder() {
        return OBJECT;
    }

    @Override
    public final String typeName() {
        return "object";
    }

    @Override
    public final long weight() {
        long w = weight;
        if (w == 0) {
            w = 1;
            for (int i = 0; i < size(); i++) {
                w = CostHook.add(w, CostHook.add(keyAt(i).weight(), valueAt(i).weight()));
            }
            weight = w;
        }
        return w;
    }

    @Override
    final int compareSameType(Value other) {
        ObjectValue o = (ObjectValue) other;
        CostHook.compare(this, o);
        int n = size();
        int m = o.size();
        int k = Math.min(n, m);
        for (int i = 0; i < k; i++) {
            int c = keyAt(i).compareTo(o.keyAt(i));
            if (c != 0) {
                return c;
            }
            c = valueAt(i).compareTo(o.valueAt(i));
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
        if (!(obj instanceof ObjectValue o) || o.size() != size()) {
            return false;
        }
        if (hash != 0 && o.hash != 0 && hash != o.hash) {
            return false;
        }
        CostHook.compare(this, o);
        for (int i = 0; i < size(); i++) {
            Value ov = o.get(keyAt(i));
            if (ov == null || !ov.equals(valueAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public final int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 11;
            for (int i = 0; i < size(); i++) {
                h += keyAt(i).hashCode() * 31 ^ valueAt(i).hashCode();
            }
            if (h == 0) {
                h = 1;
            }
            hash = h;
        }
        return h;
    }
}
