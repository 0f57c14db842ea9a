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
import java.util.Locale;
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
    private final ReportOptions options;

    TextReportWriter(ReportOptions options) {
        this.color = options.color();
        this.options = options;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        int limit = options.maxFindings() == 0 ? Integer.MAX_VALUE : options.maxFindings();
        int written = 0;
        long total = 0;
        if (!options.summaryOnly()) {
            for (Line line : lines(report)) {
                total++;
                if (written < limit) {
                    out.write(line.text());
                    out.write('\n');
                    written++;
                }
            }
        }
        List<EvaluationError> errors = report.allErrors();
        int errorLimit = options.summaryOnly() ? Math.min(limit, 10) : limit;
        for (int i = 0; i < errors.size() && i < errorLimit; i++) {
            out.write(errorLine(errors.get(i)));
            out.write('\n');
        }
        if (total > written) {
            out.write(paint(DIM, "... and " + String.format(Locale.ROOT, "%,d", total - written) + " more findings"
                    + " (--max-findings 0 lists them all; JSON and SARIF reports always do)"));
            out.write('\n');
        }
        if (errors.size() > errorLimit) {
            out.write(paint(DIM, "... and " + String.format(Locale.ROOT, "%,d", errors.size() - errorLimit)
                    + " more errors"));
            out.write('\n');
        }
        for (Exemption exemption : report.expiredExemptions()) {
            String at = exemption.source().file().isEmpty() ? "" : exemption.source().display() + ": ";
            out.write(paint(YELLOW, at + "expired exemption "
                    + exemption.name() + " (expired " + exemption.expiresAsWritten()
                    + "); it no longer applies"));
            out.write('\n');
        }
        Report.Totals totals = report.totals();
        if (totals.violations() > 0 && (options.summaryOnly() || totals.byPolicy().size() > 1 || total > written)) {
            out.write(policyTable(report));
        }
        out.write(summary(report));
        out.write('\n');
        out.flush();
    }

    private record Line(String text) {
    }

    /** The finding lines in report order: by file (violations, then suppressed) or by policy. */
    private List<Line> lines(Report report) {
        List<Line> lines = new ArrayList<>();
        if (options.grouping() == TextGrouping.POLICY) {
            Map<String, List<Line>> byPolicy = new LinkedHashMap<>();
            report.policies().forEach(p -> byPolicy.put(p.id(), new ArrayList<>()));
            for (Result result : report.results()) {
                for (Finding finding : result.violations()) {
                    byPolicy.computeIfAbsent(finding.policyId(), id -> new ArrayList<>())
                            .add(new Line(violationLine(finding, result)));
                }
            }
            for (Result result : report.results()) {
                for (Finding finding : result.suppressed()) {
                    byPolicy.computeIfAbsent(finding.policyId(), id -> new ArrayList<>())
                            .add(new Line(suppressedLine(finding, result)));
                }
            }
            byPolicy.values().forEach(lines::addAll);
            return lines;
        }
        for (List<Result> group : byFile(report.results())) {
            for (Result result : group) {
                for (Finding finding : result.violations()) {
                    lines.add(new Line(violationLine(finding, result)));
                }
            }
            for (Result result : group) {
                for (Finding finding : result.suppressed()) {
                    lines.add(new Line(suppressedLine(finding, result)));
                }
            }
        }
        return lines;
    }

    /**
     * One row per policy with unexempted findings, most findings first: the count, the action(s),
     * the severity and the namespaces with the most findings.
     */
    private String policyTable(Report report) {
        Map<String, PolicyRow> rows = new LinkedHashMap<>();
        for (Result result : report.results()) {
            for (Finding finding : result.violations()) {
                PolicyRow row = rows.computeIfAbsent(finding.policyId(), id -> new PolicyRow(finding.severity().label()));
                row.count++;
                row.actions.add(finding.action().label());
                row.namespaces.merge(finding.resource().namespaceGroup(), 1, Integer::sum);
            }
        }
        List<Map.Entry<String, PolicyRow>> sorted = new ArrayList<>(rows.entrySet());
        sorted.sort((x, y) -> Integer.compare(y.getValue().count, x.getValue().count));
        int idWidth = "policy".length();
        for (Map.Entry<String, PolicyRow> e : sorted) {
            idWidth = Math.max(idWidth, e.getKey().length());
        }
        StringBuilder table = new StringBuilder();
        String format = "%-" + idWidth + "s  %9s  %-11s  %-8s  %s%n";
        table.append(paint(BOLD, String.format(Locale.ROOT, format, "policy", "findings", "action", "severity",
                "top namespaces").stripTrailing())).append('\n');
        for (Map.Entry<String, PolicyRow> e : sorted) {
            PolicyRow row = e.getValue();
            List<Map.Entry<String, Integer>> namespaces = new ArrayList<>(row.namespaces.entrySet());
            namespaces.sort((x, y) -> y.getValue().equals(x.getValue()) ? x.getKey().compareTo(y.getKey())
                    : Integer.compare(y.getValue(), x.getValue()));
            StringBuilder top = new StringBuilder();
            for (int i = 0; i < namespaces.size() && i < 3; i++) {
                top.append(i == 0 ? "" : ", ").append(printable(namespaces.get(i).getKey())).append(" (")
                        .append(namespaces.get(i).getValue()).append(')');
            }
            if (namespaces.size() > 3) {
                top.append(", +").append(namespaces.size() - 3);
            }
            table.append(String.format(Locale.ROOT, format, e.getKey(), String.format(Locale.ROOT, "%,d", row.count),
                    String.join("/", row.actions), row.severity, top));
        }
        return table.toString();
    }

    private static final class PolicyRow {
        private final String severity;
        private final java.util.Set<String> actions = new java.util.TreeSet<>();
        private final Map<String, Integer> namespaces = new java.util.HashMap<>();
        private int count;

        PolicyRow(String severity) {
            this.severity = severity;
        }
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
        String at = error.location().file().isEmpty() && !error.location().isKnown() ? ""
                : where(error.location(), error.location().file()) + ": ";
        // a multi-line message (an expression with a caret under the error) keeps its lines, indented
        String[] lines = error.message().split("\r?\n");
        StringBuilder text = new StringBuilder(at + paint(RED, "error") + ": " + policy + printable(lines[0]));
        for (int i = 1; i < lines.length; i++) {
            text.append("\n    ").append(printable(lines[i]));
        }
        return text.toString();
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
