package dev.palisade.kyverno.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.palisade.kyverno.jmespath.internal.KubeQuantity;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Kyverno's leaf patterns ({@code pkg/engine/pattern}): how one value of a resource is judged by
 * one value of a validate pattern. Booleans and numbers compare by value; {@code null} matches
 * zero values; a map pattern matches any map; a string pattern is a {@code |}-separated list of
 * {@code &}-joined conditions, each an optional operator ({@code !}, {@code >}, {@code <},
 * {@code >=}, {@code <=}) or a range ({@code 1-10}, {@code 1!-10}) before a duration, quantity
 * or wildcard string.
 */
public final class ValuePattern {
    private static final Pattern IN_RANGE =
            Pattern.compile("^([-|\\+]?\\d+(?:\\.\\d+)?[A-Za-z]*)-([-|\\+]?\\d+(?:\\.\\d+)?[A-Za-z]*)$");
    private static final Pattern NOT_IN_RANGE =
            Pattern.compile("^([-|\\+]?\\d+(?:\\.\\d+)?[A-Za-z]*)!-([-|\\+]?\\d+(?:\\.\\d+)?[A-Za-z]*)$");

    /** The operators of string patterns. */
    public enum Operator {
        /** No operator: equality. */
        EQUAL(""),
        /** {@code >=}. */
        MORE_EQUAL(">="),
        /** {@code <=}. */
        LESS_EQUAL("<="),
        /** {@code !}. */
        NOT_EQUAL("!"),
        /** {@code >}. */
        MORE(">"),
        /** {@code <}. */
        LESS("<"),
        /** {@code a-b}. */
        IN_RANGE("-"),
        /** {@code a!-b}. */
        NOT_IN_RANGE("!-");

        private final String text;

        Operator(String text) {
            this.text = text;
        }

        /** The operator as written. */
        public String text() {
            return text;
        }
    }

    private ValuePattern() {
    }

    /** Whether the value satisfies the pattern. */
    public static boolean validate(JsonNode value, JsonNode pattern) {
        if (GoValues.isNil(pattern)) {
            return validateNil(value);
        }
        if (pattern.isBoolean()) {
            return value != null && value.isBoolean() && value.booleanValue() == pattern.booleanValue();
        }
        if (pattern.isIntegralNumber()) {
            return validateInt(value, pattern.longValue());
        }
        if (pattern.isNumber()) {
            return validateFloat(value, pattern.doubleValue());
        }
        if (pattern.isObject()) {
            return value != null && value.isObject();
        }
        if (pattern.isTextual()) {
            return validateStringPatterns(value, pattern.textValue());
        }
        return false;
    }

    private static boolean validateInt(JsonNode value, long pattern) {
        if (GoValues.isInt(value)) {
            return value.canConvertToLong() && value.longValue() == pattern;
        }
        if (GoValues.isFloat(value)) {
            double d = value.doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) && (long) d == pattern;
        }
        if (value != null && value.isTextual()) {
            OptionalLong parsed = GoValues.parseInt(value.textValue());
            return parsed.isPresent() && parsed.getAsLong() == pattern;
        }
        return false;
    }

    private static boolean validateFloat(JsonNode value, double pattern) {
        if (GoValues.isInt(value)) {
            return pattern == Math.rint(pattern) && (long) pattern == value.longValue();
        }
        if (GoValues.isFloat(value)) {
            return value.doubleValue() == pattern;
        }
        if (value != null && value.isTextual()) {
            OptionalDouble parsed = GoValues.parseFloat(value.textValue());
            return parsed.isPresent() && parsed.getAsDouble() == pattern;
        }
        return false;
    }

    private static boolean validateNil(JsonNode value) {
        if (GoValues.isNil(value)) {
            return true;
        }
        if (value.isNumber()) {
            return value.doubleValue() == 0;
        }
        if (value.isTextual()) {
            return value.textValue().isEmpty();
        }
        if (value.isBoolean()) {
            return !value.booleanValue();
        }
        return false;
    }

    private static boolean validateStringPatterns(JsonNode value, String pattern) {
        if (value != null && value.isTextual() && value.textValue().equals(pattern)) {
            return true;
        }
        for (String condition : pattern.split("\\|", -1)) {
            if (andConditions(value, trimSpaces(condition))) {
                return true;
            }
        }
        return false;
    }

    private static boolean andConditions(JsonNode value, String pattern) {
        for (String condition : pattern.split("&", -1)) {
            if (!validateStringPattern(value, trimSpaces(condition))) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code strings.Trim(s, " ")}: only spaces. */
    static String trimSpaces(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(start, end);
    }

    /** The operator at the start of a string pattern ({@code operator.GetOperatorFromStringPattern}). */
    public static Operator operatorOf(String pattern) {
        if (pattern.length() < 2) {
            return Operator.EQUAL;
        }
        if (pattern.startsWith(">=")) {
            return Operator.MORE_EQUAL;
        }
        if (pattern.startsWith("<=")) {
            return Operator.LESS_EQUAL;
        }
        if (pattern.startsWith(">")) {
            return Operator.MORE;
        }
        if (pattern.startsWith("<")) {
            return Operator.LESS;
        }
        if (pattern.startsWith("!")) {
            return Operator.NOT_EQUAL;
        }
        if (NOT_IN_RANGE.matcher(pattern).matches()) {
            return Operator.NOT_IN_RANGE;
        }
        if (IN_RANGE.matcher(pattern).matches()) {
            return Operator.IN_RANGE;
        }
        return Operator.EQUAL;
    }

    private static boolean validateStringPattern(JsonNode value, String pattern) {
        Operator op = operatorOf(pattern);
        if (op == Operator.IN_RANGE) {
            Matcher m = IN_RANGE.matcher(pattern);
            if (!m.matches()) {
                return false;
            }
            return validateStringPattern(value, ">= " + m.group(1)) && validateStringPattern(value, "<= " + m.group(2));
        }
        if (op == Operator.NOT_IN_RANGE) {
            Matcher m = NOT_IN_RANGE.matcher(pattern);
            if (!m.matches()) {
                return false;
            }
            return validateStringPattern(value, "< " + m.group(1)) || validateStringPattern(value, "> " + m.group(2));
        }
        String operand = pattern.substring(op.text().length()).strip();
        return validateString(value, operand, op);
    }

    private static boolean validateString(JsonNode value, String pattern, Operator op) {
        Optional<Boolean> duration = compareDuration(value, pattern, op);
        if (duration.isPresent()) {
            return duration.get();
        }
        Optional<Boolean> quantity = compareQuantity(value, pattern, op);
        if (quantity.isPresent()) {
            return quantity.get();
        }
        return compareString(value, pattern, op);
    }

    private static Optional<Boolean> compareDuration(JsonNode value, String pattern, Operator op) {
        OptionalLong p = GoValues.duration(pattern);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> text = numberToString(value);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong v = GoValues.duration(text.get());
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return compare(Long.compare(v.getAsLong(), p.getAsLong()), op);
    }

    private static Optional<Boolean> compareQuantity(JsonNode value, String pattern, Operator op) {
        Optional<KubeQuantity> p = GoValues.quantity(pattern);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> text = numberToString(value);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<KubeQuantity> v = GoValues.quantity(text.get());
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return compare(v.get().compareAmount(p.get()), op);
    }

    private static Optional<Boolean> compare(int cmp, Operator op) {
        return switch (op) {
            case EQUAL -> Optional.of(cmp == 0);
            case NOT_EQUAL -> Optional.of(cmp != 0);
            case MORE -> Optional.of(cmp > 0);
            case LESS -> Optional.of(cmp < 0);
            case MORE_EQUAL -> Optional.of(cmp >= 0);
            case LESS_EQUAL -> Optional.of(cmp <= 0);
            default -> Optional.empty();
        };
    }

    /** Go's {@code convertNumberToString}: nil is "0", floats print with six decimals. */
    private static Optional<String> numberToString(JsonNode value) {
        if (GoValues.isNil(value)) {
            return Optional.of("0");
        }
        if (value.isTextual()) {
            return Optional.of(value.textValue());
        }
        if (value.isIntegralNumber()) {
            return Optional.of(value.bigIntegerValue().toString());
        }
        if (value.isNumber()) {
            return Optional.of(String.format(java.util.Locale.ROOT, "%f", value.doubleValue()));
        }
        return Optional.empty();
    }

    private static boolean compareString(JsonNode value, String pattern, Operator op) {
        if (op != Operator.EQUAL && op != Operator.NOT_EQUAL) {
            return false;
        }
        String text;
        if (GoValues.isNil(value)) {
            return false;
        } else if (value.isTextual()) {
            text = value.textValue();
        } else if (value.isIntegralNumber()) {
            text = value.bigIntegerValue().toString();
        } else if (value.isNumber()) {
            text = GoValues.formatE(value.doubleValue());
        } else if (value.isBoolean()) {
            text = value.booleanValue() ? "true" : "false";
        } else {
            return false;
        }
        boolean matched = Wildcard.match(pattern, text);
        return op == Operator.NOT_EQUAL ? !matched : matched;
    }
}
