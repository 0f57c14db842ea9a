package dev.palisade.rego.internal.value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds objects; a key put twice keeps the last value unless {@link #putNew} is used. */
public final class ObjectBuilder {
    private final Map<Value, Value> map;
    private final List<Value> order = new ArrayList<>();

    public ObjectBuilder() {
        this.map = new HashMap<>();
    }

    public ObjectBuilder(int expected) {
        this.map = new HashMap<>(Math.max(4, expected * 2));
    }

    /** Puts, replacing any previous value. */
    public ObjectBuilder put(Value key, Value value) {
        if (map.put(key, value) == null) {
            order.add(key);
        }
        return this;
    }

    public ObjectBuilder put(String key, Value value) {
        return put(StringValue.of(key), value);
    }

    /** The current value at the key, or {@code null}. */
    public Value get(Value key) {
        return map.get(key);
    }

    public boolean containsKey(Value key) {
        return map.containsKey(key);
    }

    public int size() {
        return order.size();
    }

    public ObjectValue build() {
        int n = order.size();
        if (n == 0) {
            return ObjectValue.EMPTY;
        }
        Value[] keys = order.toArray(new Value[0]);
        java.util.Arrays.sort(keys);
        Value[] vals = new Value[n];
        for (int i = 0; i < n; i++) {
            vals[i] = map.get(keys[i]);
        }
        return new SortedObject(keys, vals);
    }
}
