package dev.palisade.kyverno.jmespath.internal;

/** Go's {@code time.ParseDuration} and {@code Duration.String()} over int64 nanoseconds. */
public final class GoDuration {
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

    /**
     * Parses a duration such as {@code 1h30m}, {@code -1.5s}, {@code 300ms}.
     *
     * @throws IllegalArgumentException with Go's message
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
            char c0 = s.charAt(i);
            if (!(c0 == '.' || (c0 >= '0' && c0 <= '9'))) {
                throw invalid(orig);
            }
            int start = i;
            long v = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (Long.compareUnsigned(v, Long.divideUnsigned(Long.MIN_VALUE, 10)) > 0) {
                    throw invalid(orig);
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, Long.MIN_VALUE) > 0) {
                    throw invalid(orig);
                }
                i++;
            }
            boolean pre = i != start;
            boolean post = false;
            long f = 0;
            double scale = 1;
            if (i < n && s.charAt(i) == '.') {
                i++;
                int fs = i;
                boolean overflow = false;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    if (!overflow) {
                        if (f > (Long.MAX_VALUE) / 10) {
                            overflow = true;
                        } else {
                            long y = f * 10 + (s.charAt(i) - '0');
                            if (y < 0) {
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
                throw invalid(orig);
            }
            int us = i;
            while (i < n && !(s.charAt(i) == '.' || (s.charAt(i) >= '0' && s.charAt(i) <= '9'))) {
                i++;
            }
            if (i == us) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + orig + "\"");
            }
            String u = s.substring(us, i);
            long unit = unit(u);
            if (unit < 0) {
                throw new IllegalArgumentException("time: unknown unit \"" + u + "\" in duration \"" + orig + "\"");
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(Long.MIN_VALUE, unit)) > 0) {
                throw invalid(orig);
            }
            v *= unit;
            if (f > 0) {
                v += (long) ((double) f * ((double) unit / scale));
                if (Long.compareUnsigned(v, Long.MIN_VALUE) > 0) {
                    throw invalid(orig);
                }
            }
            d += v;
            if (Long.compareUnsigned(d, Long.MIN_VALUE) > 0) {
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

    private static IllegalArgumentException invalid(String orig) {
        return new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
    }

    /** {@code Duration.String()}: {@code 1h30m0s}, {@code 1.5s}, {@code 300ms}, {@code 0s}. */
    static String format(long d) {
        char[] buf = new char[32];
        int w = buf.length;
        long u = d;
        boolean neg = d < 0;
        if (neg) {
            u = -u;
        }
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
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
            frac(buf, state, prec);
            w = integer(buf, (int) state[0], state[1]);
        } else {
            w--;
            buf[w] = 's';
            long[] state = {w, u};
            frac(buf, state, 9);
            w = (int) state[0];
            u = state[1];
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

    private static void frac(char[] buf, long[] state, int prec) {
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

    /** {@code Duration.Seconds()}. */
    public static double seconds(long d) {
        long sec = d / 1_000_000_000L;
        long nsec = d % 1_000_000_000L;
        return (double) sec + (double) nsec / 1e9;
    }

    /** Go's float64 to int64 conversion as amd64 does it (out of range gives the minimum). */
    static long toInt64(double v) {
        if (Double.isNaN(v) || v >= 9.223372036854775807E18 || v < -9.223372036854775808E18) {
            return Long.MIN_VALUE;
        }
        return (long) v;
    }
}
