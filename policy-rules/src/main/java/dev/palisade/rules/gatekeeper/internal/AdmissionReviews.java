package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.FieldPositions;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import java.util.Optional;

/**
 * Turns an {@code AdmissionReview} (admission.k8s.io v1 or v1beta1) into the object under review
 * with its request, as Gatekeeper reviews it: {@code request.object}, or {@code request.oldObject}
 * for a DELETE. Unlike a webhook's review, a test file may omit {@code uid} and even
 * {@code operation} (then {@code CREATE}). Field positions point into the review's file.
 */
public final class AdmissionReviews {
    private static final String GROUP = "admission.k8s.io";

    private AdmissionReviews() {
    }

    /** Whether the resource is an AdmissionReview. */
    public static boolean isReview(Resource resource) {
        return resource.id().group().equals(GROUP) && resource.id().kind().equals("AdmissionReview");
    }

    /**
     * The reviewed object with its request.
     *
     * @throws PalisadeException when the review has no request or neither object nor oldObject
     */
    public static Resource reviewed(Resource review) {
        JsonNode request = review.object().path("request");
        if (!request.isObject()) {
            throw new PalisadeException("AdmissionReview has no request object", review.source());
        }
        JsonNode object = request.path("object");
        JsonNode oldObject = request.path("oldObject");
        String pointer = "/request/object";
        boolean delete = request.path("operation").asText("").equals("DELETE");
        if (!object.isObject() || delete && oldObject.isObject()) {
            if (!oldObject.isObject()) {
                throw new PalisadeException("AdmissionReview request has neither object nor oldObject; put the"
                        + " object in request.object (request.oldObject for DELETE)", review.source());
            }
            object = oldObject;
            pointer = "/request/oldObject";
        }
        String prefix = pointer;
        FieldPositions positions = p -> Optional.of(review.locate(prefix + p));
        String operation = request.path("operation").asText("CREATE");
        AdmissionRequest admission = new AdmissionRequest(request.path("uid").asText(""), operation,
                request.path("userInfo"), oldObject.isObject() ? Optional.of(oldObject) : Optional.empty(),
                request.path("dryRun").asBoolean(false), request);
        return Resource.of(object, review.locate(pointer), positions).withRequest(admission);
    }
}
