package dev.palisade.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Renders a chart — a directory holding {@code Chart.yaml} — into the Kubernetes manifests it would
 * deploy, so that they are judged instead of the chart's templates. A {@link java.util.ServiceLoader}
 * service: the optional module policy-helm provides one (Helm's own template engine, in-process), and
 * {@link ManifestReader#withCharts} uses it when a read meets a chart. Without a renderer on the class
 * path, chart files are skipped with a note saying how to render them.
 *
 * <p>Implementations must be thread-safe. A chart that cannot be rendered (a template error, a value
 * marked {@code required} that is missing, a dependency absent from {@code charts/}) is a
 * {@link PalisadeException} located at the chart file concerned, never an empty result.
 */
public interface ChartRenderer {

    /** {@return what renders charts, for messages ("Helm 3.21 (helm-java 0.0.21)")} */
    String name();

    /**
     * Renders a chart.
     *
     * @param chart the chart directory, as named or met in a directory walk (locations are built on it)
     * @param options release name, namespace, values and the other settings of the rendering
     * @return the rendered documents, grouped by the template that produced them
     * @throws PalisadeException when the chart cannot be rendered, located at the file concerned
     */
    RenderedChart render(Path chart, ChartOptions options);

    /** {@return the first renderer (by class name) that the context class loader provides as a service} */
    static Optional<ChartRenderer> discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    /**
     * As {@link #discover()}, with service providers looked up through the given class loader.
     *
     * @param classLoader the class loader that service providers are looked up through
     * @return the first renderer by class name, if any
     */
    static Optional<ChartRenderer> discover(ClassLoader classLoader) {
        List<ChartRenderer> found = new ArrayList<>();
        ServiceLoader.load(ChartRenderer.class, classLoader).forEach(found::add);
        found.sort(Comparator.comparing(renderer -> renderer.getClass().getName()));
        return found.stream().findFirst();
    }
}
