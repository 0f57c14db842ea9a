package dev.palisade.core.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AdmissionResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUALIFIED_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    private static AdmissionReviewRequest review(String name) throws IOException {
        try (InputStream in = AdmissionResponsesTest.class.getResourceAsStream("/admission/" + name)) {
            return AdmissionReviews.read(in);
        }
    }

    @Test
    void allowedResponseCarriesAPatchForMutatingHosts() throws IOException {
        AdmissionReviewRequest review = review("create-latest-image-pod.review.json");
        Result result = AdmissionTestPolicies.set().evaluate(review.resource(), AdmissionTestPolicies.context());
        JsonNode patch = JSON.readTree("[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"team\":\"x\"}}]");
        JsonNode response = JSON.readTree(AdmissionResponses.forResult(review, result).patch(patch).build().toJson())
                .get("response");
        assertTrue(response.get("allowed").asBoolean());
        assertEquals("JSONPatch", response.get("patchType").asText());
        assertEquals(patch, JSON.readTree(Base64.getDecoder().decode(response.get("patch").asText())));
    }

    @Test
    void deniedResponseNeverPatches() throws IOException {
        AdmissionReviewRequest review = review("create-privileged-pod.review.json");
        Result result = AdmissionTestPolicies.set().evaluate(review.resource(), AdmissionTestPolicies.context());
        AdmissionResponse response = AdmissionResponses.forResult(result)
                .patch(JSON.readTree("[{\"op\":\"remove\",\"path\":\"/spec/hostNetwork\"}]")).build();
        assertFalse(response.allowed());
        assertTrue(response.patch().isEmpty());
        assertFalse(response.toReview().get("response").has("patchType"));
    }

    @Test
    void invalidPatchesAreRefused() throws IOException {
        AdmissionResponses.Builder builder = AdmissionResponses.builder("u");
        assertThrows(PalisadeException.class, () -> builder.patch(JSON.readTree("{\"op\":\"add\"}")));
        PalisadeException e = assertThrows(PalisadeException.class,
                () -> builder.patch(JSON.readTree("[{\"op\":\"frobnicate\",\"path\":\"/a\"}]")));
        assertTrue(e.getMessage().contains("operation 0"), e.getMessage());
    }

    @Test
    void resultsWithoutARequestNeedAnExplicitUid() throws IOException {
        Resource hostObject = Resource.of(JSON.readTree("{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}"));
        Result result = AdmissionTestPolicies.set().evaluate(hostObject, AdmissionTestPolicies.context());
        assertThrows(PalisadeException.class, () -> AdmissionResponses.forResult(result));
        assertEquals("given", AdmissionResponses.builder("given").result(result).build().uid());
    }

    @Property(tries = 50)
    void warningsStayShortAndBounded(@ForAll @IntRange(min = 0, max = 200) int count,
            @ForAll @IntRange(min = 1, max = 600) int length) {
        AdmissionResponses.Builder builder = AdmissionResponses.builder("uid");
        for (int i = 0; i < count; i++) {
            builder.warn(i + "\n" + "w".repeat(length));
        }
        List<String> warnings = builder.build().warnings();
        int total = 0;
        for (String warning : warnings) {
            assertTrue(warning.length() <= AdmissionResponses.MAX_WARNING_LENGTH, warning);
            assertFalse(warning.chars().anyMatch(Character::isISOControl));
            total += warning.length();
        }
        assertTrue(total <= AdmissionResponses.MAX_WARNINGS_LENGTH, "total " + total);
        if (warnings.size() < count) {
            assertEquals("and " + (count - warnings.size() + 1) + " more warnings", warnings.get(warnings.size() - 1));
        } else {
            assertEquals(count, warnings.size());
        }
    }

    @Property
    void annotationKeysAreValidQualifiedNames(@ForAll String raw) {
        String key = AdmissionResponses.annotationKey(raw);
        assertTrue(key.length() <= AdmissionResponses.MAX_ANNOTATION_KEY_LENGTH, key);
        assertTrue(QUALIFIED_NAME.matcher(key).matches(), key);
    }

    @Test
    void annotationKeysKeepReadablePolicyIds() {
        assertEquals("dryrun.pod-security.restricted", AdmissionResponses.annotationKey("dryrun.pod-security/restricted"));
    }

    @Test
    void manyDenialsAreCountedNotListedBeyondTheLimit() {
        AdmissionResponses.Builder builder = AdmissionResponses.builder("uid");
        for (int i = 0; i < 1000; i++) {
            builder.deny("[p" + i + "] " + "x".repeat(40));
        }
        String message = builder.build().status().orElseThrow().message();
        assertTrue(message.length() <= AdmissionResponses.MAX_STATUS_MESSAGE_LENGTH, "length " + message.length());
        assertTrue(message.startsWith("[p0] "));
        assertTrue(message.matches("(?s).*\\nand \\d+ more denials"), message.substring(message.length() - 40));
    }
}
