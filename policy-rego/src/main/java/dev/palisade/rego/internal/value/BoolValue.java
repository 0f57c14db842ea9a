package dev.palisade.rego.internal.value;

/** A boolean value. */
public final class BoolValue extends Value {
    public static final BoolValue TRUE = new BoolValue(true);
    public static final BoolValue FALSE = new BoolValue(false);

    private final boolean value;

    private BoolValue(boolean value) {
        this.value = value;
    }

    public static BoolValue of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public boolean value() {
        return value;
    }

    @Override
    public int typeOrder() {
        return BOOLEAN;
    }

    @Override
    public String typeName() {
        return "boolean";
    }

    @Override
    int compareSameType(Value other) {
        return Boolean.compare(value, ((BoolValue) other).value);
    }

    @Override
    public int hashCode() {
        return value ? 1231 : 1237;
    }
}
