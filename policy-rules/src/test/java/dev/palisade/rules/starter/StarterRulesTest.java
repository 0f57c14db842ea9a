package dev.palisade.rules.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Result;
import dev.palisade.rules.BuiltinCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StarterRulesTest {

    private static List<Finding> run(Policy policy, String fixture) throws IOException {
        try (InputStream in = StarterRulesTest.class.getResourceAsStream(fixture)) {
            Manifests manifests = ManifestReader.create().readString(fixture,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(manifests.errors().isEmpty(), manifests.errors().toString());
            Report report = PolicySet.of(List.of(policy)).audit(manifests.resources(), EvaluationContext.defaults());
            List<Finding> findings = new ArrayList<>();
            for (Result result : report.results()) {
                findings.addAll(result.violations());
            }
            return findings;
        }
    }

    private static JsonNode params(String yaml) {
        return ManifestReader.create().readDocuments("params.yaml", yaml).get(0).content();
    }

    @Test
    void argoRolloutsAreJudgedLikeDeployments() throws IOException {
        List<Finding> findings = new ArrayList<>();
        for (Policy policy : BuiltinCatalogue.defaults()) {
            findings.addAll(run(policy, "privileged-latest-rollout.fail.yaml"));
        }
        assertEquals(List.of("no-privileged-containers /spec/template/spec/containers/0/securityContext/privileged",
                "no-latest-tag /spec/template/spec/containers/0/image",
                "resources-limits-required /spec/template/spec/containers/0/resources/limits"),
                findings.stream().map(f -> f.policyId() + " " + f.path()).toList());
        assertEquals(24, findings.get(0).location().line(), "the line of privileged: true");
        List<Finding> restricted = run(new BuiltinCatalogue().resolve("pod-security/restricted:latest").orElseThrow()
                .get(0), "privileged-latest-rollout.fail.yaml");
        assertTrue(restricted.stream().anyMatch(f -> f.message().contains("privileged")), restricted.toString());
    }

    @Test
    void privilegedContainersAreDeniedAtTheirField() throws IOException {
        List<Finding> findings = run(new NoPrivilegedContainers(), "privileged-container.fail.yaml");
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("container \"agent\" must not set securityContext.privileged to true", finding.message());
        assertEquals("/spec/template/spec/containers/0/securityContext/privileged", finding.path());
        assertEquals(EnforcementAction.DENY, finding.action());
        assertTrue(run(new NoPrivilegedContainers(), "privileged-container.pass.yaml").isEmpty());
    }

    @Test
    void latestAndMissingTagsWarn() throws IOException {
        List<Finding> findings = run(new NoLatestTag(), "latest-tag.fail.yaml");
        assertEquals(2, findings.size());
        assertEquals("init container \"fetch\" uses image \"registry.local:5000/tools/fetch\" without a tag, which"
                + " means :latest", findings.get(0).message());
        assertEquals("/spec/jobTemplate/spec/template/spec/initContainers/0/image", findings.get(0).path());
        assertTrue(findings.get(1).message().contains("mutable tag :latest"));
        assertEquals(EnforcementAction.WARN, findings.get(1).action());
        assertTrue(run(new NoLatestTag(), "latest-tag.pass.yaml").isEmpty());
    }

    @Test
    void tagParsingIgnoresRegistryPorts() {
        assertEquals("", NoLatestTag.tagOf("registry.local:5000/app"));
        assertEquals("1.0", NoLatestTag.tagOf("registry.local:5000/app:1.0"));
        assertEquals("", NoLatestTag.tagOf("nginx"));
    }

    @Test
    void limitsAreRequiredOnRegularAndInitContainers() throws IOException {
        List<Finding> findings = run(new ResourceLimitsRequired(), "missing-limits.fail.yaml");
        assertEquals(List.of("container \"db\" has no cpu limit", "container \"exporter\" has no cpu or memory limit"),
                findings.stream().map(Finding::message).toList());
        assertEquals("/spec/template/spec/containers/1/resources/limits", findings.get(1).path());
        assertTrue(run(new ResourceLimitsRequired(), "missing-limits.pass.yaml").isEmpty());
    }

    @Test
    void allowedNamespacesTakesGlobs() throws IOException {
        AllowedNamespaces policy = AllowedNamespaces.fromParameters(params("namespaces: ['team-*']"));
        List<Finding> findings = run(policy, "namespaces.fail.yaml");
        assertEquals(2, findings.size());
        assertEquals("Deployment \"web\" is in namespace \"default\", which is not allowed; allowed: team-*",
                findings.get(0).message());
        assertEquals("/metadata/namespace", findings.get(0).path());
        assertTrue(findings.get(1).message().contains("has no metadata.namespace"));
        assertTrue(run(policy, "namespaces.pass.yaml").isEmpty());
        assertThrows(PalisadeException.class, () -> AllowedNamespaces.fromParameters(params("namespaces: []")));
    }

    @Test
    void requiredLabelsWithPatterns() throws IOException {
        RequiredLabels policy = RequiredLabels.fromParameters(params(
                "labels: [{key: owner, allowedRegex: 'team-[a-z]+'}, app.kubernetes.io/name]"));
        List<Finding> findings = run(policy, "labels.fail.yaml");
        assertEquals(List.of(
                "label \"owner\" has value \"nobody-in-particular\", which does not match team-[a-z]+",
                "missing required label \"app.kubernetes.io/name\"",
                "missing required label \"owner\"",
                "missing required label \"app.kubernetes.io/name\""),
                findings.stream().map(Finding::message).toList());
        assertEquals("/metadata/labels/owner", findings.get(0).path());
        assertTrue(run(policy, "labels.pass.yaml").isEmpty());
        PalisadeException bad = assertThrows(PalisadeException.class,
                () -> RequiredLabels.fromParameters(params("labels: [{key: a, allowedRegex: '(unclosed'}]")));
        assertTrue(bad.getMessage().contains("not a valid RE2 pattern"));
    }

    @Test
    void defaultSetDeniesPrivilegedAndWarnsOnTheRest() {
        BuiltinCatalogue catalogue = new BuiltinCatalogue();
        List<Policy> defaults = catalogue.resolve("default").orElseThrow();
        assertEquals(List.of("no-privileged-containers", "no-latest-tag", "resources-limits-required"),
                defaults.stream().map(p -> p.metadata().id()).toList());
        PalisadeException needsParams = assertThrows(PalisadeException.class,
                () -> catalogue.resolve("required-labels"));
        assertTrue(needsParams.getMessage().contains("BuiltinPolicy"));
        assertTrue(catalogue.resolve("nope").isEmpty());
        assertEquals("required-labels",
                catalogue.configure("required-labels", params("labels: [a]")).orElseThrow().metadata().id());
    }
}
