package dev.palisade.core.internal.gostrconv;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The shortest decimal digits of a float that read back as the same float, as Go's
 * {@code strconv.FormatFloat} with precision -1 finds them (Java 17's {@code Double.toString} is
 * not always shortest).
 */
public final class GoFloats {
    private GoFloats() {
    }

    /**
     * Significant digits and the position of the decimal point: the value is
     * {@code 0.d1d2...dn × 10^point}, negated when {@code negative}.
     *
     * @param digits the significant digits, without leading or trailing zeros ({@code "0"} for zero)
     * @param point the decimal exponent of the digits' left end
     * @param negative whether the float is negative (-0 included)
     */
    public record Digits(String digits, int point, boolean negative) {
        /**
         * The digits as a decimal, with as many digits as they have (so {@code 1e+2} for 100).
         *
         * @return the value
         */
        public BigDecimal toBigDecimal() {
            BigDecimal d = new BigDecimal(new BigInteger(digits), digits.length() - point);
            return negative ? d.negate() : d;
        }
    }

    /**
     * The shortest digits that read back as {@code v} ({@code FormatFloat(v, 'e', -1, 64)}'s digits).
     *
     * @param v a finite float64
     * @return the digits
     */
    public static Digits shortest(double v) {
        return shortest(v, false);
    }

    /**
     * The shortest digits that read back as {@code v} when read as a float32
     * ({@code FormatFloat(v, 'e', -1, 32)}'s digits).
     *
     * @param v a finite float32
     * @return the digits
     */
    public static Digits shortest32(float v) {
        return shortest(v, true);
    }

    private static Digits shortest(double v, boolean float32) {
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        double a = Math.abs(v);
        if (a == 0) {
            return new Digits("0", 1, negative);
        }
        BigDecimal exact = new BigDecimal(a);
        // 17 significant digits always read back (9 for a float32), so the loop ends within them
        for (int p = 1; p < 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            boolean same = float32 ? Float.parseFloat(r.toString()) == (float) a : r.doubleValue() == a;
            if (same) {
                return digitsOf(r, negative);
            }
        }
        return digitsOf(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)), negative);
    }

    private static Digits digitsOf(BigDecimal r, boolean negative) {
        BigDecimal s = r.stripTrailingZeros();
        String digits = s.unscaledValue().toString();
        return new Digits(digits, digits.length() - s.scale(), negative);
    }
}
