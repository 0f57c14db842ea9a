package dev.palisade.core.internal.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link CompactMap} behaves as a {@link LinkedHashMap} under any sequence of operations, small and large,
 * whether it starts empty or made from exactly sized arrays.
 */
class CompactMapTest {

    /** An operation: kind (0 put, 1 remove, 2 remove while iterating, 3 set through an entry), key, value. */
    @Provide
    Arbitrary<List<int[]>> operations() {
        return Arbitraries.integers().between(0, 3).flatMap(kind -> Arbitraries.integers().between(0, 20)
                .flatMap(key -> Arbitraries.integers().between(0, 9).map(value -> new int[] {kind, key, value})))
                .list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void behavesAsALinkedHashMap(@ForAll("operations") List<int[]> operations,
            @ForAll @IntRange(min = -1, max = 12) int built) {
        Map<String, JsonNode> compact;
        Map<String, JsonNode> reference = new LinkedHashMap<>();
        if (built < 0) {
            compact = new CompactMap();
        } else {
            // made whole from exactly sized arrays, as the fast path makes mappings, then changed
            String[] keys = new String[built];
            JsonNode[] values = new JsonNode[built];
            for (int i = 0; i < built; i++) {
                keys[i] = "k" + 2 * i;
                values[i] = IntNode.valueOf(i);
                reference.put(keys[i], values[i]);
            }
            compact = new CompactMap(keys, values, built);
            assertEquals(reference, compact);
            assertEquals(new ArrayList<>(reference.keySet()), new ArrayList<>(compact.keySet()));
        }
        for (int[] op : operations) {
            String key = "k" + op[1];
            JsonNode value = IntNode.valueOf(op[2]);
            switch (op[0]) {
                case 0 -> assertEquals(reference.put(key, value), compact.put(key, value));
                case 1 -> assertEquals(reference.remove(key), compact.remove(key));
                case 2 -> {
                    removeWhileIterating(reference, key);
                    removeWhileIterating(compact, key);
                }
                default -> {
                    setThroughEntry(reference, key, value);
                    setThroughEntry(compact, key, value);
                }
            }
            assertEquals(reference.size(), compact.size());
            assertEquals(new ArrayList<>(reference.entrySet()), new ArrayList<>(compact.entrySet()));
            assertEquals(new ArrayList<>(reference.keySet()), new ArrayList<>(compact.keySet()));
            assertEquals(reference, compact);
            assertEquals(compact, reference);
            assertEquals(reference.hashCode(), compact.hashCode());
            assertEquals(reference.get(key), compact.get(key));
            assertEquals(reference.containsKey(key), compact.containsKey(key));
        }
        ObjectNode a = new ObjectNode(JsonNodeFactory.instance, compact);
        ObjectNode b = new ObjectNode(JsonNodeFactory.instance, new LinkedHashMap<>(reference));
        assertEquals(b, a);
        assertEquals(b.toString(), a.toString());
        assertEquals(b.hashCode(), a.hashCode());
    }

    private static void removeWhileIterating(Map<String, JsonNode> map, String key) {
        for (Iterator<Map.Entry<String, JsonNode>> it = map.entrySet().iterator(); it.hasNext();) {
            if (it.next().getKey().equals(key)) {
                it.remove();
            }
        }
    }

    private static void setThroughEntry(Map<String, JsonNode> map, String key, JsonNode value) {
        for (Map.Entry<String, JsonNode> entry : map.entrySet()) {
            if (entry.getKey().equals(key)) {
                entry.setValue(value);
            }
        }
    }
}
