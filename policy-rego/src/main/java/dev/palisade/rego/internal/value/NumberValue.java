package dev.palisade.rego.internal.value;

import dev.palisade.core.internal.gostrconv.GoFloats;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A number of arbitrary precision. Integers that fit a {@code long} are held as one; other values as
 * a {@link BigDecimal}. The text a number was written with (in a module or a JSON document) is kept,
 * as OPA keeps {@code json.Number} text, so that {@code 1.0} prints as {@code 1.0}; numbers compare
 * numerically ({@code 1 == 1.0}).
 */
public final class NumberValue extends Value {
    private static final NumberValue[] SMALL = new NumberValue[1025];
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new NumberValue(i - 512, null, null);
        }
    }

    public static final NumberValue ZERO = of(0);
    public static final NumberValue ONE = of(1);

    private final long lv;
    private final BigDecimal bd;
    private final String text;
    private int hash;

    private NumberValue(long lv, BigDecimal bd, String text) {
        this.lv = lv;
        this.bd = bd;
        this.text = text;
    }

    public static NumberValue of(long v) {
        if (v >= -512 && v <= 512) {
            return SMALL[(int) v + 512];
        }
        return new NumberValue(v, null, null);
    }

    public static NumberValue of(BigInteger v) {
        if (v.bitLength() < 64) {
            return of(v.longValue());
        }
        return new NumberValue(0, new BigDecimal(v), null);
    }

    public static NumberValue of(BigDecimal v) {
        return of(v, null);
    }

    /** A number with the text it is to be printed as (OPA keeps number text verbatim). */
    public static NumberValue of(BigDecimal v, String text) {
        if (v.signum() == 0) {
            return text == null || text.equals("0") ? ZERO : new NumberValue(0, null, text);
        }
        if (fitsLong(v)) {
            long l = v.longValueExact();
            if (text == null || text.equals(Long.toString(l))) {
                return of(l);
            }
            return new NumberValue(l, null, text);
        }
        return new NumberValue(0, v, text);
    }

    private static boolean fitsLong(BigDecimal v) {
        if (v.scale() > 0) {
            BigDecimal s = v.stripTrailingZeros();
            if (s.scale() > 0) {
                return false;
            }
            v = s;
        }
        return v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0;
    }

    /**
     * Parses a JSON/Rego number literal, keeping its text.
     *
     * @throws NumberFormatException if the text is not a number
     */
    public static NumberValue parse(String literal) {
        if (literal.length() < 19) {
            boolean digits = true;
            int start = literal.startsWith("-") ? 1 : 0;
            if (start == literal.length()) {
                throw new NumberFormatException(literal);
            }
            for (int i = start; i < literal.length(); i++) {
                char c = literal.charAt(i);
                if (c < '0' || c > '9') {
                    digits = false;
                    break;
                }
            }
            if (digits) {
                long l = Long.parseLong(literal);
                return Long.toString(l).equals(literal) ? of(l) : new NumberValue(l, null, literal);
            }
        }
        return of(new BigDecimal(literal), literal);
    }

    /** A number from a double, printed in its shortest round-trip form. */
    public static NumberValue of(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new ArithmeticException("not a finite number: " + d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
            return of((long) d);
        }
        return of(GoFloats.shortest(d).toBigDecimal());
    }

    /** Whether the value is mathematically an integer. */
    public boolean isInteger() {
        return bd == null || bd.signum() == 0 || bd.scale() <= 0 || bd.stripTrailingZeros().scale() <= 0;
    }

    /** Whether OPA's {@code Number.Int64()} succeeds: the text is an integer literal that fits 64 bits. */
    public boolean isInt64() {
        if (text == null) {
            return bd == null;
        }
        return bd == null && isPlainIntegerText(text);
    }

    private static boolean isPlainIntegerText(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether the value is an integer held as a long. */
    public boolean isLong() {
        return bd == null;
    }

    /** The long value; only meaningful when {@link #isLong()}. */
    public long longValue() {
        return bd == null ? lv : bd.longValue();
    }

    /** The value as an int when it is an integer within int range, else {@code null}. */
    public Integer intValueExact() {
        if (bd == null && lv >= Integer.MIN_VALUE && lv <= Integer.MAX_VALUE) {
            return (int) lv;
        }
        return null;
    }

    public BigDecimal bigDecimal() {
        return bd == null ? BigDecimal.valueOf(lv) : bd;
    }

    /** The value as a BigInteger, or {@code null} when it is not an integer. */
    public BigInteger bigIntegerExact() {
        if (bd == null) {
            return BigInteger.valueOf(lv);
        }
        try {
            return bd.toBigIntegerExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    public double doubleValue() {
        return bd == null ? (double) lv : bd.doubleValue();
    }

    public int signum() {
        return bd == null ? Long.signum(lv) : bd.signum();
    }

    /** The text this number came with, or {@code null} for computed numbers. */
    public String text() {
        return text;
    }

    @Override
    public int typeOrder() {
        return NUMBER;
    }

    @Override
    public String typeName() {
        return "number";
    }

    @Override
    int compareSameType(Value other) {
        NumberValue o = (NumberValue) other;
        if (bd == null && o.bd == null) {
            return Long.compare(lv, o.lv);
        }
        return bigDecimal().compareTo(o.bigDecimal());
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof NumberValue o)) {
            return false;
        }
        if (bd == null && o.bd == null) {
            return lv == o.lv;
        }
        if (bd == null || o.bd == null) {
            return false; // a long-held value never equals a non-long value (normalised at construction)
        }
        return bd.compareTo(o.bd) == 0;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = bd == null ? Long.hashCode(lv) : bd.stripTrailingZeros().hashCode();
            if (h == 0) {
                h = 1;
            }
            hash = h;
        }
        return h;
    }

    /** OPA's number text: the literal as written, or the canonical form of a computed number. */
    public String text(boolean canonicalOnly) {
        if (text != null && !canonicalOnly) {
            return text;
        }
        if (bd == null) {
            return Long.toString(lv);
        }
        return canonical(bd);
    }

    static String canonical(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() <= 0) {
            return s.toBigInteger().toString();
        }
        int exp = s.precision() - s.scale() - 1; // decimal exponent of the leading digit
        if (exp < -6 || exp >= 21) {
            String digits = s.unscaledValue().abs().toString();
            StringBuilder sb = new StringBuilder();
            if (s.signum() < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
            return sb.toString();
        }
        return s.toPlainString();
    }
}
