package dev.palisade.core.report;

import java.util.Objects;

/** Creates the {@link ReportWriter} of each {@link ReportFormat}. */
public final class ReportWriters {
    private ReportWriters() {
    }

    /**
     * The writer of a format. The JUnit writer made here lists, per resource, only the policies that
     * reported on it; use {@link #junit(ReportOptions, PolicyApplicability)} to list passing policies too.
     */
    public static ReportWriter of(ReportFormat format, ReportOptions options) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(options, "options");
        return switch (format) {
            case TEXT -> new TextReportWriter(options);
            case JSON -> new JsonReportWriter();
            case SARIF -> new SarifReportWriter(options);
            case JUNIT -> new JUnitReportWriter(options, PolicyApplicability.FINDINGS_ONLY);
        };
    }

    /**
     * A JUnit XML writer with a test case for every resource and every policy that applied to it
     * ({@link PolicyApplicability#of(dev.palisade.core.PolicySet, dev.palisade.core.EvaluationContext)}),
     * passing ones included.
     */
    public static ReportWriter junit(ReportOptions options, PolicyApplicability applicability) {
        return new JUnitReportWriter(Objects.requireNonNull(options, "options"),
                Objects.requireNonNull(applicability, "applicability"));
    }
}
