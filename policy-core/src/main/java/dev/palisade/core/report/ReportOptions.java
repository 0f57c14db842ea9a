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
 */
public record ReportOptions(Path baseDirectory, boolean color, String toolName, String toolVersion,
        String informationUri) {

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
    }

    /** Paths relative to the current directory, no colour, tool {@value #DEFAULT_TOOL_NAME}. */
    public static ReportOptions defaults() {
        return new ReportOptions(Path.of(""), false, DEFAULT_TOOL_NAME, "", DEFAULT_INFORMATION_URI);
    }

    public ReportOptions withBaseDirectory(Path directory) {
        return new ReportOptions(directory, color, toolName, toolVersion, informationUri);
    }

    public ReportOptions withColor(boolean enabled) {
        return new ReportOptions(baseDirectory, enabled, toolName, toolVersion, informationUri);
    }

    public ReportOptions withTool(String name, String version) {
        return new ReportOptions(baseDirectory, color, name, version, informationUri);
    }

    public ReportOptions withInformationUri(String uri) {
        return new ReportOptions(baseDirectory, color, toolName, toolVersion, uri);
    }
}
