package dev.palisade.helm;

import dev.palisade.core.ChartOptions;
import dev.palisade.core.ChartRenderer;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.RenderedChart;
import dev.palisade.core.SourceLocation;
import dev.palisade.helm.internal.ChartFile;
import dev.palisade.helm.internal.HelmEngine;
import dev.palisade.helm.internal.HelmErrors;
import dev.palisade.helm.internal.HelmOutput;
import dev.palisade.helm.internal.HookTemplates;
import dev.palisade.helm.internal.SetArguments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Renders Helm charts in-process with Helm's own engine, as {@code helm template} does: the chart's
 * {@code values.yaml}, then values files, then {@code --set} and {@code --set-string} settings;
 * subcharts in {@code charts/} (directories or archives) rendered with their parent; Helm's values
 * schema checks. It works offline: a dependency missing from {@code charts/} is an error that says to
 * run {@code helm dependency build}, never a download. Templates see {@code .Release.Namespace}
 * {@code default} unless a namespace is given. Hook templates ({@code helm.sh/hook}) are reported as
 * omitted, since helm-java renders a release's manifest without its hooks; a library chart is
 * reported as omitted, since it cannot be installed.
 *
 * <p>Found as a {@link ChartRenderer} service; thread-safe (renderings run one at a time).
 */
public final class HelmChartRenderer implements ChartRenderer {
    private static final String HELM_JAVA_VERSION = helmJavaVersion();

    /** A renderer; Helm's native library is loaded on the first rendering. */
    public HelmChartRenderer() {
    }

    @Override
    public String name() {
        return "Helm (helm-java " + HELM_JAVA_VERSION + ")";
    }

    @Override
    public RenderedChart render(Path chart, ChartOptions options) {
        ChartFile chartFile = ChartFile.read(chart);
        if (!chartFile.installable()) {
            return new RenderedChart(chartFile.name(), List.of(), List.of(new RenderedChart.Omitted("Chart.yaml",
                    "a " + chartFile.type() + " chart, which Helm does not install; its templates are judged in"
                            + " the charts that depend on it")));
        }
        for (Path values : options.valuesFiles()) {
            if (!Files.isRegularFile(values) || !Files.isReadable(values)) {
                throw new PalisadeException("cannot render the Helm chart " + chart + ": cannot read the values file "
                        + values + (Files.exists(values) ? "" : ": no such file"),
                        new SourceLocation(values.toString(), 0, 0, 0));
            }
        }
        Map<String, String> set = SetArguments.parse(options.set(), "--set");
        Map<String, String> setString = SetArguments.parse(options.setString(), "--set-string");
        List<Path> temporary = new ArrayList<>();
        try {
            Map<String, Path> setFiles = new LinkedHashMap<>();
            for (Map.Entry<String, String> entry : setString.entrySet()) {
                // Helm reads a --set-file value as a string: exactly --set-string's meaning
                Path file = Files.createTempFile("palisade-helm-set-string", ".txt");
                temporary.add(file);
                Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
                setFiles.put(entry.getKey(), file);
            }
            String output = HelmEngine.template(new HelmEngine.Request(chart, chart.toString(), options.releaseName(),
                    options.namespace().orElse("default"), options.kubeVersion(), options.valuesFiles(), set, setFiles,
                    options.timeout()));
            return new RenderedChart(chartFile.name(), HelmOutput.split(output, chartFile.name()),
                    HookTemplates.find(chart, chart.toString()));
        } catch (HelmEngine.HelmFailure failure) {
            throw HelmErrors.located(chart, chartFile.name(), options.valuesFiles(), failure.getMessage());
        } catch (IOException e) {
            throw new PalisadeException("cannot render the Helm chart " + chart + ": cannot write a temporary file for"
                    + " --set-string: " + e.getMessage(), e);
        } finally {
            for (Path file : temporary) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is not worth failing the rendering for
                }
            }
        }
    }

    private static String helmJavaVersion() {
        try (InputStream in = com.marcnuri.helm.Helm.class.getResourceAsStream(
                "/META-INF/maven/com.marcnuri.helm-java/helm-java/pom.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown version");
        } catch (IOException e) {
            return "unknown version";
        }
    }
}
