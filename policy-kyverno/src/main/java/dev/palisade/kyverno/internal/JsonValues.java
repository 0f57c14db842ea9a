package dev.palisade.kyverno.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** JSON tree helpers with Go's view of numbers (int64 and float64 are different types). */
public final class JsonValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    /** {@code reflect.DeepEqual} over decoded JSON: int64 and float64 values never equal each other. */
    public static boolean goDeepEqual(JsonNode a, JsonNode b) {
        if (GoValues.isNil(a) || GoValues.isNil(b)) {
            return GoValues.isNil(a) && GoValues.isNil(b);
        }
        if (a.isIntegralNumber() || b.isIntegralNumber()) {
            return a.isIntegralNumber() && b.isIntegralNumber() && a.bigIntegerValue().equals(b.bigIntegerValue());
        }
        if (a.isNumber() || b.isNumber()) {
            return a.isNumber() && b.isNumber() && a.doubleValue() == b.doubleValue();
        }
        if (a.isObject()) {
            if (!b.isObject() || a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !goDeepEqual(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
            if (!b.isArray() || a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!goDeepEqual(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** JSON equality where numbers compare by value whatever their representation. */
    public static boolean jsonEqual(JsonNode a, JsonNode b) {
        if (GoValues.isNil(a) || GoValues.isNil(b)) {
            return GoValues.isNil(a) && GoValues.isNil(b);
        }
        if (a.isNumber() || b.isNumber()) {
            return a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject()) {
            if (!b.isObject() || a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !jsonEqual(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
            if (!b.isArray() || a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!jsonEqual(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * The value as Go decodes a policy: every number becomes a float64 (Kyverno reads patterns and
     * conditions through {@code encoding/json} into {@code interface{}}).
     */
    public static JsonNode numbersAsFloats(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return DoubleNode.valueOf(node.doubleValue());
        }
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), numbersAsFloats(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode(node.size());
            for (JsonNode item : node) {
                out.add(numbersAsFloats(item));
            }
            return out;
        }
        return node;
    }

    /**
     * The value as Kubernetes decodes an object: integral numbers (also integral floats) become
     * int64, the rest float64.
     */
    public static JsonNode numbersAsUnstructured(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNumber() && !node.isIntegralNumber()) {
            double d = node.doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.2e18) {
                return LongNode.valueOf((long) d);
            }
            return node;
        }
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), numbersAsUnstructured(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode(node.size());
            for (JsonNode item : node) {
                out.add(numbersAsUnstructured(item));
            }
            return out;
        }
        return node;
    }
}
