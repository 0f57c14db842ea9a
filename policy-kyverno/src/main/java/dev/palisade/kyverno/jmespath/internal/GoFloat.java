package dev.palisade.kyverno.jmespath.internal;

import dev.palisade.core.internal.gostrconv.GoFloats;
import dev.palisade.core.internal.gostrconv.GoFloats.Digits;

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
            return exponent(GoFloats.shortest(v), 2, true);
        }
        return fixed(GoFloats.shortest(v));
    }

    /** {@code strconv.FormatFloat(v, 'f', -1, 32)} (Kyverno's number-to-string for regex and string functions). */
    public static String fixed32(double v) {
        return fixed(GoFloats.shortest32((float) v));
    }

    /** {@code fmt.Sprintf("%v", v)}: {@code 'g'} with the shortest digits ({@code %e} when the exponent is < -4 or >= 6). */
    public static String v(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        Digits d = GoFloats.shortest(v);
        int exp = d.point() - 1;
        // strconv's %g with the shortest digits decides on precision 6: 1e+06, 123456
        if (exp < -4 || exp >= 6) {
            return exponent(d, 2, false);
        }
        return fixed(d);
    }

    static String fixed(Digits d) {
        StringBuilder out = new StringBuilder();
        if (d.negative()) {
            out.append('-');
        }
        String digits = d.digits();
        int point = d.point();
        if (point <= 0) {
            out.append("0.");
            out.append("0".repeat(-point));
            out.append(digits);
        } else if (point >= digits.length()) {
            out.append(digits);
            out.append("0".repeat(point - digits.length()));
        } else {
            out.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        return out.toString();
    }

    private static String exponent(Digits d, int minExpDigits, boolean jsonCleanup) {
        StringBuilder out = new StringBuilder();
        if (d.negative()) {
            out.append('-');
        }
        String digits = d.digits();
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        int exp = d.point() - 1;
        out.append('e').append(exp < 0 ? '-' : '+');
        String e = Integer.toString(Math.abs(exp));
        int min = jsonCleanup && exp < 0 ? 1 : minExpDigits;
        for (int i = e.length(); i < min; i++) {
            out.append('0');
        }
        out.append(e);
        return out.toString();
    }

    /** Go's float64 to int64 conversion as amd64 does it (out of range and NaN give the minimum). */
    static long toInt64(double v) {
        if (Double.isNaN(v) || v >= 9.223372036854775807E18 || v < -9.223372036854775808E18) {
            return Long.MIN_VALUE;
        }
        return (long) v;
    }
}
