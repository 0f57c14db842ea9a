package dev.palisade.lang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.lang.internal.Rt;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders evaluation results as JSON, for the CLI and for reports. */
public final class Values {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Values() {
    }

    /**
     * {@return the value as JSON: int and uint as numbers, double as a number (NaN and infinities as the
     * strings "NaN", "Infinity", "-Infinity"), bytes as base64, timestamps in RFC 3339, durations like
     * {@code "1.5s"}, types by name, optionals as their value (an empty optional as null), map keys as
     * strings, library values (quantity, IP, URL, ...) by their text}
     *
     * @param value a CEL value
     */
    public static JsonNode toJson(Object value) {
        Object v = Rt.norm(value);
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof UInt u) {
            return u.bits() >= 0 ? NODES.numberNode(u.bits()) : NODES.numberNode(new BigInteger(u.toString()));
        }
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return NODES.textNode("NaN");
            }
            if (d.isInfinite()) {
                return NODES.textNode(d > 0 ? "Infinity" : "-Infinity");
            }
            return NODES.numberNode(d);
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof NullValue) {
            return NODES.nullNode();
        }
        if (v instanceof Bytes b) {
            return NODES.textNode(b.base64());
        }
        if (v instanceof Instant || v instanceof Duration || v instanceof TypeValue) {
            return NODES.textNode(dev.palisade.lang.internal.ValueText.text(v));
        }
        if (v instanceof Optional<?> o) {
            return o.isPresent() ? toJson(o.get()) : NODES.nullNode();
        }
        if (v instanceof List<?> list) {
            ArrayNode out = NODES.arrayNode(list.size());
            for (Object e : list) {
                out.add(toJson(e));
            }
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext();) {
                Map.Entry<?, ?> e = it.next();
                out.set(String.valueOf(Rt.norm(e.getKey())), toJson(e.getValue()));
            }
            return out;
        }
        return NODES.textNode(v.toString());
    }
}
