package dev.palisade.kyverno.jmespath.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.internal.gotime.GoDuration;
import dev.palisade.core.internal.gotime.GoTimeException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Kyverno's arithmetic ({@code add}, {@code subtract}, {@code multiply}, {@code divide},
 * {@code modulo}, {@code sum}) on numbers, Kubernetes quantities and Go durations. A string operand
 * is a quantity when it parses as one ({@code "1m"} is a milli-quantity), else a duration; the
 * rules of each operator are those of Kyverno's {@code arithmetic.go}.
 */
final class Arithmetic {
    private Arithmetic() {
    }

    private sealed interface Operand permits Scalar, Quantity, Duration {
    }

    private record Scalar(double v) implements Operand {
    }

    private record Quantity(KubeQuantity q) implements Operand {
    }

    private record Duration(long d) implements Operand {
    }

    private static Operand operand(JsonNode v, String op) {
        if (v.isNumber()) {
            return new Scalar(v.doubleValue());
        }
        if (v.isTextual()) {
            try {
                return new Quantity(KubeQuantity.parse(v.textValue()));
            } catch (IllegalArgumentException notQuantity) {
                try {
                    return new Duration(GoDuration.parse(v.textValue()));
                } catch (GoTimeException notDuration) {
                    // invalid operand below
                }
            }
        }
        throw FunctionError.of(op, "invalid operand");
    }

    private static FunctionError mismatch(String op) {
        return FunctionError.of(op, "Types mismatch");
    }

    private static FunctionError zero(String op) {
        return FunctionError.of(op, "Zero divisor passed");
    }

    static JsonNode add(JsonNode a, JsonNode b, String op) {
        Operand x = operand(a, op);
        Operand y = operand(b, op);
        if (x instanceof Quantity p && y instanceof Quantity q) {
            return Values.text(p.q().add(q.q()).toString());
        }
        if (x instanceof Duration p && y instanceof Duration q) {
            return Values.text(GoDuration.format(p.d() + q.d()));
        }
        if (x instanceof Scalar p && y instanceof Scalar q) {
            return Values.number(p.v() + q.v());
        }
        throw mismatch(op);
    }

    static JsonNode subtract(JsonNode a, JsonNode b) {
        String op = "subtract";
        Operand x = operand(a, op);
        Operand y = operand(b, op);
        if (x instanceof Quantity p && y instanceof Quantity q) {
            return Values.text(p.q().subtract(q.q()).toString());
        }
        if (x instanceof Duration p && y instanceof Duration q) {
            return Values.text(GoDuration.format(p.d() - q.d()));
        }
        if (x instanceof Scalar p && y instanceof Scalar q) {
            return Values.number(p.v() - q.v());
        }
        throw mismatch(op);
    }

    static JsonNode multiply(JsonNode a, JsonNode b) {
        String op = "multiply";
        Operand x = operand(a, op);
        Operand y = operand(b, op);
        if (x instanceof Scalar p && y instanceof Scalar q) {
            return Values.number(p.v() * q.v());
        }
        if (x instanceof Scalar && !(y instanceof Scalar)) {
            Operand t = x;
            x = y;
            y = t;
        }
        if (y instanceof Scalar s) {
            if (x instanceof Quantity p) {
                KubeQuantity factor = scalarQuantity(s.v());
                BigDecimal product = p.q().amount.multiply(factor.amount);
                return Values.text(new KubeQuantity(product, p.q().format).toString());
            }
            if (x instanceof Duration p) {
                double seconds = GoDuration.seconds(p.d()) * s.v();
                return Values.text(GoDuration.format(GoFloat.toInt64(seconds * 1e9)));
            }
        }
        throw mismatch(op);
    }

    private static KubeQuantity scalarQuantity(double v) {
        try {
            return KubeQuantity.parse(GoFloat.v(v));
        } catch (IllegalArgumentException e) {
            throw new FunctionError(e.getMessage());
        }
    }

    static JsonNode divide(JsonNode a, JsonNode b) {
        String op = "divide";
        Operand x = operand(a, op);
        Operand y = operand(b, op);
        if (x instanceof Quantity p) {
            if (y instanceof Quantity q) {
                double divisor = q.q().approximate();
                if (divisor == 0) {
                    throw zero(op);
                }
                return Values.number(p.q().approximate() / divisor);
            }
            if (y instanceof Scalar s) {
                if (s.v() == 0) {
                    throw zero(op);
                }
                KubeQuantity q = scalarQuantity(s.v());
                if (q.isZero()) {
                    throw zero(op);
                }
                int scale = Math.max(p.q().amount.scale(), q.amount.scale());
                BigDecimal quotient = p.q().amount.divide(q.amount, scale, RoundingMode.DOWN);
                return Values.text(new KubeQuantity(quotient, p.q().format).toString());
            }
        }
        if (x instanceof Duration p) {
            if (y instanceof Duration q) {
                if (GoDuration.seconds(q.d()) == 0) {
                    throw zero(op);
                }
                return Values.number(GoDuration.seconds(p.d()) / GoDuration.seconds(q.d()));
            }
            if (y instanceof Scalar s) {
                if (s.v() == 0) {
                    throw zero(op);
                }
                double seconds = GoDuration.seconds(p.d()) / s.v();
                return Values.text(GoDuration.format(GoFloat.toInt64(seconds * 1e9)));
            }
        }
        if (x instanceof Scalar p && y instanceof Scalar q) {
            if (q.v() == 0) {
                throw zero(op);
            }
            return Values.number(p.v() / q.v());
        }
        throw mismatch(op);
    }

    static JsonNode modulo(JsonNode a, JsonNode b) {
        String op = "modulo";
        Operand x = operand(a, op);
        Operand y = operand(b, op);
        if (x instanceof Quantity p && y instanceof Quantity q) {
            double f1 = p.q().approximate();
            double f2 = q.q().approximate();
            long i1 = GoFloat.toInt64(f1);
            long i2 = GoFloat.toInt64(f2);
            if (f1 != (double) i1 || f2 != (double) i2) {
                throw FunctionError.of(op, "Non-integer argument(s) passed for modulo");
            }
            if (i2 == 0) {
                throw zero(op);
            }
            return Values.text(new KubeQuantity(BigDecimal.valueOf(i1 % i2), p.q().format).toString());
        }
        if (x instanceof Duration p && y instanceof Duration q) {
            if (q.d() == 0) {
                throw zero(op);
            }
            return Values.text(GoDuration.format(p.d() % q.d()));
        }
        if (x instanceof Scalar p && y instanceof Scalar q) {
            long v1 = GoFloat.toInt64(p.v());
            long v2 = GoFloat.toInt64(q.v());
            if (p.v() != (double) v1 || q.v() != (double) v2) {
                throw FunctionError.of(op, "Non-integer argument(s) passed for modulo");
            }
            if (v2 == 0) {
                throw zero(op);
            }
            return Values.number(v1 % v2);
        }
        throw mismatch(op);
    }
}
