package dev.palisade.kyverno;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.policy.PolicyLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kyverno policies loaded by discovery and judged like any Palisade policy. */
class KyvernoFormatTest {
    private static final String POLICIES = """
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: disallow-latest
              annotations:
                policies.kyverno.io/title: Disallow latest
                policies.kyverno.io/severity: high
            spec:
              validationFailureAction: Enforce
              background: false
              rules:
              - name: no-latest
                match:
                  any:
                  - resources:
                      kinds: [Pod]
                validate:
                  failureActionOverrides:
                  - action: Audit
                    namespaces: [sandbox]
                  message: "An image tag is required and must not be latest."
                  pattern:
                    spec:
                      containers:
                      - image: "*:* & !*:latest"
            ---
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: needs-owner
            spec:
              validationFailureAction: Audit
              rules:
              - name: owner
                match:
                  any:
                  - resources:
                      kinds: [Pod]
                validate:
                  message: "owner label is missing on {{ request.object.metadata.name }}"
                  deny:
                    conditions:
                      any:
                      - key: "{{ request.object.metadata.labels.owner || '' }}"
                        operator: Equals
                        value: ""
            ---
            apiVersion: kyverno.io/v2
            kind: PolicyException
            metadata:
              name: legacy
              namespace: kyverno
            spec:
              exceptions:
              - policyName: needs-owner
                ruleNames: [owner]
              match:
                any:
                - resources:
                    kinds: [Pod]
                    names: [legacy-*]
            """;

    private static final String PODS = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: prod
            spec:
              containers:
              - name: app
                image: nginx:latest
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: legacy-app
              namespace: sandbox
            spec:
              containers:
              - name: app
                image: nginx:latest
            """;

    private static LoadedPolicies load(String text) {
        ManifestReader reader = ManifestReader.create();
        PolicyLoader loader = PolicyLoader.builder().reader(reader).discover().build();
        return loader.compile(reader.readString("policies.yaml", text).resources());
    }

    private static Report check(EnforcementPoint point) {
        LoadedPolicies loaded = load(POLICIES);
        assertTrue(loaded.errors().isEmpty(), loaded.errors().toString());
        PolicySet set = PolicySet.builder().addAll(loaded.policies()).build();
        List<Resource> pods = ManifestReader.create().readString("pods.yaml", PODS).resources();
        return set.audit(pods, EvaluationContext.builder().enforcementPoint(point).build());
    }

    @Test
    void failingRulesAreFindingsAtTheOffendingFieldWithKyvernoMessages() {
        Report report = check(EnforcementPoint.CI);
        Finding web = report.results().get(0).violations().stream()
                .filter(f -> f.policyId().equals("disallow-latest")).findFirst().orElseThrow();
        assertEquals(EnforcementAction.DENY, web.action());
        assertEquals("Disallow latest", web.policy().title());
        assertEquals(9, web.location().line());
        assertEquals("validation error: An image tag is required and must not be latest. rule no-latest failed at path"
                + " /spec/containers/0/image/", web.message());
        Finding owner = report.results().get(0).violations().stream()
                .filter(f -> f.policyId().equals("needs-owner")).findFirst().orElseThrow();
        assertEquals(EnforcementAction.WARN, owner.action());
        assertEquals("owner label is missing on web", owner.message());
    }

    @Test
    void namespaceOverridesAndPolicyExceptionsApply() {
        Report report = check(EnforcementPoint.CI);
        List<Finding> sandbox = report.results().get(1).violations();
        assertEquals(1, sandbox.size(), sandbox.toString());
        assertEquals("disallow-latest", sandbox.get(0).policyId());
        assertEquals(EnforcementAction.WARN, sandbox.get(0).action());
    }

    @Test
    void auditMeansDryRunAtAdmissionAndBackgroundFalseSkipsAudits() {
        Report admission = check(EnforcementPoint.ADMISSION);
        Finding owner = admission.results().get(0).violations().stream()
                .filter(f -> f.policyId().equals("needs-owner")).findFirst().orElseThrow();
        assertEquals(EnforcementAction.DRYRUN, owner.action());
        Report audit = check(EnforcementPoint.AUDIT);
        assertTrue(audit.results().get(0).violations().stream().noneMatch(f -> f.policyId().equals("disallow-latest")));
    }

    @Test
    void ruleErrorsFailClosed() {
        String broken = """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: broken
                spec:
                  rules:
                  - name: unresolved
                    match:
                      any:
                      - resources:
                          kinds: [Pod]
                    validate:
                      deny:
                        conditions:
                          all:
                          - key: "{{ request.object.metadata.labels.missing }}"
                            operator: Equals
                            value: x
                """;
        LoadedPolicies loaded = load(broken);
        PolicySet set = PolicySet.builder().addAll(loaded.policies()).build();
        Report report = set.audit(ManifestReader.create().readString("pods.yaml", PODS).resources(),
                EvaluationContext.defaults());
        assertEquals(2, report.allErrors().size(), report.allErrors().toString());
        assertTrue(report.allErrors().get(0).message().contains("failed to check deny conditions"),
                report.allErrors().get(0).message());
        assertEquals(1, report.results().get(0).violations().size());
    }

    @Test
    void unknownKindsOfTheCelGroupAreLoadErrors() {
        LoadedPolicies loaded = load("""
                apiVersion: policies.kyverno.io/v1alpha1
                kind: HTTPAuthorizationPolicy
                metadata:
                  name: authz
                spec: {}
                """);
        assertEquals(0, loaded.policies().size());
        assertEquals(1, loaded.errors().size());
        assertTrue(loaded.errors().get(0).message().contains("is not a Kyverno CEL policy kind Palisade reads"),
                loaded.errors().get(0).message());
    }
}
