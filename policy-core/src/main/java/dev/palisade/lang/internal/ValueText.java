package dev.palisade.lang.internal;

/** Text forms of values for hosts (the string() conversion). */
public final class ValueText {
    private ValueText() {
    }

    /** The CEL {@code string()} of a value. */
    public static String text(Object v) {
        return (String) Stdlib.toStr(Rt.norm(v));
    }
}
