package dev.palisade.helm.internal;

import dev.palisade.core.PalisadeException;
import dev.palisade.core.SourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Helm's error messages into errors located in the chart: a template error at the template's
 * line and column (Helm's own positions, in the template source), a missing {@code required} value
 * where it is required, a rendered document that is not YAML at its template, a values file at its
 * line, a dependency missing from {@code charts/} at {@code Chart.yaml}, with what to do.
 */
public final class HelmErrors {
    /** {@code template: web/templates/x.yaml:11:28: executing ...}, Go template execution errors. */
    private static final Pattern TEMPLATE = Pattern.compile("template: ([^:\\s]+):(\\d+):(\\d+): (.*)", Pattern.DOTALL);
    /** {@code execution error at (web/templates/x.yaml:7:20): message}, from {@code required} and {@code fail}. */
    private static final Pattern EXECUTION = Pattern.compile("execution error at \\(([^:\\s]+):(\\d+):(\\d+)\\): (.*)",
            Pattern.DOTALL);
    /** {@code parse error at (web/templates/x.yaml:3): message}, a template that does not parse. */
    private static final Pattern PARSE = Pattern.compile("parse error at \\(([^:\\s]+):(\\d+)\\): (.*)", Pattern.DOTALL);
    /** {@code YAML parse error on web/templates/x.yaml: message}, rendered output that is not YAML. */
    private static final Pattern YAML = Pattern.compile("YAML parse error on ([^:\\s]+): (.*)", Pattern.DOTALL);
    /** {@code failed to parse /abs/values.yaml: error converting YAML to JSON: yaml: line 3: ...}. */
    private static final Pattern VALUES = Pattern.compile("failed to parse (.+?): (.*?line (\\d+):.*)", Pattern.DOTALL);
    /** {@code cannot load values.yaml: error converting YAML to JSON: ...}, a malformed file of the chart. */
    private static final Pattern CHART_FILE = Pattern.compile("cannot load ([\\w.-]+): (.*)", Pattern.DOTALL);
    private static final String SCHEMA = "values don't meet the specifications of the schema";
    private static final Pattern MISSING_DEPENDENCY = Pattern.compile(
            "found in Chart\\.yaml, but missing in charts/ directory: (.*)", Pattern.DOTALL);
    private static final String DEBUG_HINT = "Use --debug flag to render out invalid YAML";

    private HelmErrors() {
    }

    /**
     * The error for a chart Helm could not render.
     *
     * @param chart the chart directory as named
     * @param chartName the chart's name (the first part of Helm's template paths)
     * @param valuesFiles the values files as named, to name them as the user did
     * @param helmMessage Helm's message
     */
    public static PalisadeException located(Path chart, String chartName, List<Path> valuesFiles, String helmMessage) {
        String message = helmMessage.replace(DEBUG_HINT, "").strip();
        String what = "cannot render the Helm chart " + chart + ": ";
        Matcher m = EXECUTION.matcher(message);
        if (m.find()) {
            return new PalisadeException(what + m.group(4).strip() + " (a value the chart requires or rejects: give it"
                    + " in a values file (--values) or with --set)", at(chart, chartName, m.group(1),
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        m = TEMPLATE.matcher(message);
        if (m.find()) {
            return new PalisadeException(what + "template error: " + m.group(4).strip(), at(chart, chartName,
                    m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        m = PARSE.matcher(message);
        if (m.find()) {
            return new PalisadeException(what + "the template does not parse: " + m.group(3).strip(),
                    at(chart, chartName, m.group(1), Integer.parseInt(m.group(2)), 0));
        }
        m = YAML.matcher(message);
        if (m.find()) {
            return new PalisadeException(what + "the template renders text that is not YAML (" + m.group(2).strip()
                    + "; line numbers count in the rendered output)", at(chart, chartName, m.group(1), 0, 0));
        }
        m = MISSING_DEPENDENCY.matcher(message);
        if (m.find()) {
            return new PalisadeException(what + "its dependencies " + m.group(1).strip() + " are missing from "
                    + chart.resolve("charts") + "; run helm dependency build " + chart + " (Palisade renders offline"
                    + " and never downloads charts)", new SourceLocation(chart.resolve("Chart.yaml").toString(), 0, 0, 0));
        }
        m = VALUES.matcher(message);
        if (m.find()) {
            return new PalisadeException(what + "a values file is not valid YAML: " + m.group(2).strip(),
                    new SourceLocation(asNamed(m.group(1), valuesFiles), 0, Integer.parseInt(m.group(3)), 0));
        }
        m = CHART_FILE.matcher(message);
        if (m.find() && !m.group(1).contains("/")) {
            return new PalisadeException(what + "its " + m.group(1) + " is not valid: " + m.group(2).strip(),
                    new SourceLocation(chart.resolve(m.group(1)).toString(), 0, 0, 0));
        }
        if (message.contains(SCHEMA)) {
            Path schema = chart.resolve("values.schema.json");
            return new PalisadeException(what + message + "\n(Helm checks the values against the charts'"
                    + " values.schema.json)", new SourceLocation((Files.isRegularFile(schema) ? schema
                            : chart.resolve("Chart.yaml")).toString(), 0, 0, 0));
        }
        return new PalisadeException(what + message, new SourceLocation(chart.resolve("Chart.yaml").toString(), 0, 0, 0));
    }

    /** A values file as the user named it, from the absolute path Helm reports. */
    private static String asNamed(String reported, List<Path> valuesFiles) {
        for (Path file : valuesFiles) {
            if (file.toAbsolutePath().normalize().toString().equals(reported)) {
                return file.toString();
            }
        }
        return reported;
    }

    /** A location in the chart from Helm's template name ({@code CHART/templates/x.yaml}). */
    private static SourceLocation at(Path chart, String chartName, String helmPath, int line, int column) {
        return new SourceLocation(chart.resolve(HelmOutput.relative(helmPath, chartName)).toString(), 0, line, column);
    }
}
