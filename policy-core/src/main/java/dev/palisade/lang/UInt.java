package dev.palisade.lang;

/**
 * A CEL {@code uint} (unsigned 64-bit integer) value; {@code bits} holds the value's two's
 * complement bit pattern.
 */
public record UInt(long bits) implements Comparable<UInt> {
    /** The value as an exact decimal string. */
    @Override
    public String toString() {
        return Long.toUnsignedString(bits);
    }

    @Override
    public int compareTo(UInt o) {
        return Long.compareUnsigned(bits, o.bits);
    }
}
