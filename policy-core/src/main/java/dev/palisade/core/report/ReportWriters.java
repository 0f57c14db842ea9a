package dev.palisade.core.report;

import java.util.Objects;

/** Creates the {@link ReportWriter} of each {@link ReportFormat}. */
public final class ReportWriters {
    private ReportWriters() {
    }

    /**
     * {@return the writer of a format} The JUnit writer lists a test case for every resource and every policy
     * that was evaluated on it ({@link dev.palisade.core.Result#evaluated()}), passing ones included;
     * so do the PolicyReport formats ({@code pass} results). The HTML dashboard takes its teams, trends
     * and links from {@link ReportOptions#owners()}, {@link ReportOptions#trends()} and
     * {@link ReportOptions#run()}.
     *
     * @param format the format
     * @param options paths, colours, tool, owners, trends and limits
     */
    public static ReportWriter of(ReportFormat format, ReportOptions options) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(options, "options");
        return switch (format) {
            case TEXT -> new TextReportWriter(options);
            case JSON -> new JsonReportWriter();
            case SARIF -> new SarifReportWriter(options);
            case JUNIT -> new JUnitReportWriter(options);
            case CODEQUALITY -> new CodeQualityReportWriter(options);
            case POLICYREPORT -> new PolicyReportWriter(options, false);
            case POLICYREPORT_JSON -> new PolicyReportWriter(options, true);
            case HTML -> new HtmlReportWriter(options);
        };
    }
}
