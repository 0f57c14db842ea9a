package dev.palisade.core.admission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * {@link AdmissionResponse#toJson()} writes the JSON straight to bytes; the oracle is the tree of
 * {@link AdmissionResponse#toReview()} serialised by Jackson: the bytes must be identical.
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
        assertArrayEquals(JSON.writeValueAsBytes(response.toReview()), response.toJson());
    }

    @Property
    void theBytesEqualTheSerialisedTree(@ForAll String uid, @ForAll boolean allowed,
            @ForAll Optional<@StringLength(max = 300) String> message, @ForAll int code,
            @ForAll @Size(max = 4) List<String> warnings, @ForAll @Size(max = 4) Map<String, String> annotations,
            @ForAll Optional<String> patch, @ForAll boolean beta) throws Exception {
        AdmissionResponse response = new AdmissionResponse(beta ? AdmissionReviews.API_VERSION_V1BETA1
                : AdmissionReviews.API_VERSION, uid, allowed, message.map(m -> new AdmissionResponse.Status(code,
                "Forbidden", m)), warnings, annotations, patch);
        assertArrayEquals(JSON.writeValueAsBytes(response.toReview()), response.toJson());
    }
}
