package dev.palisade.core.report;

import dev.palisade.core.PalisadeException;
import java.util.Locale;
import java.util.StringJoiner;

/** The output formats a {@link dev.palisade.core.Report} can be written in. */
public enum ReportFormat {
    /** Human-readable lines grouped by file, with a summary. */
    TEXT,
    /** The stable JSON contract documented in {@code docs/output-formats.md}. */
    JSON,
    /** SARIF 2.1.0, for code-scanning services. */
    SARIF,
    /** JUnit XML, for CI test reports. */
    JUNIT,
    /** GitLab Code Quality: a JSON array of issues shown in merge requests. */
    CODEQUALITY,
    /**
     * PolicyReport / ClusterPolicyReport objects (or OpenReports Report / ClusterReport, see
     * {@link PolicyReportApi}) as a multi-document YAML stream: one report per namespace, cluster-scoped
     * resources and run errors in the cluster report.
     */
    POLICYREPORT,
    /** The same reports as {@link #POLICYREPORT}, as one JSON Kubernetes {@code List}. */
    POLICYREPORT_JSON,
    /** A self-contained static HTML compliance dashboard (no scripts, no network). */
    HTML;

    /**
     * Lower-case name as written on the command line ({@code policyreport-json}).
     *
     * @return the label
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a label ({@code text|json|sarif|junit|codequality|policyreport|policyreport-json|html}) in any case.
     *
     * @param text the format's label
     * @return the format
     */
    public static ReportFormat parse(String text) {
        String wanted = text.trim().replace('_', '-');
        StringJoiner known = new StringJoiner(", ");
        for (ReportFormat format : values()) {
            if (format.label().equalsIgnoreCase(wanted)) {
                return format;
            }
            known.add(format.label());
        }
        throw new PalisadeException("unknown report format '" + text + "'; use one of " + known);
    }
}
