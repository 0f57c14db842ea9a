package dev.palisade.core.internal;

import com.fasterxml.jackson.annotation.JacksonAnnotation;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.palisade.core.ReaderLimits;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.SourceLocation;
import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.util.Calendar;
import java.util.Date;

/**
 * Turns a host's objects (Jackson-mapped model classes such as fabric8's, records, maps) into JSON
 * trees, refusing every value whose JSON form Jackson would have to guess: a class that carries no
 * Jackson annotation (a Gson model of the official Kubernetes client, whose {@code IntOrString},
 * {@code Quantity} and {@code OffsetDateTime} fields would come out as bean properties), a class
 * mapped by Jackson 3 (fabric8 8.x, whose serialisers a Jackson 2 mapper does not run), and dates
 * (SnakeYAML timestamps: milliseconds, not the text that was written). Numbers come out as JSON text
 * reads them, and nesting is limited to the manifest reader's depth, so a cycle fails with a message.
 */
public final class HostObjects {
    private static final String JACKSON_3 = "tools.jackson.";

    private static final ClassValue<Mapping> MAPPINGS = new ClassValue<>() {
        @Override
        protected Mapping computeValue(Class<?> type) {
            return mappingOf(type);
        }
    };

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("palisade-host-objects")
                    .setSerializerModifier(new MappedClassesOnly())
                    .addSerializer(Date.class, new Refused<>("a java.util.Date has no single JSON form in a "
                            + "Kubernetes object; pass the timestamp as text (RFC 3339)"))
                    .addSerializer(Calendar.class, new Refused<>("a java.util.Calendar has no single JSON form in "
                            + "a Kubernetes object; pass the timestamp as text (RFC 3339)")))
            .build();

    private HostObjects() {
    }

    /** How a class is known to map to JSON, weakest first. */
    private enum Mapping {
        /** Nothing says how: Gson models, plain beans. */
        UNKNOWN,
        /** Jackson 2 annotations on the class, a supertype or a member, or a record. */
        JACKSON,
        /** Jackson 3 annotations (fabric8 8.x and other Jackson 3 models): outranks the rest. */
        JACKSON_3
    }

    /**
     * The value's JSON tree, as Jackson 2 maps it.
     *
     * @throws PalisadeException when a value in it has no JSON form Palisade can trust, naming the class
     *     and what to pass instead
     */
    public static JsonNode toTree(Object value) {
        JsonNode tree;
        try {
            TokenBuffer buffer = new TokenBuffer(MAPPER, false);
            MAPPER.writeValue(new DepthLimited(buffer), value);
            tree = MAPPER.readTree(buffer.asParser());
        } catch (java.io.IOException | IllegalArgumentException e) {
            Throwable cause = e instanceof JsonMappingException ? e
                    : e.getCause() instanceof JsonMappingException mapping ? mapping : e;
            String message = cause instanceof JsonMappingException mapping ? mapping.getOriginalMessage()
                    : cause.getMessage();
            throw new PalisadeException("cannot convert " + describe(value) + " to a Kubernetes object: " + message,
                    SourceLocation.inMemory(pointerOf(cause)), e);
        }
        return tree == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                : canonical(tree, new StringBuilder(), value);
    }

    /**
     * The tree with numbers as JSON text reads them, so that a host object and its YAML or JSON give
     * equal trees: integers as the smallest of int, long and big integer; other numbers as doubles read
     * from their decimal text (a {@code float} 0.1 is 0.1, not 0.100000001). A number that JSON cannot
     * write (NaN, infinities) is refused. Nodes are replaced in place: the tree is the conversion's own.
     */
    private static JsonNode canonical(JsonNode node, StringBuilder pointer, Object value) {
        if (node.isContainerNode()) {
            int length = pointer.length();
            if (node instanceof ObjectNode object) {
                for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                    java.util.Map.Entry<String, JsonNode> field = it.next();
                    pointer.append('/').append(field.getKey().replace("~", "~0").replace("/", "~1"));
                    JsonNode replaced = canonical(field.getValue(), pointer, value);
                    if (replaced != field.getValue()) {
                        field.setValue(replaced);
                    }
                    pointer.setLength(length);
                }
            } else if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    pointer.append('/').append(i);
                    JsonNode replaced = canonical(array.get(i), pointer, value);
                    if (replaced != array.get(i)) {
                        array.set(i, replaced);
                    }
                    pointer.setLength(length);
                }
            }
            return node;
        }
        if (!node.isNumber() || node.isInt()) {
            return node;
        }
        if (node.isIntegralNumber()) {
            if (node.canConvertToInt()) {
                return IntNode.valueOf(node.intValue());
            }
            if (node.canConvertToLong()) {
                return node.isLong() ? node : LongNode.valueOf(node.longValue());
            }
            return node.isBigInteger() ? node : BigIntegerNode.valueOf(node.bigIntegerValue());
        }
        double number = node.isFloat() ? Double.parseDouble(Float.toString(node.floatValue()))
                : node.isBigDecimal() ? node.decimalValue().doubleValue() : node.doubleValue();
        if (!Double.isFinite(number)) {
            throw new PalisadeException("cannot convert " + describe(value) + " to a Kubernetes object: "
                    + node.asText() + " is not a number JSON can write", SourceLocation.inMemory(pointer.toString()));
        }
        return node.isDouble() ? node : DoubleNode.valueOf(number);
    }

    /**
     * Refuses nesting deeper than the manifest reader's limit ({@link ReaderLimits#DEFAULTS}), so that a
     * cycle (a map that contains itself) or an absurdly deep object fails with a message rather than
     * overflowing the stack.
     */
    private static final class DepthLimited extends JsonGeneratorDelegate {
        DepthLimited(JsonGenerator delegate) {
            super(delegate, true);
        }

        private void deeper() throws java.io.IOException {
            if (delegate.getOutputContext().getNestingDepth() >= ReaderLimits.DEFAULTS.maxDepth()) {
                throw JsonMappingException.from(delegate, "nested deeper than " + ReaderLimits.DEFAULTS.maxDepth()
                        + " levels (the manifest reader's limit), or a cycle");
            }
        }

        @Override
        public void writeStartObject() throws java.io.IOException {
            deeper();
            super.writeStartObject();
        }

        @Override
        public void writeStartObject(Object forValue) throws java.io.IOException {
            deeper();
            super.writeStartObject(forValue);
        }

        @Override
        public void writeStartObject(Object forValue, int size) throws java.io.IOException {
            deeper();
            super.writeStartObject(forValue, size);
        }

        @Override
        public void writeStartArray() throws java.io.IOException {
            deeper();
            super.writeStartArray();
        }

        @Override
        public void writeStartArray(Object forValue) throws java.io.IOException {
            deeper();
            super.writeStartArray(forValue);
        }

        @Override
        public void writeStartArray(Object forValue, int size) throws java.io.IOException {
            deeper();
            super.writeStartArray(forValue, size);
        }
    }

    private static String describe(Object value) {
        return value.getClass().getName();
    }

    /** The JSON pointer where the conversion failed, from Jackson's reference chain. */
    private static String pointerOf(Throwable cause) {
        if (!(cause instanceof JsonMappingException mapping)) {
            return "";
        }
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            pointer.append('/');
            String name = reference.getFieldName();
            pointer.append(name != null ? name.replace("~", "~0").replace("/", "~1")
                    : Integer.toString(Math.max(reference.getIndex(), 0)));
        }
        return pointer.toString();
    }

    private static Mapping mappingOf(Class<?> type) {
        if (type.isRecord()) {
            return Mapping.JACKSON;
        }
        Mapping found = Mapping.UNKNOWN;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            found = strongest(found, annotations(c.getDeclaredAnnotations()));
            for (Class<?> i : c.getInterfaces()) {
                found = strongest(found, annotations(i.getDeclaredAnnotations()));
            }
            try {
                found = strongest(found, members(c.getDeclaredFields()));
                found = strongest(found, members(c.getDeclaredMethods()));
            } catch (LinkageError e) {
                // a member's type is missing from the class path (an optional dependency of the model);
                // Jackson skips such members too, so the class-level annotations decide
            }
            if (found == Mapping.JACKSON_3) {
                return found;
            }
        }
        return found;
    }

    private static Mapping members(AccessibleObject[] members) {
        Mapping found = Mapping.UNKNOWN;
        for (AccessibleObject member : members) {
            found = strongest(found, annotations(member.getDeclaredAnnotations()));
        }
        return found;
    }

    private static Mapping annotations(Annotation[] annotations) {
        Mapping found = Mapping.UNKNOWN;
        for (Annotation annotation : annotations) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (type.getName().startsWith(JACKSON_3)) {
                return Mapping.JACKSON_3;
            }
            if (type.isAnnotationPresent(JacksonAnnotation.class)) {
                found = Mapping.JACKSON;
            }
        }
        return found;
    }

    /** Jackson 3 outranks Jackson 2 (its serialisers would be skipped), which outranks nothing. */
    private static Mapping strongest(Mapping a, Mapping b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Replaces the bean serialiser of every class that is not known to be Jackson-mapped with a refusal. */
    private static final class MappedClassesOnly extends BeanSerializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                JsonSerializer<?> serializer) {
            if (!(serializer instanceof BeanSerializerBase)) {
                return serializer;
            }
            Class<?> type = description.getBeanClass();
            return switch (MAPPINGS.get(type)) {
                case JACKSON -> serializer;
                case JACKSON_3 -> new Refused<>(type.getName() + " is mapped by Jackson 3 (fabric8 8.x models are),"
                        + " whose serialisers Palisade's Jackson 2 does not run; pass its JSON text to Resource.parse"
                        + " (fabric8: Serialization.asJson(object))");
                case UNKNOWN -> new Refused<>(type.getName() + " carries no Jackson annotation, so its JSON form "
                        + "would be guessed from its getters" + hint(type));
            };
        }

        private static String hint(Class<?> type) {
            if (type.getName().startsWith("io.kubernetes.client.")) {
                return " (the official Kubernetes client's models are Gson-mapped: pass "
                        + "io.kubernetes.client.openapi.JSON.serialize(object) to Resource.parse)";
            }
            return "; pass a Map, a JsonNode or JSON text (Resource.parse), or annotate the class for Jackson";
        }
    }

    /** A serialiser that refuses the value with a message. */
    private static final class Refused<T> extends JsonSerializer<T> {
        private final String message;

        Refused(String message) {
            this.message = message;
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws java.io.IOException {
            throw JsonMappingException.from(generator, message);
        }
    }
}
