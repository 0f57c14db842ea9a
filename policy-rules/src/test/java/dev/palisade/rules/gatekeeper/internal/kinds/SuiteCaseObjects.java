package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.Resource;
import java.util.Optional;

/**
 * The object under review from a gator case document: the document itself, or for an
 * {@code AdmissionReview} its {@code request.object} (or {@code oldObject} for a DELETE) with the
 * request's operation, user and old object attached.
 */
final class SuiteCaseObjects {

    private SuiteCaseObjects() {
    }

    static Resource resource(JsonNode document) {
        if (!"AdmissionReview".equals(document.path("kind").asText())) {
            return Resource.of(document);
        }
        JsonNode request = document.path("request");
        JsonNode oldObject = request.path("oldObject");
        JsonNode object = request.path("object");
        if (!object.isObject()) {
            object = oldObject;
        }
        AdmissionRequest admission = new AdmissionRequest(request.path("uid").asText(""),
                request.path("operation").asText("CREATE"), request.path("userInfo"),
                oldObject.isObject() ? Optional.of(oldObject) : Optional.empty(), request.path("dryRun").asBoolean(false),
                request);
        return Resource.of(object).withRequest(admission);
    }
}
