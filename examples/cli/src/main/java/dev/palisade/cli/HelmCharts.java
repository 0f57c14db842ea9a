package dev.palisade.cli;

import dev.palisade.core.ChartOptions;
import dev.palisade.core.ChartRenderer;
import dev.palisade.core.ManifestReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code check}'s Helm options. {@code --helm-chart DIR} names a chart, and the chart options that
 * follow it ({@code --values}, {@code --set}, {@code --set-string}, {@code --release-name},
 * {@code --namespace}, {@code --kube-version}) belong to it, up to the next {@code --helm-chart}; so
 * several charts can be named, each with its own values. Charts met in the directories named render
 * with their own {@code values.yaml}. {@code --no-helm} renders none; {@code --helm-timeout} bounds
 * each rendering.
 */
final class HelmCharts {
    static final String USAGE = """
              --helm-chart DIR          render the chart at DIR with the chart options that follow (repeatable;
                                        each chart's options follow it). Charts met in directories render with
                                        their values.yaml, release name release-name and no namespace
                --values FILE           a values file over the chart's values.yaml (repeatable, later wins)
                --set KEY=VALUE         a value, typed as Helm types it (true, 12, null; repeatable, one
                                        KEY=VALUE each; list items by index: --set args[0]=a)
                --set-string KEY=VALUE  a value kept a string (repeatable)
                --release-name NAME     .Release.Name (default release-name)
                --namespace NS          .Release.Namespace, and the namespace of rendered namespaced objects
                                        that name none, as helm install --namespace places them (without it
                                        templates see "default" and objects keep what they say)
                --kube-version V        the Kubernetes version templates see (.Capabilities.KubeVersion)
              --helm-timeout SECONDS    how long one chart may take to render (default 60)
              --no-helm                 do not render charts; their files are skipped
            """;

    private static final Set<String> CHART_OPTIONS = Set.of("values", "set", "set-string", "release-name", "namespace",
            "kube-version");
    private static final String CHART = "helm-chart";

    /** A chart named with --helm-chart and the options that followed it. */
    record NamedChart(String directory, List<String[]> options) {
    }

    /** The command line without the chart groups, and the chart groups. */
    record Split(List<String> rest, List<NamedChart> charts) {
    }

    private final ChartRenderer renderer;
    private final String whyNot;
    private final ChartOptions defaults;
    private final List<NamedChart> named;
    private final List<ChartOptions> namedOptions;

    private HelmCharts(ChartRenderer renderer, String whyNot, ChartOptions defaults, List<NamedChart> named,
            List<ChartOptions> namedOptions) {
        this.renderer = renderer;
        this.whyNot = whyNot;
        this.defaults = defaults;
        this.named = named;
        this.namedOptions = namedOptions;
    }

    /** Takes {@code --helm-chart DIR} and the chart options following it out of the command line. */
    static Split split(List<String> args) {
        List<String> rest = new ArrayList<>();
        List<NamedChart> charts = new ArrayList<>();
        NamedChart current = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                rest.addAll(args.subList(i, args.size()));
                break;
            }
            if (!arg.startsWith("--")) {
                rest.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (!name.equals(CHART) && !CHART_OPTIONS.contains(name)) {
                rest.add(arg);
                continue;
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            if (name.equals(CHART)) {
                current = new NamedChart(value, new ArrayList<>());
                charts.add(current);
            } else if (current == null) {
                throw new UsageException("--" + name + " is an option of a chart: put it after --helm-chart DIR");
            } else {
                current.options().add(new String[] {name, value});
            }
        }
        return new Split(rest, charts);
    }

    /** The Helm settings of a command line: the renderer (unless --no-helm) and each chart's options. */
    static HelmCharts of(List<NamedChart> charts, Arguments args) {
        long seconds = args.number("helm-timeout", ChartOptions.DEFAULT_TIMEOUT.toSeconds());
        if (seconds <= 0) {
            throw new UsageException("--helm-timeout takes a positive number of seconds, not " + seconds);
        }
        ChartOptions defaults = ChartOptions.defaults().withTimeout(Duration.ofSeconds(seconds));
        ChartRenderer renderer = null;
        String whyNot;
        if (args.flag("no-helm")) {
            whyNot = "--no-helm";
            if (!charts.isEmpty()) {
                throw new UsageException("--helm-chart renders a chart, --no-helm renders none: give one of them");
            }
        } else {
            Optional<ChartRenderer> found = ChartRenderer.discover();
            renderer = found.orElse(null);
            whyNot = "no chart renderer on the class path: add policy-helm";
        }
        List<ChartOptions> options = new ArrayList<>();
        for (NamedChart chart : charts) {
            Path directory = Path.of(chart.directory());
            if (!Files.isDirectory(directory)) {
                throw new UsageException("--helm-chart " + chart.directory() + ": not a directory (name the directory"
                        + " holding Chart.yaml)");
            }
            if (!Files.isRegularFile(directory.resolve("Chart.yaml"))) {
                throw new UsageException("--helm-chart " + chart.directory() + ": not a Helm chart (no Chart.yaml)");
            }
            options.add(options(chart, defaults));
        }
        return new HelmCharts(renderer, whyNot, defaults, charts, options);
    }

    private static ChartOptions options(NamedChart chart, ChartOptions defaults) {
        ChartOptions options = defaults;
        List<Path> values = new ArrayList<>();
        List<String> set = new ArrayList<>();
        List<String> setString = new ArrayList<>();
        for (String[] option : chart.options()) {
            String value = option[1];
            switch (option[0]) {
                case "values" -> values.add(Path.of(value));
                case "set" -> set.add(value);
                case "set-string" -> setString.add(value);
                case "release-name" -> {
                    if (value.isBlank()) {
                        throw new UsageException("--release-name needs a name");
                    }
                    options = options.withReleaseName(value);
                }
                case "namespace" -> {
                    if (value.isBlank()) {
                        throw new UsageException("--namespace needs a name");
                    }
                    options = options.withNamespace(value);
                }
                case "kube-version" -> options = options.withKubeVersion(value);
                default -> throw new IllegalStateException(option[0]);
            }
        }
        return options.withValuesFiles(values).withSet(set).withSetString(setString);
    }

    /** The inputs the named charts add (each chart directory, as named). */
    List<String> inputs() {
        return named.stream().map(NamedChart::directory).toList();
    }

    /** The reader rendering charts as the command line says. */
    ManifestReader configure(ManifestReader reader) {
        ManifestReader configured = reader.withCharts(renderer).withChartDefaults(defaults);
        for (int i = 0; i < named.size(); i++) {
            configured = configured.withChart(Path.of(named.get(i).directory()), namedOptions.get(i));
        }
        return configured;
    }

    /** Whether charts are rendered. */
    boolean rendering() {
        return renderer != null;
    }

    /** Why charts are not rendered, when they are not. */
    String whyNotRendering() {
        return whyNot;
    }
}
