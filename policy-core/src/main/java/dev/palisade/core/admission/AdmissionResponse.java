package dev.palisade.core.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one AdmissionReview, built by {@link AdmissionResponses}.
 *
 * @param apiVersion the AdmissionReview version of the answer (that of the request)
 * @param uid the request uid, echoed
 * @param allowed whether the request may proceed
 * @param status why it may not: HTTP-like code, reason and message (empty when allowed)
 * @param warnings messages the API server returns to the client
 * @param auditAnnotations annotations the API server adds to the audit event (keys without prefix)
 * @param patch a base64-encoded JSON Patch, for mutating webhooks
 */
public record AdmissionResponse(String apiVersion, String uid, boolean allowed, Optional<Status> status,
        List<String> warnings, Map<String, String> auditAnnotations, Optional<String> patch) {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /**
     * Checks that the components are present, copies the collections.
     *
     * @param apiVersion the AdmissionReview version of the answer (that of the request)
     * @param uid the request uid, echoed
     * @param allowed whether the request may proceed
     * @param status why it may not: HTTP-like code, reason and message (empty when allowed)
     * @param warnings messages the API server returns to the client
     * @param auditAnnotations annotations the API server adds to the audit event (keys without prefix)
     * @param patch a base64-encoded JSON Patch, for mutating webhooks
     */
    public AdmissionResponse {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(status, "status");
        warnings = List.copyOf(warnings);
        auditAnnotations = Map.copyOf(auditAnnotations);
        Objects.requireNonNull(patch, "patch");
    }

    /** The refusal's code, reason ({@code Forbidden}) and message. */
    public record Status(int code, String reason, String message) {
        /**
         * Checks that the components are present.
         *
         * @param code the HTTP status code, such as 403
         * @param reason the reason, such as {@code Forbidden}
         * @param message the message shown to the client
         */
        public Status {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** {@return the whole AdmissionReview to send back, with {@code response} filled in: {@link #toJson()} as a tree} */
    public ObjectNode toReview() {
        try {
            return (ObjectNode) MAPPER.readTree(toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("the review this record writes is always valid JSON", e);
        }
    }

    /**
     * {@link #toReview()} as JSON bytes, ready for the HTTP response body: the same fields in the same
     * order, written straight to the bytes without building the tree (a webhook writes one per review).
     *
     * @return the AdmissionReview, as UTF-8 JSON
     */
    public byte[] toJson() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + status.map(s -> s.message().length()).orElse(0));
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("apiVersion", apiVersion);
            json.writeStringField("kind", "AdmissionReview");
            json.writeObjectFieldStart("response");
            json.writeStringField("uid", uid);
            json.writeBooleanField("allowed", allowed);
            if (status.isPresent()) {
                json.writeObjectFieldStart("status");
                json.writeNumberField("code", status.get().code());
                json.writeStringField("reason", status.get().reason());
                json.writeStringField("message", status.get().message());
                json.writeEndObject();
            }
            if (!warnings.isEmpty()) {
                json.writeArrayFieldStart("warnings");
                for (String warning : warnings) {
                    json.writeString(warning);
                }
                json.writeEndArray();
            }
            if (!auditAnnotations.isEmpty()) {
                json.writeObjectFieldStart("auditAnnotations");
                for (Map.Entry<String, String> e : auditAnnotations.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey()).toList()) {
                    json.writeStringField(e.getKey(), e.getValue());
                }
                json.writeEndObject();
            }
            if (patch.isPresent()) {
                json.writeStringField("patchType", "JSONPatch");
                json.writeStringField("patch", patch.get());
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
