package dev.palisade.examples;

import static dev.palisade.junit.PalisadeAssertions.assertCompliant;
import static dev.palisade.junit.PalisadeAssertions.assertDenied;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.ManifestReader;
import dev.palisade.core.Palisade;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The pattern for teams: render the chart (here a checked-in rendering), judge it with the same
 * policies CI and the cluster use, and fail the build with readable findings (policy-junit's
 * {@code PalisadeAssertions}).
 */
class ChartComplianceTest {
    /**
     * Compiled once for the whole test class; policy sets are immutable and thread-safe. A reference
     * that cannot be loaded is an error of the set, and every assertion fails on it.
     */
    private static final PolicySet POLICIES = PolicySet.of(
            Palisade.policies("builtin:default", "builtin:pod-security/restricted:latest"));

    /** Where the chart's rendering is, relative to this module, as a test in your build names it. */
    private static final Path RENDERED = Path.of("src/test/resources/rendered-chart.yaml");

    @Test
    void theRenderedChartComplies() {
        assertCompliant(RENDERED, POLICIES);
    }

    @Test
    void aRegressionFailsWithTheOffendingLine() throws IOException {
        String regressed = Files.readString(RENDERED).replace("allowPrivilegeEscalation: false",
                "allowPrivilegeEscalation: true");
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> assertCompliant(
                ManifestReader.create().readString("rendered-chart.yaml", regressed), POLICIES));
        // the message a developer reads: every finding with file:line:col, severity and policy
        assertTrue(failure.getMessage().contains("\nrendered-chart.yaml:23:13: medium pod-security/restricted:latest "
                + "violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false"), failure.getMessage());
    }

    @Test
    void objectsBuiltInCodeAreJudgedAsTheyAre() {
        Pod debug = new PodBuilder().withNewMetadata().withName("debug").withNamespace("shop").endMetadata()
                .withNewSpec().addNewContainer().withName("shell").withImage("registry.example.com/tools/shell:2.1")
                .withNewSecurityContext().withPrivileged(true).endSecurityContext().endContainer().endSpec().build();
        // findings on an object in memory point at its field: <object>#/spec/containers/0/securityContext/privileged
        assertDenied(Resource.fromObject(debug), POLICIES, "no-privileged-containers");
    }
}
