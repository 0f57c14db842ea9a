package dev.palisade.kyverno.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.palisade.kyverno.jmespath.internal.KubeQuantity;
import dev.palisade.kyverno.jmespath.internal.Semver;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Kyverno's condition operators ({@code pkg/engine/variables/operator}) with their type
 * coercions: equality with durations, quantities and wildcards; the set operators (deprecated
 * {@code In}/{@code NotIn}, {@code AnyIn}, {@code AllIn}, {@code AnyNotIn}, {@code AllNotIn}) over
 * lists, JSON list strings, ranges and wildcards; numeric comparisons over numbers, durations,
 * quantities and semantic versions; and the deprecated {@code Duration*} operators.
 */
public final class ConditionOperators {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double NANOS_PER_SECOND = 1e9;

    private ConditionOperators() {
    }

    /** Whether the operator name (any case) is one Kyverno knows. */
    public static boolean isKnown(String operator) {
        return handler(operator) != null;
    }

    private static String handler(String operator) {
        return switch (operator.toLowerCase(Locale.ROOT)) {
            case "equal", "equals" -> "equal";
            case "notequal", "notequals" -> "notequal";
            case "in" -> "in";
            case "anyin" -> "anyin";
            case "allin" -> "allin";
            case "notin" -> "notin";
            case "anynotin" -> "anynotin";
            case "allnotin" -> "allnotin";
            case "greaterthanorequals", "greaterthan", "lessthanorequals", "lessthan" -> "numeric";
            case "durationgreaterthanorequals", "durationgreaterthan", "durationlessthanorequals",
                    "durationlessthan" -> "duration";
            default -> null;
        };
    }

    /**
     * Evaluates {@code key operator value}.
     *
     * @throws IllegalArgumentException for an unknown operator
     */
    public static boolean evaluate(String operator, JsonNode key, JsonNode value) {
        String h = handler(operator);
        if (h == null) {
            throw new IllegalArgumentException("unknown condition operator '" + operator + "'");
        }
        return switch (h) {
            case "equal" -> equal(key, value);
            case "notequal" -> notEqual(key, value);
            case "in" -> in(key, value, false);
            case "notin" -> in(key, value, true);
            case "anyin" -> anyIn(key, value, false);
            case "anynotin" -> anyIn(key, value, true);
            case "allin" -> allIn(key, value, false);
            case "allnotin" -> allIn(key, value, true);
            case "numeric" -> numeric(operator, key, value);
            default -> duration(operator, key, value);
        };
    }

    // ---- Equals / NotEquals ----

    private static boolean equal(JsonNode key, JsonNode value) {
        if (GoValues.isNil(key)) {
            return false;
        }
        if (key.isBoolean()) {
            return value != null && value.isBoolean() && value.booleanValue() == key.booleanValue();
        }
        if (key.isIntegralNumber()) {
            long k = key.longValue();
            if (GoValues.isInt(value)) {
                return value.longValue() == k;
            }
            if (GoValues.isFloat(value)) {
                double d = value.doubleValue();
                return d == Math.rint(d) && (long) d == k;
            }
            if (value != null && value.isTextual()) {
                OptionalLong parsed = GoValues.parseInt(value.textValue());
                return parsed.isPresent() && parsed.getAsLong() == k;
            }
            return false;
        }
        if (key.isNumber()) {
            double k = key.doubleValue();
            if (GoValues.isInt(value)) {
                return k == Math.rint(k) && (long) k == value.longValue();
            }
            if (GoValues.isFloat(value)) {
                return value.doubleValue() == k;
            }
            if (value != null && value.isTextual()) {
                OptionalDouble parsed = GoValues.parseFloat(value.textValue());
                return parsed.isPresent() && parsed.getAsDouble() == k;
            }
            return false;
        }
        if (key.isTextual()) {
            String k = key.textValue();
            Optional<double[]> durations = durations(key, value);
            if (durations.isPresent()) {
                return durations.get()[0] == durations.get()[1];
            }
            Optional<KubeQuantity> quantity = GoValues.quantity(k);
            if (quantity.isPresent() && value != null && value.isTextual()) {
                Optional<KubeQuantity> v = GoValues.quantity(value.textValue());
                return v.isPresent() && quantity.get().compareAmount(v.get()) == 0;
            }
            if (value != null && value.isTextual()) {
                return Wildcard.match(value.textValue(), k);
            }
            return false;
        }
        if (key.isObject()) {
            return value != null && value.isObject() && JsonValues.goDeepEqual(key, value);
        }
        if (key.isArray()) {
            return value != null && value.isArray() && JsonValues.goDeepEqual(key, value);
        }
        return false;
    }

    private static boolean notEqual(JsonNode key, JsonNode value) {
        if (GoValues.isNil(key)) {
            return false;
        }
        if (key.isBoolean()) {
            return value == null || !value.isBoolean() || value.booleanValue() != key.booleanValue();
        }
        if (key.isIntegralNumber()) {
            long k = key.longValue();
            if (GoValues.isInt(value)) {
                return value.longValue() != k;
            }
            if (GoValues.isFloat(value)) {
                double d = value.doubleValue();
                return d != Math.rint(d) || (long) d != k;
            }
            if (value != null && value.isTextual()) {
                OptionalLong parsed = GoValues.parseInt(value.textValue());
                return parsed.isEmpty() || parsed.getAsLong() != k;
            }
            return true;
        }
        if (key.isNumber()) {
            double k = key.doubleValue();
            if (GoValues.isInt(value)) {
                return k != Math.rint(k) || (long) k != value.longValue();
            }
            if (GoValues.isFloat(value)) {
                return value.doubleValue() != k;
            }
            if (value != null && value.isTextual()) {
                OptionalDouble parsed = GoValues.parseFloat(value.textValue());
                return parsed.isEmpty() || parsed.getAsDouble() != k;
            }
            return true;
        }
        if (key.isTextual()) {
            String k = key.textValue();
            Optional<double[]> durations = durations(key, value);
            if (durations.isPresent()) {
                return durations.get()[0] != durations.get()[1];
            }
            Optional<KubeQuantity> quantity = GoValues.quantity(k);
            if (quantity.isPresent() && value != null && value.isTextual()) {
                if (value.textValue().isEmpty()) {
                    return !Wildcard.match("", k);
                }
                Optional<KubeQuantity> v = GoValues.quantity(value.textValue());
                return v.isEmpty() || quantity.get().compareAmount(v.get()) != 0;
            }
            if (value != null && value.isTextual()) {
                return !Wildcard.match(value.textValue(), k);
            }
            return true;
        }
        if (key.isObject()) {
            return value == null || !value.isObject() || !JsonValues.goDeepEqual(key, value);
        }
        if (key.isArray()) {
            return value == null || !value.isArray() || !JsonValues.goDeepEqual(key, value);
        }
        return false;
    }

    /**
     * Kyverno's {@code parseDuration}: when at least one side is a duration string (other than
     * {@code "0"}) and the other a duration or a number of seconds, both in seconds.
     */
    private static Optional<double[]> durations(JsonNode key, JsonNode value) {
        OptionalLong k = durationText(key);
        OptionalLong v = durationText(value);
        if (k.isEmpty() && v.isEmpty()) {
            return Optional.empty();
        }
        if (k.isEmpty()) {
            k = secondsOf(key);
            if (k.isEmpty()) {
                return Optional.empty();
            }
        }
        if (v.isEmpty()) {
            v = secondsOf(value);
            if (v.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new double[] {k.getAsLong() / NANOS_PER_SECOND, v.getAsLong() / NANOS_PER_SECOND});
    }

    private static OptionalLong durationText(JsonNode node) {
        if (node == null || !node.isTextual() || node.textValue().equals("0")) {
            return OptionalLong.empty();
        }
        return GoValues.duration(node.textValue());
    }

    /** {@code time.Duration(n) * time.Second} for a number (floats truncated first, as Go converts). */
    private static OptionalLong secondsOf(JsonNode node) {
        if (GoValues.isInt(node)) {
            return OptionalLong.of(node.longValue() * 1_000_000_000L);
        }
        if (GoValues.isFloat(node)) {
            return OptionalLong.of((long) node.doubleValue() * 1_000_000_000L);
        }
        return OptionalLong.empty();
    }

    // ---- set operators ----

    private static boolean isScalarKey(JsonNode key) {
        return key != null && (key.isTextual() || key.isNumber() || key.isBoolean());
    }

    private static List<String> sprintAll(JsonNode list) {
        List<String> out = new ArrayList<>(list.size());
        for (JsonNode item : list) {
            out.add(GoValues.sprint(item));
        }
        return out;
    }

    /** {@code json.Valid} followed by unmarshalling into {@code []string}; empty when invalid JSON. */
    private static Optional<Optional<List<String>>> jsonStrings(String text) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (parsed == null || parsed.isMissingNode()) {
            return Optional.empty();
        }
        if (parsed.isNull()) {
            return Optional.of(Optional.of(List.of()));
        }
        if (!parsed.isArray()) {
            return Optional.of(Optional.empty());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : parsed) {
            if (item.isNull()) {
                out.add("");
            } else if (item.isTextual()) {
                out.add(item.textValue());
            } else {
                return Optional.of(Optional.empty());
            }
        }
        return Optional.of(Optional.of(out));
    }

    /**
     * A string value as a list: a JSON list of strings, or the string itself when it is not JSON;
     * empty when it is JSON but not a list of strings (an invalid type).
     */
    private static Optional<List<String>> stringValueList(String text) {
        Optional<Optional<List<String>>> json = jsonStrings(text);
        if (json.isPresent()) {
            return json.get();
        }
        return Optional.of(List.of(text));
    }

    private static boolean wildcardEither(String a, String b) {
        return Wildcard.match(a, b) || Wildcard.match(b, a);
    }

    /** {@code anyKeyExistsInArray} (also {@code allKeyExistsInArray}); empty for an invalid type. */
    private static Optional<Boolean> scalarIn(String key, JsonNode value) {
        if (value != null && value.isArray()) {
            for (JsonNode item : value) {
                if (wildcardEither(GoValues.sprint(item), key)) {
                    return Optional.of(true);
                }
            }
            return Optional.of(false);
        }
        if (value != null && value.isTextual()) {
            String v = value.textValue();
            if (Wildcard.match(v, key)) {
                return Optional.of(true);
            }
            if (ValuePattern.operatorOf(v) == ValuePattern.Operator.IN_RANGE) {
                return Optional.of(ValuePattern.validate(TextNode.valueOf(key), value));
            }
            Optional<List<String>> list = stringValueList(v);
            if (list.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(list.get().contains(key));
        }
        return Optional.empty();
    }

    private static boolean anyIn(JsonNode key, JsonNode value, boolean not) {
        if (isScalarKey(key)) {
            Optional<Boolean> exists = scalarIn(GoValues.sprint(key), value);
            return exists.isPresent() && (not ? !exists.get() : exists.get());
        }
        if (key != null && key.isArray()) {
            List<String> keys = sprintAll(key);
            Optional<Boolean> result = anySet(keys, value, not);
            return result.orElse(false);
        }
        return false;
    }

    private static Optional<Boolean> anySet(List<String> keys, JsonNode value, boolean not) {
        List<String> values;
        if (value != null && value.isArray()) {
            values = sprintAll(value);
        } else if (value != null && (value.isNumber() || value.isBoolean())) {
            values = List.of(GoValues.sprint(value));
        } else if (value != null && value.isTextual()) {
            String v = value.textValue();
            if (keys.size() == 1 && keys.get(0).equals(v)) {
                return Optional.of(!not);
            }
            if (ValuePattern.operatorOf(v) == ValuePattern.Operator.IN_RANGE) {
                JsonNode range = not ? TextNode.valueOf(v.replaceFirst("-", "!-")) : value;
                for (String k : keys) {
                    if (ValuePattern.validate(TextNode.valueOf(k), range)) {
                        return Optional.of(true);
                    }
                }
                return Optional.of(false);
            }
            Optional<List<String>> list = stringValueList(v);
            if (list.isEmpty()) {
                return Optional.empty();
            }
            values = list.get();
        } else {
            return Optional.empty();
        }
        if (not) {
            for (String k : keys) {
                boolean found = false;
                for (String v : values) {
                    if (wildcardEither(k, v)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return Optional.of(true);
                }
            }
            return Optional.of(false);
        }
        for (String k : keys) {
            for (String v : values) {
                if (wildcardEither(k, v)) {
                    return Optional.of(true);
                }
            }
        }
        return Optional.of(false);
    }

    private static boolean allIn(JsonNode key, JsonNode value, boolean not) {
        if (isScalarKey(key)) {
            Optional<Boolean> exists = scalarIn(GoValues.sprint(key), value);
            return exists.isPresent() && (not ? !exists.get() : exists.get());
        }
        if (key != null && key.isArray()) {
            return allSet(sprintAll(key), value, not).orElse(false);
        }
        return false;
    }

    private static Optional<Boolean> allSet(List<String> keys, JsonNode value, boolean not) {
        List<String> values;
        if (value != null && value.isArray()) {
            values = sprintAll(value);
        } else if (value != null && value.isTextual()) {
            String v = value.textValue();
            if (keys.size() == 1 && keys.get(0).equals(v)) {
                return Optional.of(!not);
            }
            if (ValuePattern.operatorOf(v) == ValuePattern.Operator.IN_RANGE) {
                int inRange = 0;
                for (String k : keys) {
                    if (ValuePattern.validate(TextNode.valueOf(k), value)) {
                        inRange++;
                    }
                }
                return Optional.of(not ? inRange == 0 : inRange == keys.size());
            }
            Optional<List<String>> list = stringValueList(v);
            if (list.isEmpty()) {
                return Optional.empty();
            }
            values = list.get();
        } else {
            return Optional.empty();
        }
        if (not) {
            for (String k : keys) {
                for (String v : values) {
                    if (wildcardEither(k, v)) {
                        return Optional.of(false);
                    }
                }
            }
            return Optional.of(true);
        }
        int found = 0;
        for (String k : keys) {
            for (String v : values) {
                if (wildcardEither(k, v)) {
                    found++;
                    break;
                }
            }
        }
        return Optional.of(found == keys.size());
    }

    /** The deprecated {@code In} and {@code NotIn}: exact set membership for lists of keys. */
    private static boolean in(JsonNode key, JsonNode value, boolean not) {
        if (isScalarKey(key)) {
            String k = GoValues.sprint(key);
            Optional<Boolean> exists;
            if (value != null && value.isArray()) {
                boolean found = false;
                for (JsonNode item : value) {
                    if (wildcardEither(GoValues.sprint(item), k)) {
                        found = true;
                        break;
                    }
                }
                exists = Optional.of(found);
            } else if (value != null && value.isTextual()) {
                if (Wildcard.match(value.textValue(), k)) {
                    exists = Optional.of(true);
                } else {
                    Optional<Optional<List<String>>> json = jsonStrings(value.textValue());
                    exists = json.isPresent() && json.get().isPresent()
                            ? Optional.of(json.get().get().contains(k)) : Optional.empty();
                }
            } else {
                exists = Optional.empty();
            }
            return exists.isPresent() && (not ? !exists.get() : exists.get());
        }
        if (key == null || !key.isArray()) {
            return false;
        }
        List<String> keys = sprintAll(key);
        List<String> values;
        if (value != null && value.isArray()) {
            values = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    return false;
                }
                values.add(item.textValue());
            }
        } else if (value != null && value.isTextual()) {
            if (keys.size() == 1 && keys.get(0).equals(value.textValue())) {
                return true;
            }
            Optional<Optional<List<String>>> json = jsonStrings(value.textValue());
            if (json.isEmpty() || json.get().isEmpty()) {
                return false;
            }
            values = json.get().get();
        } else {
            return false;
        }
        if (not) {
            for (String k : keys) {
                if (!values.contains(k)) {
                    return true;
                }
            }
            return false;
        }
        return values.containsAll(keys);
    }

    // ---- numeric comparisons ----

    private static boolean compare(String operator, double key, double value) {
        return switch (operator) {
            case "GreaterThanOrEquals" -> key >= value;
            case "GreaterThan" -> key > value;
            case "LessThanOrEquals" -> key <= value;
            case "LessThan" -> key < value;
            default -> false;
        };
    }

    private static boolean numeric(String operator, JsonNode key, JsonNode value) {
        if (GoValues.isInt(key) || GoValues.isFloat(key)) {
            return numericNumber(operator, key, key.doubleValue(), value);
        }
        if (key != null && key.isTextual()) {
            String k = key.textValue();
            Optional<double[]> durations = durations(key, value);
            if (durations.isPresent()) {
                return compare(operator, durations.get()[0], durations.get()[1]);
            }
            if (value != null && value.isTextual()) {
                Optional<KubeQuantity> kq = GoValues.quantity(k);
                Optional<KubeQuantity> vq = GoValues.quantity(value.textValue());
                if (kq.isPresent() && vq.isPresent()) {
                    return compare(operator, kq.get().compareAmount(vq.get()), 0);
                }
            }
            OptionalDouble f = GoValues.parseFloat(k);
            if (f.isPresent()) {
                return numericNumber(operator, null, f.getAsDouble(), value);
            }
            Optional<Semver.Version> version = GoValues.semver(k);
            if (version.isPresent()) {
                if (value == null || !value.isTextual()) {
                    return false;
                }
                Optional<Semver.Version> v = GoValues.semver(value.textValue());
                return v.isPresent() && compare(operator, version.get().compareTo(v.get()), 0);
            }
        }
        return false;
    }

    private static boolean numericNumber(String operator, JsonNode keyNode, double key, JsonNode value) {
        if (GoValues.isInt(value) || GoValues.isFloat(value)) {
            return compare(operator, key, value.doubleValue());
        }
        if (value != null && value.isTextual()) {
            if (keyNode != null) {
                Optional<double[]> durations = durations(keyNode, value);
                if (durations.isPresent()) {
                    return compare(operator, durations.get()[0], durations.get()[1]);
                }
            } else {
                Optional<double[]> durations = durations(com.fasterxml.jackson.databind.node.DoubleNode.valueOf(key),
                        value);
                if (durations.isPresent()) {
                    return compare(operator, durations.get()[0], durations.get()[1]);
                }
            }
            OptionalDouble f = GoValues.parseFloat(value.textValue());
            if (f.isPresent()) {
                return compare(operator, key, f.getAsDouble());
            }
            return false;
        }
        return false;
    }

    // ---- deprecated Duration* operators ----

    private static boolean durationCompare(String operator, long key, long value) {
        return switch (operator) {
            case "DurationGreaterThanOrEquals" -> key >= value;
            case "DurationGreaterThan" -> key > value;
            case "DurationLessThanOrEquals" -> key <= value;
            case "DurationLessThan" -> key < value;
            default -> false;
        };
    }

    private static boolean duration(String operator, JsonNode key, JsonNode value) {
        OptionalLong k;
        if (GoValues.isInt(key) || GoValues.isFloat(key)) {
            k = secondsOf(key);
        } else if (key != null && key.isTextual()) {
            k = GoValues.duration(key.textValue());
        } else {
            return false;
        }
        if (k.isEmpty()) {
            return false;
        }
        OptionalLong v;
        if (GoValues.isInt(value) || GoValues.isFloat(value)) {
            v = secondsOf(value);
        } else if (value != null && value.isTextual()) {
            v = GoValues.duration(value.textValue());
        } else {
            return false;
        }
        return v.isPresent() && durationCompare(operator, k.getAsLong(), v.getAsLong());
    }
}
