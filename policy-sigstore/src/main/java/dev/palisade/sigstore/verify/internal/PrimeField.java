package dev.palisade.sigstore.verify.internal;

import java.math.BigInteger;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.ec.custom.sec.SecP384R1Field;
import org.bouncycastle.math.raw.Mod;
import org.bouncycastle.math.raw.Nat;

/**
 * The prime fields of P-256 and P-384 as little-endian arrays of 32-bit words, on Bouncy Castle's
 * allocation-free primitives ({@link SecP256R1Field}, {@link SecP384R1Field}: Solinas reduction, results fully
 * reduced below p, so equal elements have equal words). Every operation writes its result to its last array
 * argument, which may be one of its inputs. {@code ext} is a scratch array of {@link #extWords()} words.
 */
abstract class PrimeField {
    /** The field of P-256, p = 2^256 − 2^224 + 2^192 + 2^96 − 1. */
    static final PrimeField P256 = new P256();
    /** The field of P-384, p = 2^384 − 2^128 − 2^96 + 2^32 − 1. */
    static final PrimeField P384 = new P384();

    private final int words;
    private final BigInteger p;
    private final int[] pWords;

    private PrimeField(int words, BigInteger p) {
        this.words = words;
        this.p = p;
        this.pWords = Nat.fromBigInteger(words * 32, p);
    }

    /** Words per element. */
    final int words() {
        return words;
    }

    /** Words of a double-length product (the {@code ext} scratch). */
    final int extWords() {
        return 2 * words;
    }

    /** The characteristic p. */
    final BigInteger p() {
        return p;
    }

    /** A new zero element. */
    final int[] create() {
        return new int[words];
    }

    /** The element of an integer 0 ≤ x &lt; p. */
    final int[] fromBigInteger(BigInteger x) {
        if (x.signum() < 0 || x.compareTo(p) >= 0) {
            throw new IllegalArgumentException("not a field element");
        }
        return Nat.fromBigInteger(words * 32, x);
    }

    /** The integer of an element. */
    final BigInteger toBigInteger(int[] x) {
        return Nat.toBigInteger(words, x);
    }

    /** Whether the element is zero. */
    final boolean isZero(int[] x) {
        return Nat.isZero(words, x);
    }

    /** Whether two elements are equal. */
    final boolean equal(int[] x, int[] y) {
        return Nat.eq(words, x, y);
    }

    /** z = x. */
    final void copy(int[] x, int[] z) {
        System.arraycopy(x, 0, z, 0, words);
    }

    /** z = 1. */
    final void setOne(int[] z) {
        java.util.Arrays.fill(z, 0);
        z[0] = 1;
    }

    /** z = x·y. */
    abstract void multiply(int[] x, int[] y, int[] z, int[] ext);

    /** z = x². */
    abstract void square(int[] x, int[] z, int[] ext);

    /** z = x + y. */
    abstract void add(int[] x, int[] y, int[] z);

    /** z = x − y. */
    abstract void subtract(int[] x, int[] y, int[] z);

    /** z = 2x. */
    abstract void twice(int[] x, int[] z);

    /** z = −x. */
    abstract void negate(int[] x, int[] z);

    /** z = 2^bits·x, for 1 ≤ bits ≤ 3 (one shift and one folding of the carry instead of repeated doublings). */
    abstract void shiftLeft(int[] x, int bits, int[] z);

    /**
     * z = x⁻¹ (variable time: the field elements of a verification are computed from public data).
     *
     * @throws ArithmeticException for x = 0
     */
    final void invert(int[] x, int[] z) {
        if (!Mod.modOddInverseVar(pWords, x, z)) {
            throw new ArithmeticException("zero has no inverse");
        }
    }

    private static final class P256 extends PrimeField {
        P256() {
            super(8, new BigInteger("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", 16));
        }

        @Override
        void multiply(int[] x, int[] y, int[] z, int[] ext) {
            SecP256R1Field.multiply(x, y, z, ext);
        }

        @Override
        void square(int[] x, int[] z, int[] ext) {
            SecP256R1Field.square(x, z, ext);
        }

        @Override
        void add(int[] x, int[] y, int[] z) {
            SecP256R1Field.add(x, y, z);
        }

        @Override
        void subtract(int[] x, int[] y, int[] z) {
            SecP256R1Field.subtract(x, y, z);
        }

        @Override
        void twice(int[] x, int[] z) {
            SecP256R1Field.twice(x, z);
        }

        @Override
        void negate(int[] x, int[] z) {
            SecP256R1Field.negate(x, z);
        }

        @Override
        void shiftLeft(int[] x, int bits, int[] z) {
            SecP256R1Field.reduce32(Nat.shiftUpBits(8, x, bits, 0, z), z);
        }
    }

    private static final class P384 extends PrimeField {
        P384() {
            super(12, new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFF", 16));
        }

        @Override
        void multiply(int[] x, int[] y, int[] z, int[] ext) {
            SecP384R1Field.multiply(x, y, z, ext);
        }

        @Override
        void square(int[] x, int[] z, int[] ext) {
            SecP384R1Field.square(x, z, ext);
        }

        @Override
        void add(int[] x, int[] y, int[] z) {
            SecP384R1Field.add(x, y, z);
        }

        @Override
        void subtract(int[] x, int[] y, int[] z) {
            SecP384R1Field.subtract(x, y, z);
        }

        @Override
        void twice(int[] x, int[] z) {
            SecP384R1Field.twice(x, z);
        }

        @Override
        void negate(int[] x, int[] z) {
            SecP384R1Field.negate(x, z);
        }

        @Override
        void shiftLeft(int[] x, int bits, int[] z) {
            SecP384R1Field.reduce32(Nat.shiftUpBits(12, x, bits, 0, z), z);
        }
    }
}
