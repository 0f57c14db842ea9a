package dev.palisade.junit;

import static dev.palisade.junit.PalisadeAssertions.assertCompliant;
import static dev.palisade.junit.PalisadeAssertions.assertDenied;
import static dev.palisade.junit.PalisadeAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Exemption;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Match;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.Palisade;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.policy.LoadedPolicies;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The assertions over real policies ({@code builtin:default} from policy-rules) and fixtures, with the
 * exact failure messages a developer reads.
 */
class PalisadeAssertionsTest {
    private static final LoadedPolicies DEFAULT = Palisade.policies("builtin:default");
    private static final PolicySet POLICIES = PolicySet.of(DEFAULT);
    /** Paths as a test in a host's build names them, relative to the module directory. */
    private static final Path COMPLIANT = Path.of("src/test/resources/compliant");
    private static final Path VIOLATIONS = Path.of("src/test/resources/violations/web.yaml");

    private static Pod fabric8Pod(boolean privileged) {
        return new PodBuilder().withNewMetadata().withName("debug").withNamespace("tools").endMetadata()
                .withNewSpec().addNewContainer().withName("shell").withImage("registry.example.com/tools/shell:2.1")
                .withNewSecurityContext().withPrivileged(privileged).endSecurityContext()
                .withNewResources().addToLimits("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
                .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("64Mi")).endResources()
                .endContainer().endSpec().build();
    }

    @Test
    void compliantManifestsPass() {
        Report report = assertCompliant(COMPLIANT, DEFAULT);
        assertEquals(2, report.results().size());
        assertCompliant(COMPLIANT, POLICIES);
        assertCompliant(Palisade.manifests(COMPLIANT.toString()), POLICIES);
    }

    @Test
    void violationsFailWithEveryFindingAtItsLine() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> assertCompliant(VIOLATIONS, DEFAULT));
        assertEquals("""
                expected the input to comply with 3 policies, but found 2 violations:
                src/test/resources/violations/web.yaml:21:13: critical no-privileged-containers container "debug" must \
                not set securityContext.privileged to true (deny, Deployment shop/web container debug)
                src/test/resources/violations/web.yaml:15:11: medium no-latest-tag container "web" uses image \
                "registry.example.com/shop/web:latest" with the mutable tag :latest (warn, Deployment shop/web container web)
                policy                     findings  action       severity  top namespaces
                no-privileged-containers          1  deny         critical  shop (1)
                no-latest-tag                     1  warn         medium    shop (1)
                1 resource, 2 violations (1 deny, 1 warn, 0 dryrun), 0 suppressed, 0 errors""", failure.getMessage());
    }

    @Test
    void exemptedFindingsPassButAreListedWhenSomethingElseFails() {
        PolicySet exempted = PolicySet.builder().add(DEFAULT)
                .exemption(new Exemption("debug-sidecar", List.of("no-privileged-containers"), Match.ALL,
                        List.of("debug"), "break-glass debugging", "sre", Optional.empty(), SourceLocation.UNKNOWN))
                .build();
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> assertCompliant(VIOLATIONS, exempted));
        assertTrue(failure.getMessage().startsWith("expected the input to comply with 3 policies, but found 1 violation:\n"
                + "src/test/resources/violations/web.yaml:15:11: medium no-latest-tag"), failure.getMessage());
        assertTrue(failure.getMessage().contains("\nsrc/test/resources/violations/web.yaml:21:13: suppressed critical "
                + "no-privileged-containers"), failure.getMessage());
        PolicySet bothExempted = PolicySet.builder().add(DEFAULT)
                .exemption(new Exemption("web-waiver", List.of("no-privileged-containers", "no-latest-tag"), Match.ALL,
                        List.of(), "migration", "web-team", Optional.empty(), SourceLocation.UNKNOWN))
                .build();
        assertEquals(2, assertCompliant(VIOLATIONS, bothExempted).totals().suppressed());
    }

    @Test
    void aPolicyThatCannotBeLoadedFailsEvenCompliantInput() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> assertCompliant(COMPLIANT, Palisade.policies("builtin:default", "src/test/resources/no-such-policies")));
        assertTrue(failure.getMessage().startsWith("expected no errors, but 1 error left part of the input or the "
                + "policies unevaluated:\n"), failure.getMessage());
        assertTrue(failure.getMessage().contains("no-such-policies"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("0 violations (0 deny, 0 warn, 0 dryrun), 0 suppressed, 1 error"),
                failure.getMessage());
    }

    @Test
    void inputThatCannotBeReadFailsWithItsLocation() {
        AssertionFailedError malformed = assertThrows(AssertionFailedError.class,
                () -> assertCompliant(Path.of("src/test/resources/malformed"), POLICIES));
        assertTrue(malformed.getMessage().contains("src/test/resources/malformed/broken.yaml:6:8: error: a [list] or {mapping} written inline is not closed"),
                malformed.getMessage());
        AssertionFailedError missing = assertThrows(AssertionFailedError.class,
                () -> assertCompliant(Path.of("src/test/resources/no-such-dir"), POLICIES));
        assertTrue(missing.getMessage().contains("no-such-dir"), missing.getMessage());
    }

    @Test
    void nothingJudgedIsNotCompliance(@TempDir Path empty) {
        AssertionFailedError nothing = assertThrows(AssertionFailedError.class, () -> assertCompliant(empty, POLICIES));
        assertEquals("expected Kubernetes objects to judge, but none was read (a wrong path, an empty directory, or "
                + "only files that are skipped?):\n0 resources, 0 violations (0 deny, 0 warn, 0 dryrun), 0 suppressed, "
                + "0 errors", nothing.getMessage());
        AssertionFailedError noPolicies = assertThrows(AssertionFailedError.class,
                () -> assertCompliant(COMPLIANT, PolicySet.builder().build()));
        assertTrue(noPolicies.getMessage().startsWith("expected policies to judge the input, but the policy set is empty"),
                noPolicies.getMessage());
    }

    @Test
    void aPrivilegedFabric8PodIsDeniedAtItsField() {
        Resource pod = Resource.fromObject(fabric8Pod(true));
        Report report = assertDenied(pod, DEFAULT, "no-privileged-containers");
        assertThat(report).hasViolationAt("no-privileged-containers", "<object>#/spec/containers/0/securityContext/privileged")
                .hasViolationCount(1);
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> assertCompliant(pod, POLICIES));
        assertEquals("""
                expected the input to comply with 3 policies, but found 1 violation:
                <object>#/spec/containers/0/securityContext/privileged: critical no-privileged-containers container \
                "shell" must not set securityContext.privileged to true (deny, Pod tools/debug container shell)
                1 resource, 1 violation (1 deny, 0 warn, 0 dryrun), 0 suppressed, 0 errors""", failure.getMessage());
        assertCompliant(Resource.fromObject(fabric8Pod(false)), DEFAULT);
    }

    @Test
    void assertDeniedFailsWhenThePolicyOnlyWarnsOrSaysNothing() {
        AssertionFailedError warns = assertThrows(AssertionFailedError.class,
                () -> assertDenied(VIOLATIONS, POLICIES, "no-latest-tag"));
        assertTrue(warns.getMessage().startsWith("expected policy no-latest-tag to deny, but it only reported with "
                + "action warn:\n"), warns.getMessage());
        assertTrue(warns.getMessage().contains("\nsrc/test/resources/violations/web.yaml:15:11: medium no-latest-tag"),
                warns.getMessage());
        AssertionFailedError nothing = assertThrows(AssertionFailedError.class,
                () -> assertDenied(COMPLIANT, POLICIES, "no-privileged-containers"));
        assertTrue(nothing.getMessage().startsWith("expected policy no-privileged-containers to deny, but it reported "
                + "nothing:\n"), nothing.getMessage());
        assertDenied(VIOLATIONS, DEFAULT, "no-privileged-containers");
    }

    @Test
    void aMisspeltPolicyIdFailsWithTheIdsThereAre() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> assertDenied(VIOLATIONS, POLICIES, "no-privileged-container"));
        assertTrue(failure.getMessage().startsWith("policy no-privileged-container is not in the policy set; its "
                + "policies: no-privileged-containers, no-latest-tag, resources-limits-required:\n"), failure.getMessage());
    }

    @Test
    void fluentChecksOnAReport() {
        Report report = POLICIES.audit(ManifestReader.create().readString("chart-output.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop}
                spec:
                  containers:
                    - name: web
                      image: registry.example.com/shop/web:1.4.2
                """), dev.palisade.core.EvaluationContext.defaults());
        // a missing limit warns: allowed, yet not free of findings
        assertThat(report).isAllowed().hasViolation("resources-limits-required")
                .hasViolationAt("resources-limits-required", "chart-output.yaml:6:7").hasViolationCount(1);
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> assertThat(report).hasNoFindings());
        assertTrue(failure.getMessage().startsWith("expected no findings, but found 1 violation:\nchart-output.yaml:6:7: "
                + "medium resources-limits-required"), failure.getMessage());
        AssertionFailedError wrongPlace = assertThrows(AssertionFailedError.class,
                () -> assertThat(report).hasViolationAt("resources-limits-required", "chart-output.yaml:1:1"));
        assertTrue(wrongPlace.getMessage().startsWith("expected a violation of resources-limits-required at "
                + "chart-output.yaml:1:1, but there is none:\n"), wrongPlace.getMessage());
        AssertionFailedError denied = assertThrows(AssertionFailedError.class,
                () -> assertThat(POLICIES.audit(Palisade.manifests(VIOLATIONS.toString()),
                        dev.palisade.core.EvaluationContext.defaults())).isAllowed());
        assertTrue(denied.getMessage().startsWith("expected the input to be allowed, but the decision is deny:\n"),
                denied.getMessage());
    }
}
