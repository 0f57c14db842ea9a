package dev.palisade.core.admission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.FieldPositions;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.core.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code admission.k8s.io/v1} AdmissionReview requests, as a validating or mutating webhook
 * receives them, into an {@link AdmissionRequest} and the {@link Resource} to judge. Missing
 * {@code metadata.namespace}, {@code metadata.name}, {@code apiVersion} and {@code kind} of the
 * object are filled in from the request, as the API server knows them before the object does.
 * {@link #readLenient(Resource)} reads the looser reviews that test suites write. Thread-safe.
 */
public final class AdmissionReviews {
    /** The AdmissionReview API version this class reads and answers. */
    public static final String API_VERSION = "admission.k8s.io/v1";
    /** The older version, read and answered in kind. */
    public static final String API_VERSION_V1BETA1 = "admission.k8s.io/v1beta1";
    /** The largest body read: two objects of the API server's 3 MiB request limit, plus the envelope. */
    public static final int MAX_BODY_BYTES = 7 * 1024 * 1024;

    private static final String GROUP = "admission.k8s.io";
    private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private AdmissionReviews() {
    }

    /**
     * Reads a review from a request body (at most {@link #MAX_BODY_BYTES}).
     *
     * @param body the body; not closed
     * @return the review
     */
    public static AdmissionReviewRequest read(InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new PalisadeException("cannot read the AdmissionReview body: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new PalisadeException("the AdmissionReview body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return read(bytes);
    }

    /**
     * Reads a review from its JSON bytes.
     *
     * @param json the JSON bytes
     * @return the review
     */
    public static AdmissionReviewRequest read(byte[] json) {
        if (json.length == 0) {
            throw new PalisadeException("the AdmissionReview body is empty; send an " + API_VERSION
                    + " AdmissionReview as JSON");
        }
        try {
            return read(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new PalisadeException("the AdmissionReview is not valid JSON" + where + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PalisadeException("cannot read the AdmissionReview: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a review from its JSON text.
     *
     * @param json the JSON text
     * @return the review
     */
    public static AdmissionReviewRequest read(String json) {
        return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Reads a review already parsed as a JSON tree.
     *
     * @param review the review, as JSON
     * @return the review
     */
    public static AdmissionReviewRequest read(JsonNode review) {
        return read(review, false, SourceLocation.UNKNOWN, FieldPositions.NONE);
    }

    /**
     * {@return whether the resource is an AdmissionReview (of any {@code admission.k8s.io} version)}
     *
     * @param resource a resource
     */
    public static boolean isReview(Resource resource) {
        return resource.id().group().equals(GROUP) && resource.id().kind().equals("AdmissionReview");
    }

    /**
     * Reads a review as test suites write it (Gatekeeper's gator suites, for one): {@code request.uid}
     * may be missing, a missing {@code request.operation} means {@code CREATE}, and when the object
     * the operation judges is missing ({@code object}, or {@code oldObject} for a DELETE) the other
     * one is judged. The judged resource keeps its place in the review's file: its source and field
     * positions point into the review, and errors name the review's location.
     *
     * @param review an AdmissionReview read from a file
     * @return the review
     * @throws PalisadeException when the review is malformed beyond that leniency
     */
    public static AdmissionReviewRequest readLenient(Resource review) {
        return read(review.object(), true, review.source(), pointer -> Optional.of(review.locate(pointer)));
    }

    private static AdmissionReviewRequest read(JsonNode review, boolean lenient, SourceLocation source,
            FieldPositions reviewPositions) {
        if (review == null || !review.isObject()) {
            throw malformed("the body must be a JSON object", source);
        }
        String apiVersion = review.path("apiVersion").asText("");
        if (!apiVersion.equals(API_VERSION) && !apiVersion.equals(API_VERSION_V1BETA1)) {
            throw malformed("apiVersion is '" + apiVersion + "'; expected " + API_VERSION, source);
        }
        if (!review.path("kind").asText("").equals("AdmissionReview")) {
            throw malformed("kind is '" + review.path("kind").asText("") + "'; expected AdmissionReview", source);
        }
        JsonNode request = review.path("request");
        if (!request.isObject()) {
            throw malformed("it has no request object", source);
        }
        String uid = text(request, "uid");
        if (uid.isBlank() && !lenient) {
            throw malformed("request.uid is missing; the response must echo it", source);
        }
        String operation = text(request, "operation");
        if (operation.isEmpty() && lenient) {
            operation = "CREATE";
        }
        if (!OPERATIONS.contains(operation)) {
            throw malformed("request.operation is '" + operation + "'; expected CREATE, UPDATE, DELETE or CONNECT",
                    source);
        }
        JsonNode object = request.path("object");
        JsonNode oldObject = request.path("oldObject");
        boolean delete = operation.equals("DELETE");
        boolean judgeOld = lenient ? !object.isObject() || delete && oldObject.isObject() : delete;
        JsonNode judged = judgeOld ? oldObject : object;
        if (!judged.isObject() && lenient) {
            throw malformed("request has neither object nor oldObject; put the object in request.object"
                    + " (request.oldObject for DELETE)", source);
        }
        if (!judged.isObject()) {
            throw malformed(delete ? "a DELETE request needs request.oldObject, the object being deleted"
                    : "request.object is missing or not an object", source);
        }
        JsonNode userInfo = request.path("userInfo");
        AdmissionRequest admission = new AdmissionRequest(uid, operation,
                userInfo.isObject() ? userInfo : MissingNode.getInstance(),
                oldObject.isObject() ? Optional.of(oldObject) : Optional.empty(),
                request.path("dryRun").asBoolean(false), request);
        String pointer = judgeOld ? "/request/oldObject" : "/request/object";
        FieldPositions positions = p -> reviewPositions.locate(pointer + p);
        SourceLocation judgedSource = positions.locate("").orElse(source);
        Resource resource = Resource.of(completed(judged, request), judgedSource, positions).withRequest(admission);
        return new AdmissionReviewRequest(apiVersion, admission, resource);
    }

    /** The object with identity fields the API server sent beside it rather than in it. */
    private static JsonNode completed(JsonNode object, JsonNode request) {
        JsonNode kind = request.path("kind");
        String group = text(kind, "group");
        String version = text(kind, "version");
        String apiVersion = group.isEmpty() ? version : group + "/" + version;
        String namespace = text(request, "namespace");
        String name = text(request, "name");
        JsonNode metadata = object.path("metadata");
        boolean fillApiVersion = text(object, "apiVersion").isEmpty() && !version.isEmpty();
        boolean fillKind = text(object, "kind").isEmpty() && !text(kind, "kind").isEmpty();
        boolean fillNamespace = text(metadata, "namespace").isEmpty() && !namespace.isEmpty();
        boolean fillName = text(metadata, "name").isEmpty() && !name.isEmpty();
        if (!fillApiVersion && !fillKind && !fillNamespace && !fillName) {
            return object;
        }
        ObjectNode copy = object.deepCopy();
        if (fillApiVersion) {
            copy.put("apiVersion", apiVersion);
        }
        if (fillKind) {
            copy.put("kind", text(kind, "kind"));
        }
        if (fillNamespace || fillName) {
            ObjectNode meta = copy.path("metadata").isObject() ? (ObjectNode) copy.get("metadata")
                    : copy.putObject("metadata");
            if (fillNamespace) {
                meta.put("namespace", namespace);
            }
            if (fillName) {
                meta.put("name", name);
            }
        }
        return copy;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : "";
    }

    private static PalisadeException malformed(String what, SourceLocation source) {
        return new PalisadeException("malformed AdmissionReview: " + what, source);
    }
}
