package dev.palisade.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.palisade.core.admission.AdmissionReviews;
import java.io.IOException;

/**
 * The {@code apiVersion} and {@code request.uid} of a review, found by streaming over its JSON
 * without building a tree. The API server writes both first (the type fields, then the request's
 * uid), so this reads a handful of tokens; it lets the event loop answer a review it cannot
 * evaluate in time (deadline, overload) with the uid the API server expects. The full reading,
 * with every check and error message, is {@link AdmissionReviews#read(byte[])} on a worker.
 *
 * @param apiVersion the review's {@code apiVersion}, or empty
 * @param uid the request's uid, or empty when absent or the body is not JSON
 */
record ReviewHeader(String apiVersion, String uid) {
    private static final JsonFactory JSON = new JsonFactory();

    /** The version to answer in: the request's when it is a known AdmissionReview version, else v1. */
    String answerVersion() {
        return apiVersion.equals(AdmissionReviews.API_VERSION_V1BETA1) ? apiVersion : AdmissionReviews.API_VERSION;
    }

    static ReviewHeader scan(byte[] body) {
        String apiVersion = "";
        String uid = "";
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new ReviewHeader("", "");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("apiVersion") && value == JsonToken.VALUE_STRING) {
                    apiVersion = parser.getText();
                } else if (field.equals("request") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = parser.currentName();
                        JsonToken innerValue = parser.nextToken();
                        if (inner.equals("uid") && innerValue == JsonToken.VALUE_STRING) {
                            uid = parser.getText();
                            if (!apiVersion.isEmpty()) {
                                return new ReviewHeader(apiVersion, uid);
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
                if (!apiVersion.isEmpty() && !uid.isEmpty()) {
                    break;
                }
            }
        } catch (IOException e) {
            // Malformed JSON: keep what was found; the full reading reports the error.
        }
        return new ReviewHeader(apiVersion, uid);
    }
}
