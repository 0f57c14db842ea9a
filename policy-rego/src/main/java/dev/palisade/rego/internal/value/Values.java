package dev.palisade.rego.internal.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Conversions between Jackson trees and values, and OPA's textual forms of values. */
public final class Values {
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private Values() {
    }

    /** A (lazy) value view of a Jackson node; {@code null}/missing nodes become {@code null}. */
    public static Value fromJson(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        switch (node.getNodeType()) {
            case NULL:
                return NullValue.INSTANCE;
            case BOOLEAN:
                return BoolValue.of(node.booleanValue());
            case STRING:
                return StringValue.of(node.textValue());
            case NUMBER:
                return number(node);
            case ARRAY:
                return node.isEmpty() ? ArrayValue.EMPTY : new JsonViews.ArrayView((ArrayNode) node);
            case OBJECT:
                return node.isEmpty() ? ObjectValue.EMPTY : new JsonViews.ObjectView((ObjectNode) node);
            case BINARY:
                try {
                    return StringValue.of(java.util.Base64.getEncoder().encodeToString(node.binaryValue()));
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("unreadable binary node", e);
                }
            case POJO:
            default:
                return StringValue.of(node.asText());
        }
    }

    private static Value number(JsonNode node) {
        if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                return NumberValue.of(node.longValue());
            }
            return NumberValue.of(node.bigIntegerValue());
        }
        if (node.isBigDecimal()) {
            BigDecimal d = node.decimalValue();
            return NumberValue.of(d, d.toString().contains("E") ? null : d.toPlainString());
        }
        double d = node.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("JSON number is not finite: " + d);
        }
        return NumberValue.of(d);
    }

    /** A Jackson tree for a value: sets become sorted arrays, non-string keys their JSON text. */
    public static JsonNode toJson(Value v) {
        if (v instanceof JsonViews.ObjectView ov) {
            return ov.node.deepCopy();
        }
        if (v instanceof JsonViews.ArrayView av) {
            return av.node.deepCopy();
        }
        switch (v.typeOrder()) {
            case Value.NULL:
                return F.nullNode();
            case Value.BOOLEAN:
                return F.booleanNode(((BoolValue) v).value());
            case Value.NUMBER: {
                NumberValue n = (NumberValue) v;
                if (n.isLong() && (n.text() == null || n.isInt64())) {
                    long l = n.longValue();
                    return l == (int) l ? F.numberNode((int) l) : F.numberNode(l);
                }
                BigInteger bi = n.text() == null ? n.bigIntegerExact() : null;
                if (bi != null) {
                    return F.numberNode(bi);
                }
                return F.numberNode(n.bigDecimal());
            }
            case Value.STRING:
                return F.textNode(((StringValue) v).value());
            case Value.ARRAY: {
                ArrayValue a = (ArrayValue) v;
                ArrayNode out = F.arrayNode(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.add(toJson(a.get(i)));
                }
                return out;
            }
            case Value.SET: {
                SetValue s = (SetValue) v;
                ArrayNode out = F.arrayNode(s.size());
                for (int i = 0; i < s.size(); i++) {
                    out.add(toJson(s.get(i)));
                }
                return out;
            }
            default: {
                ObjectValue o = (ObjectValue) v;
                ObjectNode out = F.objectNode();
                for (int i = 0; i < o.size(); i++) {
                    Value k = o.keyAt(i);
                    String key = k instanceof StringValue s ? s.value() : Json.encode(k);
                    out.set(key, toJson(o.valueAt(i)));
                }
                return out;
            }
        }
    }

    /** Appends OPA's {@code String()} form of a value (strings Go-quoted, sets {@code {..}}). */
    public static void appendRego(StringBuilder sb, Value v) {
        switch (v.typeOrder()) {
            case Value.NULL -> sb.append("null");
            case Value.BOOLEAN -> sb.append(((BoolValue) v).value());
            case Value.NUMBER -> sb.append(((NumberValue) v).text(false));
            case Value.STRING -> GoQuote.quote(sb, ((StringValue) v).value());
            case Value.ARRAY -> {
                ArrayValue a = (ArrayValue) v;
                sb.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    appendRego(sb, a.get(i));
                }
                sb.append(']');
            }
            case Value.SET -> {
                SetValue s = (SetValue) v;
                if (s.size() == 0) {
                    sb.append("set()");
                    return;
                }
                sb.append('{');
                for (int i = 0; i < s.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    appendRego(sb, s.get(i));
                }
                sb.append('}');
            }
            default -> {
                ObjectValue o = (ObjectValue) v;
                sb.append('{');
                for (int i = 0; i < o.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    appendRego(sb, o.keyAt(i));
                    sb.append(": ");
                    appendRego(sb, o.valueAt(i));
                }
                sb.append('}');
            }
        }
    }

    /** OPA's String() form of a value. */
    public static String rego(Value v) {
        StringBuilder sb = new StringBuilder();
        appendRego(sb, v);
        return sb.toString();
    }

    /** Strings as themselves, everything else in OPA's String() form (print, template strings). */
    public static String display(Value v) {
        return v instanceof StringValue s ? s.value() : rego(v);
    }

    /** Forces a value to a plain (non-view) value tree; used where values outlive an evaluation. */
    public static Value materialize(Value v) {
        switch (v.typeOrder()) {
            case Value.ARRAY -> {
                ArrayValue a = (ArrayValue) v;
                if (!(a instanceof JsonViews.ArrayView)) {
                    return v;
                }
                Value[] r = new Value[a.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = materialize(a.get(i));
                }
                return ArrayValue.of(r);
            }
            case Value.OBJECT -> {
                ObjectValue o = (ObjectValue) v;
                if (!(o instanceof JsonViews.ObjectView)) {
                    return v;
                }
                Value[] k = new Value[o.size()];
                Value[] val = new Value[o.size()];
                for (int i = 0; i < k.length; i++) {
                    k[i] = o.keyAt(i);
                    val[i] = materialize(o.valueAt(i));
                }
                return new SortedObject(k, val);
            }
            default -> {
                return v;
            }
        }
    }

    /** An object from sorted distinct keys and matching values (not copied). */
    public static ObjectValue sortedObject(Value[] sortedKeys, Value[] vals) {
        return sortedKeys.length == 0 ? ObjectValue.EMPTY : new SortedObject(sortedKeys, vals);
    }

    /** Whether a value is "truthy" for an expression: defined and not {@code false}. */
    public static boolean isTrue(Value v) {
        return v != null && v != BoolValue.FALSE;
    }
}
