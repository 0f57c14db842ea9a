package dev.palisade.sigstore.verify.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link PrimeField}'s operations on P-256 and P-384 against {@link BigInteger} arithmetic modulo p, on random
 * elements and on the edges (0, 1, p − 1, p − 2, 2^k − 1 and 2^k near the word and carry boundaries), with
 * results fully reduced (the integer read back equals the expected one, and converting it again gives the
 * same words).
 */
class PrimeFieldPropertiesTest {

    private static final PrimeField[] FIELDS = {PrimeField.P256, PrimeField.P384};

    private static BigInteger element(PrimeField field, Random random, int which) {
        BigInteger p = field.p();
        int bits = p.bitLength();
        BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, p.subtract(BigInteger.ONE),
            p.subtract(BigInteger.TWO), p.shiftRight(1), p.shiftRight(1).add(BigInteger.ONE), p.shiftRight(2),
            p.shiftRight(3).add(BigInteger.ONE), BigInteger.ONE.shiftLeft(bits - 1), BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(224), BigInteger.ONE.shiftLeft(bits - 3)};
        int choice = Math.floorMod(which, edges.length * 2);
        return choice < edges.length ? edges[choice] : new BigInteger(bits + 32, random).mod(p);
    }

    private static void assertElement(PrimeField field, BigInteger expected, int[] actual, String what) {
        assertEquals(expected, field.toBigInteger(actual), what);
        assertArrayEquals(field.fromBigInteger(expected), actual, what + ": fully reduced");
    }

    @Property(tries = 2000)
    void operationsEqualBigIntegerArithmetic(@ForAll boolean p384, @ForAll long seed, @ForAll int which, @ForAll int other) {
        PrimeField field = FIELDS[p384 ? 1 : 0];
        BigInteger p = field.p();
        Random random = new Random(seed);
        BigInteger a = element(field, random, which);
        BigInteger b = element(field, random, other);
        int[] x = field.fromBigInteger(a);
        int[] y = field.fromBigInteger(b);
        int[] z = field.create();
        int[] ext = new int[field.extWords()];
        field.multiply(x, y, z, ext);
        assertElement(field, a.multiply(b).mod(p), z, "x·y");
        field.square(x, z, ext);
        assertElement(field, a.multiply(a).mod(p), z, "x²");
        field.add(x, y, z);
        assertElement(field, a.add(b).mod(p), z, "x + y");
        field.subtract(x, y, z);
        assertElement(field, a.subtract(b).mod(p), z, "x − y");
        field.twice(x, z);
        assertElement(field, a.shiftLeft(1).mod(p), z, "2x");
        field.negate(x, z);
        assertElement(field, a.negate().mod(p), z, "−x");
        for (int bits = 1; bits <= 3; bits++) {
            field.shiftLeft(x, bits, z);
            assertElement(field, a.shiftLeft(bits).mod(p), z, "2^" + bits + "·x");
            int[] inPlace = x.clone();
            field.shiftLeft(inPlace, bits, inPlace);
            assertElement(field, a.shiftLeft(bits).mod(p), inPlace, "2^" + bits + "·x in place");
        }
        if (a.signum() != 0) {
            field.invert(x, z);
            assertElement(field, a.modInverse(p), z, "x⁻¹");
        }
    }

    @Example
    void zeroHasNoInverse() {
        for (PrimeField field : FIELDS) {
            assertThrows(ArithmeticException.class, () -> field.invert(field.create(), field.create()));
        }
    }
}
