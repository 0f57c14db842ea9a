package dev.palisade.core.admission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * {@link AdmissionResponse#toJson()} writes the JSON straight to bytes; the oracle is a tree built here from
 * the AdmissionReview response fields (admission.k8s.io) and serialised by Jackson: the bytes must be identical,
 * and {@link AdmissionResponse#toReview()} must equal that tree.
 */
class AdmissionResponseJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDenialWithEveryFieldIsWrittenInTheTreeOrder() throws Exception {
        AdmissionResponse response = new AdmissionResponse(AdmissionReviews.API_VERSION, "u-1", false,
                Optional.of(new AdmissionResponse.Status(403, "Forbidden", "no \"latest\" tags\n\u00e9\u2028")),
                List.of("w1", "w2"), Map.of("b", "2", "a", "1"), Optional.of("W10="));
        assertEquals("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"u-1\","
                + "\"allowed\":false,\"status\":{\"code\":403,\"reason\":\"Forbidden\",\"message\":"
                + "\"no \\\"latest\\\" tags\\n\u00e9\u2028\"},\"warnings\":[\"w1\",\"w2\"],\"auditAnnotations\":"
                + "{\"a\":\"1\",\"b\":\"2\"},\"patchType\":\"JSONPatch\",\"patch\":\"W10=\"}}",
                new String(response.toJson(), StandardCharsets.UTF_8));
        assertArrayEquals(JSON.writeValueAsBytes(expected(response)), response.toJson());
        assertEquals(expected(response), response.toReview());
    }

    @Property
    void theBytesEqualTheSerialisedTree(@ForAll String uid, @ForAll boolean allowed,
            @ForAll Optional<@StringLength(max = 300) String> message, @ForAll int code,
            @ForAll @Size(max = 4) List<String> warnings, @ForAll @Size(max = 4) Map<String, String> annotations,
            @ForAll Optional<String> patch, @ForAll boolean beta) throws Exception {
        AdmissionResponse response = new AdmissionResponse(beta ? AdmissionReviews.API_VERSION_V1BETA1
                : AdmissionReviews.API_VERSION, uid, allowed, message.map(m -> new AdmissionResponse.Status(code,
                "Forbidden", m)), warnings, annotations, patch);
        assertArrayEquals(JSON.writeValueAsBytes(expected(response)), response.toJson());
        assertEquals(expected(response), response.toReview());
    }

    /** The review as the API server reads it: response fields in this order, annotations sorted by key. */
    private static ObjectNode expected(AdmissionResponse r) {
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", r.apiVersion());
        review.put("kind", "AdmissionReview");
        ObjectNode response = review.putObject("response");
        response.put("uid", r.uid());
        response.put("allowed", r.allowed());
        r.status().ifPresent(status -> {
            ObjectNode s = response.putObject("status");
            s.put("code", status.code());
            s.put("reason", status.reason());
            s.put("message", status.message());
        });
        if (!r.warnings().isEmpty()) {
            r.warnings().forEach(response.putArray("warnings")::add);
        }
        if (!r.auditAnnotations().isEmpty()) {
            ObjectNode annotations = response.putObject("auditAnnotations");
            new TreeMap<>(r.auditAnnotations()).forEach(annotations::put);
        }
        r.patch().ifPresent(patch -> {
            response.put("patchType", "JSONPatch");
            response.put("patch", patch);
        });
        return review;
    }
}
