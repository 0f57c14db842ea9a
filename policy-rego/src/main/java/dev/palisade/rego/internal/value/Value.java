package dev.palisade.rego.internal.value;

/**
 * A Rego value: null, boolean, number, string, array, object or set. Values are immutable (views
 * over Jackson trees fill caches lazily, but only within one evaluation) and totally ordered as OPA
 * orders them: null &lt; boolean &lt; number &lt; string &lt; array &lt; object &lt; set.
 */
public abstract class Value implements Comparable<Value> {
    public static final int NULL = 0;
    public static final int BOOLEAN = 1;
    public static final int NUMBER = 2;
    public static final int STRING = 3;
    public static final int ARRAY = 6;
    public static final int OBJECT = 7;
    public static final int SET = 8;

    Value() {
    }

    /** The sort class of this value (see the constants). */
    public abstract int typeOrder();

    /** OPA's type name: null, boolean, number, string, array, object, set. */
    public abstract String typeName();

    /** Compares two values of the same type order. */
    abstract int compareSameType(Value other);

    @Override
    public final int compareTo(Value other) {
        if (this == other) {
            return 0;
        }
        int a = typeOrder();
        int b = other.typeOrder();
        if (a != b) {
            return a < b ? -1 : 1;
        }
        return compareSameType(other);
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof Value v) || v.typeOrder() != typeOrder()) {
            return false;
        }
        return compareSameType(v) == 0;
    }

    @Override
    public abstract int hashCode();

    /** OPA's textual form ({@code ast.Value.String()}): strings quoted, sets as {@code {1, 2}} or {@code set()}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        Values.appendRego(sb, this);
        return sb.toString();
    }

    /**
     * The size of this value as serialised: 1 per scalar and member, plus a unit per 16 characters of
     * strings; shared sub-values count every time they occur (saturating). Cached by collections.
     */
    public long weight() {
        return 1;
    }

    /** Whether this value is a collection (array, object or set). */
    public boolean isCollection() {
        int t = typeOrder();
        return t >= ARRAY;
    }
}
