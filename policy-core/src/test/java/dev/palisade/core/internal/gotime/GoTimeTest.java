package dev.palisade.core.internal.gotime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Go's {@code time.Parse} and {@code Time.Format} on the cases Rego's {@code time.*} built-ins and
 * Kyverno's JMESPath time functions relied on, and on the edges where the two earlier ports
 * disagreed with Go (expected values are Go's).
 */
class GoTimeTest {

    private static OffsetDateTime parsed(String layout, String value) {
        return GoTime.parse(layout, value).toOffsetDateTime();
    }

    @ParameterizedTest(name = "{0} | {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // layout | value | the time at its offset (ISO)
        "2006-01-02T15:04:05Z07:00 | 2017-06-02T19:00:00-07:00 | 2017-06-02T19:00-07:00",
        "2006-01-02T15:04:05Z07:00 | 2024-03-05T10:20:30Z | 2024-03-05T10:20:30Z",
        "2006-01-02T15:04:05Z07:00 | 2024-03-05T10:20:30.5Z | 2024-03-05T10:20:30.500Z",
        "2006-01-02T15:04:05Z07:00 | 2024-03-05T10:20:30,25+05:30 | 2024-03-05T10:20:30.250+05:30",
        "2006-01-02T15:04:05.000Z07:00 | 2024-03-05T10:20:30.123Z | 2024-03-05T10:20:30.123Z",
        "2006-01-02T15:04:05.999999999Z07:00 | 2024-03-05T10:20:30.123456789123Z | 2024-03-05T10:20:30.123456789Z",
        "2006-01-02T15:04:05.999999999Z07:00 | 2024-03-05T10:20:30Z | 2024-03-05T10:20:30Z",
        "2006-01-02 | 2024-02-29 | 2024-02-29T00:00Z",
        "Mon Jan _2 15:04:05 MST 2006 | Tue Mar  5 10:20:30 UTC 2024 | 2024-03-05T10:20:30Z",
        "Mon Jan _2 15:04:05 MST 2006 | tue MAR 15 10:20:30 UTC 2024 | 2024-03-15T10:20:30Z",
        "02 Jan 06 15:04 -0700 | 05 Mar 24 10:20 +0200 | 2024-03-05T10:20+02:00",
        "02 Jan 06 15:04 -0700 | 05 Mar 69 10:20 +0000 | 1969-03-05T10:20Z",
        "02 Jan 06 15:04 -0700 | 05 Mar 68 10:20 +0000 | 2068-03-05T10:20Z",
        "Monday, 02-Jan-06 15:04:05 MST | Tuesday, 05-Mar-24 10:20:30 PST | 2024-03-05T10:20:30Z",
        "15:04 MST 2006 | 10:00 GMT+3 2024 | 2024-01-01T10:00+03:00",
        "15:04 MST 2006 | 10:00 GMT-11 2024 | 2024-01-01T10:00-11:00",
        "15:04 MST 2006 | 10:00 ChST 2024 | 2024-01-01T10:00Z",
        "3:04PM 2006 | 12:30AM 2024 | 2024-01-01T00:30Z",
        "3:04PM 2006 | 12:30PM 2024 | 2024-01-01T12:30Z",
        "03:04 pm 2006 | 01:30 pm 2024 | 2024-01-01T13:30Z",
        "2006 002 | 2024 060 | 2024-02-29T00:00Z",
        "2006 002 | 2023 060 | 2023-03-01T00:00Z",
        "2006 __2 | 2024   7 | 2024-01-07T00:00Z",
        "2006-01-02 002 | 2024-02-29 060 | 2024-02-29T00:00Z",
        "2006 1 2 | 2024 3 5 | 2024-03-05T00:00Z",
        "January 2, 2006 | march 5, 2024 | 2024-03-05T00:00Z",
        "2006-01-02 -07:00:00 | 2024-03-05 +01:02:03 | 2024-03-05T00:00+01:02:03",
        "2006-01-02 Z070000 | 2024-03-05 -010203 | 2024-03-05T00:00-01:02:03",
        "2006-01-02 -07 | 2024-03-05 +09 | 2024-03-05T00:00+09:00",
        "_2006 | _2024 | 2024-01-01T00:00Z",
    })
    void parsesAsGo(String layout, String value, String expected) {
        assertEquals(OffsetDateTime.parse(expected), parsed(layout.strip(), value.strip()));
    }

    @Test
    void keepsTheZoneItWasWrittenIn() {
        assertEquals(new ParsedTime(1_709_634_030L, 0, 0, "UTC"), GoTime.parse(GoTime.RFC3339, "2024-03-05T10:20:30Z"));
        assertEquals(new ParsedTime(1_709_634_030L, 0, 0, "UTC"), GoTime.parse(GoTime.RFC3339, "2024-03-05T10:20:30+00:00"));
        assertEquals(new ParsedTime(1_709_634_030L - 3600, 0, 3600, ""), GoTime.parse(GoTime.RFC3339, "2024-03-05T10:20:30+01:00"));
        // an abbreviation Go cannot look up reads as offset zero, keeping its name
        assertEquals(new ParsedTime(1_709_634_030L, 0, 0, "PST"),
                GoTime.parse("2006-01-02 15:04:05 MST", "2024-03-05 10:20:30 PST"));
        assertEquals(new ParsedTime(1_709_634_030L - 7200, 0, 7200, "GMT+2"),
                GoTime.parse("2006-01-02 15:04:05 MST", "2024-03-05 10:20:30 GMT+2"));
    }

    @Test
    void nanosecondsSinceTheEpochBeyondInt64() {
        // the bounds of OPA's time.parse_rfc3339_ns, and one past them (the caller checks the range)
        assertEquals(BigInteger.valueOf(Long.MIN_VALUE),
                GoTime.parse(GoTime.RFC3339, "1677-09-21T00:12:43.145224192-00:00").epochNanos());
        assertEquals(BigInteger.valueOf(Long.MAX_VALUE),
                GoTime.parse(GoTime.RFC3339, "2262-04-11T23:47:16.854775807-00:00").epochNanos());
        assertEquals(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                GoTime.parse(GoTime.RFC3339, "2262-04-11T23:47:16.854775808-00:00").epochNanos());
        assertEquals(BigInteger.valueOf(1_496_455_200_000_000_000L),
                GoTime.parse(GoTime.RFC3339, "2017-06-02T19:00:00-07:00").epochNanos());
    }

    @Test
    void offsetsBeyondJavasRangeParseButDoNotConvert() {
        ParsedTime t = GoTime.parse(GoTime.RFC3339, "2024-03-05T10:20:30+24:00");
        assertEquals(86_400, t.offsetSeconds());
        assertEquals(1_709_634_030L - 86_400, t.epochSecond());
        assertThrows(DateTimeException.class, t::toOffsetDateTime);
    }

    @ParameterizedTest(name = "{0} | {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "2006-01-02 | 2024-02-30 | `parsing time \"2024-02-30\": day out of range`",
        "2006-01-02 | 2023-02-29 | `parsing time \"2023-02-29\": day out of range`",
        "2006-01-02 | 2024-13-01 | `parsing time \"2024-13-01\": month out of range`",
        "2006-01-02 | 2024-00-01 | `parsing time \"2024-00-01\": month out of range`",
        "15:04 | 25:00 | `parsing time \"25:00\": hour out of range`",
        "15:04 | 23:60 | `parsing time \"23:60\": minute out of range`",
        "15:04:05 | 23:59:60 | `parsing time \"23:59:60\": second out of range`",
        "3:04PM | 13:00PM | `parsing time \"13:00PM\": hour out of range`",
        "2006-01-02T15:04:05Z07:00 | 2024-01-01 | "
            + "`parsing time \"2024-01-01\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\"`",
        "2006-01-02T15:04:05Z07:00 | 2024-01-01T00:00:00+0100 | "
            + "`parsing time \"2024-01-01T00:00:00+0100\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"+0100\" as \"Z07:00\"`",
        "2006-01-02T15:04:05Z07:00 | 2024-01-01T00:00:00+25:00 | "
            + "`parsing time \"2024-01-01T00:00:00+25:00\": time zone offset hour out of range`",
        "2006-01-02 | 24-01-01 | `parsing time \"24-01-01\" as \"2006-01-02\": cannot parse \"24-01-01\" as \"2006\"`",
        "2006-01-02 | 2024-01-01x | `parsing time \"2024-01-01x\": extra text: \"x\"`",
        "2006-01-02 | 2024/01/01 | `parsing time \"2024/01/01\" as \"2006-01-02\": cannot parse \"/01/01\" as \"-\"`",
        "Jan 2006 | Foo 2024 | `parsing time \"Foo 2024\" as \"Jan 2006\": cannot parse \"Foo 2024\" as \"Jan\"`",
        "Mon 2006 | Mox 2024 | `parsing time \"Mox 2024\" as \"Mon 2006\": cannot parse \"Mox 2024\" as \"Mon\"`",
        "15:04 MST | 10:00 MSTX | `parsing time \"10:00 MSTX\" as \"15:04 MST\": cannot parse \"MSTX\" as \"MST\"`",
        "15:04 MST | 10:00 Pst | `parsing time \"10:00 Pst\" as \"15:04 MST\": cannot parse \"Pst\" as \"MST\"`",
        "15:04 MST | 10:00 GMT+30 | `parsing time \"10:00 GMT+30\": extra text: \"+30\"`",
        "2006 01 | 2024x01 | `parsing time \"2024x01\" as \"2006 01\": cannot parse \"x01\" as \" \"`",
        "2006 002 | 2023 366 | `parsing time \"2023 366\": day-of-year out of range`",
        "2006 002 | 2024 000 | `parsing time \"2024 000\": day-of-year out of range`",
        "2006-01 002 | 2024-03 060 | `parsing time \"2024-03 060\": day-of-year does not match month`",
        "2006-01-02 002 | 2024-02-28 060 | `parsing time \"2024-02-28 060\": day-of-year does not match day`",
        "05.000 | 01.1a3 | `parsing time \"01.1a3\" as \"05.000\": cannot parse \".1a3\" as \".000\"`",
        "05.000 | 01.12 | `parsing time \"01.12\" as \"05.000\": cannot parse \".12\" as \".000\"`",
        "05.000 | 01.-12 | `parsing time \"01.-12\": fractional second out of range`",
        "2006 | \u00e9 | `parsing time \"\\xc3\\xa9\" as \"2006\": cannot parse \"\\xc3\\xa9\" as \"2006\"`",
        "2006 | \u0661\u0662\u0663\u0664 | "
            + "`parsing time \"\\xd9\\xa1\\xd9\\xa2\\xd9\\xa3\\xd9\\xa4\" as \"2006\": cannot parse "
            + "\"\\xd9\\xa1\\xd9\\xa2\\xd9\\xa3\\xd9\\xa4\" as \"2006\"`",
    })
    void refusesWithGosMessage(String layout, String value, String message) {
        GoTimeException e = assertThrows(GoTimeException.class, () -> GoTime.parse(layout.strip(), value.strip()));
        assertEquals(message, e.getMessage());
    }

    @Test
    void quotesAsGosTimePackage() {
        assertEquals("\"a\\\"b\\\\c\"", GoTime.quote("a\"b\\c"));
        assertEquals("\"\\x0a\\xe2\\x82\\xac\\xf0\\x9f\\x98\\x80\"", GoTime.quote("\n\u20ac\ud83d\ude00"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // layout | expected, for 2022-12-02T18:40:53.141828752Z shown in Asia/Kolkata (+05:30)
        "2006-01-02T15:04:05.999999999Z07:00 | 2022-12-03T00:10:53.141828752+05:30",
        "2006-01-02T15:04:05Z07:00 | 2022-12-03T00:10:53+05:30",
        "Mon Jan 02 15:04:05 -0700 2006 | Sat Dec 03 00:10:53 +0530 2022",
        "Mon, 02 Jan 2006 15:04:05 -0700 | Sat, 03 Dec 2022 00:10:53 +0530",
        "Mon, 02 Jan 2006 15:04:05 MST | Sat, 03 Dec 2022 00:10:53 IST",
        "Monday January _2 3:04:05.000 pm | Saturday December  3 12:10:53.141 am",
        "2006.002 __2 | 2022.337 337",
        "06 1 2 3 4 5 PM | 22 12 3 12 10 53 AM",
        "15:04:05,000000 -07 Z07 -07:00:00 Z070000 | 00:10:53,141828 +05 +05 +05:30:00 +053000",
        "05.9 05.99 05,0 | 53.1 53.14 53,1",
        "Jan _2 15:04:05.000000000 | Dec  3 00:10:53.141828752",
    })
    void formatsAsGo(String layout, String expected) {
        ZonedDateTime t = GoTime.at(1_670_006_453_141_828_752L, ZoneId.of("Asia/Kolkata"));
        assertEquals(expected.strip(), GoTime.format(t, layout.strip()));
    }

    @Test
    void formatsZonesAsGo() {
        ZonedDateTime utc = GoTime.at(0, ZoneOffset.UTC);
        assertEquals("1970-01-01T00:00:00Z", GoTime.format(utc, GoTime.RFC3339));
        assertEquals("Thu, 01 Jan 1970 00:00:00 UTC", GoTime.format(utc, GoTime.namedLayout("RFC1123")));
        assertEquals("+0000 +00:00 Z", GoTime.format(utc, "-0700 -07:00 Z0700"));
        // a fixed offset has no abbreviation: MST prints the offset
        OffsetDateTime fixed = OffsetDateTime.parse("2024-03-05T10:20:30.5-03:30");
        assertEquals("10:20:30 -0330", GoTime.format(fixed, "15:04:05 MST"));
        assertEquals("2024-03-05T10:20:30-03:30", GoTime.format(fixed, GoTime.RFC3339));
        // an offset with seconds: minutes truncate toward zero, and Go prints the seconds of -30s as "-30"
        OffsetDateTime seconds = OffsetDateTime.parse("2024-03-05T10:20:30-00:00:30");
        assertEquals("+00:00 +00:00:-30", GoTime.format(seconds, "Z07:00 Z07:00:00"));
        // years before 1000 and after 9999
        assertEquals("0005-01-01 05", GoTime.format(OffsetDateTime.parse("0005-01-01T00:00Z"), "2006-01-02 06"));
        assertEquals("12024-01-01", GoTime.format(OffsetDateTime.parse("+12024-01-01T00:00Z"), "2006-01-02"));
    }

    @Test
    void namedLayoutsAreGosConstants() {
        assertEquals("2006-01-02T15:04:05Z07:00", GoTime.namedLayout("RFC3339"));
        assertEquals("Mon, 02 Jan 2006 15:04:05 -0700", GoTime.namedLayout("RFC1123Z"));
        assertEquals("3:04PM", GoTime.namedLayout("Kitchen"));
        assertEquals("2006-01-02 15:04:05", GoTime.namedLayout("DateTime"));
        assertNull(GoTime.namedLayout("rfc3339"));
    }

    @Test
    void subtractsAndTruncatesAsGo() {
        OffsetDateTime a = OffsetDateTime.parse("2024-01-01T00:00:00Z");
        OffsetDateTime b = OffsetDateTime.parse("2024-01-02T01:30:00Z");
        assertEquals(91_800_000_000_000L, GoTime.sub(b.toInstant(), a.toInstant()));
        assertEquals(-91_800_000_000_000L, GoTime.sub(a.toInstant(), b.toInstant()));
        // saturated at int64, as Go's Sub
        OffsetDateTime far = OffsetDateTime.parse("2400-01-01T00:00:00Z");
        assertEquals(Long.MAX_VALUE, GoTime.sub(far.toInstant(), a.toInstant()));
        assertEquals(Long.MIN_VALUE, GoTime.sub(a.toInstant().minusSeconds(400L * 365 * 86400), far.toInstant()));
        // Truncate counts from Go's zero time, so an offset of +05:30 truncates to :30 past the hour there
        assertEquals(OffsetDateTime.parse("2024-03-05T09:30:00+05:30"),
                GoTime.truncate(OffsetDateTime.parse("2024-03-05T10:20:30+05:30"), 3_600_000_000_000L));
        assertEquals(OffsetDateTime.parse("2024-03-05T10:00:00Z"),
                GoTime.truncate(OffsetDateTime.parse("2024-03-05T10:20:30Z"), 3_600_000_000_000L));
        // a week: Go's zero time is a Monday
        assertEquals(OffsetDateTime.parse("2024-03-04T00:00:00Z"),
                GoTime.truncate(OffsetDateTime.parse("2024-03-07T10:20:30Z"), 7 * 86_400_000_000_000L));
        assertEquals(a, GoTime.truncate(a, 0));
        assertEquals(a, GoTime.truncate(a, -5));
    }
}
