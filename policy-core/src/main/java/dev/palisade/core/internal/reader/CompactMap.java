package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The children of a mapping read from a manifest: insertion-ordered like {@link LinkedHashMap}, but
 * kept in two arrays while small (most Kubernetes mappings have a handful of keys), which costs about
 * half the memory; past {@value #SMALL} entries it moves to a {@link LinkedHashMap}, so lookups stay
 * constant-time for large mappings. A full {@link Map}: Jackson's {@code ObjectNode} uses it as is.
 * Not thread-safe while written; trees are not written after reading.
 */
final class CompactMap extends AbstractMap<String, JsonNode> {
    static final int SMALL = 8;

    private String[] keys;
    private JsonNode[] values;
    private int size;
    private LinkedHashMap<String, JsonNode> large;
    private int modifications;

    CompactMap() {
        keys = new String[2];
        values = new JsonNode[2];
    }

    /**
     * A map of the first {@code size} entries of {@code keys} and {@code values}, in that order, which
     * it takes as they are (the keys are distinct); past {@value #SMALL} entries they go into a
     * {@link LinkedHashMap}.
     */
    CompactMap(String[] keys, JsonNode[] values, int size) {
        if (size > SMALL) {
            large = new LinkedHashMap<>(Math.max(SMALL * 4, size * 2));
            for (int j = 0; j < size; j++) {
                large.put(keys[j], values[j]);
            }
            this.keys = null;
            this.values = null;
            return;
        }
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return large != null ? large.size() : size;
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return large != null ? large.containsKey(key) : indexOf(key) >= 0;
    }

    @Override
    public JsonNode get(Object key) {
        if (large != null) {
            return large.get(key);
        }
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public JsonNode put(String key, JsonNode value) {
        Objects.requireNonNull(key, "key");
        if (large != null) {
            return large.put(key, value);
        }
        int i = indexOf(key);
        if (i >= 0) {
            JsonNode old = values[i];
            values[i] = value;
            return old;
        }
        modifications++;
        if (size == SMALL) {
            large = new LinkedHashMap<>(SMALL * 4);
            for (int j = 0; j < size; j++) {
                large.put(keys[j], values[j]);
            }
            keys = null;
            values = null;
            size = 0;
            return large.put(key, value);
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, Math.max(2, size * 2));
            values = Arrays.copyOf(values, keys.length);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        return null;
    }

    @Override
    public JsonNode remove(Object key) {
        if (large != null) {
            return large.remove(key);
        }
        int i = indexOf(key);
        return i < 0 ? null : removeAt(i);
    }

    private JsonNode removeAt(int i) {
        JsonNode old = values[i];
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        keys[size] = null;
        values[size] = null;
        modifications++;
        return old;
    }

    @Override
    public void clear() {
        if (large != null) {
            large.clear();
            return;
        }
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        modifications++;
    }

    @Override
    public Set<Map.Entry<String, JsonNode>> entrySet() {
        if (large != null) {
            return large.entrySet();
        }
        return new AbstractSet<>() {
            @Override
            public int size() {
                return CompactMap.this.size();
            }

            @Override
            public Iterator<Map.Entry<String, JsonNode>> iterator() {
                if (large != null) {
                    return large.entrySet().iterator();
                }
                return new Iterator<>() {
                    private int next;
                    private int last = -1;
                    private int expected = modifications;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, JsonNode> next() {
                        if (expected != modifications || large != null) {
                            throw new ConcurrentModificationException();
                        }
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        int at = last;
                        return new Map.Entry<>() {
                            @Override
                            public String getKey() {
                                return keys[at];
                            }

                            @Override
                            public JsonNode getValue() {
                                return values[at];
                            }

                            @Override
                            public JsonNode setValue(JsonNode value) {
                                JsonNode old = values[at];
                                values[at] = value;
                                return old;
                            }

                            @Override
                            public boolean equals(Object other) {
                                return other instanceof Map.Entry<?, ?> e && Objects.equals(getKey(), e.getKey())
                                        && Objects.equals(getValue(), e.getValue());
                            }

                            @Override
                            public int hashCode() {
                                return Objects.hashCode(getKey()) ^ Objects.hashCode(getValue());
                            }

                            @Override
                            public String toString() {
                                return getKey() + "=" + getValue();
                            }
                        };
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        if (expected != modifications || large != null) {
                            throw new ConcurrentModificationException();
                        }
                        removeAt(last);
                        next = last;
                        last = -1;
                        expected = modifications;
                    }
                };
            }
        };
    }
}
