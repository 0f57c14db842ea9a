package dev.palisade.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.Finding;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Report;
import dev.palisade.core.ResourceId;
import dev.palisade.core.Result;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.Suppression;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes PolicyReport objects ({@code wgpolicyk8s.io/v1alpha2} PolicyReport and ClusterPolicyReport,
 * or {@code openreports.io/v1alpha1} Report and ClusterReport): one report per namespace, one cluster
 * report for cluster-scoped resources and for the run's errors. Every evaluated (resource, policy)
 * pair gets results: {@code pass} when the policy found nothing, {@code fail} per unexempted violation,
 * {@code skip} per exempted finding, {@code error} when the policy could not be evaluated on it.
 */
final class PolicyReportWriter implements ReportWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build());
    private static final String CLUSTER = "";

    private final ReportOptions options;
    private final boolean json;

    PolicyReportWriter(ReportOptions options, boolean json) {
        this.options = options;
        this.json = json;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        List<ObjectNode> reports = reports(report);
        if (json) {
            ObjectNode list = MAPPER.createObjectNode();
            list.put("apiVersion", "v1");
            list.put("kind", "List");
            list.putObject("metadata");
            ArrayNode items = list.putArray("items");
            reports.forEach(items::add);
            try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
                generator.useDefaultPrettyPrinter();
                MAPPER.writeTree(generator, list);
            }
            out.write('\n');
        } else {
            yaml(reports, out);
        }
        out.flush();
    }

    /**
     * Writes objects as a YAML stream, each document starting with {@code ---}, in block style; strings
     * that YAML 1.1 would read as another type ({@code yes}, {@code 1.0}, timestamps) are quoted.
     */
    static void yaml(List<ObjectNode> objects, Writer out) {
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dump.setExplicitStart(true);
        dump.setIndent(2);
        dump.setIndicatorIndent(2);
        dump.setIndentWithIndicator(true);
        dump.setSplitLines(false);
        dump.setWidth(Integer.MAX_VALUE);
        Yaml yaml = new Yaml(dump);
        List<Object> documents = new ArrayList<>();
        for (ObjectNode node : objects) {
            documents.add(MAPPER.convertValue(node, LinkedHashMap.class));
        }
        yaml.dumpAll(documents.iterator(), out);
    }

    /** The report objects: the cluster report first (when it has results), then namespaces by name. */
    List<ObjectNode> reports(Report report) {
        Map<String, PolicyMetadata> policies = new HashMap<>();
        for (PolicyMetadata policy : report.policies()) {
            policies.putIfAbsent(policy.id(), policy);
        }
        ArtifactPaths paths = new ArtifactPaths(options.baseDirectory());
        Map<String, ArrayNode> byNamespace = new TreeMap<>();
        for (Result result : report.results()) {
            ArrayNode results = byNamespace.computeIfAbsent(result.id().namespace(), n -> MAPPER.createArrayNode());
            addResults(results, result, policies, paths);
        }
        for (EvaluationError error : report.errors()) {
            ObjectNode entry = result(error.policyId().isEmpty() ? engine() : error.policyId(),
                    policies.get(error.policyId()), "error", Optional.empty());
            if (error.policyId().isEmpty()) {
                entry.put("rule", "input");
            }
            entry.put("message", error.message());
            ObjectNode properties = MAPPER.createObjectNode();
            location(error.location(), paths).ifPresent(l -> properties.put("location", l));
            if (!properties.isEmpty()) {
                entry.set("properties", properties);
            }
            byNamespace.computeIfAbsent(CLUSTER, n -> MAPPER.createArrayNode()).add(entry);
        }
        List<ObjectNode> reports = new ArrayList<>();
        for (Map.Entry<String, ArrayNode> entry : byNamespace.entrySet()) {
            reports.add(report(entry.getKey(), entry.getValue()));
        }
        return reports;
    }

    private ObjectNode report(String namespace, ArrayNode results) {
        PolicyReportApi api = options.policyReportApi();
        ObjectNode report = MAPPER.createObjectNode();
        report.put("apiVersion", api.apiVersion());
        report.put("kind", namespace.isEmpty() ? api.clusterKind() : api.namespacedKind());
        ObjectNode metadata = report.putObject("metadata");
        metadata.put("name", engine());
        if (!namespace.isEmpty()) {
            metadata.put("namespace", namespace);
        }
        metadata.putObject("labels").put("app.kubernetes.io/managed-by", engine());
        if (!options.run().revision().isEmpty()) {
            metadata.putObject("annotations").put("palisade.dev/revision", options.run().revision());
        }
        if (api.hasReportSource()) {
            report.put("source", options.toolName());
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String status : List.of("pass", "fail", "warn", "error", "skip")) {
            counts.put(status, 0);
        }
        results.forEach(r -> counts.merge(r.get("result").asText(), 1, Integer::sum));
        ObjectNode summary = report.putObject("summary");
        counts.forEach(summary::put);
        report.set("results", results);
        return report;
    }

    private void addResults(ArrayNode out, Result result, Map<String, PolicyMetadata> policies, ArtifactPaths paths) {
        Set<String> ids = new LinkedHashSet<>(result.evaluated());
        result.violations().forEach(f -> ids.add(f.policyId()));
        result.suppressed().forEach(f -> ids.add(f.policyId()));
        result.errors().forEach(e -> ids.add(e.policyId()));
        String team = options.owners().teamOf(result.id());
        for (String id : ids) {
            boolean any = false;
            for (Finding finding : result.violations()) {
                if (finding.policyId().equals(id)) {
                    out.add(finding(finding, "fail", result, team, paths));
                    any = true;
                }
            }
            for (Finding finding : result.suppressed()) {
                if (finding.policyId().equals(id)) {
                    out.add(finding(finding, "skip", result, team, paths));
                    any = true;
                }
            }
            for (EvaluationError error : result.errors()) {
                if (error.policyId().equals(id)) {
                    ObjectNode entry = result(id.isEmpty() ? engine() : id, policies.get(id), "error",
                            Optional.of(result.id()));
                    if (id.isEmpty()) {
                        entry.put("rule", "input");
                    }
                    entry.put("message", error.message());
                    ObjectNode properties = entry.putObject("properties");
                    location(error.location().isKnown() ? error.location() : result.source(), paths)
                            .ifPresent(l -> properties.put("location", l));
                    team(properties, team);
                    if (properties.isEmpty()) {
                        entry.remove("properties");
                    }
                    out.add(entry);
                    any = true;
                }
            }
            if (!any && !id.isEmpty()) {
                PolicyMetadata policy = policies.get(id);
                ObjectNode entry = result(id, policy, "pass", Optional.of(result.id()));
                if (policy != null && !policy.title().isEmpty()) {
                    entry.put("message", policy.title());
                }
                ObjectNode properties = entry.putObject("properties");
                location(result.source(), paths).ifPresent(l -> properties.put("location", l));
                team(properties, team);
                if (properties.isEmpty()) {
                    entry.remove("properties");
                }
                out.add(entry);
            }
        }
    }

    private ObjectNode finding(Finding finding, String status, Result result, String team, ArtifactPaths paths) {
        ObjectNode entry = result(finding.policyId(), finding.policy(), status, Optional.of(result.id()));
        entry.put("severity", finding.severity().label());
        entry.put("message", finding.message());
        ObjectNode properties = entry.putObject("properties");
        location(finding.location().isKnown() ? finding.location() : result.source(), paths)
                .ifPresent(l -> properties.put("location", l));
        properties.put("path", finding.path());
        properties.put("fingerprint", finding.fingerprint());
        properties.put("action", finding.action().label());
        finding.container().ifPresent(c -> properties.put("container", c));
        team(properties, team);
        if (finding.suppression().isPresent()) {
            Suppression suppression = finding.suppression().get();
            properties.put("exemption", suppression.exemption());
            properties.put("reason", suppression.reason());
            if (!suppression.owner().isEmpty()) {
                properties.put("owner", suppression.owner());
            }
            suppression.expires().ifPresent(e -> properties.put("expires", e.toString()));
        }
        return entry;
    }

    /** A result entry with the fields every status has, in the order the CRDs list them. */
    private ObjectNode result(String policyId, PolicyMetadata policy, String status, Optional<ResourceId> resource) {
        ObjectNode entry = MAPPER.createObjectNode();
        entry.put("source", options.toolName());
        entry.put("policy", policyId);
        if (!policyId.equals(engine()) || policy != null) {
            entry.put("rule", policyId);
        }
        if (policy != null && !policy.category().isEmpty()) {
            entry.put("category", policy.category());
        }
        if (policy != null) {
            entry.put("severity", policy.severity().label());
        }
        Optional<Instant> time = options.run().timestamp();
        time.ifPresent(t -> entry.putObject("timestamp").put("seconds", t.getEpochSecond()).put("nanos", t.getNano()));
        entry.put("result", status);
        if (!status.equals("skip")) {
            entry.put("scored", true);
        }
        resource.ifPresent(id -> entry.putArray("resources").add(reference(id)));
        return entry;
    }

    private static ObjectNode reference(ResourceId id) {
        ObjectNode reference = MAPPER.createObjectNode();
        reference.put("apiVersion", id.apiVersion());
        reference.put("kind", id.kind());
        if (!id.namespace().isEmpty()) {
            reference.put("namespace", id.namespace());
        }
        if (!id.name().isEmpty()) {
            reference.put("name", id.name());
        }
        return reference;
    }

    private void team(ObjectNode properties, String team) {
        if (!team.equals(Owners.UNOWNED)) {
            properties.put("team", team);
        }
    }

    /** {@code file:line:column} with the file relative to the base directory; empty when there is no file. */
    private static Optional<String> location(SourceLocation at, ArtifactPaths paths) {
        if (at.file().isEmpty()) {
            return Optional.empty();
        }
        String file = paths.relative(at.file()).orElse(at.file());
        if (!at.isKnown()) {
            return Optional.of(file);
        }
        return Optional.of(file + ":" + at.line() + (at.column() > 0 ? ":" + at.column() : ""));
    }

    /** The tool name as a Kubernetes object name and label value ({@code palisade}). */
    private String engine() {
        return objectName(options.toolName());
    }

    /** A DNS label (lower case letters, digits and {@code -}, at most 63 characters) made from the name. */
    static String objectName(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (ok) {
                out.append(c);
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != '-') {
                out.append('-');
            }
        }
        String label = out.length() > 63 ? out.substring(0, 63) : out.toString();
        while (label.endsWith("-")) {
            label = label.substring(0, label.length() - 1);
        }
        return label.isEmpty() ? "palisade" : label;
    }
}
