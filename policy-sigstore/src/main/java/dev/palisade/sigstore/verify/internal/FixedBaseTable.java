package dev.palisade.sigstore.verify.internal;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat;

/**
 * Precomputed multiples of one point P for multiplying it by scalars below the group order with additions
 * only: the scalar is cut into signed windows of w bits, k = Σ d<sub>i</sub>·2<sup>w·i</sup> with
 * |d<sub>i</sub>| ≤ 2<sup>w−1</sup>, and the table holds j·2<sup>w·i</sup>·P for j = 1..2<sup>w−1</sup> in
 * affine coordinates, so k·P is one mixed addition per non-zero window and no doubling: with the generator's
 * 9-bit windows and a key's 8-bit windows, u1·G + u2·Q takes 29 + 33 additions on P-256 and 43 + 49 on P-384.
 * Bouncy Castle's {@code ECDSASigner} needs about a doubling per bit of the order besides its additions (or,
 * for a point it has seen often, a comb with a doubling per 6 bits).
 *
 * <p>The table is built with Bouncy Castle's point arithmetic and kept as field elements; the additions are
 * {@link Jacobian}'s, which allocate nothing. The multiplication takes time that depends on the scalar, which
 * is fine for verification: the scalars are computed from public data. Sizes: the generators' tables about
 * 0.7 MB (P-256) and 1.4 MB (P-384), built once; a trusted key's about 0.4 MB (P-256) or 0.8 MB (P-384),
 * built on its second use (30–80 ms each in a cold JVM).
 */
final class FixedBaseTable {
    /** Bits per window of a generator's table (one per curve, built once). */
    static final int GENERATOR_WIDTH = 9;
    /** Bits per window of a trusted key's table. */
    static final int KEY_WIDTH = 8;

    private final int bits;
    private final int width;
    private final int windows;
    /** Affine coordinates of j·2^(width·i)·P at index i·2^(width−1) + j − 1. */
    private final int[][] xs;
    private final int[][] ys;

    private FixedBaseTable(int bits, int width, int windows, int[][] xs, int[][] ys) {
        this.bits = bits;
        this.width = width;
        this.windows = windows;
        this.xs = xs;
        this.ys = ys;
    }

    /**
     * The table of {@code point} for scalars of up to {@code orderBits} bits, built with Bouncy Castle's point
     * arithmetic and kept as elements of {@code field}.
     *
     * @param point a finite point of prime order with {@code orderBits} bits, on the curve of {@code field}
     * @throws IllegalArgumentException when the point is the point at infinity or reaches it while the table
     *     is built (a point whose order is not the curve's prime order)
     */
    static FixedBaseTable of(ECPoint point, int orderBits, PrimeField field, int width) {
        if (point.isInfinity()) {
            throw new IllegalArgumentException("the point at infinity has no table");
        }
        if (width < 2 || width > 12) {
            throw new IllegalArgumentException("window width out of range: " + width);
        }
        int half = 1 << (width - 1);
        // one window more than the order's bits need, for the carry out of the last signed window
        int windows = (orderBits + 1 + width - 1) / width;
        ECPoint[] flat = new ECPoint[windows * half];
        ECPoint base = point.normalize();
        for (int i = 0; i < windows; i++) {
            ECPoint sum = base;
            flat[i * half] = base;
            for (int j = 1; j < half; j++) {
                sum = sum.add(base);
                flat[i * half + j] = sum;
            }
            base = sum.twice(); // 2^(width-1)·base doubled: the next window's base
            for (int j = 0; j < half; j++) {
                if (flat[i * half + j].isInfinity()) {
                    throw new IllegalArgumentException("the point's order is not prime with " + orderBits + " bits");
                }
            }
            if (base.isInfinity()) {
                throw new IllegalArgumentException("the point's order is not prime with " + orderBits + " bits");
            }
        }
        point.getCurve().normalizeAll(flat);
        int[][] xs = new int[flat.length][];
        int[][] ys = new int[flat.length][];
        for (int i = 0; i < flat.length; i++) {
            xs[i] = field.fromBigInteger(flat[i].getAffineXCoord().toBigInteger());
            ys[i] = field.fromBigInteger(flat[i].getAffineYCoord().toBigInteger());
        }
        return new FixedBaseTable(orderBits, width, windows, xs, ys);
    }

    /**
     * Adds k·P to the accumulator: one addition of a table point per non-zero signed window.
     *
     * @param k a scalar with 0 ≤ k &lt; 2^orderBits
     * @throws IllegalArgumentException for a negative or longer scalar
     */
    void addMultiple(Jacobian accumulator, BigInteger k) {
        if (k.signum() < 0 || k.bitLength() > bits) {
            throw new IllegalArgumentException("scalar out of range");
        }
        int[] words = Nat.fromBigInteger(bits, k);
        int half = 1 << (width - 1);
        int carry = 0;
        for (int i = 0; i < windows; i++) {
            int value = window(words, i * width) + carry;
            int digit;
            if (value > half) {
                digit = value - (1 << width);
                carry = 1;
            } else {
                digit = value;
                carry = 0;
            }
            if (digit > 0) {
                accumulator.add(xs[i * half + digit - 1], ys[i * half + digit - 1], false);
            } else if (digit < 0) {
                accumulator.add(xs[i * half - digit - 1], ys[i * half - digit - 1], true);
            }
        }
        if (carry != 0) {
            throw new IllegalStateException("carry out of the last window"); // excluded by the window count
        }
    }

    /** The {@code width} bits of the little-endian {@code words} from bit {@code from} on (zeros past the end). */
    private int window(int[] words, int from) {
        int index = from >>> 5;
        long low = index < words.length ? words[index] & 0xffffffffL : 0;
        long high = index + 1 < words.length ? words[index + 1] & 0xffffffffL : 0;
        return (int) (((high << 32 | low) >>> (from & 31)) & ((1 << width) - 1));
    }
}
