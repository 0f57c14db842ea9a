package dev.palisade.kyverno.jmespath.internal;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Go's {@code time.Parse} with reference-time layouts ({@code 2006-01-02T15:04:05Z07:00}), and the
 * RFC 3339 formatting and time arithmetic Kyverno's time functions use. Zone abbreviations other
 * than {@code UTC} and {@code GMT±h} read with offset zero, as Go does for zones it cannot look up.
 */
final class GoTime {
    static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    /** Seconds from Go's zero time (January 1, year 1, UTC) to the Unix epoch. */
    private static final long ZERO_TO_UNIX = 62135596800L;

    private GoTime() {
    }

    private enum Std {
        NONE, LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY,
        UNDER_YEAR_DAY, ZERO_YEAR_DAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND,
        LONG_YEAR, YEAR, PM_UPPER, PM_LOWER, TZ, ISO_TZ, ISO_SECONDS_TZ, ISO_SHORT_TZ, ISO_COLON_TZ,
        ISO_COLON_SECONDS_TZ, NUM_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_COLON_SECONDS_TZ,
        FRAC0, FRAC9
    }

    private record Chunk(String prefix, Std std, int digits, String suffix) {
    }

    private static final Std[] STD0X = {Std.ZERO_MONTH, Std.ZERO_DAY, Std.ZERO_HOUR12, Std.ZERO_MINUTE,
        Std.ZERO_SECOND, Std.YEAR};
    private static final String[] LONG_MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] SHORT_MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"};
    private static final String[] LONG_DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday"};
    private static final String[] SHORT_DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

    private static boolean startsWithLower(String s) {
        return !s.isEmpty() && s.charAt(0) >= 'a' && s.charAt(0) <= 'z';
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    private static Chunk chunk(String l, int i, Std std, int len) {
        return new Chunk(l.substring(0, i), std, 0, l.substring(i + len));
    }

    private static Chunk next(String l) {
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            switch (c) {
                case 'J':
                    if (l.startsWith("Jan", i)) {
                        if (l.startsWith("January", i)) {
                            return chunk(l, i, Std.LONG_MONTH, 7);
                        }
                        if (!startsWithLower(l.substring(i + 3))) {
                            return chunk(l, i, Std.MONTH, 3);
                        }
                    }
                    break;
                case 'M':
                    if (l.startsWith("Mon", i)) {
                        if (l.startsWith("Monday", i)) {
                            return chunk(l, i, Std.LONG_WEEKDAY, 6);
                        }
                        if (!startsWithLower(l.substring(i + 3))) {
                            return chunk(l, i, Std.WEEKDAY, 3);
                        }
                    }
                    if (l.startsWith("MST", i)) {
                        return chunk(l, i, Std.TZ, 3);
                    }
                    break;
                case '0':
                    if (i + 1 < l.length() && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
                        return chunk(l, i, STD0X[l.charAt(i + 1) - '1'], 2);
                    }
                    if (l.startsWith("002", i)) {
                        return chunk(l, i, Std.ZERO_YEAR_DAY, 3);
                    }
                    break;
                case '1':
                    if (i + 1 < l.length() && l.charAt(i + 1) == '5') {
                        return chunk(l, i, Std.HOUR, 2);
                    }
                    return chunk(l, i, Std.NUM_MONTH, 1);
                case '2':
                    if (l.startsWith("2006", i)) {
                        return chunk(l, i, Std.LONG_YEAR, 4);
                    }
                    return chunk(l, i, Std.DAY, 1);
                case '_':
                    if (i + 1 < l.length() && l.charAt(i + 1) == '2') {
                        if (l.startsWith("2006", i + 1)) {
                            return new Chunk(l.substring(0, i + 1), Std.LONG_YEAR, 0, l.substring(i + 5));
                        }
                        return chunk(l, i, Std.UNDER_DAY, 2);
                    }
                    if (l.startsWith("__2", i)) {
                        return chunk(l, i, Std.UNDER_YEAR_DAY, 3);
                    }
                    break;
                case '3':
                    return chunk(l, i, Std.HOUR12, 1);
                case '4':
                    return chunk(l, i, Std.MINUTE, 1);
                case '5':
                    return chunk(l, i, Std.SECOND, 1);
                case 'P':
                    if (i + 1 < l.length() && l.charAt(i + 1) == 'M') {
                        return chunk(l, i, Std.PM_UPPER, 2);
                    }
                    break;
                case 'p':
                    if (i + 1 < l.length() && l.charAt(i + 1) == 'm') {
                        return chunk(l, i, Std.PM_LOWER, 2);
                    }
                    break;
                case '-':
                    if (l.startsWith("-070000", i)) {
                        return chunk(l, i, Std.NUM_SECONDS_TZ, 7);
                    }
                    if (l.startsWith("-07:00:00", i)) {
                        return chunk(l, i, Std.NUM_COLON_SECONDS_TZ, 9);
                    }
                    if (l.startsWith("-0700", i)) {
                        return chunk(l, i, Std.NUM_TZ, 5);
                    }
                    if (l.startsWith("-07:00", i)) {
                        return chunk(l, i, Std.NUM_COLON_TZ, 6);
                    }
                    if (l.startsWith("-07", i)) {
                        return chunk(l, i, Std.NUM_SHORT_TZ, 3);
                    }
                    break;
                case 'Z':
                    if (l.startsWith("Z070000", i)) {
                        return chunk(l, i, Std.ISO_SECONDS_TZ, 7);
                    }
                    if (l.startsWith("Z07:00:00", i)) {
                        return chunk(l, i, Std.ISO_COLON_SECONDS_TZ, 9);
                    }
                    if (l.startsWith("Z0700", i)) {
                        return chunk(l, i, Std.ISO_TZ, 5);
                    }
                    if (l.startsWith("Z07:00", i)) {
                        return chunk(l, i, Std.ISO_COLON_TZ, 6);
                    }
                    if (l.startsWith("Z07", i)) {
                        return chunk(l, i, Std.ISO_SHORT_TZ, 3);
                    }
                    break;
                case '.':
                case ',':
                    if (i + 1 < l.length() && (l.charAt(i + 1) == '0' || l.charAt(i + 1) == '9')) {
                        char ch = l.charAt(i + 1);
                        int j = i + 1;
                        while (j < l.length() && l.charAt(j) == ch) {
                            j++;
                        }
                        if (!isDigit(l, j)) {
                            return new Chunk(l.substring(0, i), ch == '0' ? Std.FRAC0 : Std.FRAC9, j - (i + 1),
                                    l.substring(j));
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        return new Chunk(l, Std.NONE, 0, "");
    }

    /** A parsed time: local date-time and its offset. */
    static OffsetDateTime parse(String layout, String value) {
        String alayout = layout;
        String avalue = value;
        boolean amSet = false;
        boolean pmSet = false;
        int year = 0;
        int month = -1;
        int day = -1;
        int yday = -1;
        int hour = 0;
        int min = 0;
        int sec = 0;
        int nsec = 0;
        boolean utc = false;
        int zoneOffset = -1;
        boolean zoneOffsetSet = false;
        String zoneName = "";
        while (true) {
            Chunk c = next(layout);
            String stdstr = layout.substring(c.prefix().length(), layout.length() - c.suffix().length());
            String skipped = skip(value, c.prefix());
            if (skipped == null) {
                throw error(alayout, avalue, c.prefix(), value, "");
            }
            value = skipped;
            if (c.std() == Std.NONE) {
                if (!value.isEmpty()) {
                    throw error(alayout, avalue, "", value, ": extra text: \"" + value + "\"");
                }
                break;
            }
            layout = c.suffix();
            String hold = value;
            String range = null;
            boolean bad = false;
            int[] num;
            switch (c.std()) {
                case YEAR:
                    if (value.length() < 2 || !isDigit(value, 0) || !isDigit(value, 1)) {
                        bad = true;
                        break;
                    }
                    year = Integer.parseInt(value.substring(0, 2));
                    value = value.substring(2);
                    year += year >= 69 ? 1900 : 2000;
                    break;
                case LONG_YEAR:
                    if (value.length() < 4 || !isDigit(value, 0) || !isDigit(value, 1) || !isDigit(value, 2)
                            || !isDigit(value, 3)) {
                        bad = true;
                        break;
                    }
                    year = Integer.parseInt(value.substring(0, 4));
                    value = value.substring(4);
                    break;
                case MONTH:
                case LONG_MONTH: {
                    int[] r = lookup(c.std() == Std.MONTH ? SHORT_MONTHS : LONG_MONTHS, value);
                    if (r == null) {
                        bad = true;
                        break;
                    }
                    month = r[0] + 1;
                    value = value.substring(r[1]);
                    break;
                }
                case NUM_MONTH:
                case ZERO_MONTH:
                    num = getnum(value, c.std() == Std.ZERO_MONTH);
                    if (num == null) {
                        bad = true;
                        break;
                    }
                    month = num[0];
                    value = value.substring(num[1]);
                    if (month <= 0 || month > 12) {
                        range = "month";
                    }
                    break;
                case WEEKDAY:
                case LONG_WEEKDAY: {
                    int[] r = lookup(c.std() == Std.WEEKDAY ? SHORT_DAYS : LONG_DAYS, value);
                    if (r == null) {
                        bad = true;
                        break;
                    }
                    value = value.substring(r[1]);
                    break;
                }
                case DAY:
                case UNDER_DAY:
                case ZERO_DAY:
                    if (c.std() == Std.UNDER_DAY && !value.isEmpty() && value.charAt(0) == ' ') {
                        value = value.substring(1);
                    }
                    num = getnum(value, c.std() == Std.ZERO_DAY);
                    if (num == null) {
                        bad = true;
                        break;
                    }
                    day = num[0];
                    value = value.substring(num[1]);
                    break;
                case UNDER_YEAR_DAY:
                case ZERO_YEAR_DAY:
                    for (int i = 0; i < 2; i++) {
                        if (c.std() == Std.UNDER_YEAR_DAY && !value.isEmpty() && value.charAt(0) == ' ') {
                            value = value.substring(1);
                        }
                    }
                    num = getnum3(value, c.std() == Std.ZERO_YEAR_DAY);
                    if (num == null) {
                        bad = true;
                        break;
                    }
                    yday = num[0];
                    value = value.substring(num[1]);
                    break;
                case HOUR:
                    num = getnum(value, false);
                    if (num == null) {
                        bad = true;
                        break;
                    }
                    hour = num[0];
                    value = value.substring(num[1]);
                    if (hour >= 24) {
                        range = "hour";
                    }
                    break;
                case HOUR12:
                case ZERO_HOUR12:
                    num = getnum(value, c.std() == Std.ZERO_HOUR12);
                    if (num == null) {
                        bad = true;
                        break;
                    }
                    hour = num[0];
                    value = value.substring(num[1]);
                    if (hour > 12) {
                        range = "hour";
                    }
                    break;
                case MINUTE:
                case ZERO_MINUTE:
                    num = getnum(value, c.std() == Std.ZERO_MINUTE);
                    if (num == null) {
                        bad = true;
                        break;
                    }
                    min = num[0];
                    value = value.substring(num[1]);
                    if (min >= 60) {
                        range = "minute";
                    }
                    break;
                case SECOND:
                case ZERO_SECOND:
                    num = getnum(value, c.std() == Std.ZERO_SECOND);
                    if (num == null) {
                        bad = true;
                        break;
                    }
                    sec = num[0];
                    value = value.substring(num[1]);
                    if (sec >= 60) {
                        range = "second";
                        break;
                    }
                    if (value.length() >= 2 && (value.charAt(0) == '.' || value.charAt(0) == ',') && isDigit(value, 1)) {
                        Std nextStd = next(layout).std();
                        if (nextStd == Std.FRAC0 || nextStd == Std.FRAC9) {
                            break;
                        }
                        int n = 2;
                        while (n < value.length() && isDigit(value, n)) {
                            n++;
                        }
                        nsec = nanos(value, n);
                        value = value.substring(n);
                    }
                    break;
                case PM_UPPER:
                case PM_LOWER: {
                    if (value.length() < 2) {
                        bad = true;
                        break;
                    }
                    String p = value.substring(0, 2);
                    value = value.substring(2);
                    String pm = c.std() == Std.PM_UPPER ? "PM" : "pm";
                    String am = c.std() == Std.PM_UPPER ? "AM" : "am";
                    if (p.equals(pm)) {
                        pmSet = true;
                    } else if (p.equals(am)) {
                        amSet = true;
                    } else {
                        bad = true;
                    }
                    break;
                }
                case ISO_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_SECONDS_TZ, ISO_COLON_SECONDS_TZ, NUM_TZ, NUM_SHORT_TZ,
                        NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ: {
                    Std s = c.std();
                    boolean iso = s == Std.ISO_TZ || s == Std.ISO_SHORT_TZ || s == Std.ISO_COLON_TZ
                            || s == Std.ISO_SECONDS_TZ || s == Std.ISO_COLON_SECONDS_TZ;
                    if (iso && !value.isEmpty() && value.charAt(0) == 'Z') {
                        value = value.substring(1);
                        utc = true;
                        break;
                    }
                    String sign;
                    String hh;
                    String mm;
                    String ss;
                    if (s == Std.ISO_COLON_TZ || s == Std.NUM_COLON_TZ) {
                        if (value.length() < 6 || value.charAt(3) != ':') {
                            bad = true;
                            break;
                        }
                        sign = value.substring(0, 1);
                        hh = value.substring(1, 3);
                        mm = value.substring(4, 6);
                        ss = "00";
                        value = value.substring(6);
                    } else if (s == Std.NUM_SHORT_TZ || s == Std.ISO_SHORT_TZ) {
                        if (value.length() < 3) {
                            bad = true;
                            break;
                        }
                        sign = value.substring(0, 1);
                        hh = value.substring(1, 3);
                        mm = "00";
                        ss = "00";
                        value = value.substring(3);
                    } else if (s == Std.ISO_COLON_SECONDS_TZ || s == Std.NUM_COLON_SECONDS_TZ) {
                        if (value.length() < 9 || value.charAt(3) != ':' || value.charAt(6) != ':') {
                            bad = true;
                            break;
                        }
                        sign = value.substring(0, 1);
                        hh = value.substring(1, 3);
                        mm = value.substring(4, 6);
                        ss = value.substring(7, 9);
                        value = value.substring(9);
                    } else if (s == Std.ISO_SECONDS_TZ || s == Std.NUM_SECONDS_TZ) {
                        if (value.length() < 7) {
                            bad = true;
                            break;
                        }
                        sign = value.substring(0, 1);
                        hh = value.substring(1, 3);
                        mm = value.substring(3, 5);
                        ss = value.substring(5, 7);
                        value = value.substring(7);
                    } else {
                        if (value.length() < 5) {
                            bad = true;
                            break;
                        }
                        sign = value.substring(0, 1);
                        hh = value.substring(1, 3);
                        mm = value.substring(3, 5);
                        ss = "00";
                        value = value.substring(5);
                    }
                    int[] h = getnum(hh, true);
                    int[] m = getnum(mm, true);
                    int[] sc = getnum(ss, true);
                    if (h == null || m == null || sc == null) {
                        bad = true;
                        break;
                    }
                    if (h[0] > 24) {
                        range = "time zone offset hour";
                    }
                    if (m[0] > 60) {
                        range = "time zone offset minute";
                    }
                    if (sc[0] > 60) {
                        range = "time zone offset second";
                    }
                    zoneOffset = (h[0] * 60 + m[0]) * 60 + sc[0];
                    zoneOffsetSet = true;
                    if (sign.equals("-")) {
                        zoneOffset = -zoneOffset;
                    } else if (!sign.equals("+")) {
                        bad = true;
                    }
                    break;
                }
                case TZ: {
                    if (value.startsWith("UTC")) {
                        utc = true;
                        value = value.substring(3);
                        break;
                    }
                    int n = timeZoneLength(value);
                    if (n <= 0) {
                        bad = true;
                        break;
                    }
                    zoneName = value.substring(0, n);
                    value = value.substring(n);
                    break;
                }
                case FRAC0: {
                    int ndigit = 1 + c.digits();
                    if (value.length() < ndigit) {
                        bad = true;
                        break;
                    }
                    nsec = nanos(value, ndigit);
                    value = value.substring(ndigit);
                    break;
                }
                case FRAC9: {
                    if (value.length() < 2 || !(value.charAt(0) == '.' || value.charAt(0) == ',')
                            || !isDigit(value, 1)) {
                        break;
                    }
                    int i = 0;
                    while (i + 1 < value.length() && isDigit(value, i + 1)) {
                        i++;
                    }
                    nsec = nanos(value, 1 + i);
                    value = value.substring(1 + i);
                    break;
                }
                default:
                    break;
            }
            if (range != null) {
                throw error(alayout, avalue, stdstr, value, ": " + range + " out of range");
            }
            if (bad) {
                throw error(alayout, avalue, stdstr, hold, "");
            }
        }
        if (pmSet && hour < 12) {
            hour += 12;
        } else if (amSet && hour == 12) {
            hour = 0;
        }
        if (yday >= 0) {
            boolean leap = YearMonth.of(year, 1).isLeapYear();
            if (yday < 1 || yday > 365 + (leap ? 1 : 0)) {
                throw error(alayout, avalue, "", value, ": day-of-year out of range");
            }
            LocalDateTime d = LocalDateTime.of(year, 1, 1, 0, 0).plusDays(yday - 1L);
            if (month >= 0 && month != d.getMonthValue() || day >= 0 && day != d.getDayOfMonth()) {
                throw error(alayout, avalue, "", value, ": day-of-year does not match " + (month >= 0 && month != d.getMonthValue() ? "month" : "day"));
            }
            month = d.getMonthValue();
            day = d.getDayOfMonth();
        } else {
            if (month < 0) {
                month = 1;
            }
            if (day < 0) {
                day = 1;
            }
        }
        if (day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            throw error(alayout, avalue, "", value, ": day out of range");
        }
        int offset = 0;
        if (!utc) {
            if (zoneOffsetSet) {
                offset = zoneOffset;
            } else if (zoneName.startsWith("GMT") && zoneName.length() > 3) {
                offset = Integer.parseInt(zoneName.substring(3).replace("+", "")) * 3600;
            }
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, min, sec, nsec, ZoneOffset.ofTotalSeconds(offset));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("parsing time \"" + avalue + "\": " + e.getMessage());
        }
    }

    private static int timeZoneLength(String value) {
        if (value.length() < 3) {
            return 0;
        }
        if (value.startsWith("ChST") || value.startsWith("MeST")) {
            return 4;
        }
        if (value.startsWith("GMT")) {
            int n = 3;
            if (value.length() > 3 && (value.charAt(3) == '+' || value.charAt(3) == '-')) {
                int j = 4;
                while (j < value.length() && isDigit(value, j) && j < 6) {
                    j++;
                }
                if (j > 4) {
                    n = j;
                }
            }
            return n;
        }
        int upper = 0;
        while (upper < value.length() && upper < 6 && value.charAt(upper) >= 'A' && value.charAt(upper) <= 'Z') {
            upper++;
        }
        return switch (upper) {
            case 3 -> 3;
            case 4 -> value.charAt(3) == 'T' || value.startsWith("WITA") ? 4 : 0;
            case 5 -> value.charAt(4) == 'T' ? 5 : 0;
            default -> 0;
        };
    }

    private static int[] lookup(String[] names, String value) {
        for (int i = 0; i < names.length; i++) {
            String n = names[i];
            if (value.length() >= n.length() && value.substring(0, n.length()).equalsIgnoreCase(n)) {
                return new int[] {i, n.length()};
            }
        }
        return null;
    }

    private static int[] getnum(String s, boolean fixed) {
        if (!isDigit(s, 0)) {
            return null;
        }
        if (!isDigit(s, 1)) {
            if (fixed) {
                return null;
            }
            return new int[] {s.charAt(0) - '0', 1};
        }
        return new int[] {(s.charAt(0) - '0') * 10 + (s.charAt(1) - '0'), 2};
    }

    private static int[] getnum3(String s, boolean fixed) {
        int n = 0;
        int i = 0;
        while (i < 3 && isDigit(s, i)) {
            n = n * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == 0 || (fixed && i != 3)) {
            return null;
        }
        return new int[] {n, i};
    }

    private static int nanos(String value, int nbytes) {
        if (nbytes > 10) {
            nbytes = 10;
        }
        int ns = 0;
        for (int i = 1; i < nbytes; i++) {
            ns = ns * 10 + (value.charAt(i) - '0');
        }
        for (int i = 0; i < 10 - nbytes; i++) {
            ns *= 10;
        }
        return ns;
    }

    private static String skip(String value, String prefix) {
        while (!prefix.isEmpty()) {
            if (prefix.charAt(0) == ' ') {
                if (!value.isEmpty() && value.charAt(0) != ' ') {
                    return null;
                }
                prefix = cutspace(prefix);
                value = cutspace(value);
                continue;
            }
            if (value.isEmpty() || value.charAt(0) != prefix.charAt(0)) {
                return null;
            }
            prefix = prefix.substring(1);
            value = value.substring(1);
        }
        return value;
    }

    private static String cutspace(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return s.substring(i);
    }

    private static IllegalArgumentException error(String layout, String value, String elem, String rest,
                                                  String message) {
        if (message.isEmpty()) {
            return new IllegalArgumentException("parsing time \"" + value + "\" as \"" + layout + "\": cannot parse \""
                    + rest + "\" as \"" + elem + "\"");
        }
        return new IllegalArgumentException("parsing time \"" + value + "\"" + message);
    }

    /** {@code t.Format(time.RFC3339)}: seconds precision, {@code Z} for a zero offset. */
    static String rfc3339(OffsetDateTime t) {
        StringBuilder out = new StringBuilder();
        int year = t.getYear();
        if (year < 0) {
            out.append('-');
            year = -year;
        }
        out.append(String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d", year, t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        int offset = t.getOffset().getTotalSeconds();
        if (offset == 0) {
            out.append('Z');
        } else {
            out.append(offset < 0 ? '-' : '+');
            int a = Math.abs(offset) / 60;
            out.append(String.format(Locale.ROOT, "%02d:%02d", a / 60, a % 60));
        }
        return out.toString();
    }

    /** Parses an RFC 3339 time as Go's {@code time.Parse(time.RFC3339, s)}. */
    static OffsetDateTime parseRfc3339(String s) {
        return parse(RFC3339, s);
    }

    /** {@code t2.Sub(t1)} in nanoseconds, saturated to the int64 range as Go does. */
    static long sub(OffsetDateTime t2, OffsetDateTime t1) {
        BigInteger a = nanosSinceEpoch(t2.toInstant());
        BigInteger b = nanosSinceEpoch(t1.toInstant());
        BigInteger d = a.subtract(b);
        if (d.bitLength() >= 64) {
            return d.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return d.longValue();
    }

    private static BigInteger nanosSinceEpoch(Instant i) {
        return BigInteger.valueOf(i.getEpochSecond()).multiply(NANOS_PER_SECOND).add(BigInteger.valueOf(i.getNano()));
    }

    /** {@code t.Add(d)}, keeping the offset. */
    static OffsetDateTime add(OffsetDateTime t, long nanos) {
        return t.plusNanos(nanos);
    }

    /** {@code t.Truncate(d)}: rounds down to a multiple of d since Go's zero time; d <= 0 leaves t. */
    static OffsetDateTime truncate(OffsetDateTime t, long d) {
        if (d <= 0) {
            return t;
        }
        Instant i = t.toInstant();
        BigInteger sinceZero = BigInteger.valueOf(i.getEpochSecond() + ZERO_TO_UNIX).multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(i.getNano()));
        long r = sinceZero.mod(BigInteger.valueOf(d)).longValue();
        return t.minusNanos(r);
    }

    /** Current time in the clock's zone formatted as RFC 3339. */
    static String format(Instant now, ZoneOffset offset) {
        return rfc3339(OffsetDateTime.ofInstant(now, offset));
    }
}
