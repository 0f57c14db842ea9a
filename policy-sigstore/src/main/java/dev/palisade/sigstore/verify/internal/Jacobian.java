package dev.palisade.sigstore.verify.internal;

/**
 * An accumulator point in Jacobian coordinates (x = X/Z², y = Y/Z³; Z = 0 is the point at infinity) on a short
 * Weierstrass curve with a = −3 (P-256, P-384), with its scratch space, so that doubling and adding affine
 * points allocate nothing. The formulas are the standard ones for a = −3 ("dbl-2001-b", 3M + 5S) and for
 * adding an affine point ("madd-2004-hmv", 8M + 3S, which needs fewer additions and subtractions than
 * "madd-2007-bl"); the exceptional cases of the addition (the accumulator at infinity, equal points, opposite
 * points) are handled explicitly. Not thread-safe: one per verification.
 */
final class Jacobian {
    private final PrimeField field;
    /** The accumulator's coordinates. */
    final int[] x;
    final int[] y;
    final int[] z;
    private final int[] ext;
    private final int[] t1;
    private final int[] t2;
    private final int[] t3;
    private final int[] t4;
    private final int[] t5;
    private final int[] t6;
    private final int[] t7;
    private final int[] tableX;
    private final int[] tableY;

    /** The point at infinity of the field's curve. */
    Jacobian(PrimeField field) {
        this.field = field;
        x = field.create();
        y = field.create();
        z = field.create();
        ext = new int[field.extWords()];
        t1 = field.create();
        t2 = field.create();
        t3 = field.create();
        t4 = field.create();
        t5 = field.create();
        t6 = field.create();
        t7 = field.create();
        tableX = field.create();
        tableY = field.create();
    }

    /** Makes the accumulator the point at infinity. */
    void setInfinity() {
        java.util.Arrays.fill(z, 0);
    }

    /** Whether the accumulator is the point at infinity. */
    boolean isInfinity() {
        return field.isZero(z);
    }

    /** The accumulator doubled (a = −3). */
    void twice() {
        if (isInfinity()) {
            return;
        }
        PrimeField f = field;
        f.square(z, t1, ext); // delta = Z²
        f.square(y, t2, ext); // gamma = Y²
        f.multiply(x, t2, t3, ext); // beta = X·gamma
        f.subtract(x, t1, t4);
        f.add(x, t1, t5);
        f.multiply(t4, t5, t4, ext);
        f.twice(t4, t5);
        f.add(t4, t5, t4); // alpha = 3(X − delta)(X + delta)
        f.add(y, z, t5);
        f.square(t5, t5, ext);
        f.subtract(t5, t2, t5);
        f.subtract(t5, t1, z); // Z3 = (Y + Z)² − gamma − delta
        f.shiftLeft(t3, 2, t6); // 4·beta
        f.square(t4, x, ext);
        f.subtract(x, t6, x);
        f.subtract(x, t6, x); // X3 = alpha² − 8·beta
        f.subtract(t6, x, t6);
        f.multiply(t4, t6, t6, ext); // alpha·(4·beta − X3)
        f.square(t2, t2, ext);
        f.shiftLeft(t2, 3, t2); // 8·gamma²
        f.subtract(t6, t2, y); // Y3
    }

    /**
     * Adds the affine point whose x and y coordinates are at {@code offset} in {@code points} (x, then y, one
     * element each), or its opposite when {@code negate}.
     */
    void add(int[] points, int offset, boolean negate) {
        int words = tableX.length;
        System.arraycopy(points, offset, tableX, 0, words);
        System.arraycopy(points, offset + words, tableY, 0, words);
        add(tableX, tableY, negate);
    }

    /** Adds the affine point (ax, ay), or its opposite when {@code negate}. */
    void add(int[] ax, int[] ay, boolean negate) {
        PrimeField f = field;
        int[] y2 = ay;
        if (negate) {
            f.negate(ay, t7);
            y2 = t7;
        }
        if (isInfinity()) {
            f.copy(ax, x);
            f.copy(y2, y);
            f.setOne(z);
            return;
        }
        f.square(z, t1, ext); // Z1²
        f.multiply(t1, z, t2, ext); // Z1³
        f.multiply(t1, ax, t1, ext); // U2 = X2·Z1²
        f.multiply(t2, y2, t2, ext); // S2 = Y2·Z1³
        f.subtract(t1, x, t1); // H = U2 − X1
        f.subtract(t2, y, t2); // R = S2 − Y1
        if (f.isZero(t1)) {
            if (f.isZero(t2)) {
                twice(); // the same point: double it (the accumulator represents it)
            } else {
                setInfinity(); // opposite points
            }
            return;
        }
        f.multiply(z, t1, z, ext); // Z3 = Z1·H
        f.square(t1, t4, ext); // H²
        f.multiply(t4, t1, t3, ext); // H³
        f.multiply(t4, x, t4, ext); // V = X1·H²
        f.square(t2, x, ext);
        f.subtract(x, t3, x);
        f.twice(t4, t5);
        f.subtract(x, t5, x); // X3 = R² − H³ − 2V
        f.subtract(t4, x, t4);
        f.multiply(t2, t4, t4, ext); // R·(V − X3)
        f.multiply(y, t3, t3, ext); // Y1·H³
        f.subtract(t4, t3, y); // Y3 = R·(V − X3) − Y1·H³
    }

    /**
     * Converts the Jacobian points (xs[j], ys[j], zs[j]), j &lt; count, none at infinity, to affine coordinates in
     * place (zs is left as scratch): one inversion for all of them (Montgomery's simultaneous inversion) and
     * seven multiplications or squarings each.
     */
    static void toAffine(PrimeField field, int[][] xs, int[][] ys, int[][] zs, int count) {
        int words = field.words();
        int[][] prefix = new int[count][words];
        int[] ext = new int[field.extWords()];
        int[] inverse = field.create();
        int[] zInverse = field.create();
        int[] zInverse2 = field.create();
        field.copy(zs[0], prefix[0]);
        for (int j = 1; j < count; j++) {
            field.multiply(prefix[j - 1], zs[j], prefix[j], ext);
        }
        field.invert(prefix[count - 1], inverse);
        for (int j = count - 1; j >= 0; j--) {
            if (j > 0) {
                field.multiply(inverse, prefix[j - 1], zInverse, ext); // 1/z_j
                field.multiply(inverse, zs[j], inverse, ext); // 1/(z_0 … z_{j−1})
            } else {
                field.copy(inverse, zInverse);
            }
            field.square(zInverse, zInverse2, ext);
            field.multiply(xs[j], zInverse2, xs[j], ext);
            field.multiply(zInverse2, zInverse, zInverse2, ext);
            field.multiply(ys[j], zInverse2, ys[j], ext);
        }
    }

    /**
     * Whether the accumulator's affine x coordinate equals {@code candidate} (an integer below p), compared
     * without inversion: X = candidate·Z². False at infinity.
     */
    boolean xEquals(int[] candidate) {
        if (isInfinity()) {
            return false;
        }
        field.square(z, t1, ext);
        field.multiply(candidate, t1, t1, ext);
        return field.equal(t1, x);
    }

    /** The affine coordinates {x, y}, or null at infinity (for tests and table building). */
    java.math.BigInteger[] affine() {
        if (isInfinity()) {
            return null;
        }
        field.invert(z, t1);
        field.square(t1, t2, ext);
        field.multiply(x, t2, t3, ext);
        field.multiply(t1, t2, t2, ext);
        field.multiply(y, t2, t4, ext);
        return new java.math.BigInteger[] {field.toBigInteger(t3), field.toBigInteger(t4)};
    }
}
