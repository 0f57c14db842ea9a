package dev.palisade.core.internal.gostrconv;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.FormatFloat}: a float as text in one of Go's formats, with a precision or with
 * the shortest digits that read back as the same float (Java 17's {@code Double.toString} is not
 * always shortest).
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

    /**
     * Go's {@code strconv.FormatFloat(v, fmt, prec, 64)}.
     *
     * @param v the float64
     * @param fmt {@code 'e'}, {@code 'E'}, {@code 'f'}, {@code 'F'}, {@code 'g'}, {@code 'G'}, {@code 'b'}
     *     or {@code 'x'}
     * @param prec digits after the point ({@code e}, {@code f}) or significant digits ({@code g}); -1 for
     *     the shortest that read back as {@code v}
     * @return the text: {@code NaN}, {@code +Inf}, {@code -Inf} for those values
     */
    public static String format(double v, char fmt, int prec) {
        return format(v, fmt, prec, false);
    }

    /**
     * Go's {@code strconv.FormatFloat(v, fmt, prec, 32)}, the float32 forms ({@code 'e'}, {@code 'f'},
     * {@code 'g'} and their capitals): the shortest digits are those that read back as the float32.
     *
     * @param v the float32
     * @param fmt {@code 'e'}, {@code 'E'}, {@code 'f'}, {@code 'F'}, {@code 'g'} or {@code 'G'}
     * @param prec as for {@link #format(double, char, int)}
     * @return the text
     * @throws IllegalArgumentException for another format
     */
    public static String format32(float v, char fmt, int prec) {
        if ("eEfFgG".indexOf(fmt) < 0) {
            throw new IllegalArgumentException("float32 format " + fmt);
        }
        return format(v, fmt, prec, true);
    }

    private static String format(double v, char fmt, int prec, boolean float32) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = v < 0 || (v == 0 && 1 / v < 0);
        double a = Math.abs(v);
        String sign = neg ? "-" : "";
        switch (fmt) {
            case 'f', 'F' -> {
                if (prec < 0) {
                    Digits d = shortest(a, float32);
                    return sign + fixed(d.digits(), d.point(), Math.max(d.digits().length() - d.point(), 0));
                }
                BigDecimal b = new BigDecimal(a).setScale(prec, RoundingMode.HALF_EVEN);
                return sign + b.toPlainString();
            }
            case 'e', 'E' -> {
                String digits;
                int exp;
                if (prec < 0) {
                    Digits d = shortest(a, float32);
                    digits = d.digits();
                    exp = d.point() - 1;
                } else {
                    String[] de = roundSig(a, prec + 1);
                    digits = de[0];
                    exp = Integer.parseInt(de[1]);
                }
                return sign + exponential(digits, exp, prec < 0 ? digits.length() - 1 : prec, fmt);
            }
            case 'g', 'G' -> {
                int p = prec;
                String digits;
                int exp;
                boolean shortest = p < 0;
                if (shortest) {
                    Digits d = shortest(a, float32);
                    digits = d.digits();
                    exp = d.point() - 1;
                } else {
                    if (p == 0) {
                        p = 1;
                    }
                    String[] de = roundSig(a, p);
                    digits = stripZeros(de[0]);
                    exp = Integer.parseInt(de[1]);
                }
                // %e when the exponent is below -4 or at least the precision (6 for the shortest digits)
                int eprec = p;
                if (shortest) {
                    eprec = 6;
                } else if (eprec > digits.length() && digits.length() >= exp + 1) {
                    eprec = digits.length();
                }
                if (exp < -4 || exp >= eprec) {
                    return sign + exponential(digits, exp, digits.length() - 1, fmt == 'G' ? 'E' : 'e');
                }
                return sign + fixed(digits, exp + 1, Math.max(digits.length() - (exp + 1), 0));
            }
            case 'b' -> {
                long bits = Double.doubleToRawLongBits(a);
                long mant = bits & ((1L << 52) - 1);
                int e = (int) ((bits >> 52) & 0x7ff);
                if (e == 0) {
                    e++;
                } else {
                    mant |= 1L << 52;
                }
                e -= 1075;
                return sign + mant + "p" + (e >= 0 ? "+" : "") + e;
            }
            default -> {
                // %x: hexadecimal mantissa and binary exponent
                return sign + Double.toHexString(a).replace("0x1.0p", "0x1p");
            }
        }
    }

    private static String stripZeros(String digits) {
        int n = digits.length();
        while (n > 1 && digits.charAt(n - 1) == '0') {
            n--;
        }
        return digits.substring(0, n);
    }

    /** Rounds to n significant digits: {digits (exactly n), exponent of the first digit}. */
    private static String[] roundSig(double a, int n) {
        if (a == 0) {
            return new String[] {"0".repeat(n), "0"};
        }
        BigDecimal b = new BigDecimal(a).round(new MathContext(n, RoundingMode.HALF_EVEN));
        String unscaled = b.unscaledValue().toString();
        int exp = unscaled.length() - b.scale() - 1;
        StringBuilder d = new StringBuilder(unscaled);
        while (d.length() < n) {
            d.append('0');
        }
        return new String[] {d.substring(0, n), Integer.toString(exp)};
    }

    /** {@code d.ddde±XX}: the first digit, {@code fracDigits} more (zero-padded), a two-digit exponent at least. */
    private static String exponential(String digits, int exp, int fracDigits, char e) {
        StringBuilder sb = new StringBuilder();
        sb.append(digits.charAt(0));
        if (fracDigits > 0) {
            sb.append('.');
            for (int i = 1; i <= fracDigits; i++) {
                sb.append(i < digits.length() ? digits.charAt(i) : '0');
            }
        }
        sb.append(e).append(exp < 0 ? '-' : '+');
        int x = Math.abs(exp);
        if (x < 10) {
            sb.append('0');
        }
        sb.append(x);
        return sb.toString();
    }

    /** The digits with the decimal point after {@code pointPos} of them, and exactly {@code frac} fraction digits. */
    private static String fixed(String digits, int pointPos, int frac) {
        StringBuilder sb = new StringBuilder();
        if (pointPos <= 0) {
            sb.append('0');
        } else {
            for (int i = 0; i < pointPos; i++) {
                sb.append(i < digits.length() ? digits.charAt(i) : '0');
            }
        }
        if (frac > 0) {
            sb.append('.');
            for (int i = 0; i < frac; i++) {
                int idx = pointPos + i;
                sb.append(idx >= 0 && idx < digits.length() ? digits.charAt(idx) : '0');
            }
        }
        return sb.toString();
    }
}
