package dev.palisade.webhook;

import dev.palisade.core.admission.AdmissionResponse;
import dev.palisade.core.admission.AdmissionReviewRequest;
import java.time.Instant;

/**
 * Answers one AdmissionReview that the server has already read and checked. The server owns
 * everything HTTP (TLS, limits, timeouts, status codes, the review deadline and the failure policy)
 * and calls handlers on its bounded worker pool, so a handler only judges the review. Register one
 * per path with {@link WebhookServer.Builder#route(String, AdmissionHandler)}: {@code /validate}
 * with a {@link PolicyValidator}, a mutating handler on {@code /mutate} the same way.
 *
 * <p>Implementations must be thread-safe. An exception thrown here fails closed: the server denies
 * the request with the exception's message.
 */
@FunctionalInterface
public interface AdmissionHandler {

    /** The response to the review; echo its uid and version ({@code AdmissionResponses.forResult} does). */
    AdmissionResponse handle(AdmissionReviewRequest review);

    /**
     * The response to the review, which the server must send by {@code answerBy} (80% of the request's
     * timeout after its head arrived); the server calls this one. Handlers that wait on something outside
     * the process (a registry, as {@link DigestPinningMutator} does) override it to give up in time with
     * an answer of their own; by default it is {@link #handle(AdmissionReviewRequest)}.
     *
     * @param review the review, read and checked
     * @param answerBy when the server must answer
     * @return the response
     */
    default AdmissionResponse handle(AdmissionReviewRequest review, Instant answerBy) {
        return handle(review);
    }
}
