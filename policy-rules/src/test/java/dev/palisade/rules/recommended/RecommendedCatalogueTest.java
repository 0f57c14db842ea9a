package dev.palisade.rules.recommended;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.Finding;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.Resource;
import dev.palisade.core.Severity;
import dev.palisade.rules.BuiltinCatalogue;
import dev.palisade.rules.Severities;
import dev.palisade.rules.podsecurity.CheckFailure;
import dev.palisade.rules.podsecurity.Level;
import dev.palisade.rules.podsecurity.LevelVersion;
import dev.palisade.rules.podsecurity.PodSecurityResult;
import dev.palisade.rules.podsecurity.PodSecurityStandards;
import dev.palisade.rules.podsecurity.PodSecurityVersion;
import dev.palisade.rules.recommended.internal.Catalogue;
import dev.palisade.rules.recommended.internal.Check;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecommendedCatalogueTest {

    static Stream<String> ids() {
        return Stream.concat(RecommendedCatalogue.ids().stream(), RecommendedCatalogue.parameterisedOnly().stream());
    }

    @ParameterizedTest
    @MethodSource("ids")
    void failFixtureReportsEachExpectedPath(String id) {
        String fixture = id + ".fail.yaml";
        List<String> expected = new ArrayList<>(Fixtures.expectedPaths(fixture));
        assertFalse(expected.isEmpty(), fixture + " declares no # expect: path");
        List<String> actual = new ArrayList<>();
        for (Finding f : Fixtures.audit(List.of(Fixtures.policy(id)), Fixtures.resources(fixture))) {
            actual.add(f.path());
            assertEquals(id, f.policyId());
            assertFalse(f.message().isBlank());
        }
        expected.sort(null);
        actual.sort(null);
        assertEquals(expected, actual, fixture);
    }

    @ParameterizedTest
    @MethodSource("ids")
    void passFixtureReportsNothing(String id) {
        List<Resource> resources = new ArrayList<>(Fixtures.resources("safe-environment.yaml"));
        resources.addAll(Fixtures.resources(id + ".pass.yaml"));
        List<Finding> findings = Fixtures.audit(List.of(Fixtures.policy(id)), resources);
        assertTrue(findings.isEmpty(), id + ".pass.yaml: " + findings);
    }

    /**
     * The safe fixture of every check, in the safe namespace, through the whole recommended set: no
     * finding beyond what the restricted Pod Security Standard also requires of that resource.
     */
    @ParameterizedTest
    @MethodSource("ids")
    void safeFixturePassesTheWholeRecommendedSet(String id) {
        List<Resource> fixture = Fixtures.resources(id + ".pass.yaml");
        List<Resource> resources = new ArrayList<>(Fixtures.resources("safe-environment.yaml"));
        resources.addAll(fixture);
        List<Finding> unexpected = new ArrayList<>();
        for (Finding finding : Fixtures.audit(RecommendedCatalogue.policies(), resources)) {
            if (!requiredByPodSecurity(finding, resources)) {
                unexpected.add(finding);
            }
        }
        assertTrue(unexpected.isEmpty(), id + ".pass.yaml: " + unexpected);
    }

    private static boolean requiredByPodSecurity(Finding finding, List<Resource> resources) {
        String problem = Catalogue.checks().stream().filter(c -> c.metadata().id().equals(finding.policyId()))
                .map(Check::problem).findFirst().orElse(finding.policyId());
        for (Resource r : resources) {
            if (!r.id().equals(finding.resource())) {
                continue;
            }
            Optional<PodSecurityResult> result = PodSecurityStandards.evaluate(
                    new LevelVersion(Level.RESTRICTED, PodSecurityVersion.parse("latest")), r);
            if (result.isEmpty()) {
                continue;
            }
            for (CheckFailure failure : result.get().failures()) {
                Optional<String> pss = Severities.podSecurityProblem(failure.checkId());
                if (pss.isPresent() && (pss.get().equals(problem)
                        || pss.get().equals("host-namespaces") && problem.startsWith("host-"))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void everyCheckTakesItsSeverityFromTheTable() {
        for (Check check : Catalogue.checks()) {
            assertEquals(Severities.of(check.problem()), check.metadata().severity(), check.metadata().id());
            assertFalse(check.metadata().title().isBlank(), check.metadata().id());
            assertFalse(check.metadata().description().isBlank(), check.metadata().id());
            assertFalse(check.metadata().remediation().isBlank(), check.metadata().id());
            assertFalse(check.standards().isEmpty(), check.metadata().id());
            assertEquals("docs/rules/" + check.metadata().id() + ".md", check.metadata().helpUrl());
        }
    }

    @Test
    void recommendedActionsFollowSeverityAndTaste() {
        for (Check check : Catalogue.checks()) {
            EnforcementAction expected = check.opinionated() ? EnforcementAction.DRYRUN
                    : check.metadata().severity() == Severity.CRITICAL ? EnforcementAction.DENY : EnforcementAction.WARN;
            assertEquals(expected, check.action(), check.metadata().id());
            assertEquals(Optional.of(expected), check.enforcement().at(EnforcementPoint.CI), check.metadata().id());
        }
    }

    @Test
    void idsAreUniqueAndEachIsAddressableAsABuiltin() {
        Set<String> seen = new HashSet<>();
        BuiltinCatalogue catalogue = new BuiltinCatalogue();
        for (String id : RecommendedCatalogue.ids()) {
            assertTrue(seen.add(id), id);
            List<Policy> resolved = catalogue.resolve(id).orElseThrow();
            assertEquals(1, resolved.size());
            assertEquals(id, resolved.get(0).metadata().id());
            assertTrue(catalogue.names().contains(id), id);
        }
        assertEquals(RecommendedCatalogue.policies(), catalogue.resolve("recommended").orElseThrow());
        assertTrue(catalogue.names().contains("untrusted-registry"));
        PalisadeException e = assertThrows(PalisadeException.class, () -> catalogue.resolve("untrusted-registry"));
        assertTrue(e.getMessage().contains("BuiltinPolicy"), e.getMessage());
    }

    @Test
    void defaultSetIsUnchanged() {
        List<String> ids = BuiltinCatalogue.defaults().stream().map(p -> p.metadata().id()).toList();
        assertEquals(List.of("no-privileged-containers", "no-latest-tag", "resources-limits-required"), ids);
        Map<String, Severity> severities = Map.of("no-privileged-containers", Severity.CRITICAL, "no-latest-tag",
                Severity.MEDIUM, "resources-limits-required", Severity.MEDIUM);
        for (Policy p : BuiltinCatalogue.defaults()) {
            assertEquals(severities.get(p.metadata().id()), p.metadata().severity());
        }
    }

    @Test
    void configurableChecksReadTheirParameters() {
        Policy target = RecommendedCatalogue.configure("removed-api-version", Fixtures.params("targetVersion: v1.21"))
                .orElseThrow();
        List<Resource> resources = Fixtures.resources("removed-api-version.fail.yaml");
        List<Finding> findings = Fixtures.audit(List.of(target), resources);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("extensions/v1beta1"), findings.get(0).message());
        assertThrows(PalisadeException.class, () -> RecommendedCatalogue.configure("removed-api-version",
                Fixtures.params("targetVersion: next")));
        Policy labels = RecommendedCatalogue.configure("ownership-labels",
                Fixtures.params("required: [owner]\nanyOf: [[cost-center, team]]")).orElseThrow();
        List<Finding> labelFindings = Fixtures.audit(List.of(labels), Fixtures.resources("ownership-labels.pass.yaml"));
        assertEquals(1, labelFindings.size(), labelFindings.toString());
        assertTrue(labelFindings.get(0).message().contains("owner"));
        assertThrows(PalisadeException.class, () -> RecommendedCatalogue.configure("untrusted-registry",
                Fixtures.params("registries: []")));
    }

    @Test
    void rbacFindingsNameTheBindingChain() {
        List<Finding> findings = Fixtures.audit(List.of(RecommendedCatalogue.check("rbac-secrets-read").orElseThrow()),
                Fixtures.resources("rbac-secrets-read.fail.yaml"));
        Finding onRole = findings.stream().filter(f -> f.resource().kind().equals("Role")).findFirst().orElseThrow();
        assertEquals("Role \"shop/app-reader\" rule 1 grants get, list on secrets (bound by RoleBinding"
                + " \"shop/app-binding\" to ServiceAccount \"shop/web\")", onRole.message());
        Finding onBinding = findings.stream().filter(f -> f.resource().name().equals("editors")).findFirst()
                .orElseThrow();
        assertTrue(onBinding.message().contains("built-in ClusterRole \"edit\""), onBinding.message());
        assertTrue(onBinding.location().line() > 0);
    }

    @Test
    void referentialChecksSayNothingWithoutTheirReferences() {
        // A RoleBinding to a ClusterRole that is neither in the input nor a well-known built-in.
        List<Resource> binding = Fixtures.resources("rbac-default-service-account-bound.pass.yaml");
        for (String id : List.of("rbac-secrets-read", "rbac-cluster-admin-binding", "rbac-create-pods")) {
            assertTrue(Fixtures.audit(List.of(RecommendedCatalogue.check(id).orElseThrow()), binding).isEmpty(), id);
        }
        // A workload judged alone (an admission request: no inventory) is not reported for network policies.
        Resource deployment = Fixtures.resources("workload-without-network-policy.fail.yaml").get(0);
        Policy coverage = RecommendedCatalogue.check("workload-without-network-policy").orElseThrow();
        assertTrue(dev.palisade.core.PolicySet.of(List.of(coverage))
                .evaluate(deployment, dev.palisade.core.EvaluationContext.defaults()).violations().isEmpty());
    }

    @Test
    void podSecurityFindingsCarryTheSeverityOfTheirProblem() {
        Policy restricted = PodSecurityStandards.policy(Level.RESTRICTED, "latest");
        List<Finding> findings = Fixtures.audit(List.of(restricted), Fixtures.resources("no-privileged-containers.fail.yaml"));
        Finding privileged = findings.stream().filter(f -> f.message().contains("privileged")).findFirst().orElseThrow();
        assertEquals(Severity.CRITICAL, privileged.severity());
        assertEquals(Severities.of("privileged-container"),
                RecommendedCatalogue.check("no-privileged-containers").orElseThrow().metadata().severity());
        Finding hostNetwork = Fixtures.audit(List.of(restricted), Fixtures.resources("host-network.fail.yaml")).stream()
                .filter(f -> f.message().contains("host namespaces")).findFirst().orElseThrow();
        assertEquals(Severities.of("host-network"), hostNetwork.severity());
    }
}
