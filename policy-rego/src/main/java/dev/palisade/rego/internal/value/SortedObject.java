package dev.palisade.rego.internal.value;

import java.util.Arrays;

/** An object held as parallel key and value arrays sorted by key. */
public final class SortedObject extends ObjectValue {
    private final Value[] keys;
    private final Value[] vals;

    /** Keys must be sorted and distinct. */
    SortedObject(Value[] keys, Value[] vals) {
        this.keys = keys;
        this.vals = vals;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public Value get(Value key) {
        int n = keys.length;
        if (n <= 8) {
            for (int i = 0; i < n; i++) {
                if (keys[i].equals(key)) {
                    return vals[i];
                }
            }
            return null;
        }
        int i = Arrays.binarySearch(keys, key);
        return i >= 0 ? vals[i] : null;
    }

    @Override
    public Value keyAt(int i) {
        return keys[i];
    }

    @Override
    public Value valueAt(int i) {
        return vals[i];
    }
}
