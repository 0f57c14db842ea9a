package dev.palisade.lang;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** An immutable CEL {@code bytes} value. */
public final class Bytes implements Comparable<Bytes> {
    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /**
     * {@return a value holding a copy of the array}
     *
     * @param data the bytes
     */
    public static Bytes of(byte[] data) {
        return new Bytes(data.clone());
    }

    /**
     * Wraps an array the caller will never change again.
     *
     * @param data the bytes, not copied
     * @return the value
     */
    public static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    /**
     * {@return the UTF-8 encoding of a string}
     *
     * @param s the string
     */
    public static Bytes utf8(String s) {
        return new Bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@return the number of bytes}
     */
    public int size() {
        return data.length;
    }

    /**
     * {@return one byte}
     *
     * @param i its index, from 0
     * @throws IndexOutOfBoundsException when {@code i} is not below {@link #size()}
     */
    public byte byteAt(int i) {
        return data[i];
    }

    /** {@return a copy of the content} */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** {@return the content in base64, as JSON shows bytes} */
    public String base64() {
        return Base64.getEncoder().encodeToString(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    @Override
    public String toString() {
        return "b\"" + base64() + "\"(base64)";
    }
}
