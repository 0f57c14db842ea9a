package dev.palisade.core.report;

import dev.palisade.core.PalisadeException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings shared by the report writers.
 *
 * @param baseDirectory the directory file paths are made relative to (the repository root in CI);
 *     SARIF artifact URIs are relative to it under the {@code %SRCROOT%} base id
 * @param color whether the text report uses ANSI colours (set it only when writing to a terminal)
 * @param toolName the tool name in SARIF and JUnit output
 * @param toolVersion the tool version in SARIF output ({@code ""} when unknown)
 * @param informationUri where users learn about the tool ({@code ""} to omit it)
 * @param maxFindings the text report lists at most this many findings and errors, then counts the
 *     rest ({@code 0} for no limit); JSON, SARIF and JUnit always list everything
 * @param grouping the order of the text report's findings
 * @param summaryOnly the text report shows only the summary table and line (and the first errors)
 */
public record ReportOptions(Path baseDirectory, boolean color, String toolName, String toolVersion,
        String informationUri, int maxFindings, TextGrouping grouping, boolean summaryOnly) {

    /** The tool name used unless a host sets its own. */
    public static final String DEFAULT_TOOL_NAME = "palisade";
    /** The project page used unless a host sets its own. */
    public static final String DEFAULT_INFORMATION_URI = "https://palisade.dev";

    public ReportOptions {
        baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory").toAbsolutePath().normalize();
        Objects.requireNonNull(toolName, "toolName");
        if (toolName.isBlank()) {
            throw new PalisadeException("the report tool name must not be blank");
        }
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(informationUri, "informationUri");
        Objects.requireNonNull(grouping, "grouping");
        if (maxFindings < 0) {
            throw new PalisadeException("the most findings to list must be 0 (no limit) or more, not " + maxFindings);
        }
    }

    /** Paths relative to the current directory, no colour, tool {@value #DEFAULT_TOOL_NAME}. */
    public static ReportOptions defaults() {
        return new ReportOptions(Path.of(""), false, DEFAULT_TOOL_NAME, "", DEFAULT_INFORMATION_URI, 0,
                TextGrouping.FILE, false);
    }

    /** With file paths relative to this directory. */
    public ReportOptions withBaseDirectory(Path directory) {
        return new ReportOptions(directory, color, toolName, toolVersion, informationUri, maxFindings, grouping,
                summaryOnly);
    }

    /** With or without ANSI colours in the text report. */
    public ReportOptions withColor(boolean enabled) {
        return new ReportOptions(baseDirectory, enabled, toolName, toolVersion, informationUri, maxFindings, grouping,
                summaryOnly);
    }

    /** With this tool name and version. */
    public ReportOptions withTool(String name, String version) {
        return new ReportOptions(baseDirectory, color, name, version, informationUri, maxFindings, grouping,
                summaryOnly);
    }

    /** With this information URI ({@code ""} omits it). */
    public ReportOptions withInformationUri(String uri) {
        return new ReportOptions(baseDirectory, color, toolName, toolVersion, uri, maxFindings, grouping, summaryOnly);
    }

    /** The text report lists at most {@code max} findings and errors ({@code 0}: all). */
    public ReportOptions withMaxFindings(int max) {
        return new ReportOptions(baseDirectory, color, toolName, toolVersion, informationUri, max, grouping,
                summaryOnly);
    }

    /** The text report orders findings this way. */
    public ReportOptions withGrouping(TextGrouping value) {
        return new ReportOptions(baseDirectory, color, toolName, toolVersion, informationUri, maxFindings, value,
                summaryOnly);
    }

    /** The text report shows only its summary. */
    public ReportOptions withSummaryOnly(boolean value) {
        return new ReportOptions(baseDirectory, color, toolName, toolVersion, informationUri, maxFindings, grouping,
                value);
    }
}
