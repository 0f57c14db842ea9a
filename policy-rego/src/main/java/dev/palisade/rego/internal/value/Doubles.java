package dev.palisade.rego.internal.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Shortest round-trip decimal text of doubles (Java 17's Double.toString is not always shortest). */
public final class Doubles {
    private Doubles() {
    }

    /** The shortest decimal digits (as a plain BigDecimal string) that read back as {@code d}. */
    public static String shortest(double d) {
        if (d == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p <= 17; p++) {
            BigDecimal c = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (c.doubleValue() == d) {
                return c.stripTrailingZeros().toString();
            }
        }
        return exact.round(MathContext.DECIMAL64).toString();
    }

    /** Decimal digits and exponent of the shortest form: value = 0.d1d2d3... x 10^exp. */
    public static Digits shortestDigits(double d) {
        BigDecimal b = new BigDecimal(shortest(Math.abs(d))).stripTrailingZeros();
        String digits = b.unscaledValue().toString();
        int exp = digits.length() - b.scale();
        if (b.signum() == 0) {
            return new Digits("0", 1);
        }
        return new Digits(digits, exp);
    }

    /** Significant digits and the decimal point position (value = 0.digits x 10^pointPos). */
    public record Digits(String digits, int pointPos) {
    }
}
