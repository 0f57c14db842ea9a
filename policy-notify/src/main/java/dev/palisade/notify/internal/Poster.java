package dev.palisade.notify.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * POSTs JSON with retries: on 429 (waiting as long as {@code Retry-After} says), on 5xx and on
 * connection failures (exponential back-off from {@code backoff}, doubling to at most 30 s), never
 * past the deadline. Other answers are final.
 */
public final class Poster {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private final HttpClient client;
    private final Clock clock;
    private final Duration requestTimeout;
    private final Duration backoff;

    public Poster(Clock clock, Duration requestTimeout, Duration backoff) {
        this.client = HttpClient.newBuilder().connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.clock = clock;
        this.requestTimeout = requestTimeout;
        this.backoff = backoff;
    }

    /**
     * The outcome of a post.
     *
     * @param delivered whether the receiver accepted the message (2xx)
     * @param attempts how many requests were made
     * @param problem why it was not delivered ({@code ""} when it was)
     */
    public record Outcome(boolean delivered, int attempts, String problem) {
    }

    /** Posts the body, retrying until {@code deadline}. */
    public Outcome post(URI endpoint, String body, Instant deadline) {
        Duration wait = backoff;
        int attempts = 0;
        String problem = "";
        while (true) {
            attempts++;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    return new Outcome(false, attempts - 1, problem.isEmpty() ? "no time left before the deadline"
                            : problem + "; gave up at the deadline");
                }
                HttpRequest request = HttpRequest.newBuilder(endpoint)
                        .timeout(min(requestTimeout, left))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("User-Agent", "palisade-notify")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Outcome(true, attempts, "");
                }
                String text = response.body() == null ? "" : response.body().strip();
                problem = "HTTP " + status + (text.isEmpty() ? "" : " (" + abbreviate(text) + ")");
                if (status == 429) {
                    retryAfter = response.headers().firstValue("Retry-After").flatMap(v -> retryAfter(v, clock.instant()));
                } else if (status < 500) {
                    return new Outcome(false, attempts, problem);
                }
            } catch (IOException e) {
                problem = "cannot reach " + endpoint.getHost() + ":" + port(endpoint) + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, attempts, "interrupted");
            }
            Duration pause = retryAfter.orElse(wait);
            wait = min(wait.multipliedBy(2), MAX_BACKOFF);
            if (clock.instant().plus(pause).isAfter(deadline)) {
                return new Outcome(false, attempts, problem + "; the next attempt (in " + pause.toMillis()
                        + " ms) would pass the deadline");
            }
            try {
                Thread.sleep(Math.max(0, pause.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, attempts, "interrupted");
            }
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    /** {@code Retry-After}: delay in seconds or an HTTP date. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration delay = Duration.between(now, at);
                return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
            } catch (DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
