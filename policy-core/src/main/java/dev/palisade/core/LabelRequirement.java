package dev.palisade.core;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** One {@code matchExpressions} entry of a label selector. */
public record LabelRequirement(String key, Operator operator, List<String> values) {

    /** Selector operators, as Kubernetes spells them. */
    public enum Operator {
        /** {@code In}: the label is present with one of the values. */
        IN("In"),
        /** {@code NotIn}: the label is absent, or present with none of the values. */
        NOT_IN("NotIn"),
        /** {@code Exists}: the label is present, whatever its value. */
        EXISTS("Exists"),
        /** {@code DoesNotExist}: the label is absent. */
        DOES_NOT_EXIST("DoesNotExist");

        private final String spelling;

        Operator(String spelling) {
            this.spelling = spelling;
        }

        /**
         * {@return the operator as Kubernetes writes it}
         */
        public String spelling() {
            return spelling;
        }

        /**
         * Parses {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}.
         *
         * @param text the operator's name
         * @return the operator
         */
        public static Operator parse(String text) {
            for (Operator o : values()) {
                if (o.spelling.equals(text)) {
                    return o;
                }
            }
            throw new PalisadeException("unknown label selector operator '" + text
                    + "'; use one of In, NotIn, Exists, DoesNotExist");
        }

        @Override
        public String toString() {
            return spelling.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Checks the requirement: {@code In} and {@code NotIn} take values, {@code Exists} and {@code DoesNotExist} none.
     *
     * @param key the label key
     * @param operator how the label's value is compared
     * @param values the values {@code In} and {@code NotIn} compare with
     */
    public LabelRequirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
        boolean needsValues = operator == Operator.IN || operator == Operator.NOT_IN;
        if (needsValues && values.isEmpty()) {
            throw new PalisadeException("label selector requirement on '" + key + "' with operator "
                    + operator.spelling() + " needs at least one value");
        }
        if (!needsValues && !values.isEmpty()) {
            throw new PalisadeException("label selector requirement on '" + key + "' with operator "
                    + operator.spelling() + " must not list values");
        }
    }

    /**
     * {@return whether labels satisfy the requirement}
     *
     * @param labels an object's labels
     */
    public boolean matches(Map<String, String> labels) {
        String value = labels.get(key);
        return switch (operator) {
            case IN -> value != null && values.contains(value);
            case NOT_IN -> value == null || !values.contains(value);
            case EXISTS -> value != null;
            case DOES_NOT_EXIST -> value == null;
        };
    }
}
