package dev.palisade.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Objects;
import java.util.Optional;

/**
 * The admission request a resource arrived with ({@code AdmissionReview.request}), for policies
 * that look at the operation, the user or the old object.
 *
 * @param uid request uid, echoed in the response
 * @param operation {@code CREATE}, {@code UPDATE}, {@code DELETE} or {@code CONNECT}
 * @param userInfo the requesting user ({@code username}, {@code groups}, ...)
 * @param oldObject the object before the change, for UPDATE and DELETE
 * @param raw the whole request as sent, exposed to rule-language expressions as {@code request}
 */
public record AdmissionRequest(String uid, String operation, JsonNode userInfo, Optional<JsonNode> oldObject,
        boolean dryRun, JsonNode raw) {

    /**
     * Checks that the components are present.
     *
     * @param dryRun whether the request is a dry run (nothing will be persisted)
     * @param uid request uid, echoed in the response
     * @param operation {@code CREATE}, {@code UPDATE}, {@code DELETE} or {@code CONNECT}
     * @param userInfo the requesting user ({@code username}, {@code groups}, ...)
     * @param oldObject the object before the change, for UPDATE and DELETE
     * @param raw the whole request as sent, exposed to rule-language expressions as {@code request}
     */
    public AdmissionRequest {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(userInfo, "userInfo");
        Objects.requireNonNull(oldObject, "oldObject");
        Objects.requireNonNull(raw, "raw");
    }

    /** {@return the user name, or empty when the request carries none} */
    public String username() {
        JsonNode name = userInfo.path("username");
        return name.isTextual() ? name.asText() : "";
    }

    /**
     * {@return a request of the given operation with no user and no old object}
     *
     * @param operation {@code CREATE}, {@code UPDATE}, {@code DELETE} or {@code CONNECT}
     */
    public static AdmissionRequest of(String operation) {
        return new AdmissionRequest("", operation, MissingNode.getInstance(), Optional.empty(), false,
                MissingNode.getInstance());
    }
}
