package dev.palisade.rego.internal.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lazy views of Jackson trees as Rego values: a member is converted when first read, so a large
 * input costs only what a policy touches. Views fill their caches on the evaluating thread; each
 * evaluation makes its own views.
 */
final class JsonViews {
    private JsonViews() {
    }

    static final class ObjectView extends ObjectValue {
        private static final int SMALL = 6;
        final ObjectNode node;
        private String[] keys;
        private Value[] values;
        private int cached;
        private Map<String, Value> cache;
        private String[] sorted;

        ObjectView(ObjectNode node) {
            this.node = node;
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public Value get(Value key) {
            if (!(key instanceof StringValue s)) {
                return null;
            }
            return get(s.value());
        }

        @Override
        public Value get(String key) {
            // a few members are read from most objects: a short array cache, a map beyond that
            String[] ks = keys;
            for (int i = 0; i < cached; i++) {
                if (ks[i].equals(key)) {
                    return values[i];
                }
            }
            if (cache != null) {
                Value v = cache.get(key);
                if (v != null) {
                    return v;
                }
            }
            JsonNode child = node.get(key);
            if (child == null) {
                return null;
            }
            Value v = Values.fromJson(child);
            if (ks == null) {
                keys = new String[SMALL];
                values = new Value[SMALL];
            }
            if (cached < SMALL) {
                keys[cached] = key;
                values[cached++] = v;
            } else {
                if (cache == null) {
                    cache = new HashMap<>();
                }
                cache.put(key, v);
            }
            return v;
        }

        private String[] sortedNames() {
            String[] s = sorted;
            if (s == null) {
                List<String> names = new ArrayList<>(node.size());
                Iterator<String> it = node.fieldNames();
                while (it.hasNext()) {
                    names.add(it.next());
                }
                s = names.toArray(new String[0]);
                java.util.Arrays.sort(s, StringValue::compareCodePoints);
                sorted = s;
            }
            return s;
        }

        @Override
        public Value keyAt(int i) {
            return StringValue.of(sortedNames()[i]);
        }

        @Override
        public Value valueAt(int i) {
            return get(sortedNames()[i]);
        }
    }

    static final class ArrayView extends ArrayValue {
        final ArrayNode node;
        private Value[] cache;

        ArrayView(ArrayNode node) {
            this.node = node;
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public Value get(int i) {
            Value[] c = cache;
            if (c == null) {
                c = new Value[node.size()];
                cache = c;
            }
            Value v = c[i];
            if (v == null) {
                v = Values.fromJson(node.get(i));
                c[i] = v;
            }
            return v;
        }
    }
}
