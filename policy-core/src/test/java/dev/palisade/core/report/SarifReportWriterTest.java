package dev.palisade.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.Finding;
import dev.palisade.core.Report;
import dev.palisade.core.Result;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SarifReportWriterTest {
    private static Report report;
    private static String text;
    private static JsonNode run;

    @BeforeAll
    static void write() throws IOException {
        report = SampleReports.full();
        text = sarif(report);
        JsonNode sarif = new ObjectMapper().readTree(text);
        assertEquals("2.1.0", sarif.get("version").asText());
        assertEquals(SarifReportWriter.SCHEMA, sarif.get("$schema").asText());
        assertEquals(1, sarif.get("runs").size());
        run = sarif.get("runs").get(0);
        // The sample CI validates with .ci/validate-sarif.sh (see docs/output-formats.md).
        Path target = Path.of(System.getProperty("palisade.root", "."), "policy-core", "target", "sarif");
        if (Files.isDirectory(target.getParent())) {
            Files.createDirectories(target);
            Files.writeString(target.resolve("sample.sarif"), text, StandardCharsets.UTF_8);
        }
    }

    private static String sarif(Report r) throws IOException {
        StringWriter out = new StringWriter();
        ReportOptions options = ReportOptions.defaults().withBaseDirectory(SampleReports.resources())
                .withTool("palisade", "0.1.0");
        ReportWriters.of(ReportFormat.SARIF, options).write(r, out);
        return out.toString();
    }

    @Test
    void everyEvaluatedPolicyIsARuleWithHelpAndSeverity() {
        JsonNode driver = run.get("tool").get("driver");
        assertEquals("palisade", driver.get("name").asText());
        assertEquals("0.1.0", driver.get("version").asText());
        assertEquals("https://palisade.dev", driver.get("informationUri").asText());
        JsonNode rules = driver.get("rules");
        assertEquals(report.policies().size(), rules.size());
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            assertEquals(report.policies().get(i).id(), rule.get("id").asText());
            for (String field : List.of("name", "shortDescription", "fullDescription", "help",
                    "defaultConfiguration", "properties")) {
                assertTrue(rule.has(field), rule.get("id") + " lacks " + field);
            }
            assertFalse(rule.get("help").get("text").asText().isBlank());
            assertFalse(rule.get("help").get("markdown").asText().isBlank());
        }
        JsonNode privileged = rules.get(0);
        assertEquals("NoPrivileged", privileged.get("name").asText());
        assertEquals("error", privileged.get("defaultConfiguration").get("level").asText());
        assertEquals("8.0", privileged.get("properties").get("security-severity").asText());
        assertTrue(privileged.get("properties").get("security-severity").isTextual());
        assertEquals("https://palisade.dev/rules/no-privileged", privileged.get("helpUri").asText());
        JsonNode relative = rules.get(1);
        assertFalse(relative.has("helpUri"), "SARIF requires an absolute helpUri; a relative link is not one");
        assertTrue(relative.get("help").get("markdown").asText().contains("(docs/rules/no-latest-tag.md)"));
        assertTrue(privileged.get("help").get("markdown").asText().contains("Remove securityContext.privileged"));
        assertTrue(privileged.get("help").get("text").asText().contains("Remediation: Remove"));
        Set<String> tags = new HashSet<>();
        privileged.get("properties").get("tags").forEach(t -> tags.add(t.asText()));
        assertTrue(tags.containsAll(Set.of("security", "pod-security", "kubernetes")), tags.toString());
        assertEquals("warning", rules.get(1).get("defaultConfiguration").get("level").asText());
        assertFalse(rules.get(3).get("properties").has("security-severity"), "info carries no security score");
    }

    @Test
    void resultsPointAtTheOffendingNodeRelativeToTheBase() {
        JsonNode result = resultFor("no-privileged", "web");
        assertEquals(0, result.get("ruleIndex").asInt());
        assertEquals("error", result.get("level").asText());
        assertEquals("container app is privileged (Deployment prod/web, container app).",
                result.get("message").get("text").asText(), "the first sentence names the resource");
        JsonNode physical = result.get("locations").get(0).get("physicalLocation");
        assertEquals("report/" + SampleReports.DEPLOYMENT, physical.get("artifactLocation").get("uri").asText());
        assertEquals("%SRCROOT%", physical.get("artifactLocation").get("uriBaseId").asText());
        assertEquals(SampleReports.lineOf(SampleReports.DEPLOYMENT, "privileged: true"),
                physical.get("region").get("startLine").asInt());
        assertTrue(physical.get("region").get("startColumn").asInt() > 1);
        assertTrue(run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText().startsWith("file:///"));
        assertTrue(run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText().endsWith("/"));
        JsonNode properties = result.get("properties");
        assertEquals("deny", properties.get("action").asText());
        assertEquals("Deployment", properties.get("resource").get("kind").asText());
        assertEquals("prod", properties.get("resource").get("namespace").asText());
        assertEquals("/spec/template/spec/containers/0/securityContext/privileged", properties.get("path").asText());
        assertEquals("prod/Deployment.apps/web",
                result.get("locations").get(0).get("logicalLocations").get(0).get("fullyQualifiedName").asText());
    }

    @Test
    void noRegionIsEverLineZeroOrInventedAndUnknownPositionsHaveNone() {
        int results = 0;
        for (JsonNode result : run.get("results")) {
            results++;
            JsonNode physical = result.get("locations").get(0).get("physicalLocation");
            if (physical != null && physical.has("region")) {
                assertTrue(physical.get("region").get("startLine").asInt() >= 1);
            }
        }
        int findings = 0;
        for (Result r : report.results()) {
            findings += r.violations().size() + r.suppressed().size();
        }
        assertEquals(findings, results);
        JsonNode host = resultFor("no-privileged", "host-pod");
        assertFalse(host.get("locations").get(0).has("physicalLocation"), "a host object has no file");
        assertEquals("host-pod", host.get("locations").get(0).get("logicalLocations").get(0).get("name").asText());
    }

    @Test
    void exemptedFindingsAreSuppressedResults() {
        JsonNode debug = resultFor("no-privileged", "debug");
        JsonNode suppression = debug.get("suppressions").get(0);
        assertEquals("external", suppression.get("kind").asText());
        assertEquals("accepted", suppression.get("status").asText());
        assertEquals("break-glass debugging pod", suppression.get("justification").asText());
        assertEquals("debug-pod", suppression.get("properties").get("exemption").asText());
        assertFalse(resultFor("no-privileged", "web").has("suppressions"));
    }

    @Test
    void errorsAreToolExecutionNotifications() {
        JsonNode invocation = run.get("invocations").get(0);
        assertFalse(invocation.get("executionSuccessful").asBoolean());
        JsonNode notifications = invocation.get("toolExecutionNotifications");
        assertEquals(report.allErrors().size(), notifications.size());
        boolean policyError = false;
        for (JsonNode n : notifications) {
            assertEquals("error", n.get("level").asText());
            if (n.has("associatedRule")) {
                policyError = true;
                assertEquals("configmap-size", n.get("associatedRule").get("id").asText());
                assertEquals(3, n.get("associatedRule").get("index").asInt());
            }
        }
        assertTrue(policyError);
    }

    @Test
    void fingerprintsAreStableAndDistinguishFindings() throws IOException {
        JsonNode again = new ObjectMapper().readTree(sarif(SampleReports.full())).get("runs").get(0);
        Set<String> prints = new HashSet<>();
        for (int i = 0; i < run.get("results").size(); i++) {
            String print = run.get("results").get(i).get("partialFingerprints")
                    .get(SarifReportWriter.FINGERPRINT_KEY).asText();
            assertEquals(print, again.get("results").get(i).get("partialFingerprints")
                    .get(SarifReportWriter.FINGERPRINT_KEY).asText());
            assertTrue(prints.add(print), "fingerprint repeated: " + print);
        }
        Finding finding = report.results().get(0).violations().get(0);
        Finding moved = new Finding(finding.policy(), finding.resource(), finding.message(), finding.action(),
                finding.path(), finding.location().at(99, 1), finding.container(), finding.suppression());
        assertEquals(SarifReportWriter.fingerprint(finding), SarifReportWriter.fingerprint(moved),
                "line shifts keep the fingerprint");
        Finding otherPath = new Finding(finding.policy(), finding.resource(), finding.message(), finding.action(),
                finding.path() + "x", finding.location(), finding.container(), finding.suppression());
        assertNotEquals(SarifReportWriter.fingerprint(finding), SarifReportWriter.fingerprint(otherPath));
    }

    @Test
    void cleanRunHasEmptyResultsAndSucceeds() throws IOException {
        Report clean = new Report(List.of(), List.of(), report.policies(), List.of());
        JsonNode cleanRun = new ObjectMapper().readTree(sarif(clean)).get("runs").get(0);
        assertEquals(0, cleanRun.get("results").size());
        assertTrue(cleanRun.get("results").isArray());
        assertTrue(cleanRun.get("invocations").get(0).get("executionSuccessful").asBoolean());
    }

    @Test
    void filesOutsideTheBaseGetAbsoluteUris() throws IOException {
        StringWriter out = new StringWriter();
        ReportOptions options = ReportOptions.defaults()
                .withBaseDirectory(SampleReports.resources().resolve("report").resolve("nowhere"));
        ReportWriters.of(ReportFormat.SARIF, options).write(SampleReports.of(SampleReports.DEPLOYMENT), out);
        JsonNode location = new ObjectMapper().readTree(out.toString()).get("runs").get(0).get("results").get(0)
                .get("locations").get(0).get("physicalLocation").get("artifactLocation");
        assertTrue(location.get("uri").asText().startsWith("file:///"), location.toString());
        assertFalse(location.has("uriBaseId"));
    }

    private static JsonNode resultFor(String ruleId, String resourceName) {
        for (JsonNode result : run.get("results")) {
            if (result.get("ruleId").asText().equals(ruleId)
                    && result.get("properties").get("resource").get("name").asText().equals(resourceName)) {
                return result;
            }
        }
        throw new AssertionError("no " + ruleId + " result for " + resourceName);
    }
}
