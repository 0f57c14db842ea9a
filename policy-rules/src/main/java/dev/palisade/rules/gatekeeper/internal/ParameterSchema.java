package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates constraint parameters against a template's {@code openAPIV3Schema}, the way a
 * Kubernetes structural schema with strict field validation does: {@code type}, {@code required},
 * {@code enum}, {@code items}, {@code properties}, {@code additionalProperties},
 * {@code x-kubernetes-preserve-unknown-fields}, {@code x-kubernetes-int-or-string}, {@code pattern}
 * (RE2), {@code minimum}/{@code maximum} (with {@code exclusiveMinimum}/{@code exclusiveMaximum}),
 * {@code minLength}/{@code maxLength} and {@code minItems}/{@code maxItems}, nested to any depth. A field not declared under {@code properties} is an error unless the schema allows more
 * fields. Null values are accepted (Kubernetes prunes them). Immutable.
 */
public final class ParameterSchema {
    private final JsonNode schema;

    private ParameterSchema(JsonNode schema) {
        this.schema = schema;
    }

    /** A validator for the schema; a missing or empty schema accepts anything. */
    public static ParameterSchema of(JsonNode schema) {
        return new ParameterSchema(schema);
    }

    /** One problem: the field path as written ({@code spec.parameters.labels[0].key}) and what is wrong. */
    public record Violation(String path, String pointer, String message) {
    }

    /**
     * Validates a value.
     *
     * @param rootPath the display path of the value ({@code spec.parameters})
     * @param rootPointer the JSON pointer of the value in its document ({@code /spec/parameters})
     */
    public List<Violation> validate(JsonNode value, String rootPath, String rootPointer) {
        List<Violation> problems = new ArrayList<>();
        check(schema, value, rootPath, rootPointer, problems);
        return problems;
    }

    private static void check(JsonNode schema, JsonNode value, String path, String pointer,
            List<Violation> problems) {
        if (schema == null || !schema.isObject() || schema.isEmpty() || value.isNull() || value.isMissingNode()) {
            return;
        }
        if (!enumAllows(schema.path("enum"), value)) {
            problems.add(new Violation(path, pointer, "must be one of " + schema.path("enum")
                    + ", not " + value));
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                problems.add(new Violation(path, pointer, "must be an integer or a string, not " + describe(value)));
            }
            return;
        }
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(type, value)) {
            problems.add(new Violation(path, pointer, "must be " + article(type) + ", not " + describe(value)));
            return;
        }
        checkBounds(schema, value, path, pointer, problems);
        if (value.isObject()) {
            checkObject(schema, value, path, pointer, problems);
        } else if (value.isArray()) {
            JsonNode items = schema.path("items");
            for (int i = 0; i < value.size(); i++) {
                check(items, value.get(i), path + "[" + i + "]", pointer + "/" + i, problems);
            }
        }
    }

    private static void checkObject(JsonNode schema, JsonNode value, String path, String pointer,
            List<Violation> problems) {
        JsonNode required = schema.path("required");
        for (JsonNode name : required) {
            if (!value.has(name.asText())) {
                problems.add(new Violation(path + "." + name.asText(), pointer,
                        "is required by the template's schema but missing"));
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean closed = properties.isObject() && !preserveUnknown
                && (additional.isMissingNode() || additional.isBoolean() && !additional.asBoolean());
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String childPath = path + "." + field.getKey();
            String childPointer = pointer + "/" + escape(field.getKey());
            JsonNode declared = properties.path(field.getKey());
            if (!declared.isMissingNode()) {
                check(declared, field.getValue(), childPath, childPointer, problems);
            } else if (additional.isObject()) {
                check(additional, field.getValue(), childPath, childPointer, problems);
            } else if (closed) {
                problems.add(new Violation(childPath, childPointer, "is not a field of the template's schema"
                        + " (declared: " + String.join(", ", names(properties)) + ")"));
            }
        }
    }

    private static void checkBounds(JsonNode schema, JsonNode value, String path, String pointer,
            List<Violation> problems) {
        if (value.isTextual()) {
            int length = value.asText().codePointCount(0, value.asText().length());
            if (schema.has("minLength") && length < schema.get("minLength").asLong()) {
                problems.add(new Violation(path, pointer, "must be at least " + schema.get("minLength")
                        + " characters long"));
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asLong()) {
                problems.add(new Violation(path, pointer, "must be at most " + schema.get("maxLength")
                        + " characters long"));
            }
            JsonNode pattern = schema.path("pattern");
            if (pattern.isTextual()) {
                try {
                    if (!Pattern.compile(pattern.asText()).matcher(value.asText()).find()) {
                        problems.add(new Violation(path, pointer, "must match the pattern " + pattern));
                    }
                } catch (PatternSyntaxException e) {
                    problems.add(new Violation(path, pointer, "cannot be checked: the template's pattern " + pattern
                            + " is not a valid regular expression"));
                }
            }
        } else if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asLong()) {
                problems.add(new Violation(path, pointer, "must have at least " + schema.get("minItems") + " items"));
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asLong()) {
                problems.add(new Violation(path, pointer, "must have at most " + schema.get("maxItems") + " items"));
            }
        } else if (value.isNumber()) {
            JsonNode minimum = schema.path("minimum");
            if (minimum.isNumber()) {
                boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
                int c = value.decimalValue().compareTo(minimum.decimalValue());
                if (c < 0 || exclusive && c == 0) {
                    problems.add(new Violation(path, pointer, "must be " + (exclusive ? "greater than " : "at least ")
                            + minimum));
                }
            }
            JsonNode maximum = schema.path("maximum");
            if (maximum.isNumber()) {
                boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
                int c = value.decimalValue().compareTo(maximum.decimalValue());
                if (c > 0 || exclusive && c == 0) {
                    problems.add(new Violation(path, pointer, "must be " + (exclusive ? "less than " : "at most ")
                            + maximum));
                }
            }
        }
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean enumAllows(JsonNode allowed, JsonNode value) {
        if (!allowed.isArray()) {
            return true;
        }
        for (JsonNode candidate : allowed) {
            if (candidate.equals(value) || candidate.isNumber() && value.isNumber()
                    && candidate.decimalValue().compareTo(value.decimalValue()) == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasType(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> value.isIntegralNumber()
                    || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case "number" -> value.isNumber();
            default -> true;
        };
    }

    private static String article(String type) {
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            default -> "a " + type;
        };
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isTextual()) {
            return "the string \"" + value.asText() + "\"";
        }
        if (value.isBoolean()) {
            return "the boolean " + value.asText();
        }
        return value.isIntegralNumber() ? "the integer " + value : "the number " + value;
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
