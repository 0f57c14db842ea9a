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
 * @param maxFindings the text report and the HTML dashboard list at most this many findings (the text
 *     report also errors), then count the rest ({@code 0} for no limit); JSON, SARIF, JUnit and
 *     PolicyReport always list everything
 * @param grouping the order of the text report's findings
 * @param summaryOnly the text report shows only the summary table and line (and the first errors)
 * @param policyReportApi the API the PolicyReport formats are written for
 * @param run the run's time, revision and repository (PolicyReport timestamps, HTML links)
 * @param owners the teams owning the resources (HTML dashboard, PolicyReport {@code team} property)
 * @param trends earlier runs the HTML dashboard compares this one with
 */
public record ReportOptions(Path baseDirectory, boolean color, String toolName, String toolVersion,
        String informationUri, int maxFindings, TextGrouping grouping, boolean summaryOnly,
        PolicyReportApi policyReportApi, RunInfo run, Owners owners, Trends trends) {

    /** The tool name used unless a host sets its own. */
    public static final String DEFAULT_TOOL_NAME = "palisade";
    /** The project page used unless a host sets its own. */
    public static final String DEFAULT_INFORMATION_URI = "https://palisade.dev";

    /**
     * Checks that the components are present, validates the values.
     *
     * @param baseDirectory the directory file paths are made relative to (the repository root in CI);
     *     SARIF artifact URIs are relative to it under the {@code %SRCROOT%} base id
     * @param color whether the text report uses ANSI colours (set it only when writing to a terminal)
     * @param toolName the tool name in SARIF and JUnit output
     * @param toolVersion the tool version in SARIF output ({@code ""} when unknown)
     * @param informationUri where users learn about the tool ({@code ""} to omit it)
     * @param maxFindings the text report and the HTML dashboard list at most this many findings (the text
     *     report also errors), then count the rest ({@code 0} for no limit); JSON, SARIF, JUnit and
     *     PolicyReport always list everything
     * @param grouping the order of the text report's findings
     * @param summaryOnly the text report shows only the summary table and line (and the first errors)
     * @param policyReportApi the API the PolicyReport formats are written for
     * @param run the run's time, revision and repository (PolicyReport timestamps, HTML links)
     * @param owners the teams owning the resources (HTML dashboard, PolicyReport {@code team} property)
     * @param trends earlier runs the HTML dashboard compares this one with
     */
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
        Objects.requireNonNull(policyReportApi, "policyReportApi");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(owners, "owners");
        Objects.requireNonNull(trends, "trends");
    }

    /**
     * Paths relative to the current directory, no colour, tool {@value #DEFAULT_TOOL_NAME}.
     *
     * @return the default options
     */
    public static ReportOptions defaults() {
        return new ReportOptions(Path.of(""), false, DEFAULT_TOOL_NAME, "", DEFAULT_INFORMATION_URI, 0,
                TextGrouping.FILE, false, PolicyReportApi.WGPOLICY_V1ALPHA2, RunInfo.unknown(), Owners.none(),
                Trends.NONE);
    }

    /**
     * With file paths relative to this directory.
     *
     * @param directory the base directory
     * @return the new options
     */
    public ReportOptions withBaseDirectory(Path directory) {
        return new ReportOptions(directory, color, toolName, toolVersion, informationUri, maxFindings, grouping,
                summaryOnly, policyReportApi, run, owners, trends);
    }

    /**
     * With or without ANSI colours in the text report.
     *
     * @param enabled whether to colour
     * @return the new options
     */
    public ReportOptions withColor(boolean enabled) {
        return new ReportOptions(baseDirectory, enabled, toolName, toolVersion, informationUri, maxFindings, grouping,
                summaryOnly, policyReportApi, run, owners, trends);
    }

    /**
     * With this tool name and version.
     *
     * @param name the tool's name
     * @param version its version
     * @return the new options
     */
    public ReportOptions withTool(String name, String version) {
        return new ReportOptions(baseDirectory, color, name, version, informationUri, maxFindings, grouping,
                summaryOnly, policyReportApi, run, owners, trends);
    }

    /**
     * With this information URI ({@code ""} omits it).
     *
     * @param uri the URI
     * @return the new options
     */
    public ReportOptions withInformationUri(String uri) {
        return new ReportOptions(baseDirectory, color, toolName, toolVersion, uri, maxFindings, grouping, summaryOnly,
                policyReportApi, run, owners, trends);
    }

    /**
     * {@return these options with the text report and the HTML dashboard listing at most {@code max} findings ({@code 0}: all)}
     *
     * @param max the most findings listed
     */
    public ReportOptions withMaxFindings(int max) {
        return new ReportOptions(baseDirectory, color, toolName, toolVersion, informationUri, max, grouping,
                summaryOnly, policyReportApi, run, owners, trends);
    }

    /**
     * {@return these options with the text report ordering findings this way}
     *
     * @param value the grouping
     */
    public ReportOptions withGrouping(TextGrouping value) {
        return new ReportOptions(baseDirectory, color, toolName, toolVersion, informationUri, maxFindings, value,
                summaryOnly, policyReportApi, run, owners, trends);
    }

    /**
     * {@return these options with the text report showing only its summary, or not}
     *
     * @param value whether only the summary is shown
     */
    public ReportOptions withSummaryOnly(boolean value) {
        return new ReportOptions(baseDirectory, color, toolName, toolVersion, informationUri, maxFindings, grouping,
                value, policyReportApi, run, owners, trends);
    }

    /**
     * PolicyReports for this API.
     *
     * @param api the API
     * @return the new options
     */
    public ReportOptions withPolicyReportApi(PolicyReportApi api) {
        return new ReportOptions(baseDirectory, color, toolName, toolVersion, informationUri, maxFindings, grouping,
                summaryOnly, api, run, owners, trends);
    }

    /**
     * With this run's time, revision and repository.
     *
     * @param value the run
     * @return the new options
     */
    public ReportOptions withRun(RunInfo value) {
        return new ReportOptions(baseDirectory, color, toolName, toolVersion, informationUri, maxFindings, grouping,
                summaryOnly, policyReportApi, value, owners, trends);
    }

    /**
     * With these owners of the resources.
     *
     * @param value the owners
     * @return the new options
     */
    public ReportOptions withOwners(Owners value) {
        return new ReportOptions(baseDirectory, color, toolName, toolVersion, informationUri, maxFindings, grouping,
                summaryOnly, policyReportApi, run, value, trends);
    }

    /**
     * With these earlier runs to compare with.
     *
     * @param value the earlier runs
     * @return the new options
     */
    public ReportOptions withTrends(Trends value) {
        return new ReportOptions(baseDirectory, color, toolName, toolVersion, informationUri, maxFindings, grouping,
                summaryOnly, policyReportApi, run, owners, value);
    }
}
