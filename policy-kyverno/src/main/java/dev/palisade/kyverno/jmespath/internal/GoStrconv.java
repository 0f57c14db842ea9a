package dev.palisade.kyverno.jmespath.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Go's {@code strconv.ParseFloat} (64 bits) and {@code ParseInt} (base 10) acceptance rules. */
public final class GoStrconv {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern HEX = Pattern.compile("[+-]?0[xX](?:[0-9a-fA-F]+(?:\\.[0-9a-fA-F]*)?|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+");

    private GoStrconv() {
    }

    /** The value, or null when Go reports an error (syntax, or out of range). */
    public static Double parseFloat(String s) {
        if (s.length() > 4096) {
            return null;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        double d;
        if (DECIMAL.matcher(s).matches() || HEX.matcher(s).matches()) {
            d = Double.parseDouble(s);
        } else {
            return null;
        }
        return Double.isInfinite(d) ? null : d;
    }

    /** Go's {@code strconv.ParseInt(s, 10, 64)}: optional sign and digits; null when invalid or out of range. */
    public static Long parseInt(String s) {
        if (s.isEmpty() || s.length() > 40) {
            return null;
        }
        int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        if (i == s.length()) {
            return null;
        }
        for (int j = i; j < s.length(); j++) {
            if (s.charAt(j) < '0' || s.charAt(j) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
