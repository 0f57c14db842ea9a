package dev.palisade.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Decision;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.policy.PolicyLoader;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Result;
import dev.palisade.rules.BuiltinCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The pattern for teams: render the chart (here a checked-in rendering), judge it with the same
 * policies CI and the cluster use, and fail the build with readable findings.
 */
class ChartComplianceTest {
    /** Compiled once for the whole test class; policy sets are immutable and thread-safe. */
    private static final PolicySet POLICIES = load("builtin:default", "builtin:pod-security/restricted:latest");

    private static PolicySet load(String... references) {
        LoadedPolicies loaded = PolicyLoader.builder().catalogue(new BuiltinCatalogue()).build().load(List.of(references));
        assertEquals(List.of(), loaded.errors());
        return PolicySet.of(loaded.policies());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ChartComplianceTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Fails with every finding, one per line, as a developer wants to read it. */
    static void assertCompliant(String name, String yaml) {
        Manifests manifests = ManifestReader.create().readString(name, yaml);
        assertEquals(List.of(), manifests.errors(), "the manifests must parse");
        Report report = POLICIES.audit(manifests.resources(), EvaluationContext.defaults());
        List<Finding> findings = report.results().stream().map(Result::violations).flatMap(List::stream).toList();
        String listing = findings.stream()
                .map(f -> f.location().display() + ": " + f.policyId() + ": " + f.message())
                .collect(Collectors.joining("\n"));
        assertTrue(findings.isEmpty(), "policy findings:\n" + listing);
        assertEquals(Decision.ALLOW, report.decision());
    }

    @Test
    void theRenderedChartComplies() throws IOException {
        assertCompliant("rendered-chart.yaml", resource("rendered-chart.yaml"));
    }

    @Test
    void aRegressionFailsWithTheOffendingLine() throws IOException {
        String regressed = resource("rendered-chart.yaml").replace("allowPrivilegeEscalation: false",
                "allowPrivilegeEscalation: true");
        AssertionError failure = assertThrows(AssertionError.class,
                () -> assertCompliant("rendered-chart.yaml", regressed));
        assertTrue(failure.getMessage().contains("rendered-chart.yaml:23:13: pod-security/restricted:latest: "
                + "violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false"),
                failure.getMessage());
    }
}
