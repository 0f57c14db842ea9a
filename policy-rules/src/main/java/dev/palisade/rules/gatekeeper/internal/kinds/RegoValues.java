package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rego's view of JSON values: truthiness of references, and how {@code sprintf("%v")} prints a
 * value (strings bare at the top level, compound values in Rego term syntax with sorted object keys
 * and sets).
 */
final class RegoValues {

    private RegoValues() {
    }

    /** Whether {@code x} succeeds as a Rego expression: the value is defined and not {@code false}. */
    static boolean truthy(JsonNode node) {
        return !node.isMissingNode() && !(node.isBoolean() && !node.booleanValue());
    }

    /** Whether the reference is defined. */
    static boolean defined(JsonNode node) {
        return !node.isMissingNode();
    }

    /** {@code sprintf("%v", [value])}. */
    static String format(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        StringBuilder out = new StringBuilder();
        term(node, out);
        return out.toString();
    }

    /** A Rego set of strings as {@code %v} prints it: {@code {"a", "b"}}, or {@code set()} when empty. */
    static String formatSet(Collection<String> values) {
        if (values.isEmpty()) {
            return "set()";
        }
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (String value : new TreeSet<>(values)) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            quote(value, out);
        }
        return out.append('}').toString();
    }

    /** A number as Rego prints it (integral values without a fraction). */
    static String number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.signum() == 0) {
            return "0";
        }
        return stripped.scale() <= 0 ? stripped.toBigIntegerExact().toString() : stripped.toPlainString();
    }

    private static void term(JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            quote(node.textValue(), out);
        } else if (node.isNumber()) {
            out.append(number(node.decimalValue()));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                term(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                quote(keys.get(i), out);
                out.append(": ");
                term(node.get(keys.get(i)), out);
            }
            out.append('}');
        } else {
            out.append("null");
        }
    }

    private static void quote(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The elements of an array node (nothing for any other node), as Rego's {@code x[_]}. */
    static Iterable<JsonNode> elements(JsonNode node) {
        return node.isArray() ? node::elements : List.of();
    }

    /** The fields of an object node (nothing for any other node). */
    static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        if (!node.isObject()) {
            return List.of();
        }
        return () -> {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            return it;
        };
    }

    /** Whether any element of the array equals the string (Rego {@code arr[_] == value}). */
    static boolean containsString(JsonNode array, String value) {
        for (JsonNode element : elements(array)) {
            if (element.isTextual() && element.textValue().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Rego equality of two JSON values (numbers compare by value). */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a.isMissingNode() || b.isMissingNode()) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /**
     * Rego's total order on values, for {@code <}, {@code >=}, sorting of sets and friends across
     * types: null &lt; booleans &lt; numbers &lt; strings &lt; arrays &lt; objects; arrays compare
     * element by element, objects key by key (sorted) and then value by value.
     */
    static int compare(JsonNode a, JsonNode b) {
        int rank = Integer.compare(rank(a), rank(b));
        if (rank != 0) {
            return rank;
        }
        if (a.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        if (a.isTextual()) {
            return a.textValue().compareTo(b.textValue());
        }
        if (a.isBoolean()) {
            return Boolean.compare(a.booleanValue(), b.booleanValue());
        }
        if (a.isArray()) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int element = compare(a.get(i), b.get(i));
                if (element != 0) {
                    return element;
                }
            }
            return Integer.compare(a.size(), b.size());
        }
        if (a.isObject()) {
            List<String> aKeys = sortedKeys(a);
            List<String> bKeys = sortedKeys(b);
            for (int i = 0; i < Math.min(aKeys.size(), bKeys.size()); i++) {
                int key = aKeys.get(i).compareTo(bKeys.get(i));
                if (key != 0) {
                    return key;
                }
                int value = compare(a.get(aKeys.get(i)), b.get(bKeys.get(i)));
                if (value != 0) {
                    return value;
                }
            }
            return Integer.compare(aKeys.size(), bKeys.size());
        }
        return 0;
    }

    private static List<String> sortedKeys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        keys.sort(null);
        return keys;
    }

    /** A Rego set of arbitrary values as {@code %v} prints it: sorted, de-duplicated, {@code set()} when empty. */
    static String formatTermSet(Collection<JsonNode> values) {
        if (values.isEmpty()) {
            return "set()";
        }
        List<JsonNode> sorted = new ArrayList<>(values);
        sorted.sort(RegoValues::compare);
        StringBuilder out = new StringBuilder("{");
        JsonNode previous = null;
        for (JsonNode value : sorted) {
            if (previous != null && compare(previous, value) == 0) {
                continue;
            }
            if (previous != null) {
                out.append(", ");
            }
            term(value, out);
            previous = value;
        }
        return out.append('}').toString();
    }

    private static int rank(JsonNode node) {
        if (node.isNull()) {
            return 0;
        }
        if (node.isBoolean()) {
            return 1;
        }
        if (node.isNumber()) {
            return 2;
        }
        if (node.isTextual()) {
            return 3;
        }
        return node.isArray() ? 4 : 5;
    }

    /** {@code a > b} in Rego; false when either side is undefined. */
    static boolean greater(JsonNode a, JsonNode b) {
        return defined(a) && defined(b) && compare(a, b) > 0;
    }

    /** {@code a >= b} in Rego; false when either side is undefined. */
    static boolean greaterOrEqual(JsonNode a, JsonNode b) {
        return defined(a) && defined(b) && compare(a, b) >= 0;
    }
}
