package dev.palisade.helm.internal;

import dev.palisade.core.RenderedChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits what {@code helm template} prints into the output of each template. Helm prints every
 * document as {@code ---}, {@code # Source: CHART/PATH} and the document; the documents of one
 * template are gathered, in Helm's order, into the text {@code helm template --show-only PATH} prints
 * for it, so that a line number in that text can be checked against Helm.
 */
public final class HelmOutput {
    private static final String SOURCE = "# Source: ";

    private HelmOutput() {
    }

    /**
     * The output of each template, in order of first appearance.
     *
     * @param output Helm's output
     * @param chartName the chart's name, which Helm puts before each template's path
     */
    public static List<RenderedChart.Template> split(String output, String chartName) {
        Map<String, StringBuilder> templates = new LinkedHashMap<>();
        String[] lines = output.split("\r?\n", -1);
        StringBuilder current = null;
        List<String> orphan = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("---") && i + 1 < lines.length && lines[i + 1].startsWith(SOURCE)) {
                String source = lines[i + 1].substring(SOURCE.length()).strip();
                current = templates.computeIfAbsent(relative(source, chartName), k -> new StringBuilder());
                current.append("---\n").append(lines[i + 1]).append('\n');
                i++;
            } else if (current != null) {
                current.append(line).append('\n');
            } else if (!line.isBlank() && !line.equals("---")) {
                orphan.add(line);
            }
        }
        List<RenderedChart.Template> result = new ArrayList<>();
        if (!orphan.isEmpty()) {
            // Not attributed to a template (Helm always names one); read all the same, never dropped.
            result.add(new RenderedChart.Template("templates", String.join("\n", orphan) + "\n"));
        }
        templates.forEach((path, text) -> result.add(new RenderedChart.Template(path, trimTrailingBlankLines(text))));
        return result;
    }

    /**
     * The template's path within the chart: Helm names it {@code CHART/templates/x.yaml}, or
     * {@code CHART/charts/SUB/templates/x.yaml} for a subchart.
     */
    static String relative(String source, String chartName) {
        String prefix = chartName + "/";
        return source.startsWith(prefix) ? source.substring(prefix.length()) : source;
    }

    private static String trimTrailingBlankLines(StringBuilder text) {
        int end = text.length();
        while (end > 1 && text.charAt(end - 1) == '\n' && text.charAt(end - 2) == '\n') {
            end--;
        }
        return text.substring(0, end);
    }
}
