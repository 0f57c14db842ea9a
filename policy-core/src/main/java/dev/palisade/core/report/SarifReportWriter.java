package dev.palisade.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.Finding;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Report;
import dev.palisade.core.ResourceId;
import dev.palisade.core.Result;
import dev.palisade.core.Severity;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.Suppression;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes SARIF 2.1.0: one run whose driver lists every evaluated policy as a rule, one result per
 * finding (suppressed ones with {@code suppressions}), and evaluation errors as tool execution
 * notifications. Artifact URIs are relative to the base directory under {@code %SRCROOT%}; a region
 * is written only when the position is known. A document rendered from a template (a Helm chart)
 * points at the template with the whole file as region, and its message says at which line of the
 * template's rendered output the finding is.
 */
final class SarifReportWriter implements ReportWriter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String SRCROOT = "%SRCROOT%";
    static final String FINGERPRINT_KEY = "palisadeFindingHash/v1";
    private static final int MAX_DESCRIPTION = 1024;
    private static final String ANNOTATION_EXEMPTION_PREFIX = "annotation:";
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final ReportOptions options;
    private final ArtifactPaths paths;
    private final Map<String, Integer> templateLines = new java.util.concurrent.ConcurrentHashMap<>();

    SarifReportWriter(ReportOptions options) {
        this.options = options;
        this.paths = new ArtifactPaths(options.baseDirectory());
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        List<PolicyMetadata> rules = rules(report);
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (PolicyMetadata rule : rules) {
            ruleIndex.put(rule.id(), ruleIndex.size());
        }
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA);
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            json.writeStartObject();
            writeTool(json, rules);
            writeInvocation(json, report.allErrors(), ruleIndex);
            json.writeObjectFieldStart("originalUriBaseIds");
            json.writeObjectFieldStart(SRCROOT);
            json.writeStringField("uri", paths.baseUri());
            json.writeEndObject();
            json.writeEndObject();
            json.writeStringField("columnKind", "unicodeCodePoints");
            json.writeArrayFieldStart("results");
            for (Result result : report.results()) {
                for (Finding finding : result.violations()) {
                    writeResult(json, finding, result, ruleIndex);
                }
                for (Finding finding : result.suppressed()) {
                    writeResult(json, finding, result, ruleIndex);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    /** The evaluated policies, plus any policy that reported without being listed, in first-seen order. */
    private static List<PolicyMetadata> rules(Report report) {
        Map<String, PolicyMetadata> rules = new LinkedHashMap<>();
        for (PolicyMetadata policy : report.policies()) {
            rules.putIfAbsent(policy.id(), policy);
        }
        for (Result result : report.results()) {
            for (Finding finding : result.violations()) {
                rules.putIfAbsent(finding.policyId(), finding.policy());
            }
            for (Finding finding : result.suppressed()) {
                rules.putIfAbsent(finding.policyId(), finding.policy());
            }
        }
        return new ArrayList<>(rules.values());
    }

    private void writeTool(JsonGenerator json, List<PolicyMetadata> rules) throws IOException {
        json.writeObjectFieldStart("tool");
        json.writeObjectFieldStart("driver");
        json.writeStringField("name", options.toolName());
        if (!options.toolVersion().isEmpty()) {
            json.writeStringField("version", options.toolVersion());
            json.writeStringField("semanticVersion", options.toolVersion());
        }
        if (!options.informationUri().isEmpty()) {
            json.writeStringField("informationUri", options.informationUri());
        }
        json.writeArrayFieldStart("rules");
        for (PolicyMetadata rule : rules) {
            writeRule(json, rule);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeRule(JsonGenerator json, PolicyMetadata rule) throws IOException {
        String title = rule.title().isBlank() ? rule.id() : rule.title();
        String description = rule.description().isBlank() ? title : rule.description();
        json.writeStartObject();
        json.writeStringField("id", rule.id());
        json.writeStringField("name", ruleName(rule.id()));
        writeMessage(json, "shortDescription", limit(sentence(title), MAX_DESCRIPTION));
        writeMessage(json, "fullDescription", limit(sentence(description), MAX_DESCRIPTION));
        json.writeObjectFieldStart("help");
        json.writeStringField("text", helpText(rule, description));
        json.writeStringField("markdown", helpMarkdown(rule, title, description));
        json.writeEndObject();
        if (isAbsoluteUri(rule.helpUrl())) {
            json.writeStringField("helpUri", rule.helpUrl());
        }
        json.writeObjectFieldStart("defaultConfiguration");
        json.writeStringField("level", level(rule.severity()));
        json.writeEndObject();
        json.writeObjectFieldStart("properties");
        if (rule.severity().securityScore() > 0) {
            json.writeStringField("security-severity",
                    String.format(Locale.ROOT, "%.1f", rule.severity().securityScore()));
        }
        json.writeStringField("severity", rule.severity().label());
        if (!rule.category().isBlank()) {
            json.writeStringField("category", rule.category());
        }
        json.writeArrayFieldStart("tags");
        for (String tag : tags(rule)) {
            json.writeString(tag);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static Set<String> tags(PolicyMetadata rule) {
        Set<String> tags = new LinkedHashSet<>(rule.tags());
        if (!rule.category().isBlank()) {
            tags.add(rule.category().toLowerCase(Locale.ROOT));
        }
        tags.add("kubernetes");
        return tags;
    }

    private static String helpText(PolicyMetadata rule, String description) {
        StringBuilder text = new StringBuilder(description);
        if (!rule.remediation().isBlank()) {
            text.append("\n\nRemediation: ").append(rule.remediation());
        }
        if (!rule.helpUrl().isBlank()) {
            text.append("\n\nMore: ").append(rule.helpUrl());
        }
        return text.toString();
    }

    private static String helpMarkdown(PolicyMetadata rule, String title, String description) {
        StringBuilder md = new StringBuilder("**").append(title).append("**\n\n").append(description);
        if (!rule.remediation().isBlank()) {
            md.append("\n\n**Remediation**\n\n").append(rule.remediation());
        }
        if (!rule.helpUrl().isBlank()) {
            md.append("\n\n[Documentation](").append(rule.helpUrl()).append(')');
        }
        return md.toString();
    }

    private void writeInvocation(JsonGenerator json, List<EvaluationError> errors, Map<String, Integer> ruleIndex)
            throws IOException {
        json.writeArrayFieldStart("invocations");
        json.writeStartObject();
        json.writeBooleanField("executionSuccessful", errors.isEmpty());
        if (!errors.isEmpty()) {
            json.writeArrayFieldStart("toolExecutionNotifications");
            for (EvaluationError error : errors) {
                json.writeStartObject();
                json.writeStringField("level", "error");
                String policy = error.policyId().isEmpty() ? "" : "policy " + error.policyId() + ": ";
                writeMessage(json, "message", sentence(policy + error.message()));
                if (hasPhysicalLocation(error.location())) {
                    json.writeArrayFieldStart("locations");
                    json.writeStartObject();
                    writePhysicalLocation(json, error.location());
                    json.writeEndObject();
                    json.writeEndArray();
                }
                Integer index = ruleIndex.get(error.policyId());
                if (index != null) {
                    json.writeObjectFieldStart("associatedRule");
                    json.writeStringField("id", error.policyId());
                    json.writeNumberField("index", index);
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeEndArray();
    }

    private void writeResult(JsonGenerator json, Finding finding, Result result, Map<String, Integer> ruleIndex)
            throws IOException {
        ResourceId id = finding.resource();
        json.writeStartObject();
        json.writeStringField("ruleId", finding.policyId());
        json.writeNumberField("ruleIndex", ruleIndex.get(finding.policyId()));
        json.writeStringField("level", level(finding.severity()));
        String container = finding.container().map(name -> ", container " + name).orElse("");
        SourceLocation at = locationOf(finding, result);
        writeMessage(json, "message", sentence(finding.message().strip() + " (" + id.display() + container + ")")
                + rendered(at));
        json.writeArrayFieldStart("locations");
        json.writeStartObject();
        if (hasPhysicalLocation(at)) {
            writePhysicalLocation(json, at);
        }
        json.writeArrayFieldStart("logicalLocations");
        json.writeStartObject();
        json.writeStringField("name", id.name().isEmpty() ? "<unnamed>" : id.name());
        json.writeStringField("fullyQualifiedName", qualifiedName(id));
        json.writeStringField("kind", "object");
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
        json.writeObjectFieldStart("partialFingerprints");
        json.writeStringField(FINGERPRINT_KEY, fingerprint(finding));
        json.writeEndObject();
        if (finding.suppression().isPresent()) {
            Suppression suppression = finding.suppression().get();
            json.writeArrayFieldStart("suppressions");
            json.writeStartObject();
            json.writeStringField("kind",
                    suppression.exemption().startsWith(ANNOTATION_EXEMPTION_PREFIX) ? "inSource" : "external");
            json.writeStringField("status", "accepted");
            json.writeStringField("justification", suppression.reason());
            json.writeObjectFieldStart("properties");
            json.writeStringField("exemption", suppression.exemption());
            if (!suppression.owner().isEmpty()) {
                json.writeStringField("owner", suppression.owner());
            }
            if (suppression.expires().isPresent()) {
                json.writeStringField("expires", suppression.expires().get().toString());
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
        }
        json.writeObjectFieldStart("properties");
        json.writeObjectFieldStart("resource");
        json.writeStringField("apiVersion", id.apiVersion());
        json.writeStringField("kind", id.kind());
        json.writeStringField("namespace", id.namespace());
        json.writeStringField("name", id.name());
        json.writeEndObject();
        json.writeStringField("action", finding.action().label());
        json.writeStringField("path", finding.path());
        if (finding.container().isPresent()) {
            json.writeStringField("container", finding.container().get());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** The finding's position, in the resource's file when the finding carries no file of its own. */
    private static SourceLocation locationOf(Finding finding, Result result) {
        SourceLocation at = finding.location();
        if (at.file().isEmpty() && !result.source().file().isEmpty()) {
            return result.source();
        }
        return at;
    }

    private boolean hasPhysicalLocation(SourceLocation at) {
        return paths.artifact(at.file(), SRCROOT).isPresent();
    }

    private void writePhysicalLocation(JsonGenerator json, SourceLocation at) throws IOException {
        ArtifactPaths.Artifact artifact = paths.artifact(at.file(), SRCROOT).orElseThrow();
        json.writeObjectFieldStart("physicalLocation");
        json.writeObjectFieldStart("artifactLocation");
        json.writeStringField("uri", artifact.uri());
        if (artifact.uriBaseId().isPresent()) {
            json.writeStringField("uriBaseId", artifact.uriBaseId().get());
        }
        json.writeEndObject();
        if (at.isRendered()) {
            // A rendered line is not a line of the template: the region is the whole template, and the
            // message says where in the rendered output the finding is.
            int lines = templateLines(SourceLocation.templateOf(at.file()).orElseThrow());
            if (lines > 0) {
                json.writeObjectFieldStart("region");
                json.writeNumberField("startLine", 1);
                json.writeNumberField("endLine", lines);
                json.writeEndObject();
            }
        } else if (at.isKnown()) {
            json.writeObjectFieldStart("region");
            json.writeNumberField("startLine", at.line());
            if (at.column() > 0) {
                json.writeNumberField("startColumn", at.column());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** The number of lines of a template file, 0 when it cannot be read; counted once per file. */
    private int templateLines(String template) {
        return templateLines.computeIfAbsent(template, file -> {
            try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(java.nio.file.Path.of(file),
                    java.nio.charset.StandardCharsets.UTF_8)) {
                return (int) Math.min(Integer.MAX_VALUE, lines.count());
            } catch (IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
                return 0;
            }
        });
    }

    /**
     * For a document rendered from a template, where in the rendered output the finding is: the
     * location points at the whole template, since rendered lines are not template lines.
     */
    private static String rendered(SourceLocation at) {
        if (!at.isRendered()) {
            return "";
        }
        String file = at.file();
        String template = SourceLocation.templateOf(file).orElseThrow();
        String origin = file.substring(template.length() + 2, file.length() - 1);
        return " " + Character.toUpperCase(origin.charAt(0)) + origin.substring(1)
                + (at.isKnown() ? ": line " + at.line() + " of the template's rendered output." : ".");
    }

    private static void writeMessage(JsonGenerator json, String field, String text) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("text", text);
        json.writeEndObject();
    }

    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** {@code no-privileged-containers} → {@code NoPrivilegedContainers}. */
    static String ruleName(String id) {
        StringBuilder name = new StringBuilder(id.length());
        boolean upper = true;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return name.length() == 0 ? "Rule" : name.toString();
    }

    /** {@code namespace/Kind/name}, or {@code Kind/name} for cluster-scoped objects. */
    static String qualifiedName(ResourceId id) {
        String kind = id.group().isEmpty() ? id.kind() : id.kind() + "." + id.group();
        String name = id.name().isEmpty() ? "<unnamed>" : id.name();
        return (id.namespace().isEmpty() ? "" : id.namespace() + "/") + kind + "/" + name;
    }

    /** A stable hash of rule id, resource identity (group, kind, namespace, name) and field path. */
    static String fingerprint(Finding finding) {
        return finding.fingerprint();
    }

    /** Ends the text with a full stop, as SARIF viewers show the first sentence. */
    private static String sentence(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?")) {
            return trimmed;
        }
        return trimmed + ".";
    }

    private static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    /** SARIF requires {@code helpUri} to be absolute; relative links stay in the help text only. */
    private static boolean isAbsoluteUri(String text) {
        if (text.isBlank()) {
            return false;
        }
        try {
            return new java.net.URI(text).isAbsolute();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
