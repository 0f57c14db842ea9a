package dev.palisade.rego.internal.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Binary floating point with a 64-bit mantissa, rounding to nearest even: the arithmetic OPA does
 * on numbers that are not small integers (Go's {@code big.Float} at its default precision), so
 * results and their text match OPA's.
 */
public final class BigFloat implements Comparable<BigFloat> {
    static final int PREC = 64;

    private final boolean negative;
    private final BigInteger mant; // zero, or exactly PREC bits
    private final int exp;         // value = mant * 2^exp

    private BigFloat(boolean negative, BigInteger mant, int exp) {
        this.negative = negative;
        this.mant = mant;
        this.exp = exp;
    }

    private static BigFloat zero(boolean negative) {
        return new BigFloat(negative, BigInteger.ZERO, 0);
    }

    public boolean isZero() {
        return mant.signum() == 0;
    }

    public boolean signbit() {
        return negative;
    }

    /** Rounds |q| * 2^e (plus a sticky non-zero remainder) to PREC bits. */
    private static BigFloat round(boolean negative, BigInteger q, int e, boolean sticky) {
        if (q.signum() == 0) {
            return zero(negative);
        }
        int excess = q.bitLength() - PREC;
        if (excess <= 0) {
            return new BigFloat(negative, q.shiftLeft(-excess), e + excess);
        }
        BigInteger m = q.shiftRight(excess);
        boolean half = q.testBit(excess - 1);
        boolean lower = sticky || q.getLowestSetBit() < excess - 1;
        if (half && (lower || m.testBit(0))) {
            m = m.add(BigInteger.ONE);
            if (m.bitLength() > PREC) {
                m = m.shiftRight(1);
                excess++;
            }
        }
        return new BigFloat(negative, m, e + excess);
    }

    private static BigFloat fromRational(boolean negative, BigInteger num, BigInteger den, int e) {
        if (num.signum() == 0) {
            return zero(negative);
        }
        int shift = PREC + 2 - (num.bitLength() - den.bitLength());
        BigInteger[] qr;
        if (shift >= 0) {
            qr = num.shiftLeft(shift).divideAndRemainder(den);
        } else {
            qr = num.divideAndRemainder(den.shiftLeft(-shift));
        }
        return round(negative, qr[0], e - shift, qr[1].signum() != 0);
    }

    public static BigFloat of(BigDecimal d) {
        boolean neg = d.signum() < 0;
        BigInteger u = d.unscaledValue().abs();
        int scale = d.scale();
        if (scale <= 0) {
            return round(neg, u.multiply(BigInteger.TEN.pow(-scale)), 0, false);
        }
        return fromRational(neg, u, BigInteger.TEN.pow(scale), 0);
    }

    public static BigFloat of(NumberValue n) {
        if (n.isLong()) {
            long l = n.longValue();
            return round(l < 0, BigInteger.valueOf(l).abs(), 0, false);
        }
        return of(n.bigDecimal());
    }

    public static BigFloat of(BigInteger i) {
        return round(i.signum() < 0, i.abs(), 0, false);
    }

    private BigInteger signed(int toExp) {
        BigInteger v = mant.shiftLeft(exp - toExp);
        return negative ? v.negate() : v;
    }

    public BigFloat add(BigFloat o) {
        if (isZero()) {
            return o.isZero() ? zero(negative && o.negative) : o;
        }
        if (o.isZero()) {
            return this;
        }
        int topA = exp + PREC;
        int topB = o.exp + PREC;
        if (topA - topB > PREC + 3) {
            return this;
        }
        if (topB - topA > PREC + 3) {
            return o;
        }
        int e = Math.min(exp, o.exp);
        BigInteger s = signed(e).add(o.signed(e));
        if (s.signum() == 0) {
            return zero(false);
        }
        return round(s.signum() < 0, s.abs(), e, false);
    }

    public BigFloat negate() {
        return new BigFloat(!negative, mant, exp);
    }

    public BigFloat sub(BigFloat o) {
        return add(o.negate());
    }

    public BigFloat mul(BigFloat o) {
        boolean neg = negative ^ o.negative;
        if (isZero() || o.isZero()) {
            return zero(neg);
        }
        return round(neg, mant.multiply(o.mant), exp + o.exp, false);
    }

    /** Quotient; the caller checks for a zero divisor. */
    public BigFloat quo(BigFloat o) {
        boolean neg = negative ^ o.negative;
        if (isZero()) {
            return zero(neg);
        }
        return fromRational(neg, mant, o.mant, exp - o.exp);
    }

    public BigFloat abs() {
        return new BigFloat(false, mant, exp);
    }

    public boolean isInt() {
        if (isZero() || exp >= 0) {
            return true;
        }
        return -exp <= PREC && mant.getLowestSetBit() >= -exp;
    }

    /** The integer part, truncated toward zero. */
    public BigInteger truncate() {
        BigInteger v = exp >= 0 ? mant.shiftLeft(exp) : mant.shiftRight(-exp);
        return negative ? v.negate() : v;
    }

    /** The exact decimal value. */
    public BigDecimal toBigDecimal() {
        BigDecimal m = new BigDecimal(negative ? mant.negate() : mant);
        if (exp >= 0) {
            return m.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(exp)));
        }
        // m / 2^k = m * 5^k / 10^k
        int k = -exp;
        return new BigDecimal((negative ? mant.negate() : mant).multiply(BigInteger.valueOf(5).pow(k)), k);
    }

    @Override
    public int compareTo(BigFloat o) {
        return toBigDecimal().compareTo(o.toBigDecimal());
    }

    /** OPA's FloatToNumber: 'f' text for integers, shortest 'g' text otherwise. */
    public NumberValue toNumber() {
        String text = isInt() ? text('f') : text('g');
        if (isInt()) {
            BigInteger t = truncate();
            if (!text.startsWith("-0") && t.toString().equals(text)) {
                return NumberValue.of(t);
            }
        }
        return NumberValue.of(new BigDecimal(text.startsWith("-0") && isZero() ? "0" : text), text);
    }

    /** Go's {@code Text(format, -1)} for 'f' and 'g'. */
    public String text(char format) {
        if (isZero()) {
            return negative ? "-0" : "0";
        }
        BigDecimal exact = toBigDecimal().abs();
        BigDecimal halfUlp = new BigDecimal(BigInteger.ONE).multiply(pow2(exp - 1));
        BigDecimal lower = exact.subtract(halfUlp);
        BigDecimal upper = exact.add(halfUlp);
        boolean inclusive = !mant.testBit(0);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 40; p++) {
            BigDecimal c = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            int cl = c.compareTo(lower);
            int cu = c.compareTo(upper);
            if (inclusive ? (cl >= 0 && cu <= 0) : (cl > 0 && cu < 0)) {
                shortest = c;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int dp = digits.length() - shortest.scale(); // value = 0.digits * 10^dp
        StringBuilder sb = new StringBuilder();
        if (negative) {
            sb.append('-');
        }
        if (format == 'g') {
            int e = dp - 1;
            if (e < -4 || e >= 6) {
                sb.append(digits.charAt(0));
                if (digits.length() > 1) {
                    sb.append('.').append(digits, 1, digits.length());
                }
                sb.append('e').append(e < 0 ? '-' : '+');
                int a = Math.abs(e);
                if (a < 10) {
                    sb.append('0');
                }
                sb.append(a);
                return sb.toString();
            }
        }
        // %f with just enough fraction digits
        if (dp <= 0) {
            sb.append("0.");
            for (int i = 0; i < -dp; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (dp >= digits.length()) {
            sb.append(digits);
            for (int i = digits.length(); i < dp; i++) {
                sb.append('0');
            }
        } else {
            sb.append(digits, 0, dp).append('.').append(digits, dp, digits.length());
        }
        return sb.toString();
    }

    private static BigDecimal pow2(int e) {
        if (e >= 0) {
            return new BigDecimal(BigInteger.ONE.shiftLeft(e));
        }
        return new BigDecimal(BigInteger.valueOf(5).pow(-e), -e);
    }
}
