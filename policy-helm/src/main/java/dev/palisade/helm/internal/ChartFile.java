package dev.palisade.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What Palisade reads from a chart's {@code Chart.yaml} itself: the chart's name (Helm prefixes each
 * template's path with it) and its type (a library chart is not installable, so it is not rendered).
 */
public record ChartFile(String name, String type) {

    /**
     * Reads {@code Chart.yaml} of a chart directory.
     *
     * @throws PalisadeException when it is missing or malformed, located in it
     */
    public static ChartFile read(Path chart) {
        Path file = chart.resolve("Chart.yaml");
        if (!Files.isRegularFile(file)) {
            throw new PalisadeException(chart + " is not a Helm chart: it has no Chart.yaml",
                    new SourceLocation(file.toString(), 0, 0, 0));
        }
        List<YamlDocument> documents = ManifestReader.create().readDocuments(file);
        JsonNode content = documents.isEmpty() ? null : documents.get(0).content();
        if (content == null || !content.isObject() || !content.path("name").isTextual()
                || content.path("name").textValue().isBlank()) {
            throw new PalisadeException("Chart.yaml of " + chart + " names no chart (name: is required)",
                    new SourceLocation(file.toString(), 0, 1, 1));
        }
        return new ChartFile(content.path("name").textValue(), content.path("type").asText("application"));
    }

    /** Whether Helm can install (and so render) the chart: application charts, not library charts. */
    public boolean installable() {
        return type.isEmpty() || type.equals("application");
    }
}
