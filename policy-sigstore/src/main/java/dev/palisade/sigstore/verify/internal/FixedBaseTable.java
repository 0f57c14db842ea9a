package dev.palisade.sigstore.verify.internal;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Precomputed multiples of one point P for multiplying it by scalars below the group order with additions
 * only: the scalar is cut into signed windows of {@value #WIDTH} bits, k = Σ d<sub>i</sub>·2<sup>7i</sup>
 * with |d<sub>i</sub>| ≤ 64, and the table holds j·2<sup>7i</sup>·P for j = 1..64 in affine coordinates, so
 * k·P is one mixed addition per non-zero window (37 for P-256, 55 for P-384) and no doubling. Bouncy
 * Castle's double-and-add with Shamir's trick, which {@code ECDSASigner} uses, needs a doubling per bit of the
 * order besides its additions, about 3.5 times the work for a key used again and again.
 *
 * <p>The point arithmetic is Bouncy Castle's (specialised field arithmetic, complete handling of doubling and
 * infinity in additions). The multiplication takes time that depends on the scalar, which is fine for
 * verification: the scalars are computed from public data. A table takes about 0.5 MB (P-256) or 1 MB
 * (P-384) and a few milliseconds to build; it is kept for the generators and for trusted keys.
 */
final class FixedBaseTable {
    /** Bits per window. */
    static final int WIDTH = 7;
    private static final int HALF = 1 << (WIDTH - 1);
    private static final int MASK = (1 << WIDTH) - 1;

    private final ECCurve curve;
    private final int bits;
    /** {@code multiples[i][j - 1]} = j·2^(WIDTH·i)·P, normalised. */
    private final ECPoint[][] multiples;

    private FixedBaseTable(ECCurve curve, int bits, ECPoint[][] multiples) {
        this.curve = curve;
        this.bits = bits;
        this.multiples = multiples;
    }

    /**
     * The table of {@code point} for scalars of up to {@code orderBits} bits.
     *
     * @param point a finite point of prime order with {@code orderBits} bits
     * @throws IllegalArgumentException when the point is the point at infinity or reaches it while the table
     *     is built (a point whose order is not the curve's prime order)
     */
    static FixedBaseTable of(ECPoint point, int orderBits) {
        if (point.isInfinity()) {
            throw new IllegalArgumentException("the point at infinity has no table");
        }
        // one window more than the order's bits need, for the carry out of the last signed window
        int windows = (orderBits + 1 + WIDTH - 1) / WIDTH;
        ECPoint[] flat = new ECPoint[windows * HALF];
        ECPoint base = point.normalize();
        for (int i = 0; i < windows; i++) {
            ECPoint sum = base;
            flat[i * HALF] = base;
            for (int j = 1; j < HALF; j++) {
                sum = sum.add(base);
                flat[i * HALF + j] = sum;
            }
            base = sum.twice(); // 2^(WIDTH-1)·base doubled: the next window's base
            for (int j = 0; j < HALF; j++) {
                if (flat[i * HALF + j].isInfinity()) {
                    throw new IllegalArgumentException("the point's order is not prime with " + orderBits + " bits");
                }
            }
            if (base.isInfinity()) {
                throw new IllegalArgumentException("the point's order is not prime with " + orderBits + " bits");
            }
        }
        ECCurve curve = point.getCurve();
        curve.normalizeAll(flat);
        ECPoint[][] multiples = new ECPoint[windows][];
        for (int i = 0; i < windows; i++) {
            multiples[i] = new ECPoint[HALF];
            System.arraycopy(flat, i * HALF, multiples[i], 0, HALF);
        }
        return new FixedBaseTable(curve, orderBits, multiples);
    }

    /**
     * k·P, in projective coordinates (not normalised).
     *
     * @param k a scalar with 0 ≤ k &lt; 2^orderBits
     * @throws IllegalArgumentException for a negative or longer scalar
     */
    ECPoint multiply(BigInteger k) {
        if (k.signum() < 0 || k.bitLength() > bits) {
            throw new IllegalArgumentException("scalar out of range");
        }
        ECPoint result = curve.getInfinity();
        int carry = 0;
        for (int i = 0; i < multiples.length; i++) {
            int value = window(k, i * WIDTH) + carry;
            int digit;
            if (value > HALF) {
                digit = value - (1 << WIDTH);
                carry = 1;
            } else {
                digit = value;
                carry = 0;
            }
            if (digit > 0) {
                result = result.add(multiples[i][digit - 1]);
            } else if (digit < 0) {
                result = result.subtract(multiples[i][-digit - 1]);
            }
        }
        if (carry != 0) {
            throw new IllegalStateException("carry out of the last window"); // excluded by the window count
        }
        return result;
    }

    /** The {@value #WIDTH} bits of {@code k} from bit {@code from} on, as an unsigned value. */
    private static int window(BigInteger k, int from) {
        int value = 0;
        for (int b = WIDTH - 1; b >= 0; b--) {
            value = (value << 1) | (k.testBit(from + b) ? 1 : 0);
        }
        return value & MASK;
    }
}
