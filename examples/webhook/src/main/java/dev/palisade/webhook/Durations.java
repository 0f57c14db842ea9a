package dev.palisade.webhook;

import java.time.Duration;

/**
 * Parses durations as Kubernetes writes them: Go's {@code time.Duration} syntax, one or more
 * decimal numbers each with a unit ({@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s},
 * {@code m}, {@code h}), such as {@code 10s}, {@code 1m30s} or {@code 500ms}. The API server sends
 * the webhook's timeout as {@code ?timeout=10s}; the server's flags take the same syntax.
 */
final class Durations {
    private Durations() {
    }

    /**
     * Parses a non-negative duration.
     *
     * @throws IllegalArgumentException naming the text when it is not a duration
     */
    static Duration parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("'' is not a duration; write e.g. 10s, 500ms or 1m30s");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        long nanos = 0;
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw invalid(text);
            }
            double number;
            try {
                number = Double.parseDouble(text.substring(start, i));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < text.length() && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
                i++;
            }
            long unit = switch (text.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw invalid(text);
            };
            double part = number * unit;
            if (part > Long.MAX_VALUE - nanos) {
                throw new IllegalArgumentException("'" + text + "' is too long a duration");
            }
            nanos += (long) part;
        }
        return Duration.ofNanos(nanos);
    }

    /** The duration in Go's short form for messages: {@code 10s}, {@code 1.5s}, {@code 250ms}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        if (millis >= 1000) {
            return (millis / 1000.0) + "s";
        }
        return millis + "ms";
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 10s, 500ms or 1m30s");
    }
}
