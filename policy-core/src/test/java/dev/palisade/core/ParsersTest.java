package dev.palisade.core;

import dev.palisade.core.policy.MatchParser;
import dev.palisade.core.policy.EnforcementParser;
import dev.palisade.core.policy.ExemptionReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParsersTest {

    @Test
    void enforcementForms() {
        Enforcement fallback = Enforcement.of(EnforcementAction.DENY);
        assertEquals(fallback, EnforcementParser.parse(TestResources.node("{}"), fallback));
        assertEquals(Enforcement.of(EnforcementAction.WARN),
                EnforcementParser.parse(TestResources.node("enforcementAction: warn"), fallback));
        Enforcement perPoint = EnforcementParser.parse(
                TestResources.node("enforcementAction: {default: warn, admission: deny}"), fallback);
        assertEquals(Optional.of(EnforcementAction.DENY), perPoint.at(EnforcementPoint.ADMISSION));
        assertEquals(Optional.of(EnforcementAction.WARN), perPoint.at(EnforcementPoint.CI));
        Enforcement scoped = EnforcementParser.parse(TestResources.node("""
                enforcementAction: scoped
                scopedEnforcementActions:
                - action: warn
                  enforcementPoints: [{name: validation.gatekeeper.sh}]
                - action: deny
                  enforcementPoints: [{name: gator.gatekeeper.sh}, {name: validation.gatekeeper.sh}]
                """), fallback);
        assertEquals(Optional.of(EnforcementAction.DENY), scoped.at(EnforcementPoint.ADMISSION), "strongest wins");
        assertEquals(Optional.of(EnforcementAction.DENY), scoped.at(EnforcementPoint.CI));
        assertEquals(Optional.empty(), scoped.at(EnforcementPoint.AUDIT), "audit not listed: not enforced");
    }

    @Test
    void enforcementErrorsNameTheField() {
        Enforcement fallback = Enforcement.of(EnforcementAction.DENY);
        PalisadeException bad = assertThrows(PalisadeException.class,
                () -> EnforcementParser.parse(TestResources.node("enforcementAction: block"), fallback));
        assertTrue(bad.getMessage().startsWith("enforcementAction: unknown enforcement action 'block'"));
        PalisadeException point = assertThrows(PalisadeException.class, () -> EnforcementParser.parse(
                TestResources.node("enforcementAction: scoped\nscopedEnforcementActions: [{action: deny,"
                        + " enforcementPoints: [{name: webhook}]}]"), fallback));
        assertTrue(point.getMessage().contains("'webhook' is not supported; use one of"), point.getMessage());
        assertThrows(PalisadeException.class,
                () -> EnforcementParser.parse(TestResources.node("enforcementAction: scoped"), fallback));
    }

    @Test
    void vapPointNameMeansAdmission() {
        Enforcement vap = EnforcementParser.parse(TestResources.node("enforcementAction: scoped\n"
                + "scopedEnforcementActions: [{action: warn, enforcementPoints: [{name: vap.k8s.io}]}]"),
                Enforcement.of(EnforcementAction.DENY));
        assertEquals(Optional.of(EnforcementAction.WARN), vap.at(EnforcementPoint.ADMISSION));
        assertEquals(Optional.empty(), vap.at(EnforcementPoint.CI));
    }

    @Test
    void locatedEnforcementErrorsPointAtTheWrongNode() {
        Resource policy = TestResources.yaml("""
                apiVersion: palisade.dev/v1
                kind: Policy
                metadata: {name: p}
                spec:
                  enforcementAction: scoped
                  scopedEnforcementActions:
                  - action: deny
                    enforcementPoints: [{name: audit}]
                  - action: warn
                    enforcementPoints:
                    - name: admission
                    - name: webhook
                """);
        PalisadeException e = assertThrows(PalisadeException.class, () -> EnforcementParser.parse(
                policy.object().path("spec"), Enforcement.of(EnforcementAction.DENY),
                pointer -> policy.locate("/spec" + pointer)));
        assertTrue(e.getMessage().startsWith("scopedEnforcementActions[1].enforcementPoints[1].name: enforcement"
                + " point 'webhook'"), e.getMessage());
        assertEquals(12, e.location().orElseThrow().line(), e.describe());
        PalisadeException unlocated = assertThrows(PalisadeException.class, () -> EnforcementParser.parse(
                policy.object().path("spec"), Enforcement.of(EnforcementAction.DENY)));
        assertEquals(Optional.empty(), unlocated.location());
    }

    @Test
    void generatedSourceIsRefusedWithTheReason() {
        PalisadeException e = assertThrows(PalisadeException.class,
                () -> MatchParser.parse(TestResources.node("source: Generated"), "spec.match"));
        assertTrue(e.getMessage().contains("spec.match.source 'Generated' selects resources generated by expansion"),
                e.getMessage());
        assertEquals(Match.ALL, MatchParser.parse(TestResources.node("{source: '', scope: null, name: ''}"),
                "spec.match"), "empty or null fields are unset");
    }

    @Test
    void exemptionMatchErrorsPointAtTheField() {
        YamlDocument doc = ManifestReader.create().readDocuments("ex.yaml", """
                apiVersion: palisade.dev/v1
                kind: PolicyExemption
                metadata: {name: agent}
                spec:
                  policies: [no-privileged-containers]
                  reason: the node agent needs it
                  match:
                    namespaces:
                    - monitoring
                    - {name: logging}
                """).get(0);
        PalisadeException e = assertThrows(PalisadeException.class, () -> ExemptionReader.read(doc));
        assertEquals("spec.match.namespaces[1] must be a string", e.getMessage());
        assertEquals(10, e.location().orElseThrow().line(), e.describe());
    }

    @Test
    void exemptionDocuments() {
        List<YamlDocument> docs = ManifestReader.create().readDocuments("ex.yaml", """
                apiVersion: palisade.dev/v1
                kind: PolicyExemption
                metadata: {name: agent}
                spec:
                  policies: [no-privileged-containers]
                  match: {namespaces: [monitoring], kinds: [{apiGroups: [apps], kinds: [DaemonSet]}]}
                  containers: [agent]
                  reason: needs host access until v2
                  owner: team-observability
                  expires: 2027-01-31
                """);
        Exemption exemption = ExemptionReader.read(docs).get(0);
        assertEquals("agent", exemption.name());
        assertEquals(List.of("agent"), exemption.containers());
        assertEquals(Optional.of(Instant.parse("2027-02-01T00:00:00Z")), exemption.expires(),
                "a date is valid through that day");
        assertTrue(exemption.coversPolicy("no-privileged-containers"));
    }

    @Test
    void exemptionsNeedAReasonAndValidDates() {
        PalisadeException noReason = assertThrows(PalisadeException.class, () -> ExemptionReader.read(
                ManifestReader.create().readDocuments("ex.yaml", "apiVersion: palisade.dev/v1\nkind: PolicyExemption\n"
                        + "metadata: {name: x}\nspec: {policies: [a]}\n")));
        assertTrue(noReason.getMessage().contains("needs spec.reason"));
        assertEquals("ex.yaml", noReason.location().orElseThrow().file());
        PalisadeException badDate = assertThrows(PalisadeException.class, () -> ExemptionReader.read(
                ManifestReader.create().readDocuments("ex.yaml", "apiVersion: palisade.dev/v1\nkind: PolicyExemption\n"
                        + "metadata: {name: x}\nspec: {policies: [a], reason: r, expires: next week}\n")));
        assertTrue(badDate.getMessage().contains("write a date"), badDate.getMessage());
    }
}
