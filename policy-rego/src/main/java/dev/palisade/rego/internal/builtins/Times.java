package dev.palisade.rego.internal.builtins;

import dev.palisade.core.internal.gotime.GoDuration;
import dev.palisade.core.internal.gotime.GoTime;
import dev.palisade.core.internal.gotime.GoTimeException;
import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.BigFloat;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRulesException;
import java.util.Map;

/** {@code time.*}: nanosecond timestamps with Go's layouts, zones, dates and durations. */
final class Times {
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

    private Times() {
    }

    static void register(Map<String, Builtin> m) {
        Registry.add(m, "time.now_ns", 0, (c, a) -> NumberValue.of(c.nowNanos()));
        Registry.add(m, "time.parse_ns", 2, (c, a) -> {
            String layout = Args.string(a, 0);
            String value = Args.string(a, 1);
            return ns(parse(layout(layout), value));
        });
        Registry.add(m, "time.parse_rfc3339_ns", 1, (c, a) -> ns(parse(GoTime.RFC3339, Args.string(a, 0))));
        Registry.add(m, "time.parse_duration_ns", 1, (c, a) -> {
            try {
                return NumberValue.of(GoDuration.parse(Args.string(a, 0)));
            } catch (GoTimeException e) {
                throw BuiltinException.error(e.getMessage());
            }
        });
        Registry.add(m, "time.date", 1, (c, a) -> {
            ZonedDateTime t = tzTime(a[0]).time;
            return ArrayValue.of(NumberValue.of(t.getYear()), NumberValue.of(t.getMonthValue()), NumberValue.of(t.getDayOfMonth()));
        });
        Registry.add(m, "time.clock", 1, (c, a) -> {
            ZonedDateTime t = tzTime(a[0]).time;
            return ArrayValue.of(NumberValue.of(t.getHour()), NumberValue.of(t.getMinute()), NumberValue.of(t.getSecond()));
        });
        Registry.add(m, "time.weekday", 1, (c, a) -> StringValue.of(DAYS[tzTime(a[0]).time.getDayOfWeek().getValue() % 7]));
        Registry.add(m, "time.format", 1, (c, a) -> {
            TzTime t = tzTime(a[0]);
            return StringValue.of(GoTime.format(t.time, t.layout));
        });
        Registry.add(m, "time.add_date", 4, (c, a) -> {
            long ns = int64(Args.number(a, 0));
            int years = Args.integer(a, 1);
            int months = Args.integer(a, 2);
            int days = Args.integer(a, 3);
            ZonedDateTime t = GoTime.at(ns, ZoneOffset.UTC);
            long totalMonths = (long) t.getMonthValue() - 1 + months;
            long y = (long) t.getYear() + years + Math.floorDiv(totalMonths, 12);
            int mo = (int) Math.floorMod(totalMonths, 12) + 1;
            if (y > 300_000 || y < -300_000) {
                throw BuiltinException.error("time outside of valid range");
            }
            LocalDate d = LocalDate.of((int) y, mo, 1).plusDays((long) t.getDayOfMonth() - 1 + days);
            LocalDateTime ldt = LocalDateTime.of(d, t.toLocalTime());
            BigInteger r = BigInteger.valueOf(ldt.toEpochSecond(ZoneOffset.UTC)).multiply(BigInteger.valueOf(1_000_000_000L))
                    .add(BigInteger.valueOf(t.getNano()));
            return ns(r);
        });
        Registry.add(m, "time.diff", 2, (c, a) -> {
            ZonedDateTime t1 = tzTime(a[0]).time;
            ZonedDateTime t2 = tzTime(a[1]).time;
            if (!t1.getZone().equals(t2.getZone())) {
                t2 = t2.withZoneSameInstant(t1.getZone());
            }
            if (t1.toInstant().isAfter(t2.toInstant())) {
                ZonedDateTime tmp = t1;
                t1 = t2;
                t2 = tmp;
            }
            int year = t2.getYear() - t1.getYear();
            int month = t2.getMonthValue() - t1.getMonthValue();
            int day = t2.getDayOfMonth() - t1.getDayOfMonth();
            int hour = t2.getHour() - t1.getHour();
            int min = t2.getMinute() - t1.getMinute();
            int sec = t2.getSecond() - t1.getSecond();
            if (sec < 0) {
                sec += 60;
                min--;
            }
            if (min < 0) {
                min += 60;
                hour--;
            }
            if (hour < 0) {
                hour += 24;
                day--;
            }
            if (day < 0) {
                // days in t1's month (Go: day 32 of the month normalises into the next)
                LocalDate d = LocalDate.of(t1.getYear(), t1.getMonthValue(), 1).plusDays(31);
                day += 32 - d.getDayOfMonth();
                month--;
            }
            if (month < 0) {
                month += 12;
                year--;
            }
            return ArrayValue.of(NumberValue.of(year), NumberValue.of(month), NumberValue.of(day), NumberValue.of(hour),
                    NumberValue.of(min), NumberValue.of(sec));
        });
    }

    /** A layout, or the name of one of Go's layout constants ({@code RFC1123Z}, {@code Kitchen}, ...). */
    private static String layout(String nameOrLayout) {
        String named = GoTime.namedLayout(nameOrLayout);
        return named == null ? nameOrLayout : named;
    }

    private static BigInteger parse(String layout, String value) {
        try {
            return GoTime.parse(layout, value).epochNanos();
        } catch (GoTimeException e) {
            throw BuiltinException.error(e.getMessage());
        }
    }

    private static Value ns(BigInteger n) {
        if (n.compareTo(MIN) < 0 || n.compareTo(MAX) > 0) {
            throw BuiltinException.error("time outside of valid range");
        }
        return NumberValue.of(n);
    }

    private static long int64(NumberValue n) {
        BigFloat f = BigFloat.of(n);
        BigInteger i = f.isInt() ? f.truncate() : null;
        if (i == null || i.bitLength() > 63) {
            throw BuiltinException.error("timestamp too big");
        }
        return i.longValue();
    }

    private record TzTime(ZonedDateTime time, String layout) {
    }

    private static TzTime tzTime(Value v) {
        NumberValue n;
        ZoneId zone = ZoneOffset.UTC;
        String layout = GoTime.RFC3339_NANO;
        if (v instanceof ArrayValue a) {
            if (a.size() == 0) {
                throw Args.typeError(1, v, "either number (ns) or [number (ns), string (tz)]");
            }
            if (!(a.get(0) instanceof NumberValue nn)) {
                throw Args.typeError(1, a.get(0), "number");
            }
            n = nn;
            if (a.size() > 1) {
                if (!(a.get(1) instanceof StringValue tz)) {
                    throw Args.typeError(1, a.get(1), "string");
                }
                zone = zone(tz.value());
            }
            if (a.size() > 2) {
                if (!(a.get(2) instanceof StringValue l)) {
                    throw Args.typeError(1, a.get(2), "string");
                }
                layout = layout(l.value());
            }
        } else if (v instanceof NumberValue nn) {
            n = nn;
        } else {
            throw Args.typeError(1, v, "either number (ns) or [number (ns), string (tz)]");
        }
        long ns = int64(n);
        return new TzTime(GoTime.at(ns, zone), layout);
    }

    private static ZoneId zone(String tz) {
        switch (tz) {
            case "", "UTC" -> {
                return ZoneOffset.UTC;
            }
            case "Local" -> {
                return ZoneId.systemDefault();
            }
            default -> {
                try {
                    return ZoneId.of(tz);
                } catch (DateTimeException e) {
                    throw BuiltinException.error("unknown time zone " + tz);
                }
            }
        }
    }
}
