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
 * that define Go's {@code FormatFloat(v, 'e', -1, bits)} digits.
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
}
