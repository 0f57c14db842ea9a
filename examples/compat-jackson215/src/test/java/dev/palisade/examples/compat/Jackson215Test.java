package dev.palisade.examples.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.Version;
import dev.palisade.core.Decision;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.Manifests;
import dev.palisade.core.Palisade;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.report.ReportFormat;
import dev.palisade.core.report.ReportOptions;
import dev.palisade.core.report.ReportWriters;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library as a host on Jackson 2.15 runs it: the README's embedding, through the public API only. */
class Jackson215Test {
    private static final Path ROOT = Path.of(System.getProperty("palisade.root", "../.."));

    @Test
    void theClassPathHasJackson215() {
        for (Version v : List.of(com.fasterxml.jackson.core.json.PackageVersion.VERSION,
                com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION)) {
            assertEquals("2.15", v.getMajorVersion() + "." + v.getMinorVersion(), v.toFullString());
        }
    }

    @Test
    void readsTheExampleRepositoryAndEvaluatesTheDefaultPolicies() throws Exception {
        LoadedPolicies loaded = Palisade.policies("builtin:default");
        assertEquals(List.of(), loaded.errors());
        Manifests manifests = Palisade.manifests(ROOT.resolve("examples/manifests").toString());
        assertEquals(List.of(), manifests.errors());
        assertEquals(10, manifests.resources().size());

        Report report = PolicySet.of(loaded).audit(manifests, EvaluationContext.defaults());
        assertEquals(Decision.DENY, report.decision());
        assertFalse(report.allowed());
        Finding privileged = report.results().stream().flatMap(r -> r.violations().stream())
                .filter(f -> f.policyId().equals("no-privileged-containers")).findFirst().orElseThrow();
        assertTrue(privileged.message().contains("\"netdebug\""), privileged.message());

        StringWriter json = new StringWriter();
        ReportWriters.of(ReportFormat.SARIF, ReportOptions.defaults()).write(report, json);
        assertTrue(json.toString().contains("\"ruleId\" : \"no-privileged-containers\"")
                || json.toString().contains("\"ruleId\":\"no-privileged-containers\""), json.toString());
    }

    @Test
    void readsJsonManifestsWithTheirLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pod.json");
        Files.writeString(file, """
                {
                  "apiVersion": "v1",
                  "kind": "Pod",
                  "metadata": {"name": "web", "namespace": "shop"},
                  "spec": {"containers": [{"name": "web", "image": "nginx:latest",
                    "securityContext": {"privileged": true}}]}
                }
                """);
        Manifests manifests = Palisade.manifests(file.toString());
        assertEquals(List.of(), manifests.errors());
        Resource pod = manifests.resources().get(0);
        assertEquals("web", pod.id().name());
        Report report = PolicySet.of(Palisade.policies("builtin:default")).audit(manifests, EvaluationContext.defaults());
        Finding privileged = report.results().get(0).violations().stream()
                .filter(f -> f.policyId().equals("no-privileged-containers")).findFirst().orElseThrow();
        assertEquals(6, privileged.location().line(), privileged.toString());
    }

    @Test
    void aMissingPolicyDirectoryFailsClosed(@TempDir Path dir) {
        LoadedPolicies loaded = Palisade.policies("builtin:default", dir.resolve("no-such-policies").toString());
        assertEquals(1, loaded.errors().size(), loaded.errors().toString());
        Report report = PolicySet.of(loaded).audit(Palisade.manifests(dir.resolve("no-such-k8s").toString()),
                EvaluationContext.defaults());
        assertEquals(Decision.ERROR, report.decision());
        assertFalse(report.allowed());
    }
}
