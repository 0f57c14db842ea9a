package dev.palisade.kyverno.internal.mutate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.kyverno.internal.JsonValues;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Server-side apply of an apply configuration, as a Kubernetes MutatingAdmissionPolicy's
 * {@code ApplyConfiguration} mutation merges it (structured-merge-diff): maps merge field by field
 * ({@code null} removes a field), associative lists ({@code listType: map}: containers by name,
 * env by name, volumes by name, ports...) merge their elements by key, keeping the object's order
 * and appending new elements, lists of scalars that are sets gain the new values, and every other
 * list is replaced. Built-in kinds use the merge keys of {@link MergeSchema}; lists of other kinds
 * are atomic.
 */
public final class ApplyMerge {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ApplyMerge() {
    }

    /** The resource with the configuration applied (a copy). */
    public static JsonNode apply(JsonNode resource, JsonNode configuration) {
        MergeSchema.Type schema = MergeSchema.forResource(resource.path("apiVersion").asText(""),
                resource.path("kind").asText(""));
        return merge(resource.deepCopy(), configuration, schema);
    }

    private static JsonNode merge(JsonNode live, JsonNode config, MergeSchema.Type schema) {
        if (config.isObject()) {
            ObjectNode out = live != null && live.isObject() ? (ObjectNode) live : NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) {
                    out.remove(e.getKey());
                    continue;
                }
                MergeSchema.Type field = schema == null ? null : schema.field(e.getKey());
                out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue(), field));
            }
            return out;
        }
        if (config.isArray() && schema != null && schema.associative() && live != null && live.isArray()) {
            ArrayNode out = ((ArrayNode) live).deepCopy();
            List<String> keys = schema.mergeKeys();
            boolean scalars = keys.size() == 1 && keys.get(0).isEmpty();
            for (JsonNode item : config) {
                int match = -1;
                for (int i = 0; i < out.size() && match < 0; i++) {
                    if (scalars ? JsonValues.jsonEqual(out.get(i), item) : sameKey(out.get(i), item, keys)) {
                        match = i;
                    }
                }
                if (match < 0) {
                    out.add(item.deepCopy());
                } else if (!scalars) {
                    out.set(match, merge(out.get(match), item, schema.elements()));
                }
            }
            return out;
        }
        return config.deepCopy();
    }

    private static boolean sameKey(JsonNode a, JsonNode b, List<String> keys) {
        for (String k : keys) {
            JsonNode x = a.get(k);
            JsonNode y = b.get(k);
            if (x == null && y == null) {
                continue;
            }
            if (x == null || y == null || !JsonValues.jsonEqual(x, y)) {
                return false;
            }
        }
        return true;
    }
}
