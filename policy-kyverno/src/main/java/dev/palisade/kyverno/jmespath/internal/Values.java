package dev.palisade.kyverno.jmespath.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JMESPath values over Jackson nodes, with Go's semantics: every number is a float64, strings
 * compare by UTF-8 bytes (code points), equality is deep ({@code reflect.DeepEqual}).
 */
public final class Values {
    /** JSON null. */
    public static final JsonNode NULL = NullNode.getInstance();
    /** Kyverno's "key not found" while it travels up the expression; never returned to callers. */
    public static final JsonNode MISSING = MissingNode.getInstance();
    /** The node factory for results. */
    public static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final double TWO_53 = 9007199254740992.0;

    private Values() {
    }

    /** A number node for a float64 result: integral values within 2^53 as integers, others as doubles. */
    public static JsonNode number(double v) {
        if (v == Math.rint(v) && Math.abs(v) <= TWO_53 && !(v == 0 && 1 / v < 0)) {
            long l = (long) v;
            return l == (int) l ? IntNode.valueOf((int) l) : LongNode.valueOf(l);
        }
        return DoubleNode.valueOf(v);
    }

    /** A string node. */
    public static JsonNode text(String s) {
        return TextNode.valueOf(s);
    }

    /** A boolean node. */
    public static JsonNode bool(boolean b) {
        return BooleanNode.valueOf(b);
    }

    /** A new array node. */
    public static ArrayNode array() {
        return F.arrayNode();
    }

    /** A new object node. */
    public static ObjectNode object() {
        return F.objectNode();
    }

    /** JMESPath's type name: number, string, boolean, array, object or null. */
    public static String typeName(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isTextual()) {
            return "string";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isArray()) {
            return "array";
        }
        if (v.isObject()) {
            return "object";
        }
        if (v.isPojo()) {
            return "expref";
        }
        return "unknown";
    }

    /** The specification's falsiness: null, false, empty string, empty array, empty object. */
    public static boolean isFalse(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return true;
        }
        if (v.isBoolean()) {
            return !v.booleanValue();
        }
        if (v.isTextual()) {
            return v.textValue().isEmpty();
        }
        if (v.isContainerNode()) {
            return v.size() == 0;
        }
        return false;
    }

    /** Deep equality; numbers compare as float64. */
    public static boolean equal(JsonNode a, JsonNode b, Eval ev) {
        if (a == b) {
            return true;
        }
        boolean an = a == null || a.isNull() || a.isMissingNode();
        boolean bn = b == null || b.isNull() || b.isMissingNode();
        if (an || bn) {
            return an && bn;
        }
        ev.step();
        if (a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue();
        }
        if (a.isTextual() && b.isTextual()) {
            ev.steps(a.textValue().length() / 16);
            return a.textValue().equals(b.textValue());
        }
        if (a.isBoolean() && b.isBoolean()) {
            return a.booleanValue() == b.booleanValue();
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i), ev)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !equal(e.getValue(), other, ev)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Go's string order: by UTF-8 bytes, which is code-point order. */
    public static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean xs = Character.isSurrogate(x);
                boolean ys = Character.isSurrogate(y);
                if (xs != ys) {
                    return xs ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** The number of code points, as Go's {@code utf8.RuneCountInString}. */
    public static int runeCount(String s) {
        return s.codePointCount(0, s.length());
    }
}
