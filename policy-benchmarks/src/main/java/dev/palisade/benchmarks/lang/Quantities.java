package dev.palisade.benchmarks.lang;

import java.math.BigDecimal;

/**
 * Parses Kubernetes resource quantities ({@code 250m}, {@code 1.5}, {@code 512Mi}, {@code 2G}) into
 * exact decimals for the hand-written checks. Scientific exponents are not needed by the benchmark
 * manifests and are rejected.
 */
final class Quantities {
    private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final String DECIMAL = "kMGTPE";

    private Quantities() {
    }

    static BigDecimal parse(String text) {
        for (int i = 0; i < BINARY.length; i++) {
            if (text.endsWith(BINARY[i])) {
                return number(text, 2).multiply(BigDecimal.valueOf(1024).pow(i + 1));
            }
        }
        char last = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
        int decimal = DECIMAL.indexOf(last);
        if (decimal >= 0) {
            return number(text, 1).scaleByPowerOfTen(3 * (decimal + 1));
        }
        return switch (last) {
            case 'm' -> number(text, 1).scaleByPowerOfTen(-3);
            case 'u' -> number(text, 1).scaleByPowerOfTen(-6);
            case 'n' -> number(text, 1).scaleByPowerOfTen(-9);
            default -> number(text, 0);
        };
    }

    private static BigDecimal number(String text, int suffixLength) {
        String digits = text.substring(0, text.length() - suffixLength);
        if (digits.isEmpty() || digits.indexOf('e') >= 0 || digits.indexOf('E') >= 0) {
            throw new IllegalArgumentException("not a quantity this benchmark understands: '" + text + "'");
        }
        return new BigDecimal(digits);
    }
}
