package dev.palisade.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.Exemption;
import dev.palisade.core.Finding;
import dev.palisade.core.Report;
import dev.palisade.core.ResourceId;
import dev.palisade.core.Result;
import dev.palisade.core.Severity;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.Suppression;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/** Writes the JSON contract of {@code docs/output-formats.md} with Jackson's streaming generator. */
final class JsonReportWriter implements ReportWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    @Override
    public void write(Report report, Writer out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            writeSummary(json, report);
            json.writeArrayFieldStart("results");
            for (Result result : report.results()) {
                writeResult(json, result);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("errors");
            for (EvaluationError error : report.allErrors()) {
                writeError(json, error);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("expiredExemptions");
            for (Exemption exemption : report.expiredExemptions()) {
                writeExpired(json, exemption);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void writeSummary(JsonGenerator json, Report report) throws IOException {
        Report.Totals totals = report.totals();
        json.writeObjectFieldStart("summary");
        json.writeNumberField("resources", totals.resources());
        json.writeNumberField("violations", totals.violations());
        json.writeNumberField("suppressed", totals.suppressed());
        json.writeNumberField("errors", totals.errors());
        json.writeObjectFieldStart("byAction");
        json.writeNumberField("deny", totals.byAction().getOrDefault(EnforcementAction.DENY, 0));
        json.writeNumberField("warn", totals.byAction().getOrDefault(EnforcementAction.WARN, 0));
        json.writeNumberField("dryrun", totals.byAction().getOrDefault(EnforcementAction.DRYRUN, 0));
        json.writeEndObject();
        json.writeStringField("decision", report.decision().label());
        json.writeObjectFieldStart("totals");
        json.writeObjectFieldStart("byPolicy");
        for (Map.Entry<String, Integer> entry : totals.byPolicy().entrySet()) {
            json.writeNumberField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
        json.writeObjectFieldStart("byNamespace");
        for (Map.Entry<String, Integer> entry : totals.byNamespace().entrySet()) {
            json.writeNumberField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
        json.writeObjectFieldStart("bySeverity");
        for (Map.Entry<Severity, Integer> entry : totals.bySeverity().entrySet()) {
            json.writeNumberField(entry.getKey().label(), entry.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeResult(JsonGenerator json, Result result) throws IOException {
        json.writeStartObject();
        ResourceId id = result.id();
        json.writeObjectFieldStart("resource");
        json.writeStringField("apiVersion", id.apiVersion());
        json.writeStringField("kind", id.kind());
        json.writeStringField("namespace", id.namespace());
        json.writeStringField("name", id.name());
        json.writeEndObject();
        SourceLocation source = result.source();
        json.writeObjectFieldStart("source");
        json.writeStringField("file", source.file());
        json.writeNumberField("document", source.document());
        writePosition(json, "line", source.isKnown(), source.line());
        json.writeEndObject();
        json.writeStringField("decision", result.decision().label());
        json.writeArrayFieldStart("violations");
        for (Finding finding : result.violations()) {
            json.writeStartObject();
            writeFinding(json, finding);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("suppressed");
        for (Finding finding : result.suppressed()) {
            json.writeStartObject();
            writeFinding(json, finding);
            Suppression suppression = finding.suppression().orElseThrow();
            json.writeStringField("exemption", suppression.exemption());
            json.writeStringField("reason", suppression.reason());
            json.writeStringField("owner", suppression.owner());
            if (suppression.expires().isPresent()) {
                json.writeStringField("expires", suppression.expires().get().toString());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeFinding(JsonGenerator json, Finding finding) throws IOException {
        json.writeStringField("policy", finding.policyId());
        json.writeStringField("message", finding.message());
        json.writeStringField("severity", finding.severity().label());
        json.writeStringField("action", finding.action().label());
        json.writeStringField("path", finding.path());
        SourceLocation at = finding.location();
        writePosition(json, "line", at.isKnown(), at.line());
        writePosition(json, "column", at.isKnown() && at.column() > 0, at.column());
        if (finding.container().isPresent()) {
            json.writeStringField("container", finding.container().get());
        }
    }

    private static void writeError(JsonGenerator json, EvaluationError error) throws IOException {
        json.writeStartObject();
        SourceLocation at = error.location();
        json.writeStringField("file", at.file());
        writePosition(json, "line", at.isKnown(), at.line());
        writePosition(json, "column", at.isKnown() && at.column() > 0, at.column());
        json.writeStringField("message", error.message());
        if (!error.policyId().isEmpty()) {
            json.writeStringField("policy", error.policyId());
        }
        json.writeEndObject();
    }

    private static void writeExpired(JsonGenerator json, Exemption exemption) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", exemption.name());
        json.writeStringField("reason", exemption.reason());
        json.writeStringField("owner", exemption.owner());
        json.writeStringField("expires", exemption.expires().map(Object::toString).orElse(""));
        json.writeStringField("file", exemption.source().file());
        writePosition(json, "line", exemption.source().isKnown(), exemption.source().line());
        json.writeEndObject();
    }

    /** Positions are one-based; an unknown one is written as {@code null}, never as 0. */
    private static void writePosition(JsonGenerator json, String field, boolean known, int value) throws IOException {
        if (known) {
            json.writeNumberField(field, value);
        } else {
            json.writeNullField(field);
        }
    }
}
