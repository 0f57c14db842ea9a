package dev.palisade.kyverno.internal;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A Kubernetes resource quantity ({@code k8s.io/apimachinery} {@code resource.ParseQuantity}):
 * a signed decimal number with a binary-SI suffix ({@code Ki}…{@code Ei}), a decimal-SI suffix
 * ({@code n}, {@code u}, {@code m}, {@code k}, {@code M}, {@code G}, {@code T}, {@code P},
 * {@code E}) or a decimal exponent ({@code e3}, {@code E-2}). Values compare exactly.
 *
 * @param value the exact value
 */
public record Quantity(BigDecimal value) implements Comparable<Quantity> {
    private static final int MAX_EXPONENT = 100_000;

    /** The quantity, or empty when the text is not one. */
    public static Optional<Quantity> parse(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int pos = 0;
        int end = text.length();
        boolean negative = false;
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            negative = text.charAt(0) == '-';
            pos++;
        }
        int numStart = pos;
        while (pos < end && isDigit(text.charAt(pos))) {
            pos++;
        }
        String num = text.substring(numStart, pos);
        String denom = "";
        if (pos < end && text.charAt(pos) == '.') {
            pos++;
            int denomStart = pos;
            while (pos < end && isDigit(text.charAt(pos))) {
                pos++;
            }
            denom = text.substring(denomStart, pos);
        }
        String suffix = text.substring(pos);
        BigDecimal number = new BigDecimal((num.isEmpty() ? "0" : num) + (denom.isEmpty() ? "" : "." + denom));
        Optional<BigDecimal> scaled = applySuffix(number, suffix);
        if (scaled.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal value = negative ? scaled.get().negate() : scaled.get();
        return Optional.of(new Quantity(value));
    }

    /** Whether the text is a quantity. */
    public static boolean isQuantity(String text) {
        return parse(text).isPresent();
    }

    private static Optional<BigDecimal> applySuffix(BigDecimal number, String suffix) {
        switch (suffix) {
            case "":
                return Optional.of(number);
            case "n":
                return Optional.of(number.scaleByPowerOfTen(-9));
            case "u":
                return Optional.of(number.scaleByPowerOfTen(-6));
            case "m":
                return Optional.of(number.scaleByPowerOfTen(-3));
            case "k":
                return Optional.of(number.scaleByPowerOfTen(3));
            case "M":
                return Optional.of(number.scaleByPowerOfTen(6));
            case "G":
                return Optional.of(number.scaleByPowerOfTen(9));
            case "T":
                return Optional.of(number.scaleByPowerOfTen(12));
            case "P":
                return Optional.of(number.scaleByPowerOfTen(15));
            case "E":
                return Optional.of(number.scaleByPowerOfTen(18));
            case "Ki":
                return Optional.of(number.multiply(BigDecimal.valueOf(1L << 10)));
            case "Mi":
                return Optional.of(number.multiply(BigDecimal.valueOf(1L << 20)));
            case "Gi":
                return Optional.of(number.multiply(BigDecimal.valueOf(1L << 30)));
            case "Ti":
                return Optional.of(number.multiply(BigDecimal.valueOf(1L << 40)));
            case "Pi":
                return Optional.of(number.multiply(BigDecimal.valueOf(1L << 50)));
            case "Ei":
                return Optional.of(number.multiply(BigDecimal.valueOf(1L << 60)));
            default:
                break;
        }
        if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
            String exponent = suffix.substring(1);
            int i = 0;
            if (exponent.charAt(0) == '-' || exponent.charAt(0) == '+') {
                i = 1;
            }
            if (i == exponent.length() || exponent.length() > 10) {
                return Optional.empty();
            }
            for (int j = i; j < exponent.length(); j++) {
                if (!isDigit(exponent.charAt(j))) {
                    return Optional.empty();
                }
            }
            long e = Long.parseLong(exponent);
            if (Math.abs(e) > MAX_EXPONENT) {
                return Optional.empty();
            }
            return Optional.of(number.scaleByPowerOfTen((int) e));
        }
        return Optional.empty();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    /** Whether both quantities have the same value. */
    public boolean sameAs(Quantity other) {
        return compareTo(other) == 0;
    }
}
