package dev.palisade.core.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.FieldPositions;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionReviewsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = AdmissionReviewsTest.class.getResourceAsStream("/admission/" + name)) {
            return in.readAllBytes();
        }
    }

    private static ObjectNode tree(String name) throws IOException {
        return (ObjectNode) JSON.readTree(fixture(name));
    }

    private static String error(ObjectNode review) {
        return assertThrows(PalisadeException.class, () -> AdmissionReviews.read(review)).getMessage();
    }

    @Test
    void createRequestBecomesTheObjectWithItsRequest() throws IOException {
        AdmissionReviewRequest review = AdmissionReviews.read(new ByteArrayInputStream(
                fixture("create-privileged-pod.review.json")));
        assertEquals("admission.k8s.io/v1", review.apiVersion());
        assertEquals("705ab4f5-6393-11e8-b7cc-42010a800002", review.uid());
        assertEquals("CREATE", review.request().operation());
        assertEquals("alice", review.request().username());
        assertTrue(review.request().oldObject().isEmpty());
        assertFalse(review.request().dryRun());
        assertEquals(new ResourceId("", "v1", "Pod", "prod", "web"), review.resource().id(),
                "the namespace comes from the request when the object has none");
        assertSame(review.request(), review.resource().request().orElseThrow());
        assertEquals("prod", review.request().raw().get("namespace").asText());
    }

    @Test
    void deleteJudgesTheOldObject() throws IOException {
        AdmissionReviewRequest review = AdmissionReviews.read(fixture("delete-protected-configmap.review.json"));
        assertEquals("DELETE", review.request().operation());
        assertEquals(new ResourceId("", "v1", "ConfigMap", "prod", "payments-config"), review.resource().id());
        assertEquals("true", review.resource().labels().get("protected"));
        assertTrue(review.request().oldObject().isPresent());
    }

    @Test
    void identityMissingFromTheObjectIsTakenFromTheRequest() throws IOException {
        ObjectNode review = tree("create-latest-image-pod.review.json");
        ObjectNode object = (ObjectNode) review.get("request").get("object");
        object.remove("apiVersion");
        object.remove("kind");
        ((ObjectNode) object.get("metadata")).remove("name");
        ((ObjectNode) review.get("request")).put("name", "from-request");
        AdmissionReviewRequest read = AdmissionReviews.read(review);
        assertEquals(new ResourceId("", "v1", "Pod", "prod", "from-request"), read.resource().id());
        assertFalse(object.has("kind"), "the review itself is not modified");
    }

    @Test
    void v1beta1IsReadAndEchoed() throws IOException {
        ObjectNode review = tree("create-latest-image-pod.review.json");
        review.put("apiVersion", "admission.k8s.io/v1beta1");
        assertEquals("admission.k8s.io/v1beta1", AdmissionReviews.read(review).apiVersion());
    }

    @Test
    void malformedReviewsSayWhatIsWrong() throws IOException {
        ObjectNode wrongVersion = tree("create-latest-image-pod.review.json").put("apiVersion", "v1");
        assertEquals("malformed AdmissionReview: apiVersion is 'v1'; expected admission.k8s.io/v1",
                error(wrongVersion));
        ObjectNode wrongKind = tree("create-latest-image-pod.review.json").put("kind", "Pod");
        assertTrue(error(wrongKind).contains("kind is 'Pod'; expected AdmissionReview"));
        ObjectNode noRequest = tree("create-latest-image-pod.review.json");
        noRequest.remove("request");
        assertTrue(error(noRequest).contains("no request object"));
        ObjectNode noUid = tree("create-latest-image-pod.review.json");
        ((ObjectNode) noUid.get("request")).remove("uid");
        assertTrue(error(noUid).contains("request.uid is missing"));
        ObjectNode badOperation = tree("create-latest-image-pod.review.json");
        ((ObjectNode) badOperation.get("request")).put("operation", "PATCH");
        assertTrue(error(badOperation).contains("request.operation is 'PATCH'"));
        ObjectNode noObject = tree("create-latest-image-pod.review.json");
        ((ObjectNode) noObject.get("request")).putNull("object");
        assertTrue(error(noObject).contains("request.object is missing"));
        String duplicate = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"kind\":\"X\"}";
        assertTrue(assertThrows(PalisadeException.class, () -> AdmissionReviews.read(duplicate)).getMessage()
                .contains("Duplicate field 'kind'"));
        assertTrue(assertThrows(PalisadeException.class, () -> AdmissionReviews.read("[]")).getMessage()
                .contains("must be a JSON object"));
        assertTrue(assertThrows(PalisadeException.class, () -> AdmissionReviews.read("{} {}")).getMessage()
                .contains("not valid JSON"));
    }

    @Test
    void oversizedBodiesAreRefusedWithoutReadingThemWhole() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }
        };
        PalisadeException e = assertThrows(PalisadeException.class, () -> AdmissionReviews.read(endless));
        assertTrue(e.getMessage().contains("larger than " + AdmissionReviews.MAX_BODY_BYTES), e.getMessage());
    }

    private static Resource yamlReview(String name) throws IOException {
        Manifests read = ManifestReader.create().readString(name, new String(fixture(name), StandardCharsets.UTF_8));
        assertEquals(List.of(), read.errors());
        assertEquals(1, read.resources().size());
        return read.resources().get(0);
    }

    @Test
    void lenientReadingAcceptsASuiteReviewWithoutUidOrOperation() throws IOException {
        Resource review = yamlReview("suite-without-uid.review.yaml");
        assertTrue(AdmissionReviews.isReview(review));
        assertThrows(PalisadeException.class, () -> AdmissionReviews.read(review.object()));
        AdmissionReviewRequest read = AdmissionReviews.readLenient(review);
        assertEquals("", read.uid());
        assertEquals("CREATE", read.request().operation());
        assertEquals("bob", read.request().username());
        assertEquals(new ResourceId("", "v1", "Pod", "team-a", "web"), read.resource().id());
    }

    @Test
    void lenientlyReadObjectsPointIntoTheReviewFile() throws IOException {
        Resource review = yamlReview("suite-without-uid.review.yaml");
        Resource pod = AdmissionReviews.readLenient(review).resource();
        assertEquals("suite-without-uid.review.yaml", pod.source().file());
        assertEquals(6, pod.source().line(), "the object's key in the review: " + pod.source());
        assertEquals(15, pod.locate("/spec/containers/0/image").line());
    }

    @Test
    void lenientDeleteWithoutOldObjectJudgesTheObject() throws IOException {
        Resource review = yamlReview("delete-without-old-object.review.yaml");
        AdmissionReviewRequest read = AdmissionReviews.readLenient(review);
        assertEquals("DELETE", read.request().operation());
        assertEquals("settings", read.resource().id().name());
        assertTrue(read.request().oldObject().isEmpty());
        ObjectNode withUid = review.object().deepCopy();
        ((ObjectNode) withUid.get("request")).put("uid", "42");
        assertTrue(error(withUid).contains("a DELETE request needs request.oldObject"), "strict reading judges"
                + " only the oldObject of a DELETE");
    }

    @Test
    void lenientReadingStillRejectsAReviewWithNothingToJudgeAndSaysWhere() throws IOException {
        Resource review = yamlReview("delete-without-old-object.review.yaml");
        ObjectNode empty = review.object().deepCopy();
        ((ObjectNode) empty.get("request")).remove("object");
        Resource withoutObject = Resource.of(empty, review.source(), FieldPositions.NONE);
        PalisadeException e = assertThrows(PalisadeException.class,
                () -> AdmissionReviews.readLenient(withoutObject));
        assertTrue(e.getMessage().contains("neither object nor oldObject"), e.getMessage());
        assertEquals(review.source(), e.location().orElseThrow());
    }
}
