package dev.palisade.webhook;

import dev.palisade.core.admission.AdmissionResponse;
import dev.palisade.core.admission.AdmissionReviewRequest;

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
}
