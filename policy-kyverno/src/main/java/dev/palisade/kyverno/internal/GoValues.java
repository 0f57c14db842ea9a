package dev.palisade.kyverno.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How Kyverno, written in Go, sees JSON values: integral numbers are {@code int64} (as in
 * Kubernetes unstructured objects), other numbers {@code float64}; and the Go text conversions it
 * relies on ({@code fmt.Sprint}, {@code strconv.FormatFloat}, {@code strconv.ParseFloat},
 * {@code strconv.ParseInt}).
 */
public final class GoValues {
    private GoValues() {
    }

    /** Whether the node holds a Go {@code int64}: an integral JSON number. */
    public static boolean isInt(JsonNode node) {
        return node != null && node.isIntegralNumber();
    }

    /** Whether the node holds a Go {@code float64}: a JSON number with a fraction or exponent. */
    public static boolean isFloat(JsonNode node) {
        return node != null && node.isNumber() && !node.isIntegralNumber();
    }

    /** Whether the node is absent or JSON null (Go {@code nil}). */
    public static boolean isNil(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** The value as a Go float64 (for numbers). */
    public static double asDouble(JsonNode node) {
        return node.asDouble();
    }

    /** {@code fmt.Sprint(value)} for a JSON value. */
    public static String sprint(JsonNode node) {
        if (isNil(node)) {
            return "<nil>";
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "true" : "false";
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return formatG(node.doubleValue());
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                out.append(sprint(node.get(i)));
            }
            return out.append(']').toString();
        }
        StringBuilder out = new StringBuilder("map[");
        java.util.List<String> keys = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        java.util.Collections.sort(keys);
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(keys.get(i)).append(':').append(sprint(node.get(keys.get(i))));
        }
        return out.append(']').toString();
    }

    /** {@code strconv.FormatFloat(v, 'g', -1, 64)}, which {@code fmt.Sprint} uses for float64. */
    public static String formatG(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String sign = v < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            return sign + mantissa(digits) + "e" + (exponent < 0 ? "-" : "+") + twoDigits(Math.abs(exponent));
        }
        return sign + d.abs().toPlainString();
    }

    /** {@code strconv.FormatFloat(v, 'E', -1, 64)}: {@code 1.5E+00}. */
    public static String formatE(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return ((1 / v < 0) ? "-" : "") + "0E+00";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        return (v < 0 ? "-" : "") + mantissa(digits) + "E" + (exponent < 0 ? "-" : "+") + twoDigits(Math.abs(exponent));
    }

    private static String mantissa(String digits) {
        return digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    }

    private static String twoDigits(int exponent) {
        return exponent < 10 ? "0" + exponent : Integer.toString(exponent);
    }

    /** {@code strconv.ParseFloat(text, 64)} for decimal text (also {@code inf}, {@code nan}). */
    public static OptionalDouble parseFloat(String text) {
        String s = text;
        if (s.isEmpty()) {
            return OptionalDouble.empty();
        }
        String lower = s.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return OptionalDouble.of(lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (unsigned.equals("nan")) {
            return OptionalDouble.of(Double.NaN);
        }
        if (!isDecimalFloat(s)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(s));
    }

    private static boolean isDecimalFloat(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** {@code strconv.ParseInt(text, 10, 64)}. */
    public static OptionalLong parseInt(String text) {
        String s = text;
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            i = 1;
        }
        if (i == s.length()) {
            return OptionalLong.empty();
        }
        for (int j = i; j < s.length(); j++) {
            if (s.charAt(j) < '0' || s.charAt(j) > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The node's text when it is a JSON string. */
    public static Optional<String> text(JsonNode node) {
        return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }
}
