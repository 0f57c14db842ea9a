package dev.palisade.kyverno.jmespath.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Kubernetes' {@code resource.Quantity} as Kyverno's arithmetic uses it: {@code ParseQuantity}
 * (including its int64 and decimal representations, rounding up to nano precision and the BinarySI
 * cap), {@code Add}/{@code Sub} (the format of the first operand unless it is zero) and the
 * canonical {@code String()} ({@code 1536Mi}, {@code 1500m}, {@code 12e6}).
 *
 * <p>Palisade's CEL library has a quantity parser (package-private in the rule language); this one
 * also keeps Kubernetes' representation and canonical formatting, which Kyverno's results show.
 * Exponents beyond ±{@value #MAX_EXPONENT} are refused so that no quantity can exhaust memory.
 */
public final class KubeQuantity {
    enum Format { DECIMAL_EXPONENT, BINARY_SI, DECIMAL_SI }

    static final int MAX_EXPONENT = 1000;
    private static final BigDecimal MAX_INT64 = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigInteger B1024 = BigInteger.valueOf(1024);
    static final String FORMAT_ERROR = "quantities must match the regular expression "
            + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    /** The amount, with Go's unscaled value and scale (BigDecimal scale = inf.Dec scale = -Kubernetes scale). */
    final BigDecimal amount;
    final Format format;

    KubeQuantity(BigDecimal amount, Format format) {
        this.amount = amount;
        this.format = format;
    }

    boolean isZero() {
        return amount.signum() == 0;
    }

    /** {@code q.Cmp(y)}: the sign of {@code q - y}. */
    public int compareAmount(KubeQuantity y) {
        return Integer.signum(amount.compareTo(y.amount));
    }

    /** {@code q.Add(y)}. */
    KubeQuantity add(KubeQuantity y) {
        return new KubeQuantity(amount.add(y.amount), isZero() ? y.format : format);
    }

    /** {@code q.Sub(y)}. */
    KubeQuantity subtract(KubeQuantity y) {
        return new KubeQuantity(amount.subtract(y.amount), isZero() ? y.format : format);
    }

    /** {@code AsApproximateFloat64}: unscaled × 10^exponent in float64. */
    double approximate() {
        double base = amount.unscaledValue().doubleValue();
        int exponent = -amount.scale();
        if (exponent == 0) {
            return base;
        }
        return base * pow10(exponent);
    }

    private static double pow10(int n) {
        if (n < -400) {
            return 0;
        }
        if (n > 400) {
            return Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble("1e" + n);
    }

    /**
     * {@code resource.ParseQuantity}.
     *
     * @throws IllegalArgumentException with Kubernetes' message
     */
    public static KubeQuantity parse(String str) {
        if (str.isEmpty()) {
            throw new IllegalArgumentException(FORMAT_ERROR);
        }
        if (str.equals("0")) {
            return new KubeQuantity(BigDecimal.ZERO, Format.DECIMAL_SI);
        }
        if (str.length() > 1024) {
            throw new IllegalArgumentException("quantity is too long");
        }
        boolean positive = true;
        int pos = 0;
        int end = str.length();
        if (str.charAt(0) == '-') {
            positive = false;
            pos++;
        } else if (str.charAt(0) == '+') {
            pos++;
        }
        String num;
        String denom = "";
        String value;
        String suffix;
        // leading zeros
        while (pos < end && str.charAt(pos) == '0') {
            pos++;
        }
        if (pos >= end) {
            return finish(true, "0", "0", "", "", str);
        }
        int numStart = pos;
        while (pos < end && isDigit(str.charAt(pos))) {
            pos++;
        }
        num = str.substring(numStart, pos);
        if (pos >= end) {
            return finish(positive, str, num.isEmpty() ? "0" : num, "", "", str);
        }
        if (num.isEmpty()) {
            num = "0";
        }
        if (str.charAt(pos) == '.') {
            pos++;
            int denomStart = pos;
            while (pos < end && isDigit(str.charAt(pos))) {
                pos++;
            }
            denom = str.substring(denomStart, pos);
            if (pos >= end) {
                return finish(positive, str, num, denom, "", str);
            }
        }
        value = str.substring(0, pos);
        int suffixStart = pos;
        while (pos < end && "eEinumkKMGTP".indexOf(str.charAt(pos)) >= 0) {
            pos++;
        }
        if (pos < end && (str.charAt(pos) == '-' || str.charAt(pos) == '+')) {
            pos++;
        }
        while (pos < end && isDigit(str.charAt(pos))) {
            pos++;
        }
        if (pos < end) {
            throw new IllegalArgumentException(FORMAT_ERROR);
        }
        suffix = str.substring(suffixStart);
        return finish(positive, value, num, denom, suffix, str);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static KubeQuantity finish(boolean positive, String value, String num, String denom, String suffix,
                                       String original) {
        int base;
        int exponent;
        Format format;
        switch (suffix) {
            case "" -> { base = 10; exponent = 0; format = Format.DECIMAL_SI; }
            case "n" -> { base = 10; exponent = -9; format = Format.DECIMAL_SI; }
            case "u" -> { base = 10; exponent = -6; format = Format.DECIMAL_SI; }
            case "m" -> { base = 10; exponent = -3; format = Format.DECIMAL_SI; }
            case "k" -> { base = 10; exponent = 3; format = Format.DECIMAL_SI; }
            case "M" -> { base = 10; exponent = 6; format = Format.DECIMAL_SI; }
            case "G" -> { base = 10; exponent = 9; format = Format.DECIMAL_SI; }
            case "T" -> { base = 10; exponent = 12; format = Format.DECIMAL_SI; }
            case "P" -> { base = 10; exponent = 15; format = Format.DECIMAL_SI; }
            case "E" -> { base = 10; exponent = 18; format = Format.DECIMAL_SI; }
            case "Ki" -> { base = 2; exponent = 10; format = Format.BINARY_SI; }
            case "Mi" -> { base = 2; exponent = 20; format = Format.BINARY_SI; }
            case "Gi" -> { base = 2; exponent = 30; format = Format.BINARY_SI; }
            case "Ti" -> { base = 2; exponent = 40; format = Format.BINARY_SI; }
            case "Pi" -> { base = 2; exponent = 50; format = Format.BINARY_SI; }
            case "Ei" -> { base = 2; exponent = 60; format = Format.BINARY_SI; }
            default -> {
                if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
                    Long parsed = GoStrconv.parseInt(suffix.substring(1));
                    if (parsed == null) {
                        throw new IllegalArgumentException("unable to parse quantity's suffix");
                    }
                    if (Math.abs(parsed) > MAX_EXPONENT) {
                        throw new IllegalArgumentException("quantity exponent " + parsed + " is beyond ±" + MAX_EXPONENT);
                    }
                    base = 10;
                    exponent = (int) (long) parsed;
                    format = Format.DECIMAL_EXPONENT;
                } else {
                    throw new IllegalArgumentException("unable to parse quantity's suffix");
                }
            }
        }
        int precision = 0;
        int scale = 0;
        long mantissa = 1;
        if (format == Format.BINARY_SI) {
            if (exponent >= 0 && denom.isEmpty()) {
                mantissa = 1L << exponent;
                precision = 15 - num.length() - (int) ((float) exponent * 3 / 10) - 1;
            } else {
                precision = -1;
            }
        } else {
            scale = exponent;
            precision = 18 - (num.length() + denom.length());
        }
        if (precision >= 0) {
            scale -= denom.length();
            if (scale >= -9) {
                String shifted = num + denom;
                Long v = GoStrconv.parseInt(shifted);
                if (v == null) {
                    throw new IllegalArgumentException("unable to parse numeric part of quantity");
                }
                long result;
                try {
                    result = Math.multiplyExact(v, mantissa);
                    if (!positive) {
                        result = -result;
                    }
                    return new KubeQuantity(BigDecimal.valueOf(result, -scale), format);
                } catch (ArithmeticException overflow) {
                    // fall through to the decimal representation
                }
            }
        }
        BigDecimal amount;
        try {
            String digits = value.startsWith("+") ? value.substring(1) : value;
            if (digits.startsWith("-.") || digits.startsWith(".")) {
                digits = digits.replaceFirst("\\.", "0.");
            }
            if (digits.endsWith(".")) {
                digits = digits.substring(0, digits.length() - 1);
            }
            amount = new BigDecimal(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unable to parse numeric part of quantity");
        }
        if (base == 10) {
            amount = new BigDecimal(amount.unscaledValue(), amount.scale() - exponent);
        } else {
            amount = new BigDecimal(amount.unscaledValue().shiftLeft(exponent), amount.scale());
        }
        int sign = amount.signum();
        amount = amount.abs();
        if (amount.signum() != 0) {
            amount = amount.setScale(9, RoundingMode.UP);
        }
        if (format == Format.BINARY_SI && amount.compareTo(MAX_INT64) > 0) {
            amount = MAX_INT64;
        }
        if (format == Format.BINARY_SI && amount.compareTo(BigDecimal.ONE) < 0 && amount.signum() > 0) {
            format = Format.DECIMAL_SI;
        }
        if (sign < 0) {
            amount = amount.negate();
        }
        return new KubeQuantity(amount, format);
    }

    /** {@code Quantity.String()}: the canonical form. */
    @Override
    public String toString() {
        if (isZero()) {
            return "0";
        }
        Format f = format;
        if (f == Format.BINARY_SI) {
            if (amount.compareTo(BigDecimal.valueOf(-1024)) > 0 && amount.compareTo(BigDecimal.valueOf(1024)) < 0) {
                f = Format.DECIMAL_SI;
            } else if (amount.stripTrailingZeros().scale() > 0) {
                f = Format.DECIMAL_SI;
            }
        }
        if (f == Format.BINARY_SI) {
            BigInteger v = amount.setScale(0, RoundingMode.UP).unscaledValue();
            int times = 0;
            while (v.signum() != 0) {
                BigInteger[] qr = v.divideAndRemainder(B1024);
                if (qr[1].signum() != 0) {
                    break;
                }
                times++;
                v = qr[0];
            }
            String suffix = switch (times) {
                case 1 -> "Ki";
                case 2 -> "Mi";
                case 3 -> "Gi";
                case 4 -> "Ti";
                case 5 -> "Pi";
                case 6 -> "Ei";
                default -> "";
            };
            return v + suffix;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue();
        int exponent = -stripped.scale();
        while (exponent % 3 != 0) {
            mantissa = mantissa.multiply(BigInteger.TEN);
            exponent--;
        }
        String suffix;
        if (f == Format.DECIMAL_EXPONENT) {
            suffix = exponent == 0 ? "" : "e" + exponent;
        } else {
            suffix = switch (exponent) {
                case -9 -> "n";
                case -6 -> "u";
                case -3 -> "m";
                case 3 -> "k";
                case 6 -> "M";
                case 9 -> "G";
                case 12 -> "T";
                case 15 -> "P";
                case 18 -> "E";
                default -> "";
            };
        }
        return mantissa + suffix;
    }
}
