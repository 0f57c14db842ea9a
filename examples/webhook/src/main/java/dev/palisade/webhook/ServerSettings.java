package dev.palisade.webhook;

import dev.palisade.core.FailurePolicy;
import dev.palisade.core.admission.AdmissionReviews;
import java.time.Duration;
import java.util.Objects;

/**
 * The webhook server's limits and timeouts. {@link #defaults()} suits an in-cluster webhook; each
 * {@code with...} method returns a copy with one setting changed, and {@link Options} maps the
 * command-line flags onto them.
 *
 * @param handshakeTimeout longest TLS handshake, from accepting the connection (the API server's own
 *     client allows 10 s)
 * @param headerTimeout longest wait for a complete request head: from the end of the TLS handshake
 *     (from accepting a plain connection), or from the first byte of a later request on a
 *     kept-alive connection
 * @param bodyTimeout longest wait for the complete request body after its head
 * @param idleTimeout how long a kept-alive connection may wait for its next request
 * @param writeTimeout longest a response write may take (a client that stops reading is closed)
 * @param maxBodyBytes largest request body; larger bodies get HTTP 413
 * @param maxBufferedBytes most request-body bytes held at once over all connections (received,
 *     queued or being evaluated); beyond it new bodies get HTTP 503
 * @param maxHeaderBytes largest request head (request line and headers); larger heads get HTTP 431
 * @param maxConnections most open connections; further connections are closed on accept
 * @param ioThreads event-loop threads that read, decrypt and parse HTTP (never evaluate)
 * @param workers threads that parse AdmissionReviews and evaluate policies
 * @param maxQueued most reviews waiting for a worker; beyond it reviews are answered at once per the
 *     failure policy
 * @param defaultReviewTimeout the review deadline when the request has no {@code ?timeout=}
 * @param maxReviewTimeout the longest review deadline a request's {@code ?timeout=} may ask for
 * @param failurePolicy what a review that cannot be evaluated in time (deadline, overload) answers:
 *     denied ({@code FAIL}) or allowed with a warning ({@code IGNORE}); set it to the webhook
 *     configuration's {@code failurePolicy}
 * @param shutdownDelay how long {@link WebhookServer#close()} keeps serving with {@code /readyz}
 *     answering 503 before it stops accepting connections (time for endpoints to drop the pod)
 * @param shutdownGrace longest {@link WebhookServer#close()} waits for requests in progress
 * @param tlsReloadInterval how often the certificate and key files are checked for changes
 */
public record ServerSettings(Duration handshakeTimeout, Duration headerTimeout, Duration bodyTimeout,
        Duration idleTimeout, Duration writeTimeout, int maxBodyBytes, long maxBufferedBytes, int maxHeaderBytes,
        int maxConnections, int ioThreads, int workers, int maxQueued, Duration defaultReviewTimeout,
        Duration maxReviewTimeout, FailurePolicy failurePolicy, Duration shutdownDelay, Duration shutdownGrace,
        Duration tlsReloadInterval) {

    /**
     * The default body limit: the API server accepts request bodies of up to 3 MiB, so the object in
     * a review is at most that (an UPDATE's old object, already stored, is at most etcd's 1.5 MiB
     * limit), plus 512 KiB for the review around it.
     */
    public static final int DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024 + 512 * 1024;

    /** Validates the settings. */
    public ServerSettings {
        positive(handshakeTimeout, "handshake timeout");
        positive(headerTimeout, "header timeout");
        positive(bodyTimeout, "body timeout");
        positive(idleTimeout, "idle timeout");
        positive(writeTimeout, "write timeout");
        positive(defaultReviewTimeout, "default review timeout");
        positive(maxReviewTimeout, "max review timeout");
        positive(shutdownGrace, "shutdown grace");
        positive(tlsReloadInterval, "TLS reload interval");
        Objects.requireNonNull(shutdownDelay, "shutdownDelay");
        if (shutdownDelay.isNegative()) {
            throw new IllegalArgumentException("the shutdown delay must not be negative");
        }
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        if (maxBodyBytes < 1024 || maxBodyBytes > AdmissionReviews.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("the body limit must be between 1024 and "
                    + AdmissionReviews.MAX_BODY_BYTES + " bytes (the largest review the library reads), not "
                    + maxBodyBytes);
        }
        if (maxBufferedBytes < maxBodyBytes) {
            throw new IllegalArgumentException("the buffered-bytes limit (" + maxBufferedBytes
                    + ") must be at least the body limit (" + maxBodyBytes + ")");
        }
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("the header limit must be at least 1024 bytes, not " + maxHeaderBytes);
        }
        atLeastOne(maxConnections, "max connections");
        atLeastOne(ioThreads, "IO threads");
        atLeastOne(workers, "workers");
        atLeastOne(maxQueued, "max queued reviews");
    }

    /** Settings for an in-cluster webhook on this machine's processors. */
    public static ServerSettings defaults() {
        int processors = Runtime.getRuntime().availableProcessors();
        return new ServerSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(120), Duration.ofSeconds(10), DEFAULT_MAX_BODY_BYTES, 64L * 1024 * 1024,
                16 * 1024, 512, processors, Math.max(2, processors), 1024, Duration.ofSeconds(10),
                Duration.ofSeconds(30), FailurePolicy.FAIL, Duration.ZERO, Duration.ofSeconds(20),
                Duration.ofSeconds(10));
    }

    /** A copy with another TLS handshake timeout. */
    public ServerSettings withHandshakeTimeout(Duration value) {
        return new ServerSettings(value, headerTimeout, bodyTimeout, idleTimeout, writeTimeout, maxBodyBytes,
                maxBufferedBytes, maxHeaderBytes, maxConnections, ioThreads, workers, maxQueued, defaultReviewTimeout,
                maxReviewTimeout, failurePolicy, shutdownDelay, shutdownGrace, tlsReloadInterval);
    }

    /** A copy with another request-head timeout. */
    public ServerSettings withHeaderTimeout(Duration value) {
        return new ServerSettings(handshakeTimeout, value, bodyTimeout, idleTimeout, writeTimeout, maxBodyBytes,
                maxBufferedBytes, maxHeaderBytes, maxConnections, ioThreads, workers, maxQueued, defaultReviewTimeout,
                maxReviewTimeout, failurePolicy, shutdownDelay, shutdownGrace, tlsReloadInterval);
    }

    /** A copy with another request-body timeout. */
    public ServerSettings withBodyTimeout(Duration value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, value, idleTimeout, writeTimeout, maxBodyBytes,
                maxBufferedBytes, maxHeaderBytes, maxConnections, ioThreads, workers, maxQueued, defaultReviewTimeout,
                maxReviewTimeout, failurePolicy, shutdownDelay, shutdownGrace, tlsReloadInterval);
    }

    /** A copy with another keep-alive idle timeout. */
    public ServerSettings withIdleTimeout(Duration value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, value, writeTimeout, maxBodyBytes,
                maxBufferedBytes, maxHeaderBytes, maxConnections, ioThreads, workers, maxQueued, defaultReviewTimeout,
                maxReviewTimeout, failurePolicy, shutdownDelay, shutdownGrace, tlsReloadInterval);
    }

    /** A copy with another response-write timeout. */
    public ServerSettings withWriteTimeout(Duration value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, idleTimeout, value, maxBodyBytes,
                maxBufferedBytes, maxHeaderBytes, maxConnections, ioThreads, workers, maxQueued, defaultReviewTimeout,
                maxReviewTimeout, failurePolicy, shutdownDelay, shutdownGrace, tlsReloadInterval);
    }

    /** A copy with another body limit. */
    public ServerSettings withMaxBodyBytes(int value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, idleTimeout, writeTimeout, value,
                maxBufferedBytes, maxHeaderBytes, maxConnections, ioThreads, workers, maxQueued, defaultReviewTimeout,
                maxReviewTimeout, failurePolicy, shutdownDelay, shutdownGrace, tlsReloadInterval);
    }

    /** A copy with another limit on buffered body bytes. */
    public ServerSettings withMaxBufferedBytes(long value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, idleTimeout, writeTimeout,
                maxBodyBytes, value, maxHeaderBytes, maxConnections, ioThreads, workers, maxQueued,
                defaultReviewTimeout, maxReviewTimeout, failurePolicy, shutdownDelay, shutdownGrace,
                tlsReloadInterval);
    }

    /** A copy with another request-head limit. */
    public ServerSettings withMaxHeaderBytes(int value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, idleTimeout, writeTimeout,
                maxBodyBytes, maxBufferedBytes, value, maxConnections, ioThreads, workers, maxQueued,
                defaultReviewTimeout, maxReviewTimeout, failurePolicy, shutdownDelay, shutdownGrace,
                tlsReloadInterval);
    }

    /** A copy with another connection limit. */
    public ServerSettings withMaxConnections(int value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, idleTimeout, writeTimeout,
                maxBodyBytes, maxBufferedBytes, maxHeaderBytes, value, ioThreads, workers, maxQueued,
                defaultReviewTimeout, maxReviewTimeout, failurePolicy, shutdownDelay, shutdownGrace,
                tlsReloadInterval);
    }

    /** A copy with another number of event-loop threads. */
    public ServerSettings withIoThreads(int value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, idleTimeout, writeTimeout,
                maxBodyBytes, maxBufferedBytes, maxHeaderBytes, maxConnections, value, workers, maxQueued,
                defaultReviewTimeout, maxReviewTimeout, failurePolicy, shutdownDelay, shutdownGrace,
                tlsReloadInterval);
    }

    /** A copy with another number of evaluation threads. */
    public ServerSettings withWorkers(int value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, idleTimeout, writeTimeout,
                maxBodyBytes, maxBufferedBytes, maxHeaderBytes, maxConnections, ioThreads, value, maxQueued,
                defaultReviewTimeout, maxReviewTimeout, failurePolicy, shutdownDelay, shutdownGrace,
                tlsReloadInterval);
    }

    /** A copy with another evaluation queue length. */
    public ServerSettings withMaxQueued(int value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, idleTimeout, writeTimeout,
                maxBodyBytes, maxBufferedBytes, maxHeaderBytes, maxConnections, ioThreads, workers, value,
                defaultReviewTimeout, maxReviewTimeout, failurePolicy, shutdownDelay, shutdownGrace,
                tlsReloadInterval);
    }

    /** A copy with another deadline for requests without {@code ?timeout=}. */
    public ServerSettings withDefaultReviewTimeout(Duration value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, idleTimeout, writeTimeout,
                maxBodyBytes, maxBufferedBytes, maxHeaderBytes, maxConnections, ioThreads, workers, maxQueued, value,
                maxReviewTimeout, failurePolicy, shutdownDelay, shutdownGrace, tlsReloadInterval);
    }

    /** A copy with another cap on the requested review deadline. */
    public ServerSettings withMaxReviewTimeout(Duration value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, idleTimeout, writeTimeout,
                maxBodyBytes, maxBufferedBytes, maxHeaderBytes, maxConnections, ioThreads, workers, maxQueued,
                defaultReviewTimeout, value, failurePolicy, shutdownDelay, shutdownGrace, tlsReloadInterval);
    }

    /** A copy with another answer for reviews that cannot be evaluated in time. */
    public ServerSettings withFailurePolicy(FailurePolicy value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, idleTimeout, writeTimeout,
                maxBodyBytes, maxBufferedBytes, maxHeaderBytes, maxConnections, ioThreads, workers, maxQueued,
                defaultReviewTimeout, maxReviewTimeout, value, shutdownDelay, shutdownGrace, tlsReloadInterval);
    }

    /** A copy with another delay before shutdown stops accepting. */
    public ServerSettings withShutdownDelay(Duration value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, idleTimeout, writeTimeout,
                maxBodyBytes, maxBufferedBytes, maxHeaderBytes, maxConnections, ioThreads, workers, maxQueued,
                defaultReviewTimeout, maxReviewTimeout, failurePolicy, value, shutdownGrace, tlsReloadInterval);
    }

    /** A copy with another wait for requests in progress at shutdown. */
    public ServerSettings withShutdownGrace(Duration value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, idleTimeout, writeTimeout,
                maxBodyBytes, maxBufferedBytes, maxHeaderBytes, maxConnections, ioThreads, workers, maxQueued,
                defaultReviewTimeout, maxReviewTimeout, failurePolicy, shutdownDelay, value, tlsReloadInterval);
    }

    /** A copy with another interval between checks of the TLS files. */
    public ServerSettings withTlsReloadInterval(Duration value) {
        return new ServerSettings(handshakeTimeout, headerTimeout, bodyTimeout, idleTimeout, writeTimeout,
                maxBodyBytes, maxBufferedBytes, maxHeaderBytes, maxConnections, ioThreads, workers, maxQueued,
                defaultReviewTimeout, maxReviewTimeout, failurePolicy, shutdownDelay, shutdownGrace, value);
    }

    private static void positive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be positive, not " + value);
        }
    }

    private static void atLeastOne(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException("the " + what + " must be at least 1, not " + value);
        }
    }
}
