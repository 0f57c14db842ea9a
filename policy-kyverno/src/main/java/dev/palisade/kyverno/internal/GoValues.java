package dev.palisade.kyverno.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.internal.gostrconv.GoFloats;
import dev.palisade.core.internal.gotime.GoDuration;
import dev.palisade.core.internal.gotime.GoTimeException;
import dev.palisade.kyverno.jmespath.internal.GoFloat;
import dev.palisade.kyverno.jmespath.internal.GoStrconv;
import dev.palisade.kyverno.jmespath.internal.KubeQuantity;
import dev.palisade.kyverno.jmespath.internal.Semver;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How Kyverno, written in Go, sees JSON values: integral numbers are {@code int64} (as in
 * Kubernetes unstructured objects), other numbers {@code float64}; and the Go text conversions it
 * relies on ({@code fmt.Sprint}, {@code strconv.FormatFloat}, {@code strconv.ParseFloat},
 * {@code strconv.ParseInt}).
 */
public final class GoValues {
    private GoValues() {
    }

    /** Whether the node holds a Go {@code int64}: an integral JSON number. */
    public static boolean isInt(JsonNode node) {
        return node != null && node.isIntegralNumber();
    }

    /** Whether the node holds a Go {@code float64}: a JSON number with a fraction or exponent. */
    public static boolean isFloat(JsonNode node) {
        return node != null && node.isNumber() && !node.isIntegralNumber();
    }

    /** Whether the node is absent or JSON null (Go {@code nil}). */
    public static boolean isNil(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** The value as a Go float64 (for numbers). */
    public static double asDouble(JsonNode node) {
        return node.asDouble();
    }

    /** {@code fmt.Sprint(value)} for a JSON value. */
    public static String sprint(JsonNode node) {
        if (isNil(node)) {
            return "<nil>";
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "true" : "false";
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return formatG(node.doubleValue());
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                out.append(sprint(node.get(i)));
            }
            return out.append(']').toString();
        }
        StringBuilder out = new StringBuilder("map[");
        java.util.List<String> keys = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        java.util.Collections.sort(keys);
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(keys.get(i)).append(':').append(sprint(node.get(keys.get(i))));
        }
        return out.append(']').toString();
    }

    /** {@code fmt.Sprint} of a float64 (shortest {@code %v}). */
    public static String formatG(double v) {
        return GoFloat.v(v);
    }

    /** {@code strconv.FormatFloat(v, 'E', -1, 64)}: {@code 1.5E+00}. */
    public static String formatE(double v) {
        return GoFloats.format(v, 'E', -1);
    }

    /** {@code strconv.ParseFloat(text, 64)}. */
    public static OptionalDouble parseFloat(String text) {
        Double d = GoStrconv.parseFloat(text);
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
    }

    /** {@code strconv.ParseInt(text, 10, 64)}. */
    public static OptionalLong parseInt(String text) {
        Long l = GoStrconv.parseInt(text);
        return l == null ? OptionalLong.empty() : OptionalLong.of(l);
    }

    /** {@code time.ParseDuration} in nanoseconds, or empty when the text is not a Go duration. */
    public static OptionalLong duration(String text) {
        try {
            return OptionalLong.of(GoDuration.parse(text));
        } catch (GoTimeException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code resource.ParseQuantity}, or empty when the text is not a quantity. */
    public static Optional<KubeQuantity> quantity(String text) {
        try {
            return Optional.of(KubeQuantity.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** blang/semver's strict {@code Parse}, or empty. */
    public static Optional<Semver.Version> semver(String text) {
        try {
            return Optional.of(Semver.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The node's text when it is a JSON string. */
    public static Optional<String> text(JsonNode node) {
        return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }
}
