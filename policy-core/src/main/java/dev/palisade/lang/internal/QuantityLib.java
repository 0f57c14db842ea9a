package dev.palisade.lang.internal;

import java.math.BigDecimal;

/** Kubernetes resource quantities (resource.Quantity) with exact decimal arithmetic. */
final class QuantityLib {
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    /** Bound on decimal exponents, so that arithmetic on quantities stays small. */
    private static final int MAX_EXPONENT = 300;

    private QuantityLib() {
    }

    /** A quantity: its exact value and the text it was written as. */
    static final class Quantity implements CelObject, Comparables.Ordered {
        final BigDecimal value;
        final String text;

        Quantity(BigDecimal value, String text) {
            this.value = value;
            this.text = text;
        }

        @Override
        public String typeName() {
            return "kubernetes.Quantity";
        }

        @Override
        public long costSize() {
            return text.length();
        }

        @Override
        public int compareWith(Comparables.Ordered other) {
            return value.compareTo(((Quantity) other).value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Quantity q && q.value.compareTo(value) == 0;
        }

        @Override
        public int hashCode() {
            return value.stripTrailingZeros().hashCode();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    static void register(FunctionTable t) {
        t.global("quantity", 1).sig("quantity(s)").doc("The Kubernetes resource quantity written as s.").cost(Cost.traversal(0, "s")).checkConstants().impl((f, a) -> parse(Rt.str(a[0], "quantity")));
        t.global("isQuantity", 1).sig("isQuantity(s)").doc("Whether s is a quantity.").cost(Cost.traversal(0, "s")).impl((f, a) -> {
            try {
                parse(Rt.str(a[0], "isQuantity"));
                return true;
            } catch (CelError e) {
                return false;
            }
        });
        t.member("isInteger", 1).sig("q.isInteger()").doc("Whether the quantity is an integer that fits int.").impl((f, a) -> asLong(q(a[0], "isInteger")) != null);
        t.member("asInteger", 1).sig("q.asInteger()").doc("The quantity as an int; an error when it is not one.").impl((f, a) -> {
            Long v = asLong(q(a[0], "asInteger"));
            if (v == null) {
                throw new CelError("cannot convert value to integer: " + a[0]);
            }
            return v;
        });
        t.member("asApproximateFloat", 1).sig("q.asApproximateFloat()").doc("The quantity as a double.").impl((f, a) -> q(a[0], "asApproximateFloat").value.doubleValue());
        t.member("sign", 1).sig("q.sign()").doc("-1, 0 or 1.").impl((f, a) -> (long) q(a[0], "sign").value.signum());
        t.member("add", 2).sig("q.add(x)").doc("The sum with a quantity or an int.").impl((f, a) -> {
            Quantity x = q(a[0], "add");
            BigDecimal v = x.value.add(operand(a[1], "add"));
            return new Quantity(v, canonical(v));
        });
        t.member("sub", 2).sig("q.sub(x)").doc("The difference with a quantity or an int.").impl((f, a) -> {
            Quantity x = q(a[0], "sub");
            BigDecimal v = x.value.subtract(operand(a[1], "sub"));
            return new Quantity(v, canonical(v));
        });
        t.member("compareTo", 2).sig("q.compareTo(r)").doc("-1, 0 or 1 comparing two quantities.").accepts(v -> v instanceof Quantity).impl((f, a) -> {
            if (a[0] instanceof Quantity x) {
                return (long) x.value.compareTo(q(a[1], "compareTo").value);
            }
            return (long) Rt.compare(a[0], a[1], "compareTo");
        });
        t.member("isGreaterThan", 2).sig("q.isGreaterThan(r)").cost(Cost.traversal(0, "q")).doc("Whether q > r (quantities or semvers).").impl((f, a) -> Rt.compare(a[0], a[1], "isGreaterThan") > 0);
        t.member("isLessThan", 2).sig("q.isLessThan(r)").cost(Cost.traversal(0, "q")).doc("Whether q < r (quantities or semvers).").impl((f, a) -> Rt.compare(a[0], a[1], "isLessThan") < 0);
    }

    private static BigDecimal operand(Object v, String fn) {
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        return q(v, fn).value;
    }

    private static Quantity q(Object v, String fn) {
        if (v instanceof Quantity q) {
            return q;
        }
        throw CelError.noSuchOverload(fn, v);
    }

    private static Long asLong(Quantity q) {
        BigDecimal v = q.value;
        if (v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
            return null;
        }
        if (v.compareTo(LONG_MIN) < 0 || v.compareTo(LONG_MAX) > 0) {
            return null;
        }
        return v.longValueExact();
    }

    private static String canonical(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() <= 0 ? s.toBigIntegerExact().toString() : s.toPlainString();
    }

    /** Parses {@code <sign><digits>[.<digits>]<suffix>} with binary, decimal or exponent suffixes. */
    static Quantity parse(String s) {
        if (s.isEmpty() || s.length() > 128) {
            throw invalid(s);
        }
        int i = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i++;
        }
        int numStart = i;
        int digits = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            throw invalid(s);
        }
        BigDecimal number = new BigDecimal(s.substring(numStart, i));
        if (s.charAt(0) == '-') {
            number = number.negate();
        }
        String suffix = s.substring(i);
        BigDecimal value = switch (suffix) {
            case "" -> number;
            case "Ki" -> number.multiply(BigDecimal.valueOf(1L << 10));
            case "Mi" -> number.multiply(BigDecimal.valueOf(1L << 20));
            case "Gi" -> number.multiply(BigDecimal.valueOf(1L << 30));
            case "Ti" -> number.multiply(BigDecimal.valueOf(1L << 40));
            case "Pi" -> number.multiply(BigDecimal.valueOf(1L << 50));
            case "Ei" -> number.multiply(BigDecimal.valueOf(1L << 60));
            case "n" -> number.scaleByPowerOfTen(-9);
            case "u" -> number.scaleByPowerOfTen(-6);
            case "m" -> number.scaleByPowerOfTen(-3);
            case "k" -> number.scaleByPowerOfTen(3);
            case "M" -> number.scaleByPowerOfTen(6);
            case "G" -> number.scaleByPowerOfTen(9);
            case "T" -> number.scaleByPowerOfTen(12);
            case "P" -> number.scaleByPowerOfTen(15);
            case "E" -> number.scaleByPowerOfTen(18);
            default -> exponent(s, suffix, number);
        };
        return new Quantity(value, s);
    }

    private static BigDecimal exponent(String s, String suffix, BigDecimal number) {
        if (suffix.length() < 2 || (suffix.charAt(0) != 'e' && suffix.charAt(0) != 'E')) {
            throw invalid(s);
        }
        String exp = suffix.substring(1);
        int j = exp.startsWith("+") || exp.startsWith("-") ? 1 : 0;
        if (j == exp.length() || exp.length() > 6 || !exp.substring(j).chars().allMatch(Character::isDigit)) {
            throw invalid(s);
        }
        int e = Integer.parseInt(exp);
        if (Math.abs(e) > MAX_EXPONENT) {
            throw new CelError("invalid quantity '" + s + "': exponent beyond ±" + MAX_EXPONENT);
        }
        return number.scaleByPowerOfTen(e);
    }

    private static CelError invalid(String s) {
        return new CelError("invalid quantity '" + s + "': quantities must match the regular expression "
                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }

}
