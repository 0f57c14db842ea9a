package dev.palisade.core.report;

import dev.palisade.core.PalisadeException;
import java.util.Locale;

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
    CODEQUALITY;

    /** Lower-case name as written on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code text|json|sarif|junit|codequality} in any case. */
    public static ReportFormat parse(String text) {
        for (ReportFormat format : values()) {
            if (format.name().equalsIgnoreCase(text.trim())) {
                return format;
            }
        }
        throw new PalisadeException("unknown report format '" + text + "'; use one of text, json, sarif, junit, codequality");
    }
}
