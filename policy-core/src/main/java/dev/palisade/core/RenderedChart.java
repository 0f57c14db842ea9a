package dev.palisade.core;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link ChartRenderer} produced from a chart: the rendered documents grouped by the template
 * that produced them, and the templates whose output could not be rendered, with the reason.
 *
 * @param name the chart's name (from {@code Chart.yaml})
 * @param templates one entry per template with output, in the renderer's order
 * @param omitted templates (or files) whose objects are not in {@link #templates}, and why; they are
 *     reported as skipped, never dropped silently
 */
public record RenderedChart(String name, List<Template> templates, List<Omitted> omitted) {

    /**
     * Checks the values and copies the lists.
     *
     * @param name the chart's name (from {@code Chart.yaml})
     * @param templates one entry per template with output, in the renderer's order
     * @param omitted templates (or files) whose objects are not in {@link #templates}, and why; they are
     *     reported as skipped, never dropped silently
     */
    public RenderedChart {
        Objects.requireNonNull(name, "name");
        templates = List.copyOf(templates);
        omitted = List.copyOf(omitted);
    }

    /**
     * The rendered output of one template.
     *
     * @param path the template's path relative to the chart directory, with {@code /} separators
     *     ({@code templates/deployment.yaml}, {@code charts/db/templates/statefulset.yaml})
     * @param content a YAML stream: the template's documents as {@code helm template --show-only PATH}
     *     prints them, so that line numbers can be checked against Helm's own output
     */
    public record Template(String path, String content) {
        /**
         * Checks that nothing is null.
         *
         * @param path the template's path relative to the chart directory, with {@code /} separators
         *     ({@code templates/deployment.yaml}, {@code charts/db/templates/statefulset.yaml})
         * @param content a YAML stream: the template's documents as {@code helm template --show-only PATH}
         *     prints them, so that line numbers can be checked against Helm's own output
         */
        public Template {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * A file of the chart whose objects were not rendered.
     *
     * @param path the file's path relative to the chart directory, with {@code /} separators
     * @param reason why, and how to judge it
     */
    public record Omitted(String path, String reason) {
        /**
         * Checks that nothing is null.
         *
         * @param path the file's path relative to the chart directory, with {@code /} separators
         * @param reason why, and how to judge it
         */
        public Omitted {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
