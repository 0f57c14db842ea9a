package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.admission.AdmissionResponse;
import dev.palisade.core.admission.AdmissionResponses;
import dev.palisade.core.admission.AdmissionReviewRequest;
import dev.palisade.core.admission.AdmissionReviews;
import dev.palisade.core.policy.LoadedPolicies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What cannot be evaluated never reads as allowed: load and read errors, match errors, non-objects. */
class FailClosedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSetWithLoadErrorsDecidesErrorAndAdmissionDenies() throws Exception {
        EvaluationError missing = EvaluationError.of(new SourceLocation("policies/", 0, 0, 0),
                "no such policy file or directory");
        PolicySet set = PolicySet.of(new LoadedPolicies(List.of(privileged()), List.of(), List.of(missing)));
        assertEquals(List.of(missing), set.errors());

        AdmissionReviewRequest review = AdmissionReviews.read(review("CREATE", pod(false), null));
        Result result = set.evaluate(review.resource(), EvaluationContext.defaults());
        assertEquals(Decision.ERROR, result.decision());
        assertFalse(result.allowed());
        assertTrue(result.errors().contains(missing));
        AdmissionResponse response = AdmissionResponses.forResult(review, result).build();
        assertFalse(response.allowed());
        assertTrue(response.toJson().length > 0);

        Report report = set.audit(List.of(Resource.of(pod(false))), EvaluationContext.defaults());
        assertEquals(Decision.ERROR, report.decision(), "a compliant pod under an incomplete set is not allowed");
        assertFalse(report.allowed());
    }

    @Test
    void readErrorsReachTheReport() throws IOException {
        Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: ConfigMap\ndata: [unclosed\n");
        Manifests manifests = ManifestReader.create().read(List.of(dir.toString(), dir.resolve("missing").toString()));
        assertFalse(manifests.errors().isEmpty());
        Report report = PolicySet.of(List.of(privileged())).audit(manifests, EvaluationContext.defaults());
        assertEquals(Decision.ERROR, report.decision());
        assertEquals(manifests.errors().size(), report.errors().size());
    }

    @Test
    void theEmbeddingSnippetWithNothingToReadFails() {
        LoadedPolicies loaded = Palisade.policies("builtin:default", dir.resolve("policies").toString());
        PolicySet set = PolicySet.of(loaded);
        Report report = set.audit(Palisade.manifests(dir.resolve("k8s").toString()), EvaluationContext.defaults());
        assertEquals(Decision.ERROR, report.decision());
        assertTrue(report.errors().size() >= 2, report.errors().toString());
    }

    @Test
    void aMatchThatCannotBeDecidedFailsClosed() throws Exception {
        Match selected = Match.ALL.withKinds(PodSpecView.podKinds())
                .withNamespaceSelector(new LabelSelector(java.util.Map.of("tier", "prod"), List.of()));
        Policy policy = policy("selective", selected, EnforcementAction.DENY, Operations.CREATE_UPDATE,
                (resource, sink) -> { });
        ObjectNode pod = pod(false);
        ((ObjectNode) pod.get("metadata")).put("namespace", "unknown");
        Result result = PolicySet.of(List.of(policy)).evaluate(Resource.of(pod), EvaluationContext.defaults());
        assertEquals(Decision.DENY, result.decision(), result.toString());
        assertEquals(1, result.errors().size());
        assertTrue(result.errors().get(0).message().contains("namespaceSelector"), result.errors().toString());
    }

    @Test
    void deleteOfANonCompliantPodIsNotJudgedByCreateUpdatePolicies() throws Exception {
        PolicySet set = PolicySet.of(List.of(privileged()));
        AdmissionReviewRequest create = AdmissionReviews.read(review("CREATE", pod(true), null));
        assertEquals(Decision.DENY, set.evaluate(create.resource(), EvaluationContext.defaults()).decision());

        AdmissionReviewRequest delete = AdmissionReviews.read(review("DELETE", null, pod(true)));
        Result deleted = set.evaluate(delete.resource(), EvaluationContext.defaults());
        assertEquals(Decision.ALLOW, deleted.decision());
        assertEquals(List.of(), deleted.evaluated());
        assertTrue(AdmissionResponses.forResult(delete, deleted).build().allowed());

        AdmissionReviewRequest update = AdmissionReviews.read(review("UPDATE", pod(true), pod(false)));
        assertEquals(Decision.DENY, set.evaluate(update.resource(), EvaluationContext.defaults()).decision());
    }

    @Test
    void aPolicyThatDeclaresDeleteJudgesIt() throws Exception {
        List<String> seen = new ArrayList<>();
        Policy guard = policy("guard", Match.ALL, EnforcementAction.DENY, Set.of(Operations.DELETE, Operations.CONNECT),
                (resource, sink) -> {
                    seen.add(resource.request().orElseThrow().operation());
                    sink.report("protected", "");
                });
        PolicySet set = PolicySet.of(List.of(guard));
        assertEquals(Decision.DENY, set.evaluate(AdmissionReviews.read(review("DELETE", null, pod(false))).resource(),
                EvaluationContext.defaults()).decision());
        assertEquals(Decision.ALLOW, set.evaluate(AdmissionReviews.read(review("CREATE", pod(false), null)).resource(),
                EvaluationContext.defaults()).decision());
        assertEquals(List.of("DELETE"), seen);
        assertEquals(Set.of("CREATE", "DELETE"), Operations.parse(List.of("create", "Delete")));
        assertEquals(Operations.ALL, Operations.parse(List.of("*")));
        assertThrows(PalisadeException.class, () -> Operations.parse(List.of("PATCH")));
    }

    @Test
    void anObjectWithoutApiVersionOrKindIsNotAResource() throws Exception {
        assertThrows(PalisadeException.class, () -> Resource.of(JSON.readTree("{\"metadata\": {\"name\": \"x\"}}")));
        assertThrows(PalisadeException.class, () -> Resource.of(JSON.readTree("{\"apiVersion\": \"v1\", \"kind\": \"\"}")));
        assertThrows(PalisadeException.class, () -> Resource.of(JSON.readTree("[1, 2]")));
        assertThrows(PalisadeException.class, () -> Resource.of(JSON.readTree("{\"apiVersion\": 1, \"kind\": \"Pod\"}")));
        assertEquals("Pod", Resource.of(pod(false)).id().kind());
    }

    static ObjectNode pod(boolean privileged) {
        ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        pod.putObject("metadata").put("name", "web").put("namespace", "prod");
        pod.putObject("spec").putArray("containers").addObject().put("name", "app").put("image", "nginx:1.27")
                .putObject("securityContext").put("privileged", privileged);
        return pod;
    }

    private static byte[] review(String operation, JsonNode object, JsonNode oldObject) throws IOException {
        ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request").put("uid", "u-1").put("operation", operation)
                .put("name", "web").put("namespace", "prod");
        request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
        request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
        request.putObject("userInfo").put("username", "alice");
        request.set("object", object == null ? JSON.nullNode() : object);
        request.set("oldObject", oldObject == null ? JSON.nullNode() : oldObject);
        return JSON.writeValueAsBytes(review);
    }

    private static Policy privileged() {
        return policy("no-privileged", Match.ALL.withKinds(PodSpecView.podKinds()), EnforcementAction.DENY,
                Operations.CREATE_UPDATE, (resource, sink) -> PodSpecView.of(resource).ifPresent(view -> {
                    for (ContainerView c : view.containers()) {
                        if (c.securityContext().path("privileged").asBoolean(false)) {
                            sink.report("container " + c.name() + " is privileged", c.pathOf("securityContext/privileged"));
                        }
                    }
                }));
    }

    private static Policy policy(String id, Match match, EnforcementAction action, Set<String> operations,
            java.util.function.BiConsumer<Resource, FindingSink> check) {
        return new BasePolicy(PolicyMetadata.of(id, id, Severity.HIGH), match, Enforcement.of(action), FailurePolicy.FAIL) {
            @Override
            public Set<String> operations() {
                return operations;
            }

            @Override
            public InventoryNeeds inventoryNeeds() {
                return InventoryNeeds.NONE;
            }

            @Override
            public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
                check.accept(resource, sink);
            }
        };
    }
}
