package dev.palisade.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.palisade.core.Finding;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PolicyReportWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant TIME = Instant.parse("2026-03-01T12:30:45.123456789Z");

    private static ReportOptions options(PolicyReportApi api) {
        return ReportOptions.defaults().withBaseDirectory(SampleReports.resources()).withPolicyReportApi(api)
                .withRun(RunInfo.unknown().withTimestamp(TIME).withRevision("0123456789abcdef"))
                .withOwners(SampleReports.owners());
    }

    private static String write(ReportFormat format, ReportOptions options, Report report) throws IOException {
        StringWriter out = new StringWriter();
        ReportWriters.of(format, options).write(report, out);
        return out.toString();
    }

    /** The YAML stream's documents, read the way Kubernetes reads YAML (1.1 scalars). */
    private static List<JsonNode> documents(String yaml) {
        Manifests read = ManifestReader.create().readString("reports.yaml", yaml);
        assertEquals(List.of(), read.errors());
        return read.resources().stream().map(Resource::object).toList();
    }

    static Schema schema(PolicyReportApi api) throws IOException {
        String name = "/policyreport/" + api.apiVersion().replace('/', '-') + ".schema.json";
        try (InputStream in = PolicyReportWriterTest.class.getResourceAsStream(name)) {
            JsonNode schema = MAPPER.readTree(in);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
        }
    }

    @ParameterizedTest
    @EnumSource(PolicyReportApi.class)
    void everyDocumentIsValidAgainstTheCrdSchema(PolicyReportApi api) throws IOException {
        Schema schema = schema(api);
        List<JsonNode> documents = documents(write(ReportFormat.POLICYREPORT, options(api), SampleReports.full()));
        assertEquals(4, documents.size(), "cluster report (run errors) + prod, tools and default namespaces");
        for (JsonNode document : documents) {
            List<Error> errors = schema.validate(document);
            assertEquals(List.of(), errors, document.toPrettyString());
        }
        assertEquals(List.of(api.clusterKind(), api.namespacedKind(), api.namespacedKind(), api.namespacedKind()),
                documents.stream().map(d -> d.get("kind").asText()).toList());
        assertEquals(List.of("", "default", "prod", "tools"),
                documents.stream().map(d -> d.path("metadata").path("namespace").asText()).toList());
        assertEquals(api.hasReportSource(), documents.get(1).has("source"));
    }

    @ParameterizedTest
    @EnumSource(PolicyReportApi.class)
    void theSchemaRefusesWhatTheCrdsRefuse(PolicyReportApi api) throws IOException {
        Schema schema = schema(api);
        ObjectNode valid = (ObjectNode) documents(write(ReportFormat.POLICYREPORT, options(api),
                SampleReports.full())).get(2);
        assertEquals(List.of(), schema.validate(valid));
        ObjectNode badResult = valid.deepCopy();
        ((ObjectNode) badResult.get("results").get(0)).put("result", "maybe");
        assertFalse(schema.validate(badResult).isEmpty(), "result outside the enum");
        ObjectNode badSeverity = valid.deepCopy();
        ((ObjectNode) badSeverity.get("results").get(0)).put("severity", "urgent");
        assertFalse(schema.validate(badSeverity).isEmpty(), "severity outside the enum");
        ObjectNode noPolicy = valid.deepCopy();
        ((ObjectNode) noPolicy.get("results").get(0)).remove("policy");
        assertFalse(schema.validate(noPolicy).isEmpty(), "policy is required");
        ObjectNode unknownField = valid.deepCopy();
        ((ObjectNode) unknownField.get("results").get(0)).put("fingerprint", "x");
        assertFalse(schema.validate(unknownField).isEmpty(), "unknown fields are pruned by the API server");
        ObjectNode numberProperty = valid.deepCopy();
        ((ObjectNode) numberProperty.get("results").get(0).get("properties")).put("line", 3);
        assertFalse(schema.validate(numberProperty).isEmpty(), "properties are strings");
        ObjectNode wrongKind = valid.deepCopy();
        wrongKind.put("kind", api.clusterKind());
        assertFalse(schema.validate(wrongKind).isEmpty(), "a cluster report has no namespace");
    }

    @Test
    void resultsCoverEveryEvaluatedPairWithItsOutcome() throws IOException {
        Report report = SampleReports.full();
        List<JsonNode> documents = documents(write(ReportFormat.POLICYREPORT,
                options(PolicyReportApi.WGPOLICY_V1ALPHA2), report));
        Map<String, JsonNode> byNamespace = new HashMap<>();
        documents.forEach(d -> byNamespace.put(d.path("metadata").path("namespace").asText(), d));

        JsonNode prod = byNamespace.get("prod");
        assertEquals("palisade", prod.get("metadata").get("name").asText());
        assertEquals("palisade", prod.get("metadata").get("labels").get("app.kubernetes.io/managed-by").asText());
        assertEquals("0123456789abcdef", prod.get("metadata").get("annotations").get("palisade.dev/revision").asText());
        JsonNode privileged = only(prod, "no-privileged", "fail");
        assertEquals("high", privileged.get("severity").asText());
        assertEquals("Security", privileged.get("category").asText());
        assertEquals("container app is privileged", privileged.get("message").asText());
        assertEquals(TIME.getEpochSecond(), privileged.get("timestamp").get("seconds").asLong());
        assertEquals(TIME.getNano(), privileged.get("timestamp").get("nanos").asInt());
        assertEquals(List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "namespace", "prod", "name", "web")),
                MAPPER.convertValue(privileged.get("resources"), List.class));
        JsonNode properties = privileged.get("properties");
        assertEquals("report/" + SampleReports.DEPLOYMENT + ":" + SampleReports.lineOf(SampleReports.DEPLOYMENT,
                "privileged: true") + ":13", properties.get("location").asText());
        assertEquals("/spec/template/spec/containers/0/securityContext/privileged", properties.get("path").asText());
        assertEquals("app", properties.get("container").asText());
        assertEquals("deny", properties.get("action").asText());
        Finding finding = report.results().stream().flatMap(r -> r.violations().stream())
                .filter(f -> f.policyId().equals("no-privileged")).findFirst().orElseThrow();
        assertEquals(finding.fingerprint(), properties.get("fingerprint").asText());
        assertFalse(properties.has("team"), "the Deployment has no team label: unowned");

        JsonNode teamLabelOnService = results(prod).stream().filter(r -> r.get("policy").asText().equals("team-label")
                && r.get("resources").get(0).get("kind").asText().equals("Service")).findFirst().orElseThrow();
        assertEquals("pass", teamLabelOnService.get("result").asText(), "an evaluated policy that found nothing");
        assertEquals("payments", teamLabelOnService.get("properties").get("team").asText());
        assertEquals("low", teamLabelOnService.get("severity").asText());

        JsonNode error = only(prod, "configmap-size", "error");
        assertEquals("size limit parameter is missing", error.get("message").asText());
        assertEquals("ConfigMap", error.get("resources").get(0).get("kind").asText());

        JsonNode tools = byNamespace.get("tools");
        JsonNode skipped = only(tools, "no-privileged", "skip");
        assertEquals("debug-pod", skipped.get("properties").get("exemption").asText());
        assertEquals("break-glass debugging pod", skipped.get("properties").get("reason").asText());
        assertEquals("sre@example.com", skipped.get("properties").get("owner").asText());
        assertEquals("2027-01-01T00:00:00Z", skipped.get("properties").get("expires").asText());
        assertFalse(skipped.has("scored"));
        assertEquals("fail", only(tools, "no-latest-tag", "fail").get("result").asText());

        JsonNode cluster = byNamespace.get("");
        assertEquals("ClusterPolicyReport", cluster.get("kind").asText());
        JsonNode readError = results(cluster).get(0);
        assertEquals("error", readError.get("result").asText());
        assertEquals("palisade", readError.get("policy").asText());
        assertEquals("input", readError.get("rule").asText());
        assertTrue(readError.get("properties").get("location").asText().startsWith("report/" + SampleReports.MALFORMED),
                readError.toString());

        for (JsonNode document : documents) {
            Map<String, Integer> counted = new HashMap<>();
            results(document).forEach(r -> counted.merge(r.get("result").asText(), 1, Integer::sum));
            for (String status : List.of("pass", "fail", "warn", "error", "skip")) {
                assertEquals(counted.getOrDefault(status, 0), document.get("summary").get(status).asInt(), status);
            }
        }
        int pairs = 0;
        for (Result result : report.results()) {
            pairs += result.evaluated().size();
        }
        long passes = documents.stream().flatMap(d -> results(d).stream())
                .filter(r -> r.get("result").asText().equals("pass")).count();
        long judged = report.results().stream().mapToLong(r -> r.evaluated().stream().filter(p ->
                r.violations().stream().noneMatch(f -> f.policyId().equals(p))
                        && r.suppressed().stream().noneMatch(f -> f.policyId().equals(p))
                        && r.errors().stream().noneMatch(e -> e.policyId().equals(p))).count()).sum();
        assertEquals(judged, passes, "one pass per evaluated pair without findings or errors");
        assertTrue(passes > 0 && passes < pairs);
    }

    @ParameterizedTest
    @EnumSource(PolicyReportApi.class)
    void theJsonListHoldsTheSameObjectsAsTheYamlStream(PolicyReportApi api) throws IOException {
        Report report = SampleReports.full();
        List<JsonNode> yaml = documents(write(ReportFormat.POLICYREPORT, options(api), report));
        JsonNode list = MAPPER.readTree(write(ReportFormat.POLICYREPORT_JSON, options(api), report));
        assertEquals("v1", list.get("apiVersion").asText());
        assertEquals("List", list.get("kind").asText());
        List<JsonNode> items = new ArrayList<>();
        list.get("items").forEach(items::add);
        assertEquals(yaml, items);
    }

    @Test
    void aCleanRunHasNoClusterReportAndTheNamespacesItJudged() throws IOException {
        List<JsonNode> documents = documents(write(ReportFormat.POLICYREPORT,
                options(PolicyReportApi.OPENREPORTS_V1ALPHA1), SampleReports.of(SampleReports.DEPLOYMENT)));
        assertEquals(1, documents.size());
        assertEquals("Report", documents.get(0).get("kind").asText());
        assertEquals("palisade", documents.get(0).get("source").asText());
        assertEquals(0, documents.get(0).get("summary").get("pass").asInt(), "every policy found something on web");
        assertEquals(3, documents.get(0).get("summary").get("fail").asInt());
    }

    @Test
    void toolNamesBecomeValidObjectNames() {
        assertEquals("palisade", PolicyReportWriter.objectName("palisade"));
        assertEquals("my-scanner-2", PolicyReportWriter.objectName("My Scanner_2!"));
        assertEquals("palisade", PolicyReportWriter.objectName("***"));
        assertEquals(63, PolicyReportWriter.objectName("x".repeat(100)).length());
    }

    /** Whatever a message holds, the YAML stream gives it back as the same string. */
    @Property(tries = 400)
    void yamlKeepsEveryStringAsWritten(@ForAll String message) throws IOException {
        ObjectNode object = MAPPER.createObjectNode();
        object.put("apiVersion", "v1");
        object.put("kind", "ConfigMap");
        object.putObject("metadata").put("name", "m");
        object.putObject("data").put("message", message).put("yes", "yes").put("number", "1.0");
        StringWriter out = new StringWriter();
        PolicyReportWriter.yaml(List.of(object, object), out);
        List<JsonNode> read = documents(out.toString());
        assertEquals(2, read.size());
        String expected = new String(message.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        JsonNode data = read.get(0).get("data");
        if (expected.chars().allMatch(c -> c == '\t' || c == '\n' || c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f)
                && c != 0xFEFF && !(c >= 0xD800 && c <= 0xDFFF) && c != 0xFFFE && c != 0xFFFF)) {
            assertEquals(expected, data.get("message").asText());
        }
        assertEquals("yes", data.get("yes").asText());
        assertTrue(data.get("yes").isTextual() && data.get("number").isTextual(), "YAML 1.1 booleans stay strings");
    }

    private static List<JsonNode> results(JsonNode report) {
        List<JsonNode> all = new ArrayList<>();
        report.get("results").forEach(all::add);
        return all;
    }

    private static JsonNode only(JsonNode report, String policy, String status) {
        List<JsonNode> matching = results(report).stream().filter(r -> r.get("policy").asText().equals(policy)
                && r.get("result").asText().equals(status)).toList();
        assertEquals(1, matching.size(), policy + " " + status + " in " + report);
        return matching.get(0);
    }
}
