package dev.palisade.core.internal.gotime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Generated times formatted with generated Go layouts and parsed back (a round trip), and Go's
 * named layouts against java.time's formatters where java.time has an equivalent.
 */
class GoTimeProperties {
    /** 0001-01-02T00:00:00Z to 9999-12-30T23:59:59Z: at any offset, a year of four digits. */
    private static final long MIN_SECOND = -62_135_596_800L + 86_400;
    private static final long MAX_SECOND = 253_402_300_799L - 86_400;

    /** A layout made of parts, and what a round trip through it keeps. */
    record Layout(String text, int fractionDigits, Zone zone, boolean twoDigitYear) {
    }

    /** A zone element and the offsets it can carry without loss. */
    enum Zone {
        ISO_COLON("Z07:00", 60), NUM("-0700", 60), NUM_COLON("-07:00", 60), ISO("Z0700", 60),
        NUM_SECONDS("-070000", 1), ISO_COLON_SECONDS("Z07:00:00", 1), NUM_COLON_SECONDS("-07:00:00", 1),
        SHORT("-07", 3600), ISO_SHORT("Z07", 3600), ABBREVIATION("MST", 0);

        final String element;
        /** The unit the offset must be a multiple of; 0 for UTC only (an abbreviation). */
        final int unit;

        Zone(String element, int unit) {
            this.element = element;
            this.unit = unit;
        }
    }

    private static final List<String> DATES = List.of("2006-01-02", "Jan _2 2006", "January 2, 2006", "02 Jan 2006",
            "Mon, 02 Jan 2006", "Monday, January 2, 2006", "2006.002", "2006 __2", "2006-1-2", "2/1/2006",
            "01/02/06", "Mon Jan 2 06");
    /** Hours to seconds, and what follows the (optional) fraction. */
    private static final List<String[]> TIMES = List.of(new String[] {"15:04:05", ""},
            new String[] {"3:04:05", "PM"}, new String[] {"03:04:05", " pm"}, new String[] {"15h04m05", "s"},
            new String[] {"15:4:5", ""});
    private static final List<String> FRACTIONS = List.of("", ".0", ".000", ",000000", ".000000000", ".9", ".999",
            ",999999", ".999999999", ",999999999");

    @Provide
    Arbitrary<Layout> layouts() {
        return Combinators.combine(Arbitraries.of(DATES), Arbitraries.of(TIMES), Arbitraries.of(FRACTIONS),
                Arbitraries.of(Zone.values()), Arbitraries.of("T", " ", " at "), Arbitraries.of(true, false))
                .as((date, time, fraction, zone, separator, dateFirst) -> {
                    String clock = time[0] + fraction + time[1];
                    String text = dateFirst
                            ? date + separator + clock + (zone == Zone.ABBREVIATION ? " " : "") + zone.element
                            : clock + " " + zone.element + " " + date;
                    int digits = fraction.isEmpty() ? 0 : fraction.length() - 1;
                    return new Layout(text, digits, zone, date.contains("06") && !date.contains("2006"));
                });
    }

    @Provide
    Arbitrary<OffsetDateTime> times() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(MIN_SECOND, MAX_SECOND);
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.of(0, 1, 500_000_000, 999_999_999, 120_000_000));
        Arbitrary<Integer> offsets = Arbitraries.oneOf(Arbitraries.integers().between(-18 * 3600, 18 * 3600),
                Arbitraries.of(0, 3600, -3600, 19_800, -34_200, 45_900, 18 * 3600, -18 * 3600));
        return Combinators.combine(seconds, nanos, offsets)
                .as((s, n, o) -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(s, n), ZoneOffset.ofTotalSeconds(o)));
    }

    /** The time a layout can carry: the offset it can print, the fraction it keeps, a year it can read back. */
    private static OffsetDateTime representable(OffsetDateTime t, Layout layout) {
        int offset = t.getOffset().getTotalSeconds();
        int unit = layout.zone().unit;
        offset = unit == 0 ? 0 : offset / unit * unit;
        if (offset < 0 && offset > -60) {
            // Go prints such an offset as +00:00:-30, which it cannot read back; not a round trip in Go either
            offset = -offset;
        }
        OffsetDateTime at = t.withOffsetSameInstant(ZoneOffset.ofTotalSeconds(offset));
        if (layout.twoDigitYear()) {
            at = at.withYear(1969 + Math.floorMod(at.getYear() - 1969, 100));
        }
        int keep = 1;
        for (int i = layout.fractionDigits(); i < 9; i++) {
            keep *= 10;
        }
        return at.withNano(at.getNano() / keep * keep);
    }

    @Property(tries = 3000)
    void formattedTimesParseBack(@ForAll("times") OffsetDateTime generated, @ForAll("layouts") Layout layout) {
        OffsetDateTime t = representable(generated, layout);
        String text = GoTime.format(t, layout.text());
        ParsedTime back = GoTime.parse(layout.text(), text);
        assertEquals(t.toInstant(), back.toInstant(), () -> layout.text() + " | " + text);
        assertEquals(t.getOffset().getTotalSeconds(), back.offsetSeconds(), () -> layout.text() + " | " + text);
        assertEquals(t.getOffset().getTotalSeconds() == 0 ? "UTC" : "", back.zoneName(), text);
        assertEquals(t, back.toOffsetDateTime());
    }

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    private static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendPattern("XXX")
            .toFormatter(Locale.ROOT);

    /** Go's named layouts and the java.time patterns that print the same text. */
    private static final List<Object[]> EQUIVALENTS = List.of(
            new Object[] {"RFC3339", RFC3339},
            new Object[] {"RFC3339Nano", RFC3339_NANO},
            new Object[] {"RFC1123Z", DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss xx", Locale.ENGLISH)},
            new Object[] {"RFC822Z", DateTimeFormatter.ofPattern("dd MMM uu HH:mm xx", Locale.ENGLISH)},
            new Object[] {"RubyDate", DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss xx uuuu", Locale.ENGLISH)},
            new Object[] {"ANSIC", DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss uuuu", Locale.ENGLISH)},
            new Object[] {"Kitchen", DateTimeFormatter.ofPattern("h:mma", Locale.ENGLISH)},
            new Object[] {"StampMilli", DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss.SSS", Locale.ENGLISH)},
            new Object[] {"DateTime", DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT)},
            new Object[] {"DateOnly", DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)},
            new Object[] {"TimeOnly", DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)});

    @Property(tries = 2000)
    void namedLayoutsFormatAsJavaTime(@ForAll("times") OffsetDateTime generated,
                                      @ForAll @IntRange(min = 0, max = 10) int which) {
        Object[] pair = EQUIVALENTS.get(which);
        // java.time's XXX/xx print whole minutes only, as Go's layouts without seconds do when the offset has none
        OffsetDateTime t = generated.withOffsetSameInstant(
                ZoneOffset.ofTotalSeconds(generated.getOffset().getTotalSeconds() / 60 * 60));
        String layout = GoTime.namedLayout((String) pair[0]);
        assertEquals(((DateTimeFormatter) pair[1]).format(t), GoTime.format(t, layout), (String) pair[0]);
    }

    @Property(tries = 2000)
    void rfc3339TextFromJavaTimeParsesAsJavaTimeReadsIt(@ForAll("times") OffsetDateTime generated) {
        OffsetDateTime t = generated.withOffsetSameInstant(
                ZoneOffset.ofTotalSeconds(generated.getOffset().getTotalSeconds() / 60 * 60));
        String text = RFC3339_NANO.format(t);
        assertEquals(t, GoTime.parse(GoTime.RFC3339, text).toOffsetDateTime(), text);
        assertEquals(t, GoTime.parse(GoTime.RFC3339_NANO, text).toOffsetDateTime(), text);
        String rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.format(t.withNano(0));
        if (t.getDayOfMonth() >= 10 && t.getYear() >= 1000) {
            // java.time writes the day without padding and four-digit years only from 1000
            assertEquals(t.withNano(0), GoTime.parse(GoTime.namedLayout("RFC1123Z"),
                    rfc1123.replace(" GMT", " +0000")).toOffsetDateTime(), rfc1123);
        }
    }

    @Property(tries = 2000)
    void aDayIsReadWhereJavaTimeHasItAndRefusedWhereNot(@ForAll @IntRange(min = 0, max = 9999) int year,
                                                        @ForAll @IntRange(min = 1, max = 12) int month,
                                                        @ForAll @IntRange(min = 0, max = 39) int day) {
        String text = String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
        LocalDate expected;
        try {
            expected = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            GoTimeException refused = assertThrows(GoTimeException.class, () -> GoTime.parse("2006-01-02", text));
            assertEquals("parsing time \"" + text + "\": day out of range", refused.getMessage());
            return;
        }
        assertEquals(expected.atStartOfDay().atOffset(ZoneOffset.UTC), GoTime.parse("2006-01-02", text).toOffsetDateTime());
        // and the day of the year names the same day
        String ordinal = String.format(Locale.ROOT, "%04d %03d", year, expected.getDayOfYear());
        assertEquals(expected.atStartOfDay().atOffset(ZoneOffset.UTC), GoTime.parse("2006 002", ordinal).toOffsetDateTime());
    }

    @Property(tries = 2000)
    void epochNanosAreTheInstants(@ForAll @LongRange(min = Long.MIN_VALUE, max = Long.MAX_VALUE) long nanos) {
        ZonedDateTime t = GoTime.at(nanos, ZoneOffset.UTC);
        ParsedTime back = GoTime.parse(GoTime.RFC3339_NANO, GoTime.format(t, GoTime.RFC3339_NANO));
        assertEquals(java.math.BigInteger.valueOf(nanos), back.epochNanos());
    }

    @Property(tries = 3000)
    void durationsPrintedByGoParseBack(@ForAll long nanos) {
        assertEquals(nanos, GoDuration.parse(GoDuration.format(nanos)), () -> GoDuration.format(nanos));
    }

    @Property(tries = 1000)
    void durationsAgreeWithJavaWithinItsRange(@ForAll @LongRange(min = 0, max = 1L << 43) long millis) {
        // java.time's ISO-8601 form and Go's text name the same duration
        java.time.Duration d = java.time.Duration.ofMillis(millis);
        String go = d.toString().substring(2).toLowerCase(Locale.ROOT);
        assertEquals(d.toNanos(), GoDuration.parse(go), go);
    }
}
