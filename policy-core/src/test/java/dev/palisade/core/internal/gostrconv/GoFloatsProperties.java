package dev.palisade.core.internal.gostrconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * The shortest digits read back as the same float, and no fewer digits would: the two conditions
 * that define Go's {@code FormatFloat(v, 'e', -1, bits)} digits; and Go's formats around them.
 */
class GoFloatsProperties {

    @Property(tries = 3000)
    void shortestDigitsReadBackAndNoShorterDo(@ForAll double v) {
        if (!Double.isFinite(v)) {
            return;
        }
        GoFloats.Digits d = GoFloats.shortest(v);
        assertEquals(v, d.toBigDecimal().doubleValue(), 0.0, d.toString());
        assertEquals(v < 0 || 1 / v < 0, d.negative());
        if (d.digits().length() > 1) {
            BigDecimal fewer = new BigDecimal(Math.abs(v)).round(new MathContext(d.digits().length() - 1, RoundingMode.HALF_EVEN));
            assertNotEquals(Math.abs(v), fewer.doubleValue(), d.toString());
        }
        assertTrue(!d.digits().endsWith("0") || d.digits().equals("0"), d.toString());
    }

    @Property(tries = 2000)
    void float32DigitsReadBackAsTheFloat32(@ForAll @DoubleRange(min = -3.4e38, max = 3.4e38) double wide) {
        float v = (float) wide;
        GoFloats.Digits d = GoFloats.shortest32(v);
        assertEquals(v, Float.parseFloat(d.toBigDecimal().toString()), 0.0f, d.toString());
        if (d.digits().length() > 1) {
            BigDecimal fewer = new BigDecimal(Math.abs(v)).round(new MathContext(d.digits().length() - 1, RoundingMode.HALF_EVEN));
            assertNotEquals(Math.abs(v), Float.parseFloat(fewer.toString()), d.toString());
        }
    }

    @Test
    void examplesFromGo() {
        // strconv.FormatFloat(v, 'e', -1, 64) and (..., 32)
        assertEquals(new GoFloats.Digits("1", 0, false), GoFloats.shortest(0.1));
        assertEquals(new GoFloats.Digits("3", 0, false), GoFloats.shortest(0.1 + 0.2 - 0.0000000000000000555));
        assertEquals(new GoFloats.Digits("30000000000000004", 0, false), GoFloats.shortest(0.1 + 0.2));
        assertEquals(new GoFloats.Digits("2", 23, false), GoFloats.shortest(2e22));
        // the smallest subnormal is one digit, 5e-324 (Java 17's Double.toString gives 4.9E-324)
        assertEquals(new GoFloats.Digits("5", -323, false), GoFloats.shortest(Double.MIN_VALUE));
        assertEquals(new GoFloats.Digits("0", 1, true), GoFloats.shortest(-0.0));
        assertEquals(new GoFloats.Digits("1", 0, false), GoFloats.shortest32(0.1f));
        assertEquals(new GoFloats.Digits("16777216", 8, false), GoFloats.shortest32(16_777_216f));
        assertEquals(new BigDecimal("1.5E+3"), GoFloats.shortest(1500).toBigDecimal());
    }

    @Property(tries = 2000)
    void shortestTextInEveryFormatReadsBack(@ForAll double v) {
        if (!Double.isFinite(v)) {
            return;
        }
        for (char fmt : new char[] {'e', 'E', 'f', 'g', 'G'}) {
            String text = GoFloats.format(v, fmt, -1);
            assertEquals(v, Double.parseDouble(text), 0.0, fmt + " " + text);
        }
        float f = (float) v;
        if (Float.isFinite(f)) {
            assertEquals(f, Float.parseFloat(GoFloats.format32(f, 'g', -1)), 0.0f);
        }
    }

    @Test
    void formatsAsGosStrconv() {
        // strconv.FormatFloat(v, fmt, prec, 64) as Go prints them
        assertEquals("1.00000e+00", GoFloats.format(1, 'e', 5));
        assertEquals("1.00000", GoFloats.format(1, 'f', 5));
        assertEquals("1", GoFloats.format(1, 'g', 5));
        assertEquals("20", GoFloats.format(20, 'g', -1));
        assertEquals("200000", GoFloats.format(200_000, 'g', -1));
        assertEquals("2e+06", GoFloats.format(2_000_000, 'g', -1));
        assertEquals("1.2345678e+06", GoFloats.format(1_234_567.8, 'g', -1));
        assertEquals("1.23e+08", GoFloats.format(123_456_789, 'g', 3));
        assertEquals("1.235e-04", GoFloats.format(0.000123456, 'e', 3));
        assertEquals("0.0001", GoFloats.format(0.0001, 'g', -1));
        assertEquals("1e-05", GoFloats.format(0.00001, 'g', -1));
        assertEquals("1E+21", GoFloats.format(1e21, 'G', -1));
        assertEquals("100000000000000000000", GoFloats.format(1e20, 'f', -1));
        assertEquals("2e+00", GoFloats.format(1.5, 'e', 0));
        assertEquals("2", GoFloats.format(2.5, 'f', 0));
        assertEquals("-0", GoFloats.format(-0.0, 'g', -1));
        assertEquals("NaN", GoFloats.format(Double.NaN, 'g', -1));
        assertEquals("+Inf", GoFloats.format(Double.POSITIVE_INFINITY, 'f', 2));
        assertEquals("-Inf", GoFloats.format(Double.NEGATIVE_INFINITY, 'e', -1));
        assertEquals("4503599627370496p-52", GoFloats.format(1, 'b', -1));
        // float32: the shortest digits of the float32, not of its float64 widening
        assertEquals("0.1", GoFloats.format32(0.1f, 'g', -1));
        assertEquals("16777216", GoFloats.format32(16_777_216f, 'f', -1));
        assertEquals("3.4028235e+38", GoFloats.format32(Float.MAX_VALUE, 'g', -1));
    }
}
