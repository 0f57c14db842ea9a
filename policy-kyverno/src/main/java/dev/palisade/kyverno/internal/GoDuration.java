package dev.palisade.kyverno.internal;

import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * Go's {@code time.ParseDuration}: a signed sequence of decimal numbers, each with an optional
 * fraction and a unit ({@code ns}, {@code us}/{@code µs}/{@code μs}, {@code ms}, {@code s},
 * {@code m}, {@code h}), such as {@code 300ms}, {@code -1.5h} or {@code 2h45m}; {@code "0"} is
 * the only number allowed without a unit. Results are nanoseconds; overflowing int64 is an error.
 */
public final class GoDuration {
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /** The duration in nanoseconds, or empty when the text is not a Go duration. */
    public static OptionalLong parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return OptionalLong.of(0);
        }
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        BigInteger total = BigInteger.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            String whole = s.substring(start, i);
            String fraction = "";
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fracStart = i;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    i++;
                }
                fraction = s.substring(fracStart, i);
            }
            if (whole.isEmpty() && fraction.isEmpty()) {
                return OptionalLong.empty();
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            long unit = unit(s.substring(unitStart, i));
            if (unit == 0) {
                return OptionalLong.empty();
            }
            BigInteger nanos = new java.math.BigDecimal((whole.isEmpty() ? "0" : whole)
                    + (fraction.isEmpty() ? "" : "." + fraction))
                    .multiply(java.math.BigDecimal.valueOf(unit)).toBigInteger();
            total = total.add(nanos);
            if (total.compareTo(MAX) > 0) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(negative ? -total.longValue() : total.longValue());
    }

    /** Whether the text is a Go duration. */
    public static boolean isDuration(String text) {
        return parse(text).isPresent();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static long unit(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 0L;
        };
    }
}
