package dev.palisade.core.internal.gotime;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A time as Go's {@code time.Parse} returns it: an instant with nanosecond precision and the zone
 * it was written in. Go's fixed zones may be offset by more than the ±18 hours Java's
 * {@link ZoneOffset} allows ({@code +24:00} parses), so the offset is kept as seconds.
 *
 * @param epochSecond seconds since 1970-01-01T00:00:00Z
 * @param nano nanoseconds within the second, 0 to 999,999,999
 * @param offsetSeconds the zone's offset from UTC in seconds (0 for UTC and for zone abbreviations
 *     Go cannot look up)
 * @param zoneName the zone's name: {@code UTC}, an abbreviation read from the text ({@code PST},
 *     {@code GMT+3}), or empty for a zone given only as an offset
 */
public record ParsedTime(long epochSecond, int nano, int offsetSeconds, String zoneName) {
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    /**
     * The instant, without the zone.
     *
     * @return the instant
     */
    public Instant toInstant() {
        return Instant.ofEpochSecond(epochSecond, nano);
    }

    /**
     * Nanoseconds since the Unix epoch, unbounded (Go's {@code UnixNano} is only defined within
     * int64; callers check the range they need).
     *
     * @return the nanoseconds since 1970-01-01T00:00:00Z
     */
    public BigInteger epochNanos() {
        return BigInteger.valueOf(epochSecond).multiply(NANOS_PER_SECOND).add(BigInteger.valueOf(nano));
    }

    /**
     * The time at its offset.
     *
     * @return the date-time at {@link #offsetSeconds()}
     * @throws DateTimeException when the offset is beyond the ±18 hours Java represents
     */
    public OffsetDateTime toOffsetDateTime() {
        return OffsetDateTime.ofInstant(toInstant(), ZoneOffset.ofTotalSeconds(offsetSeconds));
    }
}
