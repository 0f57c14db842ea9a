package dev.palisade.sigstore.verify.internal;

/**
 * An accumulator point in Jacobian coordinates (x = X/Z², y = Y/Z³; Z = 0 is the point at infinity) on a short
 * Weierstrass curve with a = −3 (P-256, P-384), with its scratch space, so that doubling and adding affine
 * points allocate nothing. The formulas are the standard ones for a = −3 ("dbl-2001-b", 3M + 5S) and for
 * adding an affine point ("madd-2007-bl", 7M + 4S); the exceptional cases of the addition (the accumulator at
 * infinity, equal points, opposite points) are handled explicitly. Not thread-safe: one per verification.
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
        f.twice(t3, t6);
        f.twice(t6, t6); // 4·beta
        f.square(t4, x, ext);
        f.subtract(x, t6, x);
        f.subtract(x, t6, x); // X3 = alpha² − 8·beta
        f.subtract(t6, x, t6);
        f.multiply(t4, t6, t6, ext); // alpha·(4·beta − X3)
        f.square(t2, t2, ext);
        f.twice(t2, t2);
        f.twice(t2, t2);
        f.twice(t2, t2); // 8·gamma²
        f.subtract(t6, t2, y); // Y3
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
        f.square(z, t1, ext); // Z1Z1
        f.multiply(ax, t1, t2, ext); // U2 = X2·Z1Z1
        f.multiply(z, t1, t3, ext);
        f.multiply(y2, t3, t3, ext); // S2 = Y2·Z1·Z1Z1
        f.subtract(t2, x, t2); // H = U2 − X1
        f.subtract(t3, y, t3); // S2 − Y1
        if (f.isZero(t2)) {
            if (f.isZero(t3)) {
                twice(); // the same point: double it (the accumulator represents it)
            } else {
                java.util.Arrays.fill(z, 0); // opposite points: infinity
            }
            return;
        }
        f.square(t2, t4, ext); // HH = H²
        f.twice(t4, t5);
        f.twice(t5, t5); // I = 4·HH
        f.multiply(t2, t5, t6, ext); // J = H·I
        f.twice(t3, t3); // r = 2(S2 − Y1)
        f.multiply(x, t5, t5, ext); // V = X1·I
        f.multiply(y, t6, t7, ext);
        f.twice(t7, t7); // 2·Y1·J (ay's negation in t7 is no longer needed)
        f.add(z, t2, z);
        f.square(z, z, ext);
        f.subtract(z, t1, z);
        f.subtract(z, t4, z); // Z3 = (Z1 + H)² − Z1Z1 − HH
        f.square(t3, x, ext);
        f.subtract(x, t6, x);
        f.subtract(x, t5, x);
        f.subtract(x, t5, x); // X3 = r² − J − 2V
        f.subtract(t5, x, t5);
        f.multiply(t3, t5, t5, ext);
        f.subtract(t5, t7, y); // Y3 = r(V − X3) − 2·Y1·J
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
