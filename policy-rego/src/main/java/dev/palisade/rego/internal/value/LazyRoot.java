package dev.palisade.rego.internal.value;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The root of {@code data}: a base document plus top-level documents supplied on first use (so a
 * host pays for a large inventory only when a policy reads it). One per evaluation.
 */
public final class LazyRoot extends ObjectValue {
    private final ObjectValue base;
    private final Map<String, Supplier<JsonNode>> lazy;
    private final Map<String, Value> loaded = new HashMap<>();
    private Value[] keys;

    public LazyRoot(ObjectValue base, Map<String, Supplier<JsonNode>> lazy) {
        this.base = base == null ? ObjectValue.EMPTY : base;
        this.lazy = lazy;
    }

    private Value[] keys() {
        if (keys == null) {
            TreeSet<Value> ks = new TreeSet<>();
            for (int i = 0; i < base.size(); i++) {
                ks.add(base.keyAt(i));
            }
            for (String k : lazy.keySet()) {
                ks.add(StringValue.of(k));
            }
            keys = ks.toArray(new Value[0]);
        }
        return keys;
    }

    @Override
    public int size() {
        return keys().length;
    }

    @Override
    public Value get(Value key) {
        if (key instanceof StringValue s) {
            Supplier<JsonNode> sup = lazy.get(s.value());
            if (sup != null) {
                return loaded.computeIfAbsent(s.value(), k -> {
                    JsonNode n = sup.get();
                    Value v = Values.fromJson(n);
                    return v == null ? NullValue.INSTANCE : v;
                });
            }
        }
        return base.get(key);
    }

    @Override
    public Value keyAt(int i) {
        return keys()[i];
    }

    @Override
    public Value valueAt(int i) {
        return get(keys()[i]);
    }
}
