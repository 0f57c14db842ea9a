package dev.palisade.kyverno;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.policy.PolicyLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Which admission operations Kyverno policies judge (the operations Kyverno's webhooks register per
 * rule type, {@code match.operations}, {@code exclude.any}) and what they read from the inventory,
 * with CREATE, UPDATE, DELETE and CONNECT reviews through a real {@link PolicySet}.
 */
class KyvernoOperationsTest {
    private static final String POLICIES = """
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: pattern
            spec:
              validationFailureAction: Enforce
              rules:
              - name: team-label
                match:
                  any:
                  - resources:
                      kinds: [Pod]
                validate:
                  message: team label required
                  pattern:
                    metadata:
                      labels:
                        team: "?*"
            ---
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: deny
            spec:
              validationFailureAction: Enforce
              rules:
              - name: protected
                match:
                  any:
                  - resources:
                      kinds: [Pod]
                validate:
                  message: "{{ request.operation }} of protected pod {{ request.object.metadata.name }}"
                  deny:
                    conditions:
                      any:
                      - key: "{{ request.object.metadata.labels.protected || '' }}"
                        operator: Equals
                        value: "true"
            ---
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: mutate
            spec:
              rules:
              - name: add-label
                match:
                  any:
                  - resources:
                      kinds: [Pod]
                mutate:
                  patchStrategicMerge:
                    metadata:
                      labels:
                        +(team): default
            ---
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: create-only
            spec:
              rules:
              - name: on-create
                match:
                  any:
                  - resources:
                      kinds: [Pod]
                      operations: [CREATE]
                exclude:
                  any:
                  - resources:
                      kinds: [Pod]
                      operations: [UPDATE]
                validate:
                  deny: {}
            ---
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: no-delete
            spec:
              rules:
              - name: check
                match:
                  any:
                  - resources:
                      kinds: [Pod]
                exclude:
                  any:
                  - resources:
                      operations: [DELETE, CONNECT]
                validate:
                  deny: {}
            ---
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: reads-configmap
            spec:
              rules:
              - name: check
                match:
                  any:
                  - resources:
                      kinds: [Pod]
                context:
                - name: cm
                  configMap:
                    name: settings
                    namespace: default
                validate:
                  deny:
                    conditions:
                      any:
                      - key: "{{ cm.data.block || '' }}"
                        operator: Equals
                        value: "yes"
            ---
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: reads-api
            spec:
              rules:
              - name: check
                match:
                  any:
                  - resources:
                      kinds: [Pod]
                context:
                - name: count
                  apiCall:
                    urlPath: /api/v1/namespaces/{{ request.namespace }}/pods
                    jmesPath: "items | length(@)"
                validate:
                  deny:
                    conditions:
                      any:
                      - key: "{{ count }}"
                        operator: GreaterThan
                        value: 100
            """;

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: prod
              labels:
                protected: "true"
            spec:
              containers:
              - name: app
                image: nginx:1.27
            """;

    private static Map<String, Policy> policies() {
        ManifestReader reader = ManifestReader.create();
        LoadedPolicies loaded = PolicyLoader.builder().reader(reader).discover().build()
                .compile(reader.readString("policies.yaml", POLICIES).resources());
        assertTrue(loaded.errors().isEmpty(), loaded.errors().toString());
        return loaded.policies().stream().collect(Collectors.toMap(p -> p.metadata().id(), p -> p));
    }

    @Test
    void validateRulesRegisterEveryOperationAndMutateRulesCreateAndUpdate() {
        Map<String, Policy> p = policies();
        Set<String> all = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");
        assertEquals(all, p.get("pattern").operations());
        assertEquals(all, p.get("deny").operations());
        assertEquals(Set.of("CREATE", "UPDATE"), p.get("mutate").operations());
        assertEquals(Set.of("CREATE"), p.get("create-only").operations());
        assertEquals(Set.of("CREATE", "UPDATE"), p.get("no-delete").operations());
    }

    @Test
    void inventoryNeedsFollowContextEntries() {
        Map<String, Policy> p = policies();
        assertEquals(InventoryNeeds.NONE, p.get("pattern").inventoryNeeds());
        assertEquals(InventoryNeeds.kinds("/ConfigMap"), p.get("reads-configmap").inventoryNeeds());
        assertEquals(InventoryNeeds.ALL, p.get("reads-api").inventoryNeeds());
    }

    private static Resource review(String operation) {
        Resource pod = ManifestReader.create().readString("pod.yaml", POD).resources().get(0);
        var userInfo = JsonNodeFactory.instance.objectNode().put("username", "alice");
        var raw = JsonNodeFactory.instance.objectNode().put("operation", operation);
        Optional<com.fasterxml.jackson.databind.JsonNode> old = operation.equals("CREATE") ? Optional.empty()
                : Optional.of(pod.object());
        return pod.withRequest(new AdmissionRequest("uid-1", operation, userInfo, old, false, raw));
    }

    private static List<Finding> findings(String policy, String operation) {
        PolicySet set = PolicySet.builder().add(policies().get(policy)).build();
        Report report = set.audit(List.of(review(operation)), EvaluationContext.defaults());
        assertTrue(report.results().get(0).errors().isEmpty(), report.results().get(0).errors().toString());
        return report.results().get(0).violations();
    }

    @Test
    void aDeleteSkipsPatternRulesButDenyRulesJudgeTheOldObject() {
        assertEquals(1, findings("pattern", "CREATE").size());
        assertEquals(1, findings("pattern", "UPDATE").size());
        assertEquals(List.of(), findings("pattern", "DELETE"), "Kyverno skips pattern validation on deleted resources");
        List<Finding> delete = findings("deny", "DELETE");
        assertEquals(1, delete.size());
        assertEquals("DELETE of protected pod web", delete.get(0).message());
        assertEquals("CONNECT of protected pod web", findings("deny", "CONNECT").get(0).message());
    }

    @Test
    void operationsOutsideThePolicysAreNotJudged() {
        assertEquals(1, findings("create-only", "CREATE").size());
        assertEquals(List.of(), findings("create-only", "UPDATE"));
        assertEquals(List.of(), findings("create-only", "DELETE"));
        assertEquals(List.of(), findings("no-delete", "DELETE"));
        assertEquals(1, findings("no-delete", "UPDATE").size());
    }
}
