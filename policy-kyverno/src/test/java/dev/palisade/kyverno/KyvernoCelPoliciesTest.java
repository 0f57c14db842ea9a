package dev.palisade.kyverno;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.policy.PolicyLoader;
import dev.palisade.kyverno.internal.cel.CelContext;
import dev.palisade.kyverno.internal.cel.CelPolicy;
import dev.palisade.kyverno.internal.cel.CelRequest;
import dev.palisade.kyverno.internal.engine.EngineResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Kyverno's CEL policy kinds through {@code palisade check} (KyvernoFormat) and the engine: a
 * ValidatingPolicy's findings and actions, autogen for pod controllers, CEL PolicyExceptions,
 * MutatingPolicy JSONPatch and ApplyConfiguration, GeneratingPolicy, Kyverno's CEL libraries
 * (images, service accounts, resource lookups from the input, http refused), and DeletingPolicy /
 * ImageValidatingPolicy reported as not applicable offline.
 */
class KyvernoCelPoliciesTest {
    private static final String POLICIES = """
            apiVersion: policies.kyverno.io/v1
            kind: ValidatingPolicy
            metadata:
              name: no-latest
              annotations:
                policies.kyverno.io/severity: high
            spec:
              validationActions: [Deny]
              matchConstraints:
                resourceRules:
                - apiGroups: [""]
                  apiVersions: [v1]
                  operations: [CREATE, UPDATE]
                  resources: [pods]
              variables:
              - name: containers
                expression: object.spec.containers + object.spec.?initContainers.orValue([])
              validations:
              - expression: "variables.containers.all(c, image(c.image).tag() != 'latest')"
                messageExpression: "'latest tag from ' + variables.containers.map(c, image(c.image).registry()).join(',')"
            ---
            apiVersion: policies.kyverno.io/v1alpha1
            kind: ValidatingPolicy
            metadata:
              name: team-from-configmap
            spec:
              validationActions: [Audit]
              matchConstraints:
                resourceRules:
                - apiGroups: [""]
                  apiVersions: [v1]
                  operations: [CREATE]
                  resources: [pods]
              variables:
              - name: allowed
                expression: resource.Get("v1", "configmaps", "default", "teams").data.allowed.split(',')
              validations:
              - expression: "object.metadata.?labels.team.orValue('') in variables.allowed"
                message: team is not allowed
            ---
            apiVersion: policies.kyverno.io/v1alpha1
            kind: ValidatingPolicy
            metadata:
              name: calls-http
            spec:
              matchConstraints:
                resourceRules:
                - apiGroups: [""]
                  apiVersions: [v1]
                  operations: [CREATE]
                  resources: [pods]
              validations:
              - expression: http.Get("https://example.com/allow").allowed == true
            ---
            apiVersion: policies.kyverno.io/v1alpha1
            kind: PolicyException
            metadata:
              name: allow-legacy
              namespace: legacy
            spec:
              policyRefs:
              - name: no-latest
                kind: ValidatingPolicy
              matchConditions:
              - name: legacy
                expression: object.metadata.namespace == 'legacy'
            ---
            apiVersion: policies.kyverno.io/v1alpha1
            kind: ImageValidatingPolicy
            metadata:
              name: signed
            spec:
              matchConstraints:
                resourceRules:
                - apiGroups: [""]
                  apiVersions: [v1]
                  operations: [CREATE]
                  resources: [pods]
              attestors: []
            """;

    private static final String INPUT = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: teams
              namespace: default
            data:
              allowed: payments,search
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: prod
              labels:
                team: payments
            spec:
              containers:
              - name: app
                image: nginx:latest
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
              namespace: prod
            spec:
              template:
                metadata:
                  labels:
                    team: unknown
                spec:
                  containers:
                  - name: app
                    image: ghcr.io/acme/api:latest
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: old
              namespace: legacy
              labels:
                team: search
            spec:
              containers:
              - name: app
                image: nginx:latest
            """;

    private static LoadedPolicies load(String text) {
        ManifestReader reader = ManifestReader.create();
        return PolicyLoader.builder().reader(reader).discover().build()
                .compile(reader.readString("policies.yaml", text).resources());
    }

    private static Report check() {
        LoadedPolicies loaded = load(POLICIES);
        assertTrue(loaded.errors().isEmpty(), loaded.errors().toString());
        PolicySet set = PolicySet.builder().addAll(loaded.policies()).build();
        List<Resource> input = ManifestReader.create().readString("input.yaml", INPUT).resources();
        return set.audit(input, EvaluationContext.builder().enforcementPoint(EnforcementPoint.CI).build());
    }

    private static Result result(Report report, String name) {
        return report.results().stream().filter(r -> r.id().name().equals(name)).findFirst().orElseThrow();
    }

    private static List<Finding> findings(Result result, String policy) {
        return result.violations().stream().filter(f -> f.policyId().equals(policy)).toList();
    }

    @Test
    void validatingPolicyFindingsCarryTheMessageAndTheActionOfValidationActions() {
        Report report = check();
        List<Finding> web = findings(result(report, "web"), "no-latest");
        assertEquals(1, web.size());
        assertEquals("latest tag from index.docker.io", web.get(0).message());
        assertEquals(EnforcementAction.DENY, web.get(0).action());
        assertEquals(List.of(), findings(result(report, "web"), "team-from-configmap"),
                "the team label is in the ConfigMap the input holds");
    }

    @Test
    void autogenAppliesPodPoliciesToControllersOnTheirTemplate() {
        Report report = check();
        List<Finding> api = findings(result(report, "api"), "no-latest");
        assertEquals(1, api.size());
        assertEquals("latest tag from ghcr.io", api.get(0).message());
    }

    @Test
    void celPolicyExceptionsExemptMatchingRequests() {
        assertEquals(List.of(), findings(result(check(), "old"), "no-latest"));
    }

    @Test
    void httpCallsAreRefusedAsErrorsNeverPasses() {
        Result web = result(check(), "web");
        assertTrue(web.errors().stream().anyMatch(e -> e.message().contains("refused")
                && e.message().contains("calls-http")), web.errors().toString());
    }

    @Test
    void imageValidatingPoliciesAreReportedAsNotApplicableOffline() {
        List<Finding> signed = findings(result(check(), "web"), "signed");
        assertEquals(1, signed.size());
        assertEquals(EnforcementAction.WARN, signed.get(0).action());
        assertTrue(signed.get(0).message().contains("not applicable offline"), signed.get(0).message());
    }

    @Test
    void operationsAndInventoryNeedsComeFromTheMatchConstraintsAndTheLibrariesUsed() {
        Map<String, Policy> byId = new java.util.HashMap<>();
        load(POLICIES).policies().forEach(p -> byId.put(p.metadata().id(), p));
        assertEquals(Set.of("CREATE", "UPDATE"), byId.get("no-latest").operations());
        assertEquals(InventoryNeeds.NONE, byId.get("no-latest").inventoryNeeds());
        assertEquals(InventoryNeeds.ALL, byId.get("team-from-configmap").inventoryNeeds());
    }

    @Test
    void aPolicyThatDoesNotCompileIsALoadErrorNamingTheExpression() {
        LoadedPolicies loaded = load("""
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata:
                  name: broken
                spec:
                  matchConstraints:
                    resourceRules:
                    - apiGroups: [""]
                      apiVersions: [v1]
                      operations: [CREATE]
                      resources: [pods]
                  validations:
                  - expression: "object.spec.containers.all(c, "
                """);
        assertEquals(1, loaded.errors().size());
        assertTrue(loaded.errors().get(0).message().contains("spec.validations[0].expression"),
                loaded.errors().get(0).message());
    }

    private static CelPolicy compile(String yaml) {
        return CelPolicy.compile(ManifestReader.create().readString("p.yaml", yaml).resources().get(0));
    }

    private static JsonNode pod(String yaml) {
        return ManifestReader.create().readString("pod.yaml", yaml).resources().get(0).object();
    }

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: prod
            spec:
              containers:
              - name: app
                image: nginx:1.27
            """;

    private static CelContext empty() {
        return new CelContext(List::of, "no resources", Map.of(), Map.of());
    }

    @Test
    void mutatingPolicyAppliesJsonPatchAndApplyConfiguration() {
        CelPolicy policy = compile("""
                apiVersion: policies.kyverno.io/v1alpha1
                kind: MutatingPolicy
                metadata:
                  name: defaults
                spec:
                  matchConstraints:
                    resourceRules:
                    - apiGroups: [""]
                      apiVersions: [v1]
                      operations: [CREATE]
                      resources: [pods]
                  mutations:
                  - patchType: JSONPatch
                    jsonPatch:
                      expression: |
                        [JSONPatch{op: "add", path: "/metadata/labels", value: {}},
                         JSONPatch{op: "add", path: "/metadata/labels/" + jsonpatch.escapeKey("acme.io/owner"), value: "platform"}]
                  - patchType: ApplyConfiguration
                    applyConfiguration:
                      expression: |
                        Object{spec: Object.spec{containers: [Object.spec.containers{name: "sidecar", image: "proxy:1"}]}}
                """);
        CelRequest request = CelRequest.of(pod(POD), null, "CREATE", null, null, Map.of());
        // the autogen variants (Deployments..., CronJobs) answer with no rule for a Pod, as in Kyverno
        List<EngineResponse> out = policy.evaluate(request, null, List.of(), empty()).stream()
                .filter(r -> !r.rules().isEmpty()).toList();
        assertEquals(1, out.size());
        JsonNode patched = out.get(0).patchedResource();
        assertEquals("platform", patched.path("metadata").path("labels").path("acme.io/owner").asText());
        assertEquals(List.of("app", "sidecar"), patched.path("spec").path("containers").findValuesAsText("name"));
        assertEquals("pass", out.get(0).rules().get(0).status().label());
    }

    @Test
    void generatingPolicyReturnsWhatGeneratorApplyGenerates() {
        CelPolicy policy = compile("""
                apiVersion: policies.kyverno.io/v1alpha1
                kind: GeneratingPolicy
                metadata:
                  name: netpol
                spec:
                  matchConstraints:
                    resourceRules:
                    - apiGroups: [""]
                      apiVersions: [v1]
                      operations: [CREATE]
                      resources: [namespaces]
                  variables:
                  - name: ns
                    expression: object.metadata.name
                  generate:
                  - expression: >-
                      generator.Apply(variables.ns, [{"apiVersion": dyn("networking.k8s.io/v1"),
                        "kind": dyn("NetworkPolicy"), "metadata": dyn({"name": "deny-all"})}])
                """);
        JsonNode ns = pod("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: team-a
                """);
        List<EngineResponse> out = policy.evaluate(CelRequest.of(ns, null, "CREATE", null, null, Map.of()), null,
                List.of(), empty());
        JsonNode generated = out.get(0).rules().get(0).generated().get(0);
        assertEquals("team-a", generated.path("metadata").path("namespace").asText());
        assertEquals("NetworkPolicy", generated.path("kind").asText());
    }

    @Test
    void librariesParseImagesServiceAccountsAndRefuseTheNetwork() {
        CelPolicy policy = compile("""
                apiVersion: policies.kyverno.io/v1alpha1
                kind: ValidatingPolicy
                metadata:
                  name: libs
                spec:
                  matchConstraints:
                    resourceRules:
                    - apiGroups: [""]
                      apiVersions: [v1]
                      operations: [CREATE]
                      resources: [pods]
                  validations:
                  - expression: image('nginx:1.27').repository() == 'library/nginx'
                  - expression: image('ghcr.io/a/b@sha256:' + '0'.repeat(64)).tag() == ''
                  - expression: parseServiceAccount('system:serviceaccount:ns:sa').Name == 'sa'
                  - expression: sha256('a') == 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb'
                  - expression: >-
                      json.unmarshal('{"a": [1]}').a[0] == 1
                  - expression: >-
                      yaml.parse('a: b').a == 'b'
                  - expression: object.spec.missing.orValue('x') == 'x'
                """.replace("'0'.repeat(64)", "'" + "0".repeat(64) + "'"));
        CelRequest request = CelRequest.of(pod(POD), null, "CREATE", null, null, Map.of());
        EngineResponse r = policy.evaluate(request, null, List.of(), empty()).get(0);
        assertEquals("pass", r.rules().get(0).status().label(), r.rules().get(0).message());
    }

    @Test
    void deletingPoliciesAreReadAndNotApplied() {
        CelPolicy policy = compile("""
                apiVersion: policies.kyverno.io/v1alpha1
                kind: DeletingPolicy
                metadata:
                  name: cleanup
                spec:
                  schedule: "*/5 * * * *"
                  matchConstraints:
                    resourceRules:
                    - apiGroups: [""]
                      apiVersions: [v1]
                      operations: ["*"]
                      resources: [pods]
                  conditions:
                  - name: old
                    expression: "true"
                """);
        CelRequest request = CelRequest.of(pod(POD), null, "CREATE", null, null, Map.of());
        EngineResponse r = policy.evaluate(request, null, List.of(), empty()).get(0);
        assertEquals("error", r.rules().get(0).status().label());
        assertTrue(r.rules().get(0).message().contains("not applicable offline"));
    }

    @Test
    void httpCallsReadATestsMocksAndAreRefusedOtherwise() {
        CelPolicy policy = compile("""
                apiVersion: policies.kyverno.io/v1alpha1
                kind: ValidatingPolicy
                metadata:
                  name: allow-list
                spec:
                  matchConstraints:
                    resourceRules:
                    - apiGroups: [""]
                      apiVersions: [v1]
                      operations: [CREATE]
                      resources: [pods]
                  validations:
                  - expression: >-
                      http.Get("https://allow.example/pods").body.allowed == true
                """);
        CelRequest request = CelRequest.of(pod(POD), null, "CREATE", null, null, Map.of());
        JsonNode mock = ManifestReader.create().readDocuments("m.yaml", """
                body:
                  allowed: true
                statusCode: 200
                """).get(0).content();
        CelContext mocked = new CelContext(List::of, "no resources", Map.of(), Map.of(),
                Map.of("GET:https://allow.example/pods", mock));
        assertEquals("pass", policy.evaluate(request, null, List.of(), mocked).get(0).rules().get(0).status().label());
        var refused = policy.evaluate(request, null, List.of(), empty()).get(0).rules().get(0);
        assertEquals("error", refused.status().label());
        assertTrue(refused.message().contains("makes no HTTP requests"), refused.message());
    }
}
