package dev.palisade.lang.internal;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Timestamps and durations: parsing, printing, range checks and arithmetic. */
final class Times {
    static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");
    static final long MAX_DURATION_SECONDS = 315_576_000_000L;

    private Times() {
    }

    static Instant checked(Instant t) {
        if (t.isBefore(MIN) || t.isAfter(MAX)) {
            throw new CelError("timestamp out of range");
        }
        return t;
    }

    /** {@code timestamp(int)}: Unix seconds, range-checked before any date arithmetic. */
    static Instant fromEpochSeconds(long seconds) {
        if (seconds < MIN.getEpochSecond() || seconds > MAX.getEpochSecond()) {
            throw new CelError("timestamp out of range: " + seconds + " seconds since the epoch");
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** {@code duration(int)}: seconds, range-checked. */
    static Duration fromSeconds(long seconds) {
        if (Math.abs(seconds) > MAX_DURATION_SECONDS || seconds == Long.MIN_VALUE) {
            throw new CelError("duration out of range: " + seconds + " seconds");
        }
        return Duration.ofSeconds(seconds);
    }

    static Duration checked(Duration d) {
        if (d.getSeconds() > MAX_DURATION_SECONDS || d.getSeconds() < -MAX_DURATION_SECONDS) {
            throw new CelError("duration out of range");
        }
        return d;
    }

    static Instant parseTimestamp(String s) {
        try {
            return checked(OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            if (yearDigits(s) > 4 || s.startsWith("0000")) {
                throw new CelError("timestamp out of range: " + s);
            }
            throw new CelError("cannot parse timestamp '" + s + "': expected RFC 3339 such as 2024-01-31T12:00:00Z");
        } catch (DateTimeException e) {
            throw new CelError("timestamp out of range: " + s);
        }
    }

    private static int yearDigits(String s) {
        int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i < s.length() && s.charAt(i) == '-' ? i - start : 0;
    }

    /** {@code [+-]HH:MM}. */
    private static boolean isOffset(String tz) {
        String t = tz.startsWith("+") || tz.startsWith("-") ? tz.substring(1) : tz;
        return t.length() == 5 && Character.isDigit(t.charAt(0)) && Character.isDigit(t.charAt(1)) && t.charAt(2) == ':'
                && Character.isDigit(t.charAt(3)) && Character.isDigit(t.charAt(4));
    }

    static String formatTimestamp(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        String base = String.format("%04d-%02d-%02dT%02d:%02d:%02d", z.getYear(), z.getMonthValue(), z.getDayOfMonth(),
                z.getHour(), z.getMinute(), z.getSecond());
        return base + fraction(t.getNano()) + "Z";
    }

    private static String fraction(int nanos) {
        if (nanos == 0) {
            return "";
        }
        String f = String.format("%09d", nanos);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return "." + f.substring(0, end);
    }

    /** Go duration syntax: a sequence of decimal numbers with units h, m, s, ms, us, µs, ns. */
    static Duration parseDuration(String s) {
        String in = s;
        boolean neg = false;
        int i = 0;
        if (i < in.length() && (in.charAt(i) == '-' || in.charAt(i) == '+')) {
            neg = in.charAt(i) == '-';
            i++;
        }
        if (in.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i >= in.length()) {
            throw badDuration(s);
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        while (i < in.length()) {
            int start = i;
            while (i < in.length() && (Character.isDigit(in.charAt(i)) || in.charAt(i) == '.')) {
                i++;
            }
            if (start == i || i - start > 64) {
                throw badDuration(s);
            }
            BigDecimal num;
            try {
                num = new BigDecimal(in.substring(start, i));
            } catch (NumberFormatException e) {
                throw badDuration(s);
            }
            int ustart = i;
            while (i < in.length() && !Character.isDigit(in.charAt(i)) && in.charAt(i) != '.') {
                i++;
            }
            long unit = switch (in.substring(ustart, i)) {
                case "h" -> 3_600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "s" -> 1_000_000_000L;
                case "ms" -> 1_000_000L;
                case "us", "µs", "μs" -> 1_000L;
                case "ns" -> 1L;
                default -> throw badDuration(s);
            };
            totalNanos = totalNanos.add(num.multiply(BigDecimal.valueOf(unit)));
        }
        if (neg) {
            totalNanos = totalNanos.negate();
        }
        java.math.BigInteger[] qr = totalNanos.toBigInteger().divideAndRemainder(java.math.BigInteger.valueOf(1_000_000_000L));
        if (qr[0].abs().compareTo(java.math.BigInteger.valueOf(MAX_DURATION_SECONDS)) > 0) {
            throw new CelError("duration out of range: " + s);
        }
        return checked(Duration.ofSeconds(qr[0].longValue(), qr[1].longValue()));
    }

    private static CelError badDuration(String s) {
        return new CelError("cannot parse duration '" + s + "': expected a sequence of numbers with units h, m, s, ms, us, ns such as 1h30m or 1.5s");
    }

    static String formatDuration(Duration d) {
        BigDecimal secs = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
        return secs.stripTrailingZeros().toPlainString() + "s";
    }

    static ZoneId zone(String tz) {
        try {
            if (isOffset(tz)) {
                String t = tz.startsWith("+") || tz.startsWith("-") ? tz : "+" + tz;
                return ZoneOffset.of(t.equals("-00:00") ? "+00:00" : t);
            }
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new CelError("unknown time zone '" + tz + "'");
        }
    }

    static Instant add(Instant t, Duration d) {
        try {
            return checked(t.plus(d));
        } catch (DateTimeException | ArithmeticException e) {
            throw new CelError("timestamp out of range");
        }
    }

    static Duration between(Instant a, Instant b) {
        Duration d = Duration.between(b, a);
        try {
            d.toNanos();
        } catch (ArithmeticException e) {
            throw new CelError("duration out of range");
        }
        return d;
    }

    static Duration plus(Duration a, Duration b) {
        try {
            return checked(a.plus(b));
        } catch (ArithmeticException e) {
            throw new CelError("duration out of range");
        }
    }
}
