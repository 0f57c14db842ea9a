package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes quantities read exactly as the library's Rego reads them ({@code canonify_cpu},
 * {@code canonify_mem}, {@code canonify_storage}): CPU in millicores, memory and storage in
 * millibytes. This is deliberately not Kubernetes' own quantity grammar: the Rego accepts
 * {@code 1e3m} as CPU (the part before {@code m} goes through {@code to_number}), rejects
 * {@code 1e3} as memory, and strips every occurrence of the suffix before checking the digits.
 * An empty result means "could not be parsed" (the Rego function is undefined).
 */
final class Quantities {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private static final Map<String, BigDecimal> MEMORY_MULTIPLES = Map.ofEntries(
            Map.entry("E", new BigDecimal("1000000000000000000000")),
            Map.entry("P", new BigDecimal("1000000000000000000")),
            Map.entry("T", new BigDecimal("1000000000000000")),
            Map.entry("G", new BigDecimal("1000000000000")),
            Map.entry("M", new BigDecimal("1000000000")),
            Map.entry("k", new BigDecimal("1000000")),
            Map.entry("", THOUSAND),
            Map.entry("m", BigDecimal.ONE),
            Map.entry("Ki", new BigDecimal("1024000")),
            Map.entry("Mi", new BigDecimal("1048576000")),
            Map.entry("Gi", new BigDecimal("1073741824000")),
            Map.entry("Ti", new BigDecimal("1099511627776000")),
            Map.entry("Pi", new BigDecimal("1125899906842624000")),
            Map.entry("Ei", new BigDecimal("1152921504606846976000")));

    private Quantities() {
    }

    /** {@code canonify_cpu}: millicores. */
    static Optional<BigDecimal> cpu(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(value.decimalValue().multiply(THOUSAND));
        }
        if (!value.isTextual()) {
            return Optional.empty();
        }
        String text = value.textValue();
        if (text.endsWith("m")) {
            return toNumber(text.replace("m", ""));
        }
        if (isPlainDecimal(text)) {
            return toNumber(text).map(n -> n.multiply(THOUSAND));
        }
        return Optional.empty();
    }

    /** {@code canonify_mem} / {@code canonify_storage}: millibytes. */
    static Optional<BigDecimal> memory(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(value.decimalValue().multiply(THOUSAND));
        }
        if (!value.isTextual()) {
            return Optional.empty();
        }
        String text = value.textValue();
        String suffix = memorySuffix(text);
        String raw = suffix.isEmpty() ? text : text.replace(suffix, "");
        if (!isPlainDecimal(raw)) {
            return Optional.empty();
        }
        return toNumber(raw).map(n -> n.multiply(MEMORY_MULTIPLES.get(suffix)));
    }

    /** {@code get_suffix}: the one- or two-character unit at the end, or {@code ""}. */
    static String memorySuffix(String text) {
        int n = text.length();
        if (n >= 1 && MEMORY_MULTIPLES.containsKey(text.substring(n - 1))) {
            return text.substring(n - 1);
        }
        if (n >= 2 && MEMORY_MULTIPLES.containsKey(text.substring(n - 2))) {
            return text.substring(n - 2);
        }
        return "";
    }

    /** The regular expression {@code ^[0-9]+(\.[0-9]+)?$}, without a regex engine. */
    static boolean isPlainDecimal(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        if (i == n) {
            return true;
        }
        if (text.charAt(i) != '.') {
            return false;
        }
        int fraction = ++i;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        return i == n && i > fraction;
    }

    /**
     * OPA's {@code to_number} on a string: a decimal floating-point literal (optional sign,
     * digits with an optional fraction, optional exponent) within the range of a 64-bit float.
     */
    static Optional<BigDecimal> toNumber(String text) {
        if (!isFloatLiteral(text)) {
            return Optional.empty();
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
        if (Double.isInfinite(value.doubleValue())) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static boolean isFloatLiteral(String text) {
        int n = text.length();
        int i = 0;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
