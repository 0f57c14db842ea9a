package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PolicySetTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    image: nginx
                    securityContext:
                      privileged: true
                  - name: sidecar
                    image: envoy
                    securityContext:
                      privileged: true
            """;

    /** Reports every privileged container. */
    static class Privileged implements Policy {
        private final String id;
        private final Enforcement enforcement;
        final AtomicInteger calls = new AtomicInteger();

        Privileged(String id, Enforcement enforcement) {
            this.id = id;
            this.enforcement = enforcement;
        }

        @Override
        public PolicyMetadata metadata() {
            return PolicyMetadata.of(id, "no privileged", Severity.HIGH);
        }

        @Override
        public Match match() {
            return Match.ALL.withKinds(PodSpecView.podKinds());
        }

        @Override
        public Enforcement enforcement() {
            return enforcement;
        }

        @Override
        public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
            calls.incrementAndGet();
            for (ContainerView c : PodSpecView.of(resource).orElseThrow().containers()) {
                if (c.securityContext().path("privileged").asBoolean()) {
                    sink.report(c.name() + " is privileged", c.pathOf("securityContext/privileged"));
                }
            }
        }
    }

    /** Always fails. */
    static final class Broken implements Policy {
        private final FailurePolicy failurePolicy;

        Broken(FailurePolicy failurePolicy) {
            this.failurePolicy = failurePolicy;
        }

        @Override
        public PolicyMetadata metadata() {
            return PolicyMetadata.of("broken-" + failurePolicy.name().toLowerCase(), "broken", Severity.LOW);
        }

        @Override
        public Match match() {
            return Match.ALL;
        }

        @Override
        public Enforcement enforcement() {
            return Enforcement.of(EnforcementAction.DENY);
        }

        @Override
        public FailurePolicy failurePolicy() {
            return failurePolicy;
        }

        @Override
        public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
            throw new IllegalStateException("boom");
        }
    }

    private static Exemption exemption(String name, List<String> containers, Optional<Instant> expires) {
        return new Exemption(name, List.of("priv*"), Match.ALL.withNamespaces(List.of("shop")), containers,
                "vendor agent", "team-x", expires, SourceLocation.UNKNOWN);
    }

    @Test
    void findingsCarryPathsPositionsAndTheDecision() {
        PolicySet set = PolicySet.of(List.of(new Privileged("priv", Enforcement.of(EnforcementAction.DENY))));
        Result result = set.evaluate(TestResources.yaml(DEPLOYMENT), EvaluationContext.defaults());
        assertEquals(Decision.DENY, result.decision());
        assertEquals(2, result.violations().size());
        Finding first = result.violations().get(0);
        assertEquals("/spec/template/spec/containers/0/securityContext/privileged", first.path());
        assertEquals(Optional.of("app"), first.container());
        assertEquals("test.yaml", first.location().file());
        assertEquals(EnforcementAction.DENY, first.action());
    }

    @Test
    void findingsMayCarryASeverityOfTheirOwn() {
        Policy graded = new Privileged("graded", Enforcement.of(EnforcementAction.WARN)) {
            @Override
            public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
                sink.report("app", "/spec/template/spec/containers/0", Severity.CRITICAL);
                sink.report("sidecar", "/spec/template/spec/containers/1", EnforcementAction.DENY, Severity.LOW);
                sink.report("plain", "/spec");
            }
        };
        Result result = PolicySet.of(List.of(graded)).evaluate(TestResources.yaml(DEPLOYMENT),
                EvaluationContext.defaults());
        List<Finding> findings = result.violations();
        assertEquals(3, findings.size());
        assertEquals(Severity.CRITICAL, findings.get(0).severity());
        assertEquals(EnforcementAction.WARN, findings.get(0).action());
        assertEquals("graded", findings.get(0).policyId());
        assertEquals(Severity.LOW, findings.get(1).severity());
        assertEquals(EnforcementAction.DENY, findings.get(1).action());
        assertEquals(Severity.HIGH, findings.get(2).severity());
        assertEquals(Decision.DENY, result.decision());
    }

    @Test
    void indexSkipsPoliciesThatCannotMatchTheKind() {
        Privileged policy = new Privileged("priv", Enforcement.of(EnforcementAction.DENY));
        PolicySet set = PolicySet.of(List.of(policy));
        Result result = set.evaluate(TestResources.yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"),
                EvaluationContext.defaults());
        assertEquals(0, policy.calls.get());
        assertEquals(Decision.ALLOW, result.decision());
        assertTrue(set.candidates("", "ConfigMap").isEmpty());
        assertEquals(1, set.candidates("apps", "Deployment").size());
    }

    @Test
    void scopedEnforcementSkipsPointsNotListed() {
        Map<EnforcementPoint, EnforcementAction> scoped = new EnumMap<>(EnforcementPoint.class);
        scoped.put(EnforcementPoint.ADMISSION, EnforcementAction.DENY);
        scoped.put(EnforcementPoint.AUDIT, EnforcementAction.DRYRUN);
        Privileged policy = new Privileged("priv", Enforcement.scoped(scoped));
        PolicySet set = PolicySet.of(List.of(policy));
        Resource deployment = TestResources.yaml(DEPLOYMENT);
        assertEquals(Decision.ALLOW, set.evaluate(deployment, EvaluationContext.defaults()).decision());
        assertEquals(0, policy.calls.get(), "not enforced in CI, not even evaluated");
        Result audit = set.evaluate(deployment,
                EvaluationContext.builder().enforcementPoint(EnforcementPoint.AUDIT).build());
        assertEquals(Decision.ALLOW, audit.decision(), "dryrun findings allow");
        assertEquals(EnforcementAction.DRYRUN, audit.violations().get(0).action());
        Result admission = set.evaluate(deployment,
                EvaluationContext.builder().enforcementPoint(EnforcementPoint.ADMISSION).build());
        assertEquals(Decision.DENY, admission.decision());
    }

    @Test
    void decisionIsTheStrongestUnexemptedAction() {
        PolicySet set = PolicySet.of(List.of(new Privileged("priv-warn", Enforcement.of(EnforcementAction.WARN)),
                new Privileged("other-deny", Enforcement.of(EnforcementAction.DENY))));
        assertEquals(Decision.DENY, set.evaluate(TestResources.yaml(DEPLOYMENT), EvaluationContext.defaults()).decision());
        PolicySet exempted = PolicySet.builder().addAll(set.policies())
                .exemption(new Exemption("all", List.of("other-*"), Match.ALL, List.of(), "r", "", Optional.empty(),
                        SourceLocation.UNKNOWN)).build();
        Result result = exempted.evaluate(TestResources.yaml(DEPLOYMENT), EvaluationContext.defaults());
        assertEquals(Decision.WARN, result.decision());
        assertEquals(2, result.suppressed().size());
        assertEquals("all", result.suppressed().get(0).suppression().orElseThrow().exemption());
    }

    @Test
    void exemptionsCanBeLimitedToContainers() {
        PolicySet set = PolicySet.builder().add(new Privileged("priv", Enforcement.of(EnforcementAction.DENY)))
                .exemption(exemption("sidecar-only", List.of("side*"), Optional.empty())).build();
        Result result = set.evaluate(TestResources.yaml(DEPLOYMENT), EvaluationContext.defaults());
        assertEquals(1, result.violations().size());
        assertEquals(Optional.of("app"), result.violations().get(0).container());
        assertEquals(1, result.suppressed().size());
        assertEquals(Optional.of("sidecar"), result.suppressed().get(0).container());
        assertEquals(Decision.DENY, result.decision());
    }

    @Test
    void expiredExemptionsStopApplyingAndAreReported() {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        PolicySet set = PolicySet.builder().add(new Privileged("priv", Enforcement.of(EnforcementAction.DENY)))
                .exemption(exemption("old", List.of(), Optional.of(now.minusSeconds(1))))
                .exemption(exemption("current", List.of("app"), Optional.of(now.plusSeconds(60)))).build();
        EvaluationContext context = EvaluationContext.builder().clock(clock).build();
        Report report = set.evaluate(List.of(TestResources.yaml(DEPLOYMENT)).stream(), context);
        Result result = report.results().get(0);
        assertEquals(1, result.violations().size(), "the expired exemption no longer covers the sidecar");
        assertEquals("current", result.suppressed().get(0).suppression().orElseThrow().exemption());
        assertEquals(List.of("old"), report.expiredExemptions().stream().map(Exemption::name).toList());
    }

    @Test
    void annotationExemptionsAreOffUnlessEnabled() {
        String annotated = DEPLOYMENT.replace("  namespace: shop\n",
                "  namespace: shop\n  annotations:\n    palisade.dev/exempt: \"priv, other\"\n"
                        + "    palisade.dev/exempt-reason: legacy\n");
        Privileged policy = new Privileged("priv", Enforcement.of(EnforcementAction.DENY));
        Result off = PolicySet.of(List.of(policy)).evaluate(TestResources.yaml(annotated),
                EvaluationContext.defaults());
        assertEquals(2, off.violations().size());
        Result on = PolicySet.builder().add(policy).annotationExemptions(true).build()
                .evaluate(TestResources.yaml(annotated), EvaluationContext.defaults());
        assertEquals(0, on.violations().size());
        assertEquals("legacy", on.suppressed().get(0).suppression().orElseThrow().reason());
    }

    @Test
    void failingPoliciesFailClosedUnlessTheySayOtherwise() {
        PolicySet set = PolicySet.of(List.of(new Broken(FailurePolicy.FAIL), new Broken(FailurePolicy.IGNORE)));
        Result result = set.evaluate(TestResources.yaml(DEPLOYMENT), EvaluationContext.defaults());
        assertEquals(2, result.errors().size());
        assertEquals(1, result.violations().size());
        assertEquals("broken-fail", result.violations().get(0).policyId());
        assertTrue(result.violations().get(0).message().contains("boom"));
        assertEquals(Decision.DENY, result.decision());
    }

    @Test
    void matchErrorsAreReportedNotThrown() {
        Policy selective = new Privileged("priv", Enforcement.of(EnforcementAction.DENY)) {
            @Override
            public Match match() {
                return Match.ALL.withNamespaceSelector(new LabelSelector(Map.of("env", "prod"), List.of()));
            }
        };
        Result result = PolicySet.of(List.of(selective)).evaluate(TestResources.yaml(DEPLOYMENT),
                EvaluationContext.defaults());
        assertEquals(1, result.errors().size());
        assertTrue(result.errors().get(0).message().contains("Namespace 'shop'"));
    }

    @Test
    void auditSeesTheWholeInputAsInventoryAndTotalsAreSorted() {
        List<String> seen = new ArrayList<>();
        Policy inventoryReader = new Policy() {
            @Override
            public PolicyMetadata metadata() {
                return PolicyMetadata.of("count", "count", Severity.INFO);
            }

            @Override
            public Match match() {
                return Match.kinds(KindSelector.of("", "Pod"));
            }

            @Override
            public Enforcement enforcement() {
                return Enforcement.of(EnforcementAction.WARN);
            }

            @Override
            public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
                seen.add(resource.id().name() + ":" + context.inventory().ofKind("", "Pod").size());
                if (context.inventory().labelsOf(resource.id().namespace()).isPresent()) {
                    sink.report("namespace known", "");
                }
            }
        };
        List<Resource> input = TestResources.all("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: b, labels: {x: y}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: p1, namespace: b}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: p2, namespace: a}
                """);
        Report report = PolicySet.of(List.of(inventoryReader)).audit(input, EvaluationContext.defaults());
        assertEquals(List.of("p1:2", "p2:2"), seen);
        assertEquals(3, report.results().size());
        Report.Totals totals = report.totals();
        assertEquals(1, totals.violations());
        assertEquals(Map.of("b", 1), totals.byNamespace());
        assertEquals(Map.of(EnforcementAction.WARN, 1), totals.byAction());
        assertEquals(Decision.WARN, report.decision());
    }

    @Test
    void policyIdsMustBeUnique() {
        assertThrows(PalisadeException.class, () -> PolicySet.of(List.of(
                new Privileged("same", Enforcement.of(EnforcementAction.DENY)),
                new Privileged("same", Enforcement.of(EnforcementAction.WARN)))));
    }
}
