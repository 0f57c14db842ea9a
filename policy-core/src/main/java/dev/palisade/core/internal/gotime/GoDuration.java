package dev.palisade.core.internal.gotime;

/**
 * Go's {@code time.Duration}: int64 nanoseconds, parsed as {@code time.ParseDuration} does
 * ({@code 1h30m}, {@code -1.5s}, {@code 300ms}, {@code 2µs}) and printed as
 * {@code Duration.String()} does ({@code 1h30m0s}, {@code 1.5s}, {@code 0s}).
 */
public final class GoDuration {
    /** 2^63 as an unsigned long: the magnitude of the most negative duration. */
    private static final long TWO_63 = Long.MIN_VALUE;

    private GoDuration() {
    }

    private static long unit(String u) {
        return switch (u) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> -1;
        };
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Parses a duration as Go's {@code time.ParseDuration}: an optional sign and a sequence of
     * decimal numbers, each with an optional fraction and a unit ({@code ns}, {@code us}/{@code µs},
     * {@code ms}, {@code s}, {@code m}, {@code h}).
     *
     * @param orig the text
     * @return the duration in nanoseconds
     * @throws GoTimeException with Go's message ({@code time: invalid duration "x"},
     *     {@code time: missing unit in duration "1"}, {@code time: unknown unit "d" in duration "1d"})
     */
    public static long parse(String orig) {
        String s = orig;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        long d = 0; // unsigned
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (!(s.charAt(i) == '.' || digit(s.charAt(i)))) {
                throw invalid(orig);
            }
            // the integer part, unsigned, at most 2^63
            int start = i;
            long v = 0;
            while (i < n && digit(s.charAt(i))) {
                if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, 10)) > 0) {
                    throw invalid(orig);
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, TWO_63) > 0) {
                    throw invalid(orig);
                }
                i++;
            }
            boolean pre = i != start;
            // the fraction: digits past int64 precision are read and ignored
            boolean post = false;
            long f = 0;
            double scale = 1;
            if (i < n && s.charAt(i) == '.') {
                i++;
                int fs = i;
                boolean overflow = false;
                while (i < n && digit(s.charAt(i))) {
                    if (!overflow) {
                        if (Long.compareUnsigned(f, Long.MAX_VALUE / 10) > 0) {
                            overflow = true;
                        } else {
                            long y = f * 10 + (s.charAt(i) - '0');
                            if (Long.compareUnsigned(y, TWO_63) > 0) {
                                overflow = true;
                            } else {
                                f = y;
                                scale *= 10;
                            }
                        }
                    }
                    i++;
                }
                post = i != fs;
            }
            if (!pre && !post) {
                throw invalid(orig); // no digits, as in ".s"
            }
            int us = i;
            while (i < n && !(s.charAt(i) == '.' || digit(s.charAt(i)))) {
                i++;
            }
            if (i == us) {
                throw new GoTimeException("time: missing unit in duration " + GoTime.quote(orig));
            }
            String u = s.substring(us, i);
            long unit = unit(u);
            if (unit < 0) {
                throw new GoTimeException("time: unknown unit " + GoTime.quote(u) + " in duration " + GoTime.quote(orig));
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, unit)) > 0) {
                throw invalid(orig);
            }
            v *= unit;
            if (f > 0) {
                // float64, as Go: nanosecond-accurate for fractions of an hour
                double fraction = f < 0 ? 0x1p63 : (double) f; // f is at most 2^63
                v += (long) (fraction * ((double) unit / scale));
                if (Long.compareUnsigned(v, TWO_63) > 0) {
                    throw invalid(orig);
                }
            }
            d += v;
            if (Long.compareUnsigned(d, TWO_63) > 0) {
                throw invalid(orig);
            }
        }
        if (neg) {
            return -d;
        }
        if (Long.compareUnsigned(d, Long.MAX_VALUE) > 0) {
            throw invalid(orig);
        }
        return d;
    }

    private static GoTimeException invalid(String orig) {
        return new GoTimeException("time: invalid duration " + GoTime.quote(orig));
    }

    /**
     * Prints a duration as Go's {@code Duration.String()}: {@code 1h30m0s}, {@code 1.5s},
     * {@code 300ms}, {@code 2µs}, {@code 0s}.
     *
     * @param d the duration in nanoseconds
     * @return Go's text for it
     */
    public static String format(long d) {
        char[] buf = new char[32];
        int w = buf.length;
        long u = d;
        boolean neg = d < 0;
        if (neg) {
            u = -u; // Long.MIN_VALUE stays 2^63, read unsigned below
        }
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            // less than a second: a smaller unit, as in 1.2ms
            int prec;
            w--;
            buf[w] = 's';
            w--;
            if (u == 0) {
                buf[w] = '0';
                return new String(buf, w, buf.length - w);
            } else if (u < 1_000L) {
                prec = 0;
                buf[w] = 'n';
            } else if (u < 1_000_000L) {
                prec = 3;
                buf[w] = '\u00b5';
            } else {
                prec = 6;
                buf[w] = 'm';
            }
            long[] state = {w, u};
            fraction(buf, state, prec);
            w = integer(buf, (int) state[0], state[1]);
        } else {
            w--;
            buf[w] = 's';
            long[] state = {w, u};
            fraction(buf, state, 9);
            w = (int) state[0];
            u = state[1];
            // u is now whole seconds
            w = integer(buf, w, Long.remainderUnsigned(u, 60));
            u = Long.divideUnsigned(u, 60);
            if (u > 0) {
                w--;
                buf[w] = 'm';
                w = integer(buf, w, u % 60);
                u /= 60;
                if (u > 0) {
                    w--;
                    buf[w] = 'h';
                    w = integer(buf, w, u);
                }
            }
        }
        if (neg) {
            w--;
            buf[w] = '-';
        }
        return new String(buf, w, buf.length - w);
    }

    /** Go's {@code fmtFrac}: the last {@code prec} digits as a fraction, trailing zeros dropped. */
    private static void fraction(char[] buf, long[] state, int prec) {
        int w = (int) state[0];
        long v = state[1];
        boolean print = false;
        for (int i = 0; i < prec; i++) {
            long digit = Long.remainderUnsigned(v, 10);
            print = print || digit != 0;
            if (print) {
                w--;
                buf[w] = (char) (digit + '0');
            }
            v = Long.divideUnsigned(v, 10);
        }
        if (print) {
            w--;
            buf[w] = '.';
        }
        state[0] = w;
        state[1] = v;
    }

    /** Go's {@code fmtInt}: unsigned decimal digits, written backwards ending at {@code w}. */
    private static int integer(char[] buf, int w, long v) {
        if (v == 0) {
            w--;
            buf[w] = '0';
        } else {
            while (v != 0) {
                w--;
                buf[w] = (char) (Long.remainderUnsigned(v, 10) + '0');
                v = Long.divideUnsigned(v, 10);
            }
        }
        return w;
    }

    /**
     * Go's {@code Duration.Seconds()}: the duration as a float64 number of seconds.
     *
     * @param d the duration in nanoseconds
     * @return the seconds, with a fraction
     */
    public static double seconds(long d) {
        long sec = d / 1_000_000_000L;
        long nsec = d % 1_000_000_000L;
        return (double) sec + (double) nsec / 1e9;
    }
}
