package dev.palisade.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.palisade.core.Finding;
import dev.palisade.core.Report;
import dev.palisade.core.Result;
import dev.palisade.core.Severity;
import java.io.IOException;
import java.io.Writer;

/**
 * GitLab Code Quality: a JSON array with one issue per unexempted violation ({@code description},
 * {@code check_name}, {@code fingerprint} from {@link Finding#fingerprint()}, {@code severity},
 * {@code location.path} relative to the base directory, {@code location.lines.begin}). GitLab shows
 * these in merge requests; suppressed findings and errors are not issues and are left out (errors
 * still fail the run through the exit status).
 */
final class CodeQualityReportWriter implements ReportWriter {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final ArtifactPaths paths;

    CodeQualityReportWriter(ReportOptions options) {
        this.paths = new ArtifactPaths(options.baseDirectory());
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        JsonGenerator json = FACTORY.createGenerator(out);
        json.useDefaultPrettyPrinter();
        json.writeStartArray();
        for (Result result : report.results()) {
            for (Finding finding : result.violations()) {
                json.writeStartObject();
                json.writeStringField("type", "issue");
                json.writeStringField("description", finding.message() + " (" + finding.action().label() + ", "
                        + finding.resource().display() + finding.container().map(c -> " container " + c).orElse("")
                        + ")");
                json.writeStringField("check_name", finding.policyId());
                json.writeStringField("fingerprint", finding.fingerprint());
                json.writeStringField("severity", severity(finding.severity()));
                json.writeArrayFieldStart("categories");
                json.writeString("Security");
                json.writeEndArray();
                json.writeObjectFieldStart("location");
                String file = finding.location().file().isEmpty() ? result.source().file() : finding.location().file();
                json.writeStringField("path", paths.relative(file).orElse(file.isEmpty() ? "<input>" : file));
                json.writeObjectFieldStart("lines");
                int line = finding.location().isKnown() ? finding.location().line()
                        : Math.max(1, result.source().line());
                json.writeNumberField("begin", line);
                json.writeEndObject();
                json.writeEndObject();
                json.writeEndObject();
            }
        }
        json.writeEndArray();
        json.flush();
        out.write('\n');
        out.flush();
    }

    /** GitLab's scale: info, minor, major, critical, blocker. */
    static String severity(Severity severity) {
        return switch (severity) {
            case INFO -> "info";
            case LOW -> "minor";
            case MEDIUM -> "major";
            case HIGH -> "critical";
            case CRITICAL -> "blocker";
        };
    }
}
