package dev.palisade.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.Report;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsonReportWriterTest {
    private static Report report;
    private static JsonNode json;

    @BeforeAll
    static void write() throws IOException {
        report = SampleReports.full();
        StringWriter out = new StringWriter();
        ReportWriters.of(ReportFormat.JSON, ReportOptions.defaults()).write(report, out);
        json = new ObjectMapper().readTree(out.toString());
    }

    @Test
    void summaryHasTheContractFieldsAndAgreesWithTheResults() {
        JsonNode summary = json.get("summary");
        assertEquals(Set.of("resources", "violations", "suppressed", "errors", "byAction", "decision", "totals"),
                fieldNames(summary));
        assertEquals(json.get("results").size(), summary.get("resources").asInt());
        int violations = 0;
        int suppressed = 0;
        int deny = 0;
        int warn = 0;
        int dryrun = 0;
        for (JsonNode result : json.get("results")) {
            violations += result.get("violations").size();
            suppressed += result.get("suppressed").size();
            for (JsonNode v : result.get("violations")) {
                switch (v.get("action").asText()) {
                    case "deny" -> deny++;
                    case "warn" -> warn++;
                    case "dryrun" -> dryrun++;
                    default -> throw new AssertionError("unknown action " + v);
                }
            }
        }
        assertEquals(violations, summary.get("violations").asInt());
        assertEquals(suppressed, summary.get("suppressed").asInt());
        assertEquals(json.get("errors").size(), summary.get("errors").asInt());
        assertEquals(deny, summary.get("byAction").get("deny").asInt());
        assertEquals(warn, summary.get("byAction").get("warn").asInt());
        assertEquals(dryrun, summary.get("byAction").get("dryrun").asInt());
        assertTrue(deny > 0 && warn > 0 && dryrun > 0 && suppressed > 0, "the sample exercises every action");
        assertTrue(json.get("errors").size() > 0, "the sample has errors of input and policies");
        assertEquals("error", summary.get("decision").asText(), "a run with errors never reads as allowed or denied");
    }

    @Test
    void oneResultPerResourceReadAllowedOnesIncluded() {
        assertEquals(report.results().size(), json.get("results").size());
        JsonNode service = resultFor("Service", "web");
        assertEquals("allow", service.get("decision").asText());
        assertEquals(0, service.get("violations").size());
        assertEquals(Set.of("resource", "source", "decision", "violations", "suppressed"), fieldNames(service));
        assertEquals(Set.of("apiVersion", "kind", "namespace", "name"), fieldNames(service.get("resource")));
        assertEquals("v1", service.get("resource").get("apiVersion").asText());
        assertEquals("prod", service.get("resource").get("namespace").asText());
        assertTrue(service.get("source").get("file").asText().endsWith(SampleReports.MIXED));
        assertEquals(0, service.get("source").get("document").asInt());
        assertEquals(SampleReports.lineOf(SampleReports.MIXED, "apiVersion: v1"), service.get("source").get("line").asInt());
        JsonNode configMap = resultFor("ConfigMap", "settings");
        assertEquals(1, configMap.get("source").get("document").asInt());
        assertEquals(SampleReports.lineOf(SampleReports.MIXED, "kind: ConfigMap") - 1,
                configMap.get("source").get("line").asInt(), "a document starts at its first line");
    }

    @Test
    void violationPointsAtTheOffendingFieldNotTheResource() {
        JsonNode deployment = resultFor("Deployment", "web");
        assertEquals("deny", deployment.get("decision").asText());
        assertEquals("apps/v1", deployment.get("resource").get("apiVersion").asText());
        JsonNode privileged = violation(deployment, "no-privileged");
        assertEquals(Set.of("policy", "message", "severity", "action", "path", "line", "column", "container"),
                fieldNames(privileged));
        assertEquals("/spec/template/spec/containers/0/securityContext/privileged", privileged.get("path").asText());
        assertEquals(SampleReports.lineOf(SampleReports.DEPLOYMENT, "privileged: true"), privileged.get("line").asInt());
        assertEquals(13, privileged.get("column").asInt(), "column of the privileged key");
        assertEquals("high", privileged.get("severity").asText());
        assertEquals("deny", privileged.get("action").asText());
        assertEquals("app", privileged.get("container").asText());
        JsonNode latest = violation(deployment, "no-latest-tag");
        assertEquals(SampleReports.lineOf(SampleReports.DEPLOYMENT, "web:latest"), latest.get("line").asInt());
        assertEquals("warn", latest.get("action").asText());
    }

    @Test
    void suppressedFindingsCarryTheExemption() {
        JsonNode pod = resultFor("Pod", "debug");
        assertEquals("warn", pod.get("decision").asText(), "the exempted deny no longer counts");
        JsonNode suppressed = pod.get("suppressed").get(0);
        assertEquals("no-privileged", suppressed.get("policy").asText());
        assertEquals("debug-pod", suppressed.get("exemption").asText());
        assertEquals("break-glass debugging pod", suppressed.get("reason").asText());
        assertEquals("2027-01-01T00:00:00Z", suppressed.get("expires").asText());
        assertEquals(SampleReports.lineOf(SampleReports.MIXED, "privileged: true"), suppressed.get("line").asInt());
    }

    @Test
    void unknownPositionsAreNullNeverZero() {
        JsonNode host = resultFor("Pod", "host-pod");
        // a host object has no file: it is named <object>
        assertEquals("<object>", host.get("source").get("file").asText());
        assertTrue(host.get("source").get("line").isNull());
        JsonNode privileged = violation(host, "no-privileged");
        assertTrue(privileged.get("line").isNull());
        assertTrue(privileged.get("column").isNull());
        assertEquals("/spec/containers/0/securityContext/privileged", privileged.get("path").asText());
    }

    @Test
    void errorsNameFileLineAndMessage() {
        List<String> messages = new ArrayList<>();
        boolean malformedSeen = false;
        for (JsonNode error : json.get("errors")) {
            assertTrue(fieldNames(error).containsAll(Set.of("file", "line", "column", "message")));
            messages.add(error.get("message").asText());
            if (error.get("file").asText().endsWith(SampleReports.MALFORMED)) {
                malformedSeen = true;
                assertTrue(error.get("line").asInt() > 0, error.toString());
            }
        }
        assertTrue(malformedSeen, "the malformed fixture is reported: " + messages);
        assertTrue(messages.stream().anyMatch(m -> m.contains("size limit parameter is missing")), messages.toString());
    }

    @Test
    void expiredExemptionsAreListed() {
        JsonNode expired = json.get("expiredExemptions");
        assertEquals(1, expired.size());
        assertEquals("old-latest-waiver", expired.get(0).get("name").asText());
        assertEquals("exemptions.yaml", expired.get(0).get("file").asText());
    }

    private static JsonNode resultFor(String kind, String name) {
        for (JsonNode result : json.get("results")) {
            JsonNode resource = result.get("resource");
            if (resource.get("kind").asText().equals(kind) && resource.get("name").asText().equals(name)) {
                return result;
            }
        }
        throw new AssertionError("no result for " + kind + " " + name);
    }

    private static JsonNode violation(JsonNode result, String policy) {
        for (JsonNode v : result.get("violations")) {
            if (v.get("policy").asText().equals(policy)) {
                return v;
            }
        }
        throw new AssertionError("no " + policy + " violation in " + result);
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void writesNothingButJson() throws IOException {
        StringWriter out = new StringWriter();
        ReportWriters.of(ReportFormat.JSON, ReportOptions.defaults()).write(SampleReports.of(SampleReports.MIXED), out);
        JsonNode again = new ObjectMapper().readTree(out.toString());
        assertFalse(again.get("results").isEmpty());
        assertEquals(3, again.get("summary").get("resources").asInt());
    }
}
