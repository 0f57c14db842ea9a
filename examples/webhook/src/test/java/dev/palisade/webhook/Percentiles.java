package dev.palisade.webhook;

import java.util.Arrays;

/**
 * Latency percentiles of a load run by the nearest-rank method: the q-quantile of n sorted samples is
 * the sample at rank {@code ceil(q * n)} (1-based), so it is always a measured value and at least a
 * fraction q of the samples are at or below it; p100 is the maximum.
 */
final class Percentiles {
    private final long[] sorted;

    /** The percentiles of the first {@code count} samples (nanoseconds); the array is not changed. */
    Percentiles(long[] samples, int count) {
        if (count < 0 || count > samples.length) {
            throw new IllegalArgumentException("count " + count + " of " + samples.length + " samples");
        }
        this.sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
    }

    /** How many samples there are. */
    int count() {
        return sorted.length;
    }

    /** The q-quantile (0 < q <= 1) in nanoseconds; 0 when there are no samples. */
    long nanos(double quantile) {
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("a quantile is in (0, 1], not " + quantile);
        }
        if (sorted.length == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * sorted.length - 1e-9); // 1-based; 1e-9 absorbs 0.99 * 100 = 99.00000000000001
        return sorted[(int) Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The q-quantile in milliseconds. */
    double millis(double quantile) {
        return nanos(quantile) / 1e6;
    }

    /** The largest sample in milliseconds; 0 when there are none. */
    double maxMillis() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
    }
}
