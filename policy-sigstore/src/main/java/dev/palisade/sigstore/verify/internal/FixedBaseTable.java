package dev.palisade.sigstore.verify.internal;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat;

/**
 * Precomputed multiples of one point P for multiplying it by scalars below the group order with additions
 * only: the scalar is cut into signed windows of w bits, k = Σ d<sub>i</sub>·2<sup>w·i</sup> with
 * |d<sub>i</sub>| ≤ 2<sup>w−1</sup>, and the table holds j·2<sup>w·i</sup>·P for j = 1..2<sup>w−1</sup> in
 * affine coordinates, so k·P is one mixed addition per non-zero window and no doubling. u1·G + u2·Q takes 29 +
 * 33 additions on P-256 with the small tables (9-bit windows for a generator, 8-bit for a key) and 22 + 22
 * with the large ones (12-bit); on P-384 43 + 49 and 33 + 33. Bouncy Castle's {@code ECDSASigner} needs about a
 * doubling per bit of the order besides its additions (or, for a point it has seen often, a comb with a
 * doubling per 6 bits).
 *
 * <p>The table is one flat array of field elements (x then y of each point), built with {@link Jacobian}
 * additions and one inversion per window (Montgomery's simultaneous inversion); the multiplication's additions
 * are {@link Jacobian}'s too and allocate nothing. The multiplication takes time that depends on the scalar,
 * which is fine for verification: the scalars are computed from public data. Sizes: P-256 0.48 MB (9-bit), 0.27
 * MB (8-bit), 2.9 MB (12-bit); P-384 1.06, 0.60 and 6.5 MB. A large table takes 50–80 ms (P-256) or 160–210 ms
 * (P-384) to build in a warm JVM. {@link TieredTable} decides which a point gets.
 */
final class FixedBaseTable {
    /** Bits per window of a generator's small table. */
    static final int GENERATOR_WIDTH = 9;
    /** Bits per window of a trusted key's small table. */
    static final int KEY_WIDTH = 8;
    /** Bits per window of a large table (a generator's or a key's in steady use). */
    static final int LARGE_WIDTH = 12;

    private final PrimeField field;
    private final int bits;
    private final int width;
    private final int windows;
    /** x then y of j·2^(width·i)·P at offset (i·2^(width−1) + j − 1)·2·words. */
    private final int[] points;

    private FixedBaseTable(PrimeField field, int bits, int width, int windows, int[] points) {
        this.field = field;
        this.bits = bits;
        this.width = width;
        this.windows = windows;
        this.points = points;
    }

    /**
     * The table of {@code point} for scalars of up to {@code orderBits} bits, kept as elements of {@code field}.
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
        int words = field.words();
        // one window more than the order's bits need, for the carry out of the last signed window
        int windows = (orderBits + 1 + width - 1) / width;
        int[] points = new int[windows * half * 2 * words];
        ECPoint affine = point.normalize();
        int[] baseX = field.fromBigInteger(affine.getAffineXCoord().toBigInteger());
        int[] baseY = field.fromBigInteger(affine.getAffineYCoord().toBigInteger());
        // the window's multiples j·base (j = 1..half) and, last, 2·half·base: the next window's base
        int[][] xs = new int[half + 1][words];
        int[][] ys = new int[half + 1][words];
        int[][] zs = new int[half + 1][words];
        Jacobian sum = new Jacobian(field);
        for (int i = 0; i < windows; i++) {
            sum.setInfinity();
            for (int j = 0; j <= half; j++) {
                if (j < half) {
                    sum.add(baseX, baseY, false);
                } else {
                    sum.twice();
                }
                if (sum.isInfinity()) {
                    throw new IllegalArgumentException("the point's order is not prime with " + orderBits + " bits");
                }
                field.copy(sum.x, xs[j]);
                field.copy(sum.y, ys[j]);
                field.copy(sum.z, zs[j]);
            }
            Jacobian.toAffine(field, xs, ys, zs, half + 1);
            for (int j = 0; j < half; j++) {
                int offset = (i * half + j) * 2 * words;
                System.arraycopy(xs[j], 0, points, offset, words);
                System.arraycopy(ys[j], 0, points, offset + words, words);
            }
            field.copy(xs[half], baseX);
            field.copy(ys[half], baseY);
        }
        return new FixedBaseTable(field, orderBits, width, windows, points);
    }

    /** Bits per window. */
    int width() {
        return width;
    }

    /** The table's size in bytes (its points). */
    long bytes() {
        return 4L * points.length;
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
        int stride = 2 * field.words();
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
            if (digit != 0) {
                accumulator.add(points, (i * half + Math.abs(digit) - 1) * stride, digit < 0);
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
