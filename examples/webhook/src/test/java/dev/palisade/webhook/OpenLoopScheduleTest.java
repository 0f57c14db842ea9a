package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The open-loop load schedule: when each request is due, and the rate a run achieved. */
class OpenLoopScheduleTest {

    @Test
    void fiveThousandPerSecondIsOneRequestEvery200Microseconds() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, 5_000, 50_000);
        assertEquals(1_000, schedule.intendedNanos(0));
        assertEquals(1_000 + 200_000, schedule.intendedNanos(1));
        assertEquals(1_000 + 2_000_000, schedule.intendedNanos(10));
        assertEquals(1_000 + 9_999_800_000L, schedule.intendedNanos(49_999));
        assertEquals(9_999_800_000L, schedule.spanNanos());
    }

    @Test
    void aRateThatDoesNotDivideASecondRoundsEachOffsetDown() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(0, 3, 4);
        assertEquals(0, schedule.intendedNanos(0));
        assertEquals(333_333_333, schedule.intendedNanos(1));
        assertEquals(666_666_666, schedule.intendedNanos(2));
        assertEquals(1_000_000_000, schedule.intendedNanos(3));
    }

    @Test
    void theRequestCountIsRateTimesDuration() {
        assertEquals(50_000, OpenLoopSchedule.requestsFor(5_000, 10));
        assertEquals(1_250, OpenLoopSchedule.requestsFor(2_500, 0.5));
        assertEquals(1, OpenLoopSchedule.requestsFor(10, 0.01));
    }

    @Test
    void achievedRateIsCompletionsOverTheTimeToTheLastAnswer() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(5_000_000_000L, 5_000, 50_000);
        // every request answered, the last 1 ms after it was due: just under 10 s from the start
        assertEquals(50_000 / 10.0008, schedule.achievedRate(50_000, 5_000_000_000L + 10_000_800_000L), 1e-6);
        // a server that fell behind: half the requests answered in the same time
        assertEquals(2_500, schedule.achievedRate(25_000, 15_000_000_000L), 1e-9);
        assertEquals(0, schedule.achievedRate(0, 15_000_000_000L));
        assertEquals(0, schedule.achievedRate(10, 5_000_000_000L));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, -5, 10));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, Double.POSITIVE_INFINITY, 10));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 100, 0));
        OpenLoopSchedule schedule = new OpenLoopSchedule(0, 100, 10);
        assertThrows(IndexOutOfBoundsException.class, () -> schedule.intendedNanos(10));
        assertThrows(IndexOutOfBoundsException.class, () -> schedule.intendedNanos(-1));
    }

    /** Each offset is within a nanosecond of i/rate and never earlier; offsets never go backwards. */
    @Property
    void offsetsFollowTheRateExactly(@ForAll @DoubleRange(min = 1, max = 1_000_000) double rate,
            @ForAll @IntRange(min = 1, max = 5_000_000) int count, @ForAll @LongRange(min = -1_000_000_000_000L,
                    max = 1_000_000_000_000L) long start) {
        OpenLoopSchedule schedule = new OpenLoopSchedule(start, rate, count);
        for (long i : new long[] {0, 1, 2, count / 3, count / 2, count - 2L, count - 1L}) {
            if (i < 0 || i >= count) {
                continue;
            }
            long offset = schedule.intendedNanos(i) - start;
            double exact = i * 1e9 / rate;
            assertTrue(offset <= exact + 1e-3 && offset > exact - 1.001, i + " at " + rate + "/s: " + offset);
            if (i > 0) {
                assertTrue(schedule.intendedNanos(i) >= schedule.intendedNanos(i - 1));
            }
        }
    }

    /** A run that answers every request the moment it is due achieves the offered rate (to within one interval). */
    @Property
    void keepingUpAchievesTheOfferedRate(@ForAll @DoubleRange(min = 10, max = 100_000) double rate,
            @ForAll @IntRange(min = 100, max = 1_000_000) int count) {
        OpenLoopSchedule schedule = new OpenLoopSchedule(0, rate, count);
        double achieved = schedule.achievedRate(count, schedule.intendedNanos(count - 1));
        assertTrue(achieved >= rate * 0.999 && achieved <= rate * count / (count - 1.0) * 1.001,
                "offered " + rate + ", achieved " + achieved);
    }
}
