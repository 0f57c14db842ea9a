package dev.palisade.rego.internal.value;

/** The null value. */
public final class NullValue extends Value {
    public static final NullValue INSTANCE = new NullValue();

    private NullValue() {
    }

    @Override
    public int typeOrder() {
        return NULL;
    }

    @Override
    public String typeName() {
        return "null";
    }

    @Override
    int compareSameType(Value other) {
        return 0;
    }

    @Override
    public int hashCode() {
        return 0x6e756c6c;
    }
}
