package dev.palisade.kyverno.jmespath.internal;

import dev.palisade.core.internal.gostrconv.GoFloats;

/**
 * Go's float formatting ({@code strconv.FormatFloat}) for the cases Kyverno's results go through:
 * JSON numbers ({@code encoding/json}), {@code %v}, and {@code 'f'} with 32-bit precision. All use
 * the shortest decimal that reads back as the same float.
 */
public final class GoFloat {
    private GoFloat() {
    }

    /** {@code encoding/json}'s number: {@code 'f'} in [1e-6, 1e21), else {@code 'e'} with a short negative exponent. */
    public static String json(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-6 || a >= 1e21)) {
            String e = GoFloats.format(v, 'e', -1);
            // encoding/json writes e-7 where strconv writes e-07
            int n = e.length();
            if (n >= 4 && e.charAt(n - 4) == 'e' && e.charAt(n - 3) == '-' && e.charAt(n - 2) == '0') {
                e = e.substring(0, n - 2) + e.charAt(n - 1);
            }
            return e;
        }
        return GoFloats.format(v, 'f', -1);
    }

    /** {@code strconv.FormatFloat(v, 'f', -1, 32)} (Kyverno's number-to-string for regex and string functions). */
    public static String fixed32(double v) {
        return GoFloats.format32((float) v, 'f', -1);
    }

    /** {@code fmt.Sprintf("%v", v)}: {@code 'g'} with the shortest digits ({@code %e} when the exponent is < -4 or >= 6). */
    public static String v(double v) {
        return GoFloats.format(v, 'g', -1);
    }

    /** Go's float64 to int64 conversion as amd64 does it (out of range and NaN give the minimum). */
    static long toInt64(double v) {
        if (Double.isNaN(v) || v >= 9.223372036854775807E18 || v < -9.223372036854775808E18) {
            return Long.MIN_VALUE;
        }
        return (long) v;
    }
}
