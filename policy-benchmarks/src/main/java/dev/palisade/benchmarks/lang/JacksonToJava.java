package dev.palisade.benchmarks.lang;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.NullValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a Jackson tree into the plain Java values cel-java accepts for a {@code dyn} variable:
 * {@code Map<String, Object>}, {@code List<Object>}, {@code Long} for integers, {@code Double},
 * {@code String}, {@code Boolean} and protobuf {@code NullValue}. This is the work a Java host pays
 * to hand a manifest it holds as JSON to cel-java.
 */
final class JacksonToJava {
    private JacksonToJava() {
    }

    static Object convert(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>(capacity(node.size()));
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    map.put(field.getKey(), convert(field.getValue()));
                }
                return map;
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(convert(element));
                }
                return list;
            }
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            case NUMBER:
                return node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue() : node.doubleValue();
            case NULL:
                return NullValue.NULL_VALUE;
            default:
                throw new IllegalArgumentException("cannot convert a " + node.getNodeType() + " node for cel-java");
        }
    }

    private static int capacity(int entries) {
        return entries * 4 / 3 + 1;
    }
}
