package dev.palisade.core.admission;

import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.Resource;
import java.util.Objects;

/**
 * What an AdmissionReview asks about: the request and the object to judge, which already carries
 * the request ({@link Resource#request()}). For DELETE the object is the request's
 * {@code oldObject}, the object being deleted.
 *
 * @param apiVersion the review's {@code apiVersion}, echoed in the response
 * @param request the admission request (uid, operation, user, old object)
 * @param resource the object to evaluate
 */
public record AdmissionReviewRequest(String apiVersion, AdmissionRequest request, Resource resource) {
    /**
     * Checks that the components are present.
     *
     * @param apiVersion the review's {@code apiVersion}, echoed in the response
     * @param request the admission request (uid, operation, user, old object)
     * @param resource the object to evaluate
     */
    public AdmissionReviewRequest {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(resource, "resource");
    }

    /** {@return the request uid, which the response must echo} */
    public String uid() {
        return request.uid();
    }
}
