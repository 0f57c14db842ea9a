package dev.palisade.lang;

/** The CEL {@code null} value as returned by {@link Program#evaluate}. */
public enum NullValue {
    /**
     * The one null value.
     */
    NULL;

    @Override
    public String toString() {
        return "null";
    }
}
