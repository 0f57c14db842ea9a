package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Nearest-rank latency percentiles of the load benchmark. */
class PercentilesTest {

    @Test
    void nearestRankOfAHundredSamples() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms, unsorted
        }
        Percentiles p = new Percentiles(samples, 100);
        assertEquals(50_000_000L, p.nanos(0.50));
        assertEquals(99_000_000L, p.nanos(0.99)); // rank 99, not 100: 0.99 * 100 is not rounded up past 99
        assertEquals(100_000_000L, p.nanos(0.999)); // rank ceil(99.9) = 100
        assertEquals(1_000_000L, p.nanos(0.001));
        assertEquals(100.0, p.maxMillis());
        assertEquals(99.0, p.millis(0.99));
    }

    @Test
    void onlyTheFirstCountSamplesCountAndTheInputIsNotChanged() {
        long[] samples = {30, 10, 20, 999, 999};
        Percentiles p = new Percentiles(samples, 3);
        assertEquals(3, p.count());
        assertEquals(20, p.nanos(0.5));
        assertEquals(30, p.nanos(1.0));
        assertArrayEquals(new long[] {30, 10, 20, 999, 999}, samples);
    }

    @Test
    void noSamplesGiveZeroAndBadQuantilesAreRefused() {
        Percentiles none = new Percentiles(new long[4], 0);
        assertEquals(0, none.nanos(0.99));
        assertEquals(0.0, none.maxMillis());
        assertThrows(IllegalArgumentException.class, () -> none.nanos(0));
        assertThrows(IllegalArgumentException.class, () -> none.nanos(1.5));
        assertThrows(IllegalArgumentException.class, () -> new Percentiles(new long[2], 3));
    }

    /**
     * Differential against the definition: the q-quantile is a sample, at least q of all samples are
     * at or below it, and fewer than q are strictly below it.
     */
    @Property
    void theQuantileSatisfiesTheNearestRankDefinition(
            @ForAll @Size(min = 1, max = 500) List<@LongRange(min = 0, max = 1_000_000) Long> values,
            @ForAll @DoubleRange(min = 0.0001, max = 1.0) @Scale(4) double quantile) {
        long[] samples = values.stream().mapToLong(Long::longValue).toArray();
        long q = new Percentiles(samples, samples.length).nanos(quantile);
        long atOrBelow = values.stream().filter(v -> v <= q).count();
        long below = values.stream().filter(v -> v < q).count();
        assertTrue(values.contains(q));
        assertTrue(atOrBelow >= quantile * samples.length - 1e-6, q + " at " + quantile + " of " + values);
        assertTrue(below < quantile * samples.length + 1e-6, q + " at " + quantile + " of " + values);
    }
}
