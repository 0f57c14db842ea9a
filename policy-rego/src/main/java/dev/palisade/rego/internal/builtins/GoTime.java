package dev.palisade.rego.internal.builtins;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Go's time layouts ("2006-01-02T15:04:05Z07:00"): tokenizing, parsing and formatting, and Go's
 * duration syntax. Times are nanoseconds since the Unix epoch in a zone.
 */
final class GoTime {
    static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("ANSIC", "Mon Jan _2 15:04:05 2006"),
            Map.entry("UnixDate", "Mon Jan _2 15:04:05 MST 2006"),
            Map.entry("RubyDate", "Mon Jan 02 15:04:05 -0700 2006"),
            Map.entry("RFC822", "02 Jan 06 15:04 MST"),
            Map.entry("RFC822Z", "02 Jan 06 15:04 -0700"),
            Map.entry("RFC850", "Monday, 02-Jan-06 15:04:05 MST"),
            Map.entry("RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"),
            Map.entry("RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"),
            Map.entry("RFC3339", "2006-01-02T15:04:05Z07:00"),
            Map.entry("RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"),
            Map.entry("Kitchen", "3:04PM"),
            Map.entry("Stamp", "Jan _2 15:04:05"),
            Map.entry("StampMilli", "Jan _2 15:04:05.000"),
            Map.entry("StampMicro", "Jan _2 15:04:05.000000"),
            Map.entry("StampNano", "Jan _2 15:04:05.000000000"),
            Map.entry("DateTime", "2006-01-02 15:04:05"),
            Map.entry("DateOnly", "2006-01-02"),
            Map.entry("TimeOnly", "15:04:05"));

    private static final String[] LONG_MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] LONG_DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

    private GoTime() {
    }

    enum Std {
        NONE, LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY,
        UNDER_YEARDAY, ZERO_YEARDAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND,
        LONG_YEAR, YEAR, PM, LPM, TZ, ISO_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_SECONDS_TZ, ISO_COLON_SECONDS_TZ,
        NUM_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ, FRAC0, FRAC9
    }

    record Chunk(String prefix, Std std, int fracDigits, char fracSep) {
    }

    /** Splits a layout into literal prefixes and elements. */
    static List<Chunk> chunks(String layout) {
        List<Chunk> out = new ArrayList<>();
        String rest = layout;
        while (!rest.isEmpty()) {
            Object[] r = next(rest);
            out.add((Chunk) r[0]);
            rest = (String) r[1];
        }
        return out;
    }

    private static boolean lower(String s, int i) {
        return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
    }

    private static Object[] ret(String l, int i, Std std, int len) {
        return new Object[] {new Chunk(l.substring(0, i), std, 0, '.'), l.substring(i + len)};
    }

    private static Object[] next(String l) {
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            switch (c) {
                case 'J':
                    if (l.startsWith("Jan", i)) {
                        if (l.startsWith("January", i)) {
                            return ret(l, i, Std.LONG_MONTH, 7);
                        }
                        if (!lower(l, i + 3)) {
                            return ret(l, i, Std.MONTH, 3);
                        }
                    }
                    break;
                case 'M':
                    if (l.startsWith("Mon", i)) {
                        if (l.startsWith("Monday", i)) {
                            return ret(l, i, Std.LONG_WEEKDAY, 6);
                        }
                        if (!lower(l, i + 3)) {
                            return ret(l, i, Std.WEEKDAY, 3);
                        }
                    }
                    if (l.startsWith("MST", i)) {
                        return ret(l, i, Std.TZ, 3);
                    }
                    break;
                case '0':
                    if (i + 1 < l.length() && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
                        Std[] z = {Std.ZERO_MONTH, Std.ZERO_DAY, Std.ZERO_HOUR12, Std.ZERO_MINUTE, Std.ZERO_SECOND, Std.YEAR};
                        return ret(l, i, z[l.charAt(i + 1) - '1'], 2);
                    }
                    if (l.startsWith("002", i)) {
                        return ret(l, i, Std.ZERO_YEARDAY, 3);
                    }
                    break;
                case '1':
                    if (i + 1 < l.length() && l.charAt(i + 1) == '5') {
                        return ret(l, i, Std.HOUR, 2);
                    }
                    return ret(l, i, Std.NUM_MONTH, 1);
                case '2':
                    if (l.startsWith("2006", i)) {
                        return ret(l, i, Std.LONG_YEAR, 4);
                    }
                    return ret(l, i, Std.DAY, 1);
                case '_':
                    if (i + 1 < l.length() && l.charAt(i + 1) == '2') {
                        if (l.startsWith("2006", i + 1)) {
                            return new Object[] {new Chunk(l.substring(0, i + 1), Std.LONG_YEAR, 0, '.'), l.substring(i + 5)};
                        }
                        return ret(l, i, Std.UNDER_DAY, 2);
                    }
                    if (l.startsWith("__2", i)) {
                        return ret(l, i, Std.UNDER_YEARDAY, 3);
                    }
                    break;
                case '3':
                    return ret(l, i, Std.HOUR12, 1);
                case '4':
                    return ret(l, i, Std.MINUTE, 1);
                case '5':
                    return ret(l, i, Std.SECOND, 1);
                case 'P':
                    if (i + 1 < l.length() && l.charAt(i + 1) == 'M') {
                        return ret(l, i, Std.PM, 2);
                    }
                    break;
                case 'p':
                    if (i + 1 < l.length() && l.charAt(i + 1) == 'm') {
                        return ret(l, i, Std.LPM, 2);
                    }
                    break;
                case '-':
                    if (l.startsWith("-070000", i)) {
                        return ret(l, i, Std.NUM_SECONDS_TZ, 7);
                    }
                    if (l.startsWith("-07:00:00", i)) {
                        return ret(l, i, Std.NUM_COLON_SECONDS_TZ, 9);
                    }
                    if (l.startsWith("-0700", i)) {
                        return ret(l, i, Std.NUM_TZ, 5);
                    }
                    if (l.startsWith("-07:00", i)) {
                        return ret(l, i, Std.NUM_COLON_TZ, 6);
                    }
                    if (l.startsWith("-07", i)) {
                        return ret(l, i, Std.NUM_SHORT_TZ, 3);
                    }
                    break;
                case 'Z':
                    if (l.startsWith("Z070000", i)) {
                        return ret(l, i, Std.ISO_SECONDS_TZ, 7);
                    }
                    if (l.startsWith("Z07:00:00", i)) {
                        return ret(l, i, Std.ISO_COLON_SECONDS_TZ, 9);
                    }
                    if (l.startsWith("Z0700", i)) {
                        return ret(l, i, Std.ISO_TZ, 5);
                    }
                    if (l.startsWith("Z07:00", i)) {
                        return ret(l, i, Std.ISO_COLON_TZ, 6);
                    }
                    if (l.startsWith("Z07", i)) {
                        return ret(l, i, Std.ISO_SHORT_TZ, 3);
                    }
                    break;
                case '.', ',':
                    if (i + 1 < l.length() && (l.charAt(i + 1) == '0' || l.charAt(i + 1) == '9')) {
                        char ch = l.charAt(i + 1);
                        int j = i + 1;
                        while (j < l.length() && l.charAt(j) == ch) {
                            j++;
                        }
                        if (!(j < l.length() && Character.isDigit(l.charAt(j)))) {
                            return new Object[] {new Chunk(l.substring(0, i), ch == '0' ? Std.FRAC0 : Std.FRAC9, j - (i + 1), c),
                                l.substring(j)};
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        return new Object[] {new Chunk(l, Std.NONE, 0, '.'), ""};
    }

    // ---------------------------------------------------------------- formatting

    static String format(ZonedDateTime t, String layout) {
        StringBuilder b = new StringBuilder();
        for (Chunk ch : chunks(layout)) {
            b.append(ch.prefix());
            switch (ch.std()) {
                case NONE -> {
                }
                case YEAR -> pad(b, Math.floorMod(t.getYear(), 100), 2);
                case LONG_YEAR -> pad(b, t.getYear(), 4);
                case MONTH -> b.append(LONG_MONTHS[t.getMonthValue() - 1], 0, 3);
                case LONG_MONTH -> b.append(LONG_MONTHS[t.getMonthValue() - 1]);
                case NUM_MONTH -> b.append(t.getMonthValue());
                case ZERO_MONTH -> pad(b, t.getMonthValue(), 2);
                case WEEKDAY -> b.append(dayName(t.getDayOfWeek()), 0, 3);
                case LONG_WEEKDAY -> b.append(dayName(t.getDayOfWeek()));
                case DAY -> b.append(t.getDayOfMonth());
                case UNDER_DAY -> {
                    if (t.getDayOfMonth() < 10) {
                        b.append(' ');
                    }
                    b.append(t.getDayOfMonth());
                }
                case ZERO_DAY -> pad(b, t.getDayOfMonth(), 2);
                case UNDER_YEARDAY -> {
                    int d = t.getDayOfYear();
                    if (d < 100) {
                        b.append(' ');
                        if (d < 10) {
                            b.append(' ');
                        }
                    }
                    b.append(d);
                }
                case ZERO_YEARDAY -> pad(b, t.getDayOfYear(), 3);
                case HOUR -> pad(b, t.getHour(), 2);
                case HOUR12 -> b.append(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
                case ZERO_HOUR12 -> pad(b, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2);
                case MINUTE -> b.append(t.getMinute());
                case ZERO_MINUTE -> pad(b, t.getMinute(), 2);
                case SECOND -> b.append(t.getSecond());
                case ZERO_SECOND -> pad(b, t.getSecond(), 2);
                case PM -> b.append(t.getHour() >= 12 ? "PM" : "AM");
                case LPM -> b.append(t.getHour() >= 12 ? "pm" : "am");
                case ISO_TZ, ISO_COLON_TZ, ISO_SECONDS_TZ, ISO_SHORT_TZ, ISO_COLON_SECONDS_TZ,
                        NUM_TZ, NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_SECONDS_TZ -> zone(b, ch.std(), t);
                case TZ -> {
                    String abbr = abbreviation(t);
                    if (abbr != null) {
                        b.append(abbr);
                    } else {
                        int off = t.getOffset().getTotalSeconds() / 60;
                        b.append(off < 0 ? '-' : '+');
                        off = Math.abs(off);
                        pad(b, off / 60, 2);
                        pad(b, off % 60, 2);
                    }
                }
                case FRAC0, FRAC9 -> {
                    int n = ch.fracDigits();
                    String digits = String.format("%09d", t.getNano()).substring(0, Math.min(9, n));
                    if (ch.std() == Std.FRAC9) {
                        int e = digits.length();
                        while (e > 0 && digits.charAt(e - 1) == '0') {
                            e--;
                        }
                        digits = digits.substring(0, e);
                        if (digits.isEmpty()) {
                            break;
                        }
                    }
                    b.append(ch.fracSep()).append(digits);
                }
                default -> {
                }
            }
        }
        return b.toString();
    }

    private static String abbreviation(ZonedDateTime t) {
        ZoneId z = t.getZone();
        if (z instanceof ZoneOffset o) {
            return o.getTotalSeconds() == 0 ? "UTC" : null;
        }
        if (z.getId().equals("UTC") || z.getId().equals("Etc/UTC")) {
            return "UTC";
        }
        boolean dst = z.getRules().isDaylightSavings(t.toInstant());
        String name = java.util.TimeZone.getTimeZone(z).getDisplayName(dst, java.util.TimeZone.SHORT, Locale.ROOT);
        if (name == null || name.startsWith("GMT") && name.length() > 3) {
            return null;
        }
        return name;
    }

    private static void zone(StringBuilder b, Std std, ZonedDateTime t) {
        int off = t.getOffset().getTotalSeconds();
        boolean iso = std.name().startsWith("ISO");
        if (iso && off == 0) {
            b.append('Z');
            return;
        }
        int zone = off / 60;
        int absoff = off;
        if (zone < 0) {
            b.append('-');
            zone = -zone;
            absoff = -absoff;
        } else {
            b.append('+');
        }
        pad(b, zone / 60, 2);
        if (std == Std.ISO_COLON_TZ || std == Std.NUM_COLON_TZ || std == Std.ISO_COLON_SECONDS_TZ
                || std == Std.NUM_COLON_SECONDS_TZ) {
            b.append(':');
        }
        if (std != Std.NUM_SHORT_TZ && std != Std.ISO_SHORT_TZ) {
            pad(b, zone % 60, 2);
        }
        if (std == Std.ISO_SECONDS_TZ || std == Std.NUM_SECONDS_TZ || std == Std.NUM_COLON_SECONDS_TZ
                || std == Std.ISO_COLON_SECONDS_TZ) {
            if (std == Std.NUM_COLON_SECONDS_TZ || std == Std.ISO_COLON_SECONDS_TZ) {
                b.append(':');
            }
            pad(b, absoff % 60, 2);
        }
    }

    private static String dayName(DayOfWeek d) {
        return LONG_DAYS[d.getValue() % 7];
    }

    private static void pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(Math.abs(v));
        if (v < 0) {
            b.append('-');
        }
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }

    // ---------------------------------------------------------------- parsing

    /** Parses as Go's time.Parse; returns nanoseconds since the epoch (as a BigInteger). */
    static BigInteger parse(String layout, String value) {
        String orig = value;
        int year = 0;
        int month = -1;
        int day = -1;
        int yday = -1;
        int hour = 0;
        int min = 0;
        int sec = 0;
        int nsec = 0;
        boolean pmSet = false;
        boolean amSet = false;
        Integer zoneOffset = null;
        String zoneName = null;
        List<Chunk> chunks = chunks(layout);
        for (int ci = 0; ci < chunks.size(); ci++) {
            Chunk ch = chunks.get(ci);
            String prefix = ch.prefix();
            value = skip(value, prefix, layout, orig);
            if (ch.std() == Std.NONE) {
                if (!value.isEmpty()) {
                    throw bad(orig, layout, value, "extra text: " + value);
                }
                break;
            }
            String hold = value;
            switch (ch.std()) {
                case YEAR -> {
                    if (value.length() < 2) {
                        throw bad(orig, layout, hold, "");
                    }
                    int y = atoi(value.substring(0, 2), orig, layout, hold);
                    value = value.substring(2);
                    year = y >= 69 ? 1900 + y : 2000 + y;
                }
                case LONG_YEAR -> {
                    if (value.length() < 4 || !isDigits(value.substring(0, 4))) {
                        throw bad(orig, layout, hold, "");
                    }
                    year = Integer.parseInt(value.substring(0, 4));
                    value = value.substring(4);
                }
                case MONTH, LONG_MONTH -> {
                    int idx = -1;
                    for (int k = 0; k < 12; k++) {
                        String name = ch.std() == Std.MONTH ? LONG_MONTHS[k].substring(0, 3) : LONG_MONTHS[k];
                        if (value.regionMatches(true, 0, name, 0, name.length())) {
                            idx = k;
                            value = value.substring(name.length());
                            break;
                        }
                    }
                    if (idx < 0) {
                        throw bad(orig, layout, hold, "");
                    }
                    month = idx + 1;
                }
                case NUM_MONTH, ZERO_MONTH -> {
                    int[] r = getnum(value, ch.std() == Std.ZERO_MONTH, orig, layout);
                    month = r[0];
                    value = value.substring(r[1]);
                    if (month <= 0 || month > 12) {
                        throw new GoTimeException("parsing time " + quote(orig) + ": month out of range");
                    }
                }
                case WEEKDAY, LONG_WEEKDAY -> {
                    boolean ok = false;
                    for (String d : LONG_DAYS) {
                        String name = ch.std() == Std.WEEKDAY ? d.substring(0, 3) : d;
                        if (value.regionMatches(true, 0, name, 0, name.length())) {
                            value = value.substring(name.length());
                            ok = true;
                            break;
                        }
                    }
                    if (!ok) {
                        throw bad(orig, layout, hold, "");
                    }
                }
                case DAY, UNDER_DAY, ZERO_DAY -> {
                    if (ch.std() == Std.UNDER_DAY && value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    int[] r = getnum(value, ch.std() == Std.ZERO_DAY, orig, layout);
                    day = r[0];
                    value = value.substring(r[1]);
                }
                case UNDER_YEARDAY, ZERO_YEARDAY -> {
                    for (int k = 0; k < 2; k++) {
                        if (ch.std() == Std.UNDER_YEARDAY && value.startsWith(" ")) {
                            value = value.substring(1);
                        }
                    }
                    int[] r = getnum3(value, ch.std() == Std.ZERO_YEARDAY, orig, layout);
                    yday = r[0];
                    value = value.substring(r[1]);
                }
                case HOUR -> {
                    int[] r = getnum(value, false, orig, layout);
                    hour = r[0];
                    value = value.substring(r[1]);
                    if (hour < 0 || hour >= 24) {
                        throw new GoTimeException("parsing time " + quote(orig) + ": hour out of range");
                    }
                }
                case HOUR12, ZERO_HOUR12 -> {
                    int[] r = getnum(value, ch.std() == Std.ZERO_HOUR12, orig, layout);
                    hour = r[0];
                    value = value.substring(r[1]);
                    if (hour < 0 || hour > 12) {
                        throw new GoTimeException("parsing time " + quote(orig) + ": hour out of range");
                    }
                }
                case MINUTE, ZERO_MINUTE -> {
                    int[] r = getnum(value, ch.std() == Std.ZERO_MINUTE, orig, layout);
                    min = r[0];
                    value = value.substring(r[1]);
                    if (min < 0 || min >= 60) {
                        throw new GoTimeException("parsing time " + quote(orig) + ": minute out of range");
                    }
                }
                case SECOND, ZERO_SECOND -> {
                    int[] r = getnum(value, ch.std() == Std.ZERO_SECOND, orig, layout);
                    sec = r[0];
                    value = value.substring(r[1]);
                    if (sec < 0 || sec >= 60) {
                        throw new GoTimeException("parsing time " + quote(orig) + ": second out of range");
                    }
                    // a fractional second in the value without one in the layout
                    if (value.length() >= 2 && (value.charAt(0) == '.' || value.charAt(0) == ',')
                            && Character.isDigit(value.charAt(1))) {
                        Chunk nextCh = ci + 1 < chunks.size() ? chunks.get(ci + 1) : null;
                        boolean nextIsFrac = nextCh != null && nextCh.prefix().isEmpty()
                                && (nextCh.std() == Std.FRAC0 || nextCh.std() == Std.FRAC9);
                        if (!nextIsFrac) {
                            int n = 1;
                            while (n < value.length() && Character.isDigit(value.charAt(n))) {
                                n++;
                            }
                            nsec = frac(value.substring(1, n));
                            value = value.substring(n);
                        }
                    }
                }
                case PM -> {
                    if (value.length() < 2) {
                        throw bad(orig, layout, hold, "");
                    }
                    String p = value.substring(0, 2);
                    if (p.equals("PM")) {
                        pmSet = true;
                    } else if (p.equals("AM")) {
                        amSet = true;
                    } else {
                        throw bad(orig, layout, hold, "");
                    }
                    value = value.substring(2);
                }
                case LPM -> {
                    if (value.length() < 2) {
                        throw bad(orig, layout, hold, "");
                    }
                    String p = value.substring(0, 2);
                    if (p.equals("pm")) {
                        pmSet = true;
                    } else if (p.equals("am")) {
                        amSet = true;
                    } else {
                        throw bad(orig, layout, hold, "");
                    }
                    value = value.substring(2);
                }
                case ISO_TZ, ISO_COLON_TZ, ISO_SECONDS_TZ, ISO_SHORT_TZ, ISO_COLON_SECONDS_TZ,
                        NUM_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ -> {
                    if (ch.std().name().startsWith("ISO") && value.startsWith("Z")) {
                        value = value.substring(1);
                        zoneOffset = 0;
                        zoneName = "UTC";
                        break;
                    }
                    String sign;
                    String hh;
                    String mm = "00";
                    String ss = "00";
                    Std s = ch.std();
                    if (s == Std.ISO_COLON_TZ || s == Std.NUM_COLON_TZ) {
                        if (value.length() < 6 || value.charAt(3) != ':') {
                            throw bad(orig, layout, hold, "");
                        }
                        sign = value.substring(0, 1);
                        hh = value.substring(1, 3);
                        mm = value.substring(4, 6);
                        value = value.substring(6);
                    } else if (s == Std.NUM_SHORT_TZ || s == Std.ISO_SHORT_TZ) {
                        if (value.length() < 3) {
                            throw bad(orig, layout, hold, "");
                        }
                        sign = value.substring(0, 1);
                        hh = value.substring(1, 3);
                        value = value.substring(3);
                    } else if (s == Std.ISO_COLON_SECONDS_TZ || s == Std.NUM_COLON_SECONDS_TZ) {
                        if (value.length() < 9 || value.charAt(3) != ':' || value.charAt(6) != ':') {
                            throw bad(orig, layout, hold, "");
                        }
                        sign = value.substring(0, 1);
                        hh = value.substring(1, 3);
                        mm = value.substring(4, 6);
                        ss = value.substring(7, 9);
                        value = value.substring(9);
                    } else if (s == Std.ISO_SECONDS_TZ || s == Std.NUM_SECONDS_TZ) {
                        if (value.length() < 7) {
                            throw bad(orig, layout, hold, "");
                        }
                        sign = value.substring(0, 1);
                        hh = value.substring(1, 3);
                        mm = value.substring(3, 5);
                        ss = value.substring(5, 7);
                        value = value.substring(7);
                    } else {
                        if (value.length() < 5) {
                            throw bad(orig, layout, hold, "");
                        }
                        sign = value.substring(0, 1);
                        hh = value.substring(1, 3);
                        mm = value.substring(3, 5);
                        value = value.substring(5);
                    }
                    if (!sign.equals("+") && !sign.equals("-") || !isDigits(hh) || !isDigits(mm) || !isDigits(ss)) {
                        throw bad(orig, layout, hold, "");
                    }
                    int off = (Integer.parseInt(hh) * 60 + Integer.parseInt(mm)) * 60 + Integer.parseInt(ss);
                    zoneOffset = sign.equals("-") ? -off : off;
                }
                case TZ -> {
                    if (value.length() >= 3 && value.startsWith("UTC")) {
                        value = value.substring(3);
                        zoneOffset = 0;
                        zoneName = "UTC";
                        break;
                    }
                    int n = 0;
                    while (n < value.length() && Character.isUpperCase(value.charAt(n))) {
                        n++;
                    }
                    if (n < 3) {
                        throw bad(orig, layout, hold, "");
                    }
                    zoneName = value.substring(0, n);
                    value = value.substring(n);
                }
                case FRAC0 -> {
                    int ndigit = 1 + ch.fracDigits();
                    if (value.length() < ndigit || (value.charAt(0) != '.' && value.charAt(0) != ',')) {
                        throw bad(orig, layout, hold, "");
                    }
                    nsec = frac(value.substring(1, ndigit));
                    value = value.substring(ndigit);
                }
                case FRAC9 -> {
                    if (value.length() < 2 || (value.charAt(0) != '.' && value.charAt(0) != ',')
                            || !Character.isDigit(value.charAt(1))) {
                        break;
                    }
                    int n = 1;
                    while (n < 10 && n < value.length() && Character.isDigit(value.charAt(n))) {
                        n++;
                    }
                    nsec = frac(value.substring(1, n));
                    value = value.substring(n);
                }
                default -> {
                }
            }
        }
        if (pmSet && hour < 12) {
            hour += 12;
        } else if (amSet && hour == 12) {
            hour = 0;
        }
        if (yday >= 0) {
            LocalDate d;
            try {
                d = LocalDate.ofYearDay(year, yday);
            } catch (DateTimeException e) {
                throw new GoTimeException("parsing time " + quote(orig) + ": day-of-year out of range");
            }
            if (month >= 0 && month != d.getMonthValue() || day >= 0 && day != d.getDayOfMonth()) {
                throw new GoTimeException("parsing time " + quote(orig) + ": day-of-year does not match");
            }
            month = d.getMonthValue();
            day = d.getDayOfMonth();
        }
        if (month < 0) {
            month = 1;
        }
        if (day < 0) {
            day = 1;
        }
        if (day < 1 || day > LocalDate.of(year == 0 ? 2000 : Math.abs(year) % 400 + 2000, month, 1).lengthOfMonth()) {
            throw new GoTimeException("parsing time " + quote(orig) + ": day out of range");
        }
        LocalDateTime ldt;
        try {
            ldt = LocalDateTime.of(year, month, day, hour, min, sec, nsec);
        } catch (DateTimeException e) {
            throw new GoTimeException("parsing time " + quote(orig) + ": " + e.getMessage());
        }
        int offset = zoneOffset == null ? 0 : zoneOffset;
        if (zoneOffset == null && zoneName != null) {
            offset = knownAbbreviationOffset(zoneName);
        }
        long epochSec = ldt.toEpochSecond(ZoneOffset.UTC) - offset;
        return BigInteger.valueOf(epochSec).multiply(BigInteger.valueOf(1_000_000_000L)).add(BigInteger.valueOf(nsec));
    }

    private static int knownAbbreviationOffset(String name) {
        // Go uses the offset of a zone abbreviation only when it is the local zone's; otherwise 0
        return 0;
    }

    private static int frac(String digits) {
        String d = (digits + "000000000").substring(0, 9);
        return Integer.parseInt(d);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int atoi(String s, String orig, String layout, String hold) {
        if (!isDigits(s)) {
            throw bad(orig, layout, hold, "");
        }
        return Integer.parseInt(s);
    }

    /** Go's getnum: one or two digits (exactly two when fixed). Returns {value, consumed}. */
    private static int[] getnum(String s, boolean fixed, String orig, String layout) {
        if (s.isEmpty() || !Character.isDigit(s.charAt(0))) {
            throw bad(orig, layout, s, "");
        }
        if (s.length() < 2 || !Character.isDigit(s.charAt(1))) {
            if (fixed) {
                throw bad(orig, layout, s, "");
            }
            return new int[] {s.charAt(0) - '0', 1};
        }
        return new int[] {(s.charAt(0) - '0') * 10 + (s.charAt(1) - '0'), 2};
    }

    private static int[] getnum3(String s, boolean fixed, String orig, String layout) {
        int n = 0;
        int i = 0;
        while (i < 3 && i < s.length() && Character.isDigit(s.charAt(i))) {
            n = n * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == 0 || (fixed && i != 3)) {
            throw bad(orig, layout, s, "");
        }
        return new int[] {n, i};
    }

    private static String skip(String value, String prefix, String layout, String orig) {
        int vi = 0;
        for (int pi = 0; pi < prefix.length(); pi++) {
            char p = prefix.charAt(pi);
            if (p == ' ') {
                if (vi < value.length() && value.charAt(vi) != ' ') {
                    throw bad(orig, layout, value.substring(vi), "");
                }
                while (vi < value.length() && value.charAt(vi) == ' ') {
                    vi++;
                }
                while (pi + 1 < prefix.length() && prefix.charAt(pi + 1) == ' ') {
                    pi++;
                }
                continue;
            }
            if (vi >= value.length() || value.charAt(vi) != p) {
                throw bad(orig, layout, value.substring(Math.min(vi, value.length())), prefix);
            }
            vi++;
        }
        return value.substring(vi);
    }

    static String quote(String s) {
        return dev.palisade.rego.internal.value.GoQuote.quote(s);
    }

    private static GoTimeException bad(String value, String layout, String rest, String elem) {
        return new GoTimeException("parsing time " + quote(value) + " as " + quote(layout) + ": cannot parse "
                + quote(rest) + " as " + quote(elem));
    }

    /** A time parse error (message as Go's). */
    static final class GoTimeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GoTimeException(String msg) {
            super(msg, null, false, false);
        }
    }

    // ---------------------------------------------------------------- durations

    /** Go's time.ParseDuration, in nanoseconds. */
    static long parseDuration(String s) {
        String orig = s;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new GoTimeException("time: invalid duration " + quote(orig));
        }
        BigInteger total = BigInteger.ZERO;
        java.math.BigDecimal totalD = java.math.BigDecimal.ZERO;
        while (!s.isEmpty()) {
            int i = 0;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String num = s.substring(0, i);
            if (num.isEmpty() || num.equals(".") || num.chars().filter(c -> c == '.').count() > 1) {
                throw new GoTimeException("time: invalid duration " + quote(orig));
            }
            s = s.substring(i);
            int u = 0;
            while (u < s.length() && s.charAt(u) != '.' && !Character.isDigit(s.charAt(u))) {
                u++;
            }
            if (u == 0) {
                throw new GoTimeException("time: missing unit in duration " + quote(orig));
            }
            String unit = s.substring(0, u);
            s = s.substring(u);
            long mult = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new GoTimeException("time: unknown unit " + quote(unit) + " in duration " + quote(orig));
            };
            totalD = totalD.add(new java.math.BigDecimal(num.startsWith(".") ? "0" + num : num)
                    .multiply(java.math.BigDecimal.valueOf(mult)));
        }
        total = totalD.setScale(0, java.math.RoundingMode.DOWN).toBigInteger();
        if (total.bitLength() > 63) {
            throw new GoTimeException("time: invalid duration " + quote(orig));
        }
        return neg ? -total.longValue() : total.longValue();
    }

    static ZonedDateTime at(long nanos, ZoneId zone) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).atZone(zone);
    }

    static String unusedName(DayOfWeek d) {
        return d.getDisplayName(TextStyle.FULL, Locale.ROOT);
    }
}
