package dev.palisade.sigstore.verify.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The {@link FixedBaseTable} of one point (a curve's generator, or a trusted key), grown with use so that a
 * short run does not pay for precomputation it cannot earn back: none on the first use (the caller verifies
 * without), a small table from the {@value #SMALL_AFTER}nd use, and a large one ({@link
 * FixedBaseTable#LARGE_WIDTH}-bit windows, about a quarter fewer additions) from the {@value #LARGE_AFTER}th.
 * The threshold is about what a large table costs to build (50–80 ms on P-256, 160–210 ms on P-384) divided by
 * what it saves per verification (about 10 and 33 µs), so that a process never spends much more on tables
 * than they save it. At most {@value #MAX_LARGE_KEY_TABLES} keys hold a large table at a time (2.9 MB on
 * P-256, 6.5 MB on P-384); further keys keep their small ones.
 *
 * <p>Thread-safe. The small table is built under the lock of its point's {@code TieredTable} (the other
 * threads wait for it, tens of milliseconds once); the large one by the one thread that reaches the threshold
 * first, while the others go on with the small table.
 */
final class TieredTable {
    /** Uses from which a point has its small table. */
    static final int SMALL_AFTER = 2;
    /** Uses from which a point gets its large table. */
    static final int LARGE_AFTER = 4_096;
    /** Keys that may hold a large table at the same time (generators are not counted). */
    static final int MAX_LARGE_KEY_TABLES = 8;

    private static final AtomicInteger LARGE_KEY_TABLES = new AtomicInteger();

    private final ECPoint point;
    private final int orderBits;
    private final PrimeField field;
    private final int smallWidth;
    private final boolean key;
    private final AtomicInteger uses = new AtomicInteger();
    private final AtomicBoolean enlarged = new AtomicBoolean();
    private volatile FixedBaseTable table;

    /**
     * @param point a point of prime order with {@code orderBits} bits on the curve of {@code field}
     * @param key whether the point is a key (counted against {@link #MAX_LARGE_KEY_TABLES}) or a generator
     */
    TieredTable(ECPoint point, int orderBits, PrimeField field, int smallWidth, boolean key) {
        this.point = point;
        this.orderBits = orderBits;
        this.field = field;
        this.smallWidth = smallWidth;
        this.key = key;
    }

    /**
     * Counts a use and returns the table to use for it: null on the first, the small one from the second, the
     * large one once built.
     *
     * @throws IllegalArgumentException when the point's order is not prime (found while building the table)
     */
    FixedBaseTable use() {
        FixedBaseTable current = table;
        if (current != null && current.width() == FixedBaseTable.LARGE_WIDTH) {
            return current;
        }
        int count = uses.incrementAndGet();
        if (current == null) {
            return count < SMALL_AFTER ? null : small();
        }
        if (count >= LARGE_AFTER && enlarged.compareAndSet(false, true) && reserve()) {
            try {
                table = FixedBaseTable.of(point, orderBits, field, FixedBaseTable.LARGE_WIDTH);
            } catch (RuntimeException | OutOfMemoryError e) {
                release(); // the small table keeps serving
            }
        }
        return table;
    }

    /** The small table, built now if it is not yet (or the large one, when built). */
    FixedBaseTable small() {
        FixedBaseTable current = table;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (table == null) {
                table = FixedBaseTable.of(point, orderBits, field, smallWidth);
            }
            return table;
        }
    }

    /** Forgets the count of keys with a large table, when the keys holding them are dropped. */
    static void keysDropped() {
        LARGE_KEY_TABLES.set(0);
    }

    private boolean reserve() {
        if (!key) {
            return true;
        }
        if (LARGE_KEY_TABLES.incrementAndGet() > MAX_LARGE_KEY_TABLES) {
            LARGE_KEY_TABLES.decrementAndGet();
            return false;
        }
        return true;
    }

    private void release() {
        if (key) {
            LARGE_KEY_TABLES.decrementAndGet();
        }
    }
}
