package dev.palisade.core.report;

import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.Exemption;
import dev.palisade.core.Finding;
import dev.palisade.core.Report;
import dev.palisade.core.Result;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.Suppression;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes findings for people: grouped by file in input order, one line per finding
 * ({@code path:line:col: severity policy-id message}), suppressed findings after the violations of
 * their file, then errors, expired exemptions and a summary line.
 */
final class TextReportWriter implements ReportWriter {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";

    private final boolean color;

    TextReportWriter(ReportOptions options) {
        this.color = options.color();
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        for (List<Result> group : byFile(report.results())) {
            for (Result result : group) {
                for (Finding finding : result.violations()) {
                    out.write(violationLine(finding, result));
                    out.write('\n');
                }
            }
            for (Result result : group) {
                for (Finding finding : result.suppressed()) {
                    out.write(suppressedLine(finding, result));
                    out.write('\n');
                }
            }
        }
        for (EvaluationError error : report.allErrors()) {
            out.write(errorLine(error));
            out.write('\n');
        }
        for (Exemption exemption : report.expiredExemptions()) {
            String at = exemption.source().file().isEmpty() ? "" : exemption.source().display() + ": ";
            out.write(paint(YELLOW, at + "expired exemption "
                    + exemption.name() + " (expired " + exemption.expires().map(Object::toString).orElse("")
                    + "); it no longer applies"));
            out.write('\n');
        }
        out.write(summary(report));
        out.write('\n');
        out.flush();
    }

    /** Results grouped by source file, files in order of first appearance. */
    private static List<List<Result>> byFile(List<Result> results) {
        Map<String, List<Result>> groups = new LinkedHashMap<>();
        for (Result result : results) {
            if (result.hasFindings()) {
                groups.computeIfAbsent(result.source().file(), f -> new ArrayList<>()).add(result);
            }
        }
        return new ArrayList<>(groups.values());
    }

    private String violationLine(Finding finding, Result result) {
        String actionColor = switch (finding.action()) {
            case DENY -> RED;
            case WARN -> YELLOW;
            case DRYRUN -> CYAN;
        };
        return where(finding.location(), result.source().file()) + ": "
                + paint(actionColor, finding.severity().label()) + " " + paint(BOLD, finding.policyId()) + " "
                + printable(finding.message()) + " (" + finding.action().label() + ", " + subject(finding, result) + ")";
    }

    private String suppressedLine(Finding finding, Result result) {
        Suppression suppression = finding.suppression().orElseThrow();
        return paint(DIM, where(finding.location(), result.source().file()) + ": suppressed "
                + finding.severity().label() + " " + finding.policyId() + " " + printable(finding.message()) + " ("
                + subject(finding, result) + "; exempted by " + suppression.exemption() + ": "
                + printable(suppression.reason()) + ")");
    }

    private String errorLine(EvaluationError error) {
        String policy = error.policyId().isEmpty() ? "" : "policy " + error.policyId() + ": ";
        return where(error.location(), error.location().file()) + ": " + paint(RED, "error") + ": " + policy
                + printable(error.message());
    }

    private static String subject(Finding finding, Result result) {
        String container = finding.container().map(name -> " container " + name).orElse("");
        return result.id().display() + container;
    }

    /** {@code file:line:col}, {@code file} when the position is unknown, {@code <input>} without a file. */
    private static String where(SourceLocation location, String fallbackFile) {
        String file = location.file().isEmpty() ? fallbackFile : location.file();
        return new SourceLocation(file, location.document(), location.line(), location.column()).display();
    }

    private String summary(Report report) {
        Report.Totals totals = report.totals();
        String text = totals.resources() + plural(totals.resources(), " resource") + ", " + totals.violations()
                + plural(totals.violations(), " violation") + " ("
                + totals.byAction().getOrDefault(EnforcementAction.DENY, 0) + " deny, "
                + totals.byAction().getOrDefault(EnforcementAction.WARN, 0) + " warn, "
                + totals.byAction().getOrDefault(EnforcementAction.DRYRUN, 0) + " dryrun), " + totals.suppressed()
                + " suppressed, " + totals.errors() + plural(totals.errors(), " error");
        String tone = totals.errors() > 0 || totals.byAction().containsKey(EnforcementAction.DENY) ? RED
                : totals.violations() > 0 ? YELLOW : "";
        return tone.isEmpty() ? text : paint(tone, text);
    }

    /** The text on one line, without control characters that could drive the terminal. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }

    private static String plural(int count, String noun) {
        return count == 1 ? noun : noun + "s";
    }

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }
}
