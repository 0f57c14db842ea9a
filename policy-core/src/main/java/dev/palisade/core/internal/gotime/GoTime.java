package dev.palisade.core.internal.gotime;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Go's {@code time.Parse} and {@code Time.Format} with reference-time layouts
 * ({@code Mon Jan 2 15:04:05 MST 2006}), and the {@code time.Time} arithmetic the engines use.
 *
 * <p>Every layout element Go knows is supported: years ({@code 2006}, {@code 06}), months
 * ({@code January}, {@code Jan}, {@code 1}, {@code 01}), weekdays ({@code Monday}, {@code Mon}),
 * days ({@code 2}, {@code _2}, {@code 02}), days of the year ({@code __2}, {@code 002}), hours
 * ({@code 15}, {@code 3}, {@code 03}), minutes, seconds, {@code PM}/{@code pm}, fractional seconds
 * ({@code .000}, {@code ,999}, ...), zone offsets ({@code Z07:00}, {@code -0700}, {@code -07},
 * {@code Z070000}, {@code -07:00:00}, ...) and zone abbreviations ({@code MST}).
 *
 * <p>Parsing behaves as {@code time.Parse} in a process whose local zone is UTC (a container's):
 * an abbreviation other than {@code UTC} and {@code GMT±h} has offset zero, and a time without a
 * zone is UTC. Errors carry Go's messages ({@link GoTimeException}).
 */
public final class GoTime {
    /** Go's {@code time.RFC3339}. */
    public static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
    /** Go's {@code time.RFC3339Nano}. */
    public static final String RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("ANSIC", "Mon Jan _2 15:04:05 2006"),
            Map.entry("UnixDate", "Mon Jan _2 15:04:05 MST 2006"),
            Map.entry("RubyDate", "Mon Jan 02 15:04:05 -0700 2006"),
            Map.entry("RFC822", "02 Jan 06 15:04 MST"),
            Map.entry("RFC822Z", "02 Jan 06 15:04 -0700"),
            Map.entry("RFC850", "Monday, 02-Jan-06 15:04:05 MST"),
            Map.entry("RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"),
            Map.entry("RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"),
            Map.entry("RFC3339", RFC3339),
            Map.entry("RFC3339Nano", RFC3339_NANO),
            Map.entry("Kitchen", "3:04PM"),
            Map.entry("Stamp", "Jan _2 15:04:05"),
            Map.entry("StampMilli", "Jan _2 15:04:05.000"),
            Map.entry("StampMicro", "Jan _2 15:04:05.000000"),
            Map.entry("StampNano", "Jan _2 15:04:05.000000000"),
            Map.entry("DateTime", "2006-01-02 15:04:05"),
            Map.entry("DateOnly", "2006-01-02"),
            Map.entry("TimeOnly", "15:04:05"));

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    /** Seconds from Go's zero time (January 1, year 1, UTC) to the Unix epoch. */
    private static final long ZERO_TO_UNIX = 62_135_596_800L;

    private static final String[] LONG_MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] SHORT_MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"};
    private static final String[] LONG_DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday"};
    private static final String[] SHORT_DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

    private GoTime() {
    }

    /**
     * The layout of one of Go's layout constants, by the constant's name.
     *
     * @param name a constant of Go's {@code time} package: {@code RFC3339}, {@code RFC3339Nano},
     *     {@code RFC1123Z}, {@code Kitchen}, {@code DateTime}, {@code ANSIC}, ...
     * @return the layout, or {@code null} when {@code name} names none
     */
    public static String namedLayout(String name) {
        return NAMED.get(name);
    }

    // ------------------------------------------------------------------ layout elements

    private enum Std {
        NONE, LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY,
        UNDER_YEAR_DAY, ZERO_YEAR_DAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND,
        LONG_YEAR, YEAR, PM, LOWER_PM, TZ, FRAC0, FRAC9,
        // numeric zones, longest shape first (the order the tokenizer tries them in); ISO forms print Z for UTC
        NUM_SECONDS_TZ("070000"), NUM_COLON_SECONDS_TZ("07:00:00"), NUM_TZ("0700"), NUM_COLON_TZ("07:00"),
        NUM_SHORT_TZ("07"), ISO_SECONDS_TZ("070000"), ISO_COLON_SECONDS_TZ("07:00:00"), ISO_TZ("0700"),
        ISO_COLON_TZ("07:00"), ISO_SHORT_TZ("07");

        static final Std[] NUM_ZONES = {NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ, NUM_TZ, NUM_COLON_TZ, NUM_SHORT_TZ};
        static final Std[] ISO_ZONES = {ISO_SECONDS_TZ, ISO_COLON_SECONDS_TZ, ISO_TZ, ISO_COLON_TZ, ISO_SHORT_TZ};

        /** A numeric zone's digits and colons after its sign ({@code 07:00}); empty for other elements. */
        final String shape;

        Std() {
            this("");
        }

        Std(String shape) {
            this.shape = shape;
        }

        boolean iso() {
            return name().startsWith("ISO");
        }

        boolean colon() {
            return shape.contains(":");
        }

        boolean seconds() {
            return shape.length() > 5;
        }

        boolean shortZone() {
            return shape.length() == 2;
        }
    }

    private static final Std[] STD0X = {Std.ZERO_MONTH, Std.ZERO_DAY, Std.ZERO_HOUR12, Std.ZERO_MINUTE,
        Std.ZERO_SECOND, Std.YEAR};

    /**
     * The literal text before the next element, the element, and the layout after it (Go's
     * {@code nextStdChunk}). {@code digits} and {@code separator} describe a fractional second.
     */
    private record Chunk(String prefix, Std std, int digits, char separator, String suffix) {
    }

    private static Chunk chunk(String l, int i, Std std, int len) {
        return new Chunk(l.substring(0, i), std, 0, '.', l.substring(i + len));
    }

    private static Chunk next(String l) {
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            switch (c) {
                case 'J' -> {
                    if (l.startsWith("Jan", i)) {
                        if (l.startsWith("January", i)) {
                            return chunk(l, i, Std.LONG_MONTH, 7);
                        }
                        if (!isLower(l, i + 3)) {
                            return chunk(l, i, Std.MONTH, 3);
                        }
                    }
                }
                case 'M' -> {
                    if (l.startsWith("Mon", i)) {
                        if (l.startsWith("Monday", i)) {
                            return chunk(l, i, Std.LONG_WEEKDAY, 6);
                        }
                        if (!isLower(l, i + 3)) {
                            return chunk(l, i, Std.WEEKDAY, 3);
                        }
                    }
                    if (l.startsWith("MST", i)) {
                        return chunk(l, i, Std.TZ, 3);
                    }
                }
                case '0' -> {
                    if (i + 1 < l.length() && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
                        return chunk(l, i, STD0X[l.charAt(i + 1) - '1'], 2);
                    }
                    if (l.startsWith("002", i)) {
                        return chunk(l, i, Std.ZERO_YEAR_DAY, 3);
                    }
                }
                case '1' -> {
                    if (i + 1 < l.length() && l.charAt(i + 1) == '5') {
                        return chunk(l, i, Std.HOUR, 2);
                    }
                    return chunk(l, i, Std.NUM_MONTH, 1);
                }
                case '2' -> {
                    if (l.startsWith("2006", i)) {
                        return chunk(l, i, Std.LONG_YEAR, 4);
                    }
                    return chunk(l, i, Std.DAY, 1);
                }
                case '_' -> {
                    if (i + 1 < l.length() && l.charAt(i + 1) == '2') {
                        // _2006 is a literal _ followed by the long year
                        if (l.startsWith("2006", i + 1)) {
                            return new Chunk(l.substring(0, i + 1), Std.LONG_YEAR, 0, '.', l.substring(i + 5));
                        }
                        return chunk(l, i, Std.UNDER_DAY, 2);
                    }
                    if (l.startsWith("__2", i)) {
                        return chunk(l, i, Std.UNDER_YEAR_DAY, 3);
                    }
                }
                case '3' -> {
                    return chunk(l, i, Std.HOUR12, 1);
                }
                case '4' -> {
                    return chunk(l, i, Std.MINUTE, 1);
                }
                case '5' -> {
                    return chunk(l, i, Std.SECOND, 1);
                }
                case 'P' -> {
                    if (i + 1 < l.length() && l.charAt(i + 1) == 'M') {
                        return chunk(l, i, Std.PM, 2);
                    }
                }
                case 'p' -> {
                    if (i + 1 < l.length() && l.charAt(i + 1) == 'm') {
                        return chunk(l, i, Std.LOWER_PM, 2);
                    }
                }
                case '-', 'Z' -> {
                    // -070000 -07:00:00 -0700 -07:00 -07, and the same after Z
                    for (Std zone : c == '-' ? Std.NUM_ZONES : Std.ISO_ZONES) {
                        if (l.startsWith(zone.shape, i + 1)) {
                            return chunk(l, i, zone, 1 + zone.shape.length());
                        }
                    }
                }
                case '.', ',' -> {
                    // ,000 .000 ,999 .999: a fractional second only where the run of digits ends the number
                    if (i + 1 < l.length() && (l.charAt(i + 1) == '0' || l.charAt(i + 1) == '9')) {
                        char ch = l.charAt(i + 1);
                        int j = i + 1;
                        while (j < l.length() && l.charAt(j) == ch) {
                            j++;
                        }
                        if (!isDigit(l, j)) {
                            return new Chunk(l.substring(0, i), ch == '0' ? Std.FRAC0 : Std.FRAC9, j - (i + 1), c,
                                    l.substring(j));
                        }
                    }
                }
                default -> {
                }
            }
        }
        return new Chunk(l, Std.NONE, 0, '.', "");
    }

    private static boolean isLower(String s, int i) {
        return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    // ------------------------------------------------------------------ parsing

    /**
     * Parses {@code value} as Go's {@code time.Parse(layout, value)} does.
     *
     * @param layout a layout written with Go's reference time ({@link #namedLayout} resolves the
     *     names of Go's constants)
     * @param value the text to parse
     * @return the time, with the zone it was written in
     * @throws GoTimeException with Go's {@code *time.ParseError} message when the value does not
     *     match the layout or a field is out of range
     */
    public static ParsedTime parse(String layout, String value) {
        return new Parser(layout, value).parse();
    }

    /** One {@code time.Parse}: the text not yet read, and what has been read from it. */
    private static final class Parser {
        private final String alayout;
        private final String avalue;
        /** The text not yet read. */
        private String value;
        /** Set when the element being read does not match (Go's {@code errBad}). */
        private boolean bad;
        /** Set to the field's name when the element being read is out of range. */
        private String range;

        private boolean amSet;
        private boolean pmSet;
        private int year;
        private int month = -1;
        private int day = -1;
        private int yday = -1;
        private int hour;
        private int min;
        private int sec;
        private int nsec;
        private boolean utc;
        private int zoneOffset = -1; // Go's sentinel: an offset of exactly -1s reads as none
        private String zoneName = "";

        Parser(String layout, String value) {
            this.alayout = layout;
            this.avalue = value;
            this.value = value;
        }

        /** Go's {@code getnum} on the text: one or two digits (two when fixed), consumed; 0 and bad when none. */
        private int num(boolean fixed) {
            long n = getnum(value, fixed);
            if (n < 0) {
                bad = true;
                return 0;
            }
            value = value.substring((int) (n & 0xff));
            return (int) (n >> 8);
        }

        /** A fractional second of {@code nbytes} characters (separator included), consumed. */
        private void fraction(int nbytes) {
            long ns = nanoseconds(value, nbytes);
            value = value.substring(nbytes);
            if (ns == BAD) {
                bad = true;
            } else if (ns == RANGE) {
                range = "fractional second";
            } else {
                nsec = (int) ns;
            }
        }

        private int lookup(String[] names) {
            int i = GoTime.lookup(names, value);
            if (i < 0) {
                bad = true;
            } else {
                value = value.substring(names[i].length());
            }
            return i;
        }

        ParsedTime parse() {
            String layout = alayout;
            while (true) {
                Chunk c = next(layout);
                String stdstr = layout.substring(c.prefix().length(), layout.length() - c.suffix().length());
                int skipped = skip(value, c.prefix());
                if (skipped < 0) {
                    throw parseError(alayout, avalue, c.prefix(), value.substring(-skipped - 1), "");
                }
                value = value.substring(skipped);
                if (c.std() == Std.NONE) {
                    if (!value.isEmpty()) {
                        throw parseError(alayout, avalue, "", value, ": extra text: " + quote(value));
                    }
                    break;
                }
                layout = c.suffix();
                final String hold = value;
                bad = false;
                range = null;
                element(c, layout);
                if (range != null) {
                    throw parseError(alayout, avalue, stdstr, value, ": " + range + " out of range");
                }
                if (bad) {
                    throw parseError(alayout, avalue, stdstr, hold, "");
                }
            }
            return time();
        }

        /** Reads one layout element; {@code layout} is what follows it. */
        private void element(Chunk c, String layout) {
            Std std = c.std();
            switch (std) {
                case YEAR -> {
                    if (value.length() < 2) {
                        bad = true;
                        return;
                    }
                    Integer y = atoi(value.substring(0, 2));
                    value = value.substring(2);
                    if (y == null) {
                        bad = true;
                        return;
                    }
                    year = y >= 69 ? y + 1900 : y + 2000;
                }
                case LONG_YEAR -> {
                    if (value.length() < 4 || !isDigit(value, 0)) {
                        bad = true;
                        return;
                    }
                    Integer y = atoi(value.substring(0, 4));
                    value = value.substring(4);
                    if (y == null) {
                        bad = true;
                        return;
                    }
                    year = y;
                }
                case MONTH -> month = lookup(SHORT_MONTHS) + 1;
                case LONG_MONTH -> month = lookup(LONG_MONTHS) + 1;
                case NUM_MONTH, ZERO_MONTH -> {
                    month = num(std == Std.ZERO_MONTH);
                    if (!bad && (month <= 0 || month > 12)) {
                        range = "month";
                    }
                }
                case WEEKDAY -> lookup(SHORT_DAYS); // read and ignored, as in Go
                case LONG_WEEKDAY -> lookup(LONG_DAYS);
                case DAY, UNDER_DAY, ZERO_DAY -> {
                    if (std == Std.UNDER_DAY && value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    // any one- or two-digit day; checked against the month at the end
                    day = num(std == Std.ZERO_DAY);
                }
                case UNDER_YEAR_DAY, ZERO_YEAR_DAY -> {
                    for (int i = 0; i < 2; i++) {
                        if (std == Std.UNDER_YEAR_DAY && value.startsWith(" ")) {
                            value = value.substring(1);
                        }
                    }
                    long n = getnum3(value, std == Std.ZERO_YEAR_DAY);
                    if (n < 0) {
                        bad = true;
                        return;
                    }
                    yday = (int) (n >> 8);
                    value = value.substring((int) (n & 0xff));
                }
                case HOUR -> {
                    hour = num(false);
                    if (hour >= 24) {
                        range = "hour";
                    }
                }
                case HOUR12, ZERO_HOUR12 -> {
                    hour = num(std == Std.ZERO_HOUR12);
                    if (hour > 12) {
                        range = "hour";
                    }
                }
                case MINUTE, ZERO_MINUTE -> {
                    min = num(std == Std.ZERO_MINUTE);
                    if (min >= 60) {
                        range = "minute";
                    }
                }
                case SECOND, ZERO_SECOND -> second(std, layout);
                case PM, LOWER_PM -> {
                    if (value.length() < 2) {
                        bad = true;
                        return;
                    }
                    String p = value.substring(0, 2);
                    value = value.substring(2);
                    boolean upper = std == Std.PM;
                    if (p.equals(upper ? "PM" : "pm")) {
                        pmSet = true;
                    } else if (p.equals(upper ? "AM" : "am")) {
                        amSet = true;
                    } else {
                        bad = true;
                    }
                }
                case TZ -> {
                    if (value.startsWith("UTC")) {
                        utc = true;
                        value = value.substring(3);
                        return;
                    }
                    int n = timeZoneLength(value);
                    if (n <= 0) {
                        bad = true;
                        return;
                    }
                    zoneName = value.substring(0, n);
                    value = value.substring(n);
                }
                case FRAC0 -> {
                    // exactly as many digits as the layout has
                    if (value.length() < 1 + c.digits()) {
                        bad = true;
                        return;
                    }
                    fraction(1 + c.digits());
                }
                case FRAC9 -> {
                    if (value.length() < 2 || !commaOrPeriod(value.charAt(0)) || !isDigit(value, 1)) {
                        return; // the fraction is omitted
                    }
                    // any number of digits, even more than the layout has, as after a second
                    int i = 0;
                    while (isDigit(value, i + 1)) {
                        i++;
                    }
                    fraction(1 + i);
                }
                case NONE -> throw new IllegalStateException("no element");
                default -> zone(std);
            }
        }

        private void second(Std std, String layout) {
            sec = num(std == Std.ZERO_SECOND);
            if (bad) {
                return;
            }
            if (sec >= 60) {
                range = "second";
                return;
            }
            // a fractional second in the value that the layout does not have next
            if (value.length() >= 2 && commaOrPeriod(value.charAt(0)) && isDigit(value, 1)) {
                Std following = next(layout).std();
                if (following == Std.FRAC0 || following == Std.FRAC9) {
                    return;
                }
                int n = 2;
                while (isDigit(value, n)) {
                    n++;
                }
                fraction(n);
            }
        }

        /** A numeric zone: {@code Z} (ISO forms only) or a sign and the digits the element's shape has. */
        private void zone(Std std) {
            if (std.iso() && value.startsWith("Z")) {
                value = value.substring(1);
                utc = true;
                return;
            }
            String shape = std.shape;
            if (value.length() < 1 + shape.length()) {
                bad = true;
                return;
            }
            StringBuilder digits = new StringBuilder(6);
            for (int i = 0; i < shape.length(); i++) {
                char v = value.charAt(1 + i);
                if (shape.charAt(i) != ':') {
                    digits.append(v);
                } else if (v != ':') {
                    bad = true;
                    return;
                }
            }
            digits.append("0000");
            char sign = value.charAt(0);
            value = value.substring(1 + shape.length());
            long h = getnum(digits.substring(0, 2), true);
            long m = h < 0 ? -1 : getnum(digits.substring(2, 4), true);
            long s = m < 0 ? -1 : getnum(digits.substring(4, 6), true);
            int hr = h < 0 ? 0 : (int) (h >> 8);
            int mi = m < 0 ? 0 : (int) (m >> 8);
            int se = s < 0 ? 0 : (int) (s >> 8);
            bad = s < 0;
            // > rather than >=: offsets of 24 hours, 60 minutes or 60 seconds are written
            if (hr > 24) {
                range = "time zone offset hour";
            }
            if (mi > 60) {
                range = "time zone offset minute";
            }
            if (se > 60) {
                range = "time zone offset second";
            }
            zoneOffset = (hr * 60 + mi) * 60 + se;
            if (sign == '-') {
                zoneOffset = -zoneOffset;
            } else if (sign != '+') {
                bad = true;
            }
        }

        /** The time the fields name, once all are read. */
        private ParsedTime time() {
            if (pmSet && hour < 12) {
                hour += 12;
            } else if (amSet && hour == 12) {
                hour = 0;
            }
            if (yday >= 0) {
                if (yday < 1 || yday > (isLeap(year) ? 366 : 365)) {
                    throw parseError(alayout, avalue, "", value, ": day-of-year out of range");
                }
                LocalDate d = LocalDate.ofYearDay(year, yday);
                if (month >= 0 && month != d.getMonthValue()) {
                    throw parseError(alayout, avalue, "", value, ": day-of-year does not match month");
                }
                month = d.getMonthValue();
                if (day >= 0 && day != d.getDayOfMonth()) {
                    throw parseError(alayout, avalue, "", value, ": day-of-year does not match day");
                }
                day = d.getDayOfMonth();
            } else {
                if (month < 0) {
                    month = 1;
                }
                if (day < 0) {
                    day = 1;
                }
            }
            if (day < 1 || day > daysIn(month, year)) {
                throw parseError(alayout, avalue, "", value, ": day out of range");
            }
            long local = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + min * 60L + sec;
            if (utc) {
                return new ParsedTime(local, nsec, 0, "UTC");
            }
            if (zoneOffset != -1) {
                // Go keeps the local zone (UTC here) when the offset and name are its own
                String name = zoneOffset == 0 && zoneName.isEmpty() ? "UTC" : zoneName;
                return new ParsedTime(local - zoneOffset, nsec, zoneOffset, name);
            }
            if (!zoneName.isEmpty()) {
                int offset = 0;
                if (zoneName.length() > 3 && zoneName.startsWith("GMT")) {
                    Integer h = atoi(zoneName.substring(3));
                    offset = (h == null ? 0 : h) * 3600;
                }
                return new ParsedTime(local - offset, nsec, offset, zoneName);
            }
            return new ParsedTime(local, nsec, 0, "UTC");
        }
    }

    private static boolean isLeap(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int daysIn(int month, int year) {
        if (month == 2) {
            return isLeap(year) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    private static boolean commaOrPeriod(char c) {
        return c == '.' || c == ',';
    }

    /**
     * Go's {@code skip}: the number of characters of {@code value} that {@code prefix} accounts for
     * (a space in the prefix matches any run of spaces), or {@code -(n + 1)} when the text
     * differs after {@code n} characters.
     */
    private static int skip(String value, String prefix) {
        int v = 0;
        int p = 0;
        while (p < prefix.length()) {
            if (prefix.charAt(p) == ' ') {
                if (v < value.length() && value.charAt(v) != ' ') {
                    return -(v + 1);
                }
                while (p < prefix.length() && prefix.charAt(p) == ' ') {
                    p++;
                }
                while (v < value.length() && value.charAt(v) == ' ') {
                    v++;
                }
                continue;
            }
            if (v >= value.length() || value.charAt(v) != prefix.charAt(p)) {
                return -(v + 1);
            }
            p++;
            v++;
        }
        return v;
    }

    /** Go's {@code lookup}: the index of the name {@code value} starts with (ASCII case ignored), or -1. */
    private static int lookup(String[] names, String value) {
        for (int i = 0; i < names.length; i++) {
            String n = names[i];
            if (value.length() >= n.length() && matchIgnoringAsciiCase(value, n)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchIgnoringAsciiCase(String value, String name) {
        for (int i = 0; i < name.length(); i++) {
            char a = value.charAt(i);
            char b = name.charAt(i);
            if (a != b) {
                char la = (char) (a | 0x20);
                char lb = (char) (b | 0x20);
                if (la != lb || la < 'a' || la > 'z') {
                    return false;
                }
            }
        }
        return true;
    }

    /** Go's {@code getnum}: one or two digits (two when fixed), as {@code value << 8 | length}; -1 when bad. */
    private static long getnum(String s, boolean fixed) {
        if (!isDigit(s, 0)) {
            return -1;
        }
        if (!isDigit(s, 1)) {
            return fixed ? -1 : ((long) (s.charAt(0) - '0') << 8) | 1;
        }
        return ((long) ((s.charAt(0) - '0') * 10 + (s.charAt(1) - '0')) << 8) | 2;
    }

    /** Go's {@code getnum3}: one to three digits (three when fixed), encoded as {@link #getnum}'s. */
    private static long getnum3(String s, boolean fixed) {
        int n = 0;
        int i = 0;
        while (i < 3 && isDigit(s, i)) {
            n = n * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == 0 || fixed && i != 3) {
            return -1;
        }
        return ((long) n << 8) | i;
    }

    /** Go's {@code atoi} in package time: an optional sign and decimal digits; null when bad. */
    private static Integer atoi(String s) {
        boolean neg = false;
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        long x = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || x > Integer.MAX_VALUE) {
                return null;
            }
            x = x * 10 + (c - '0');
        }
        if (x > Integer.MAX_VALUE) {
            return null;
        }
        return (int) (neg ? -x : x);
    }

    private static final long BAD = -1;
    private static final long RANGE = -2;

    /**
     * Go's {@code parseNanoseconds}: the separator and digits in the first {@code nbytes} characters
     * of {@code value} as nanoseconds (digits after the ninth ignored); {@link #BAD} or {@link #RANGE}.
     */
    private static long nanoseconds(String value, int nbytes) {
        if (!commaOrPeriod(value.charAt(0))) {
            return BAD;
        }
        if (nbytes > 10) {
            nbytes = 10;
        }
        Integer ns = atoi(value.substring(1, nbytes));
        if (ns == null) {
            return BAD;
        }
        if (ns < 0) {
            return RANGE;
        }
        long n = ns;
        for (int i = 0; i < 10 - nbytes; i++) {
            n *= 10;
        }
        return n;
    }

    /** Go's {@code parseTimeZone}: the length of the zone abbreviation {@code value} starts with, or 0. */
    private static int timeZoneLength(String value) {
        if (value.length() < 3) {
            return 0;
        }
        if (value.startsWith("ChST") || value.startsWith("MeST")) {
            return 4;
        }
        if (value.startsWith("GMT")) {
            return value.length() == 3 ? 3 : 3 + signedOffsetLength(value.substring(3));
        }
        if (value.charAt(0) == '+' || value.charAt(0) == '-') {
            return signedOffsetLength(value);
        }
        int upper = 0;
        while (upper < 6 && upper < value.length() && value.charAt(upper) >= 'A' && value.charAt(upper) <= 'Z') {
            upper++;
        }
        return switch (upper) {
            case 3 -> 3;
            case 4 -> value.charAt(3) == 'T' || value.startsWith("WITA") ? 4 : 0;
            case 5 -> value.charAt(4) == 'T' ? 5 : 0;
            default -> 0;
        };
    }

    /** Go's {@code parseSignedOffset}: "+3", "-04" (a sign and -23 to +23), its length, or 0. */
    private static int signedOffsetLength(String value) {
        if (value.isEmpty() || value.charAt(0) != '-' && value.charAt(0) != '+') {
            return 0;
        }
        int i = 1;
        long x = 0;
        while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
            x = x * 10 + (value.charAt(i) - '0');
            if (x > 1_000_000) {
                return 0;
            }
            i++;
        }
        if (i == 1 || x > 23) {
            return 0;
        }
        return i;
    }

    private static GoTimeException parseError(String layout, String value, String layoutElem, String valueElem,
                                              String message) {
        if (message.isEmpty()) {
            return new GoTimeException("parsing time " + quote(value) + " as " + quote(layout) + ": cannot parse "
                    + quote(valueElem) + " as " + quote(layoutElem));
        }
        return new GoTimeException("parsing time " + quote(value) + message);
    }

    /**
     * Go's {@code quote} in package time: double quotes, {@code \"} and {@code \\} escaped, and every
     * UTF-8 byte of a non-ASCII or control character written as {@code \xNN}.
     */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0x80 || cp < ' ') {
                byte[] utf8 = cp >= 0xD800 && cp <= 0xDFFF ? new byte[] {(byte) 0xef, (byte) 0xbf, (byte) 0xbd}
                        : new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                for (byte x : utf8) {
                    b.append("\\x").append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
                }
            } else {
                if (cp == '"' || cp == '\\') {
                    b.append('\\');
                }
                b.append((char) cp);
            }
        }
        return b.append('"').toString();
    }

    // ------------------------------------------------------------------ formatting

    /**
     * Formats a time as Go's {@code Time.Format(layout)} does. The zone's abbreviation
     * ({@code MST} in a layout) is {@code UTC} for UTC, Java's short name for a region zone
     * ({@code IST}, {@code PST}), and the offset ({@code +0530}) for a zone given only as an offset.
     *
     * @param t the time in its zone
     * @param layout a layout written with Go's reference time
     * @return the formatted time
     */
    public static String format(ZonedDateTime t, String layout) {
        StringBuilder b = new StringBuilder(layout.length() + 10);
        String l = layout;
        while (!l.isEmpty()) {
            Chunk ch = next(l);
            b.append(ch.prefix());
            l = ch.suffix();
            int offset = t.getOffset().getTotalSeconds();
            switch (ch.std()) {
                case NONE -> {
                }
                case YEAR -> appendInt(b, Math.abs(t.getYear()) % 100, 2);
                case LONG_YEAR -> appendInt(b, t.getYear(), 4);
                case MONTH -> b.append(SHORT_MONTHS[t.getMonthValue() - 1]);
                case LONG_MONTH -> b.append(LONG_MONTHS[t.getMonthValue() - 1]);
                case NUM_MONTH -> appendInt(b, t.getMonthValue(), 0);
                case ZERO_MONTH -> appendInt(b, t.getMonthValue(), 2);
                case WEEKDAY -> b.append(SHORT_DAYS[t.getDayOfWeek().getValue() % 7]);
                case LONG_WEEKDAY -> b.append(LONG_DAYS[t.getDayOfWeek().getValue() % 7]);
                case DAY -> appendInt(b, t.getDayOfMonth(), 0);
                case UNDER_DAY -> {
                    if (t.getDayOfMonth() < 10) {
                        b.append(' ');
                    }
                    appendInt(b, t.getDayOfMonth(), 0);
                }
                case ZERO_DAY -> appendInt(b, t.getDayOfMonth(), 2);
                case UNDER_YEAR_DAY -> {
                    int d = t.getDayOfYear();
                    if (d < 100) {
                        b.append(' ');
                        if (d < 10) {
                            b.append(' ');
                        }
                    }
                    appendInt(b, d, 0);
                }
                case ZERO_YEAR_DAY -> appendInt(b, t.getDayOfYear(), 3);
                case HOUR -> appendInt(b, t.getHour(), 2);
                case HOUR12 -> appendInt(b, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 0);
                case ZERO_HOUR12 -> appendInt(b, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2);
                case MINUTE -> appendInt(b, t.getMinute(), 0);
                case ZERO_MINUTE -> appendInt(b, t.getMinute(), 2);
                case SECOND -> appendInt(b, t.getSecond(), 0);
                case ZERO_SECOND -> appendInt(b, t.getSecond(), 2);
                case PM -> b.append(t.getHour() >= 12 ? "PM" : "AM");
                case LOWER_PM -> b.append(t.getHour() >= 12 ? "pm" : "am");
                case ISO_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_SECONDS_TZ, ISO_COLON_SECONDS_TZ, NUM_TZ, NUM_SHORT_TZ,
                        NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ -> appendZone(b, ch.std(), offset);
                case TZ -> {
                    String name = abbreviation(t);
                    if (!name.isEmpty()) {
                        b.append(name);
                        break;
                    }
                    // no name for this zone, but one must be printed: -0700
                    int zone = offset / 60;
                    if (zone < 0) {
                        b.append('-');
                        zone = -zone;
                    } else {
                        b.append('+');
                    }
                    appendInt(b, zone / 60, 2);
                    appendInt(b, zone % 60, 2);
                }
                case FRAC0, FRAC9 -> appendNano(b, t.getNano(), ch);
                default -> throw new IllegalStateException("layout element " + ch.std());
            }
        }
        return b.toString();
    }

    /**
     * Formats a time at a fixed offset as Go's {@code Time.Format(layout)} does (a zero offset is
     * {@code UTC}; any other has no abbreviation).
     *
     * @param t the time at its offset
     * @param layout a layout written with Go's reference time
     * @return the formatted time
     */
    public static String format(OffsetDateTime t, String layout) {
        return format(t.atZoneSameInstant(t.getOffset()), layout);
    }

    private static String abbreviation(ZonedDateTime t) {
        ZoneId z = t.getZone();
        if (z instanceof ZoneOffset o) {
            return o.getTotalSeconds() == 0 ? "UTC" : "";
        }
        if (z.getId().equals("UTC") || z.getId().equals("Etc/UTC")) {
            return "UTC";
        }
        boolean dst = z.getRules().isDaylightSavings(t.toInstant());
        String name = TimeZone.getTimeZone(z).getDisplayName(dst, TimeZone.SHORT, Locale.ROOT);
        if (name == null || name.startsWith("GMT") && name.length() > 3) {
            return "";
        }
        return name;
    }

    private static void appendZone(StringBuilder b, Std std, int offset) {
        if (offset == 0 && std.iso()) {
            b.append('Z');
            return;
        }
        int zone = offset / 60;
        int absoffset = offset;
        if (zone < 0) {
            b.append('-');
            zone = -zone;
            absoffset = -absoffset;
        } else {
            b.append('+');
        }
        appendInt(b, zone / 60, 2);
        if (std.colon()) {
            b.append(':');
        }
        if (!std.shortZone()) {
            appendInt(b, zone % 60, 2);
        }
        if (std.seconds()) {
            if (std.colon()) {
                b.append(':');
            }
            appendInt(b, absoffset % 60, 2);
        }
    }

    /** Go's {@code appendNano}: the separator and digits; a {@code 9} layout drops trailing zeros. */
    private static void appendNano(StringBuilder b, int nanos, Chunk ch) {
        boolean trim = ch.std() == Std.FRAC9;
        int n = ch.digits();
        if (trim && (n == 0 || nanos == 0)) {
            return;
        }
        String digits = String.format(Locale.ROOT, "%09d", nanos);
        if (n < 9) {
            digits = digits.substring(0, n);
        }
        if (trim) {
            int e = digits.length();
            while (e > 0 && digits.charAt(e - 1) == '0') {
                e--;
            }
            digits = digits.substring(0, e);
            if (digits.isEmpty()) {
                return;
            }
        }
        b.append(ch.separator()).append(digits);
    }

    /** Go's {@code appendInt}: a sign, then the digits zero-padded to {@code width}. */
    private static void appendInt(StringBuilder b, int x, int width) {
        long u = x;
        if (x < 0) {
            b.append('-');
            u = -u;
        }
        String s = Long.toString(u);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }

    // ------------------------------------------------------------------ arithmetic

    /**
     * The time at {@code epochNanos} nanoseconds since the Unix epoch in a zone (Go's
     * {@code time.Unix(0, n).In(zone)}).
     *
     * @param epochNanos nanoseconds since 1970-01-01T00:00:00Z
     * @param zone the zone
     * @return the time in that zone
     */
    public static ZonedDateTime at(long epochNanos, ZoneId zone) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L))
                .atZone(zone);
    }

    /**
     * Go's {@code t2.Sub(t1)}: the nanoseconds from {@code t1} to {@code t2}, saturated to the int64
     * range as Go does.
     *
     * @param t2 the later time
     * @param t1 the earlier time
     * @return {@code t2 - t1} in nanoseconds, {@link Long#MAX_VALUE} or {@link Long#MIN_VALUE} when
     *     it does not fit
     */
    public static long sub(Instant t2, Instant t1) {
        BigInteger d = nanos(t2).subtract(nanos(t1));
        if (d.bitLength() >= 64) {
            return d.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return d.longValue();
    }

    private static BigInteger nanos(Instant i) {
        return BigInteger.valueOf(i.getEpochSecond()).multiply(NANOS_PER_SECOND).add(BigInteger.valueOf(i.getNano()));
    }

    /**
     * Go's {@code t.Truncate(d)}: {@code t} rounded down to a multiple of {@code d} since Go's zero
     * time (January 1, year 1, UTC), keeping the offset.
     *
     * @param t the time
     * @param d the duration in nanoseconds; {@code d <= 0} returns {@code t} unchanged
     * @return the truncated time
     */
    public static OffsetDateTime truncate(OffsetDateTime t, long d) {
        if (d <= 0) {
            return t;
        }
        Instant i = t.toInstant();
        BigInteger sinceZero = BigInteger.valueOf(i.getEpochSecond() + ZERO_TO_UNIX).multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(i.getNano()));
        long r = sinceZero.mod(BigInteger.valueOf(d)).longValue();
        return t.minusNanos(r);
    }
}
