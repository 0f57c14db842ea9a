package dev.palisade.webhook;

/**
 * The send schedule of an open-loop (constant-rate) load run: request {@code i} is due at
 * {@code start + i / rate} seconds, whatever happened to the requests before it. A load generator
 * that measures each request's latency from this intended time, not from when it actually got a
 * connection and sent, counts the time a request spent waiting behind a slow one (no coordinated
 * omission): a server that stalls for 100 ms at 5,000 requests/s shows 500 late requests, not one.
 */
final class OpenLoopSchedule {
    private final long startNanos;
    private final double rate;
    private final long count;

    /**
     * A schedule of {@code count} requests at {@code rate} per second from {@code startNanos}.
     *
     * @param startNanos when request 0 is due, on the {@link System#nanoTime()} clock
     * @param rate requests per second, positive and finite
     * @param count how many requests, at least 1
     */
    OpenLoopSchedule(long startNanos, double rate, long count) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("the rate must be a positive number of requests per second, not " + rate);
        }
        if (count < 1) {
            throw new IllegalArgumentException("the request count must be at least 1, not " + count);
        }
        this.startNanos = startNanos;
        this.rate = rate;
        this.count = count;
    }

    /** The number of requests that {@code seconds} of load at {@code rate} per second makes (at least 1). */
    static long requestsFor(double rate, double seconds) {
        return Math.max(1, Math.round(rate * seconds));
    }

    /** How many requests the schedule has. */
    long count() {
        return count;
    }

    /** When request {@code index} is due: {@code start + floor(index * 1e9 / rate)} nanoseconds. */
    long intendedNanos(long index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("request " + index + " of " + count);
        }
        // index * 1e9 / rate in double is exact to well under a nanosecond for any run this tool makes
        // (index < 2^31, rate >= 1e-3); floor keeps the offsets non-decreasing.
        return startNanos + (long) Math.floor(index * 1e9 / rate);
    }

    /** When the last request is due: the schedule's length from its start. */
    long spanNanos() {
        return intendedNanos(count - 1) - startNanos;
    }

    /**
     * The rate achieved by a run of this schedule: requests completed divided by the time from the
     * schedule's start until the last of them completed; a run that keeps up achieves the offered rate
     * (slightly more, since the last request is due one interval before the schedule's span ends).
     *
     * @param completed requests answered
     * @param lastCompletionNanos when the last answer arrived, on the {@link System#nanoTime()} clock
     * @return requests per second, 0 when nothing completed
     */
    double achievedRate(long completed, long lastCompletionNanos) {
        long elapsed = lastCompletionNanos - startNanos;
        if (completed <= 0 || elapsed <= 0) {
            return 0;
        }
        return completed * 1e9 / elapsed;
    }
}
