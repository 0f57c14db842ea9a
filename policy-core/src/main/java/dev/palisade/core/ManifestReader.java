package dev.palisade.core;

import dev.palisade.core.Manifests.SkippedFile;
import dev.palisade.core.Manifests.SkippedFile.Category;
import dev.palisade.core.internal.reader.DocumentParser;
import dev.palisade.core.internal.reader.IgnoreRules;
import dev.palisade.core.internal.reader.LimitMessages;
import dev.palisade.core.internal.reader.RepositoryLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import dev.palisade.core.internal.reader.ClusterScopedKinds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests: YAML streams and JSON files, directories recursively, or standard
 * input ({@code -}). Input is read as a stream, document by document, so memory is bounded by the
 * largest document (and what the sink keeps), never by the size of a file. YAML scalars and merge
 * keys are read as Kubernetes reads them (go-yaml v2: {@code yes} is a boolean). Lists
 * ({@code kind: List}, {@code *List}) are flattened. A malformed document is reported with its
 * file, line and column and the rest of the input is still read; no input ends a read with an
 * exception. Files that are not Kubernetes objects — kustomizations and the files they name, Helm
 * chart files, YAML without apiVersion and kind — are skipped with a reason and a category, unless
 * {@linkplain #withStrict(boolean) strict} makes the last an error. Directory walks honour a
 * {@code .palisadeignore} file at the walked directory and {@linkplain #withExcludes exclude
 * patterns} (gitignore syntax). Every resource knows its file, document index and first line; the
 * positions of its fields are computed only when first asked for. Input is bounded by
 * {@link ReaderLimits}. Immutable and thread-safe.
 *
 * <p>With a {@link ChartRenderer} ({@link #withCharts}), a directory holding {@code Chart.yaml} is a
 * chart: it is rendered once per read, where it is named or met, and the rendered objects are read
 * instead of its files; their locations name the template that produced them, marked as rendered
 * ({@link SourceLocation#rendered}). Without one, chart files are skipped with a note.
 */
public final class ManifestReader {
    static {
        // fail at startup, naming the minimum, on a Jackson older than the reader needs
        dev.palisade.core.internal.JacksonVersion.require();
    }

    /** The input name that stands for standard input. */
    public static final String STDIN = "-";

    /** The file name that resources read from standard input carry. */
    public static final String STDIN_NAME = "<stdin>";

    /** The ignore file read at the top of each walked directory. */
    public static final String IGNORE_FILE = ".palisadeignore";

    private final ReaderLimits limits;
    private final boolean strict;
    private final List<String> excludes;
    private final DocumentParser parser;
    private final ChartRenderer charts;
    private final ChartOptions chartDefaults;
    private final Map<Path, ChartOptions> namedCharts;

    private ManifestReader(ReaderLimits limits, boolean strict, List<String> excludes, ChartRenderer charts,
            ChartOptions chartDefaults, Map<Path, ChartOptions> namedCharts, boolean fastPath) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.strict = strict;
        this.excludes = List.copyOf(excludes);
        IgnoreRules.parse(List.of(), this.excludes);
        this.parser = new DocumentParser(limits, fastPath);
        this.charts = charts;
        this.chartDefaults = Objects.requireNonNull(chartDefaults, "chartDefaults");
        this.namedCharts = Map.copyOf(namedCharts);
    }

    /** {@return a reader with the default limits; it renders no charts (see {@link #withCharts})} */
    public static ManifestReader create() {
        return create(ReaderLimits.DEFAULTS);
    }

    /**
     * {@return a reader with the given limits; it renders no charts (see {@link #withCharts})}
     *
     * @param limits the limits
     */
    public static ManifestReader create(ReaderLimits limits) {
        return new ManifestReader(limits, false, List.of(), null, ChartOptions.defaults(), Map.of(),
                DocumentParser.fastPathByDefault());
    }

    /**
     * {@return the same reader, strict or not} A strict reader reports a YAML or JSON document without
     * apiVersion and kind as an error instead of skipping it as "not a Kubernetes object" (CLI
     * {@code --strict}).
     *
     * @param value whether the reader is strict
     */
    public ManifestReader withStrict(boolean value) {
        return new ManifestReader(limits, value, excludes, charts, chartDefaults, namedCharts, parser.fastPath());
    }

    /**
     * {@return the same reader excluding paths from directory walks: gitignore patterns, relative to each
     * walked directory, applied after its {@code .palisadeignore} (CLI {@code --exclude})}
     *
     * @param patterns the patterns
     */
    public ManifestReader withExcludes(List<String> patterns) {
        return new ManifestReader(limits, strict, patterns, charts, chartDefaults, namedCharts, parser.fastPath());
    }

    /**
     * {@return the same reader rendering charts with this renderer ({@link ChartRenderer#discover()} finds the
     * one on the class path); {@code null} renders none, so chart files are skipped with a note} A
     * chart is a directory holding {@code Chart.yaml}; its {@code templates/} and {@code charts/}
     * (subcharts), {@code Chart.yaml}, {@code Chart.lock}, {@code values.yaml} and
     * {@code values.schema.json} go into the rendering, other values files are skipped (the chart is
     * rendered without them), and everything else in it ({@code crds/} among them) is read as usual.
     *
     * @param renderer the renderer, or {@code null}
     */
    public ManifestReader withCharts(ChartRenderer renderer) {
        return new ManifestReader(limits, strict, excludes, renderer, chartDefaults, namedCharts, parser.fastPath());
    }

    /**
     * {@return the same reader rendering charts that have no options of their own ({@link #withChart}) with these}
     *
     * @param options the default options
     */
    public ManifestReader withChartDefaults(ChartOptions options) {
        return new ManifestReader(limits, strict, excludes, charts, options, namedCharts, parser.fastPath());
    }

    /**
     * {@return the same reader rendering the chart at this directory with these options wherever a read meets
     * it (named as an input, or in a directory walk)} A chart given options is rendered even by a
     * reader without a renderer, which makes it an error rather than a skipped file.
     *
     * @param directory the chart's directory
     * @param options its options
     */
    public ManifestReader withChart(Path directory, ChartOptions options) {
        Map<Path, ChartOptions> named = new HashMap<>(namedCharts);
        named.put(directory.toAbsolutePath().normalize(), Objects.requireNonNull(options, "options"));
        return new ManifestReader(limits, strict, excludes, charts, chartDefaults, named, parser.fastPath());
    }

    /**
     * The same reader with the fast path for Kubernetes YAML on or off. The fast path reads the YAML
     * that manifests use (block and flow collections, plain, quoted and block scalars, comments)
     * straight into the same trees, positions and scalar types as the SnakeYAML path, and gives every
     * document it does not handle to SnakeYAML; results are the same either way. It is on unless the
     * system property {@code palisade.yaml.fastPath} is {@code false}; turn it off to compare the two
     * paths or to rule it out.
     *
     * @param value whether documents are read with the fast path first
     * @return a reader like this one with the fast path on or off
     */
    public ManifestReader withFastPath(boolean value) {
        return new ManifestReader(limits, strict, excludes, charts, chartDefaults, namedCharts, value);
    }

    /** {@return whether YAML documents are read with the fast path first (see {@link #withFastPath})} */
    public boolean fastPath() {
        return parser.fastPath();
    }

    /** {@return the renderer charts are rendered with, if any} */
    public Optional<ChartRenderer> chartRenderer() {
        return Optional.ofNullable(charts);
    }

    /** {@return the limits this reader enforces} */
    public ReaderLimits limits() {
        return limits;
    }

    /** {@return whether documents without apiVersion and kind are errors rather than skipped} */
    public boolean strict() {
        return strict;
    }

    /** {@return the exclude patterns applied to directory walks} */
    public List<String> excludes() {
        return excludes;
    }

    /**
     * Reads files, directories and {@code -} (standard input), collecting everything.
     *
     * @param inputs files, directories and {@code -}
     * @return the resources, errors and skipped files
     */
    public Manifests read(List<String> inputs) {
        Collector collector = new Collector();
        read(inputs, collector);
        return collector.manifests();
    }

    /**
     * Reads files, directories and {@code -} (standard input), streaming to the sink in input order.
     * Directories are walked recursively in name order; hidden and excluded paths, other file
     * types, kustomizations and the files they name, Helm chart files, and YAML that is not a
     * Kubernetes object are reported as skipped. A named file that is a pipe or device (such as
     * {@code <(kustomize build)}) is read as a stream.
     *
     * @param inputs files, directories and {@code -}
     * @param sink receives resources, errors and skipped files
     */
    public void read(List<String> inputs, ManifestSink sink) {
        ReadState state = new ReadState();
        for (String input : inputs) {
            if (input.equals(STDIN)) {
                sink.reading(STDIN_NAME);
                readStream(STDIN_NAME, System.in, sink);
            } else {
                readPath(Path.of(input), input, sink, state);
            }
        }
    }

    /** What one read has done so far: the charts it rendered (each is rendered once per read). */
    private static final class ReadState {
        private final Set<Path> renderedCharts = new HashSet<>();
    }

    /**
     * Reads one YAML stream, or JSON when {@code name} ends in {@code .json}, given as text.
     * {@code name} is the file name that locations carry.
     *
     * @param name the file name
     * @param content the text
     * @return the resources, errors and skipped documents
     */
    public Manifests readString(String name, String content) {
        Collector collector = new Collector();
        DocumentParser.Outcome outcome = parser.parseResources(name, content, strict, resourceHandler(collector));
        reportNotObjects(name, outcome, collector);
        return collector.manifests();
    }

    /**
     * Reads a stream document by document as it arrives (bounded by the file-size limit); does not
     * close it. The encoding comes from a byte-order mark (UTF-8, UTF-16, UTF-32), UTF-8 without one.
     *
     * @param name the file name that locations carry
     * @param in the stream
     * @param sink receives resources, errors and skipped documents
     */
    public void readStream(String name, InputStream in, ManifestSink sink) {
        DocumentParser.Outcome outcome = parser.readResources(name, in, strict, resourceHandler(sink));
        reportNotObjects(name, outcome, sink);
    }

    /**
     * Parses documents that need not be Kubernetes objects (policy files, suites, bindings). Lists are
     * not flattened and {@code apiVersion}/{@code kind} are not required; empty documents are
     * skipped.
     *
     * @param name the file name that locations carry
     * @param content the text
     * @return the documents, in order
     * @throws PalisadeException for the first malformed document, with its position
     */
    public List<YamlDocument> readDocuments(String name, String content) {
        return parser.parseDocuments(name, content);
    }

    /**
     * Reads a file as documents that need not be Kubernetes objects.
     *
     * @param file the file
     * @return the documents, in order
     * @throws PalisadeException when the file cannot be read or a document is malformed
     */
    public List<YamlDocument> readDocuments(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parser.parseDocuments(file.toString(), in);
        } catch (IOException e) {
            throw new PalisadeException(DocumentParser.cannotRead(file.toString(), e), SourceLocation.UNKNOWN, e);
        }
    }

    private static DocumentParser.ResourceHandler resourceHandler(ManifestSink sink) {
        return new DocumentParser.ResourceHandler() {
            @Override
            public void resource(Resource resource) {
                sink.resource(resource);
            }

            @Override
            public void error(EvaluationError error) {
                sink.error(error);
            }
        };
    }

    private static void reportNotObjects(String name, DocumentParser.Outcome outcome, ManifestSink sink) {
        if (outcome.notObjects() == 0) {
            return;
        }
        String reason;
        if (outcome.resources() == 0 && outcome.errors() == 0) {
            reason = "not a Kubernetes object (no apiVersion and kind); --strict makes this an error";
        } else {
            reason = outcome.notObjects() + (outcome.notObjects() == 1 ? " document" : " documents")
                    + " (the first on line " + outcome.firstNotObjectLine() + ") not Kubernetes objects (no"
                    + " apiVersion and kind); --strict makes this an error";
        }
        sink.skipped(new SkippedFile(name, reason, Category.NOT_KUBERNETES));
    }

    private void readPath(Path path, String display, ManifestSink sink, ReadState state) {
        if (Files.isDirectory(path)) {
            walk(path, sink, state);
            return;
        }
        if (Files.isRegularFile(path)) {
            RepositoryLayout.Role role = new RepositoryLayout().roleOf(path, null);
            if (role != null && charts != null && RepositoryLayout.isChartFile(path.getFileName().toString())) {
                sink.skipped(new SkippedFile(display, "Helm chart metadata; name the chart's directory to render and"
                        + " judge the chart: palisade check " + displayDirectory(path), Category.HELM_CHART));
            } else if (role != null) {
                sink.skipped(new SkippedFile(display, role.reason(), category(role)));
            } else {
                readFile(path, display, false, sink);
            }
            return;
        }
        if (Files.exists(path)) {
            // A pipe or device named on the command line, such as <(kustomize build): read it as a stream.
            sink.reading(display);
            try (InputStream in = Files.newInputStream(path)) {
                readStream(display, in, sink);
            } catch (IOException e) {
                sink.error(EvaluationError.of(SourceLocation.UNKNOWN, DocumentParser.cannotRead(display, e)));
            }
            return;
        }
        sink.error(EvaluationError.of(SourceLocation.UNKNOWN, missing(path, display)));
    }

    /** Why a path that does not resolve cannot be read: a link loop, a broken link, or no such file. */
    private static String missing(Path path, String display) {
        if (Files.isSymbolicLink(path)) {
            try {
                path.toRealPath();
            } catch (NoSuchFileException e) {
                return "cannot read " + display + ": broken symbolic link (its target does not exist)";
            } catch (IOException e) {
                if (e instanceof FileSystemException fs && fs.getReason() != null) {
                    return "cannot read " + display + ": " + fs.getReason().toLowerCase(Locale.ROOT);
                }
                return DocumentParser.cannotRead(display, e);
            }
        }
        return "cannot read " + display + ": no such file";
    }

    private static Category category(RepositoryLayout.Role role) {
        return role.kind() == RepositoryLayout.Kind.KUSTOMIZE ? Category.KUSTOMIZE : Category.HELM_CHART;
    }

    private static String displayDirectory(Path file) {
        Path parent = file.getParent();
        return parent == null ? "." : parent.toString();
    }

    /**
     * One entry of a directory walk: a file to read, something skipped, or a chart to render
     * ({@code render}, with {@code path} the chart directory). {@code chartRendered}: the file lies in
     * a chart that is rendered.
     */
    private record Entry(Path path, SkippedFile skipped, Path chartRoot, boolean underTemplates, boolean render,
            boolean chartRendered) {
    }

    private void walk(Path root, ManifestSink sink, ReadState state) {
        IgnoreRules rules;
        try {
            Path ignoreFile = root.resolve(IGNORE_FILE);
            List<String> lines = Files.isRegularFile(ignoreFile)
                    ? Files.readAllLines(ignoreFile, StandardCharsets.UTF_8) : List.of();
            rules = IgnoreRules.parse(lines, excludes);
        } catch (IOException | UncheckedIOException e) {
            sink.error(EvaluationError.of(SourceLocation.UNKNOWN, DocumentParser.cannotRead(
                    root.resolve(IGNORE_FILE).toString(), e instanceof UncheckedIOException u ? u.getCause()
                            : (IOException) e)));
            rules = IgnoreRules.parse(List.of(), excludes);
        }
        List<Entry> entries = new ArrayList<>();
        RepositoryLayout layout = new RepositoryLayout();
        list(root, root, null, false, false, rules, layout, entries, sink);
        for (Entry entry : entries) {
            if (entry.skipped() != null) {
                sink.skipped(entry.skipped());
                continue;
            }
            if (entry.render()) {
                renderChart(entry.path(), sink, state);
                continue;
            }
            RepositoryLayout.Role role = layout.roleOf(entry.path(), entry.chartRoot());
            if (role != null && role.kind() == RepositoryLayout.Kind.HELM_CHART && entry.chartRendered()) {
                sink.skipped(new SkippedFile(entry.path().toString(), "chart-testing values of the Helm chart "
                        + entry.chartRoot() + ", which is rendered with its values.yaml; to judge it with this file:"
                        + " palisade check --helm-chart " + entry.chartRoot() + " --values " + entry.path(),
                        Category.HELM_CHART));
            } else if (role != null) {
                sink.skipped(new SkippedFile(entry.path().toString(), role.reason(), category(role)));
            } else {
                readFile(entry.path(), entry.path().toString(), entry.underTemplates(), sink);
            }
        }
    }

    /** Lists a directory tree in name order, recording kustomizations and chart roots on the way. */
    private void list(Path root, Path directory, Path chartRoot, boolean underTemplates, boolean inRenderedChart,
            IgnoreRules rules, RepositoryLayout layout, List<Entry> entries, ManifestSink sink) {
        List<Path> children;
        try (Stream<Path> list = Files.list(directory)) {
            children = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            sink.error(EvaluationError.of(SourceLocation.UNKNOWN, DocumentParser.cannotRead(directory.toString(), e)));
            return;
        } catch (UncheckedIOException e) {
            sink.error(EvaluationError.of(SourceLocation.UNKNOWN,
                    DocumentParser.cannotRead(directory.toString(), e.getCause())));
            return;
        }
        Path chart = chartRoot;
        boolean helmChart = false;
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (RepositoryLayout.isChartFile(name) && Files.isRegularFile(child)) {
                chart = directory;
                helmChart |= name.equals(HELM_CHART_FILE);
            }
            if (RepositoryLayout.isKustomization(name) && Files.isRegularFile(child)
                    && rules.ignoredBy(relative(root, child), false) == null) {
                // recorded before the subdirectories are listed: they may hold charts it renders (helmCharts)
                recordKustomization(child, layout);
            }
        }
        boolean named = namedCharts.containsKey(directory.toAbsolutePath().normalize());
        RepositoryLayout.Role kustomized = helmChart && charts != null && !named ? layout.kustomizeChart(directory)
                : null;
        if (kustomized != null) {
            entries.add(skip(directory, kustomized.reason(), Category.KUSTOMIZE));
            return;
        }
        boolean render = helmChart && (charts != null || named);
        boolean chartRendered = render || chart == chartRoot && inRenderedChart;
        if (render) {
            entries.add(new Entry(directory, null, directory, false, true, true));
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            String relative = relative(root, child);
            boolean directoryEntry = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
            if (render && renderingReads(directory, child, name, directoryEntry)) {
                continue;
            }
            if (render && !directoryEntry && isManifestFile(name) && name.toLowerCase(Locale.ROOT).startsWith("values")) {
                entries.add(skip(child, "a values file the Helm chart " + directory + " is not rendered with (Helm reads"
                        + " values.yaml); to judge the chart with it: palisade check --helm-chart " + directory
                        + " --values " + child, Category.HELM_CHART));
                continue;
            }
            if (name.startsWith(".")) {
                entries.add(skip(child, directoryEntry ? "hidden directory, not read" : "hidden file, not read",
                        Category.HIDDEN));
                continue;
            }
            String pattern = rules.ignoredBy(relative, directoryEntry);
            if (pattern != null) {
                entries.add(skip(child, "excluded by " + pattern, Category.EXCLUDED));
                continue;
            }
            if (directoryEntry) {
                list(root, child, chart, underTemplates || name.equals("templates"), chartRendered, rules, layout,
                        entries, sink);
            } else if (Files.isDirectory(child)) {
                entries.add(skip(child, "symbolic link to a directory, not followed; name the target to read it",
                        Category.NOT_FOLLOWED));
            } else if (!Files.isRegularFile(child)) {
                entries.add(skip(child, Files.isSymbolicLink(child) ? "broken symbolic link, not read"
                        : "not a regular file", Category.NOT_FOLLOWED));
            } else if (!isManifestFile(name) && !RepositoryLayout.isKustomization(name)) {
                entries.add(skip(child, "not a .yaml, .yml or .json file", Category.OTHER_FILE));
            } else {
                entries.add(new Entry(child, null, chart, underTemplates, false, chartRendered));
            }
        }
    }

    private void recordKustomization(Path file, RepositoryLayout layout) {
        try {
            for (YamlDocument document : readDocuments(file)) {
                if (document.content().isObject()) {
                    layout.addKustomization(file, document.content());
                }
            }
        } catch (PalisadeException e) {
            // Skipped as a kustomization all the same; kustomize reports what is wrong with it.
        }
    }

    private static Entry skip(Path path, String reason, Category category) {
        return new Entry(path, new SkippedFile(path.toString(), reason, category), null, false, false, false);
    }

    /** The file that makes a directory a Helm chart (Helm reads no other name). */
    private static final String HELM_CHART_FILE = "Chart.yaml";

    /**
     * Whether a chart's rendering reads this child of the chart directory, so that the walk does not:
     * {@code templates/} and {@code charts/} (subcharts, rendered by Helm with the chart), the chart's
     * metadata, lock and dependency files, {@code values.yaml}, {@code values.schema.json},
     * {@code .helmignore}, and values files the chart's options name.
     */
    private boolean renderingReads(Path chart, Path child, String name, boolean directory) {
        if (directory) {
            return name.equals("templates") || name.equals("charts");
        }
        if (name.equals(HELM_CHART_FILE) || name.equals("Chart.lock") || name.equals("requirements.yaml")
                || name.equals("requirements.lock") || name.equals("values.yaml") || name.equals("values.schema.json")
                || name.equals(".helmignore")) {
            return true;
        }
        ChartOptions options = namedCharts.get(chart.toAbsolutePath().normalize());
        if (options != null) {
            Path absolute = child.toAbsolutePath().normalize();
            for (Path values : options.valuesFiles()) {
                if (values.toAbsolutePath().normalize().equals(absolute)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Renders a chart and reads what it renders, once per read. Locations name the template of each
     * document, marked as rendered; files the renderer could not render are reported as skipped; a
     * chart that cannot be rendered is an error located at the file concerned (its
     * {@code Chart.yaml} when nothing more precise is known).
     */
    private void renderChart(Path chart, ManifestSink sink, ReadState state) {
        if (!state.renderedCharts.add(chart.toAbsolutePath().normalize())) {
            return;
        }
        String display = chart.toString();
        sink.reading(display);
        ChartOptions options = namedCharts.getOrDefault(chart.toAbsolutePath().normalize(), chartDefaults);
        SourceLocation chartFile = new SourceLocation(chart.resolve(HELM_CHART_FILE).toString(), 0, 0, 0);
        if (charts == null) {
            sink.error(EvaluationError.of(chartFile, "cannot render the Helm chart " + display + ": no chart renderer"
                    + " on the class path; add policy-helm (dev.palisade:policy-helm), or judge the rendered chart:"
                    + " helm template " + display + " | palisade check -"));
            return;
        }
        RenderedChart rendered;
        try {
            rendered = charts.render(chart, options);
        } catch (PalisadeException e) {
            sink.error(e.location().isPresent() ? EvaluationError.of(e) : EvaluationError.of(chartFile, e.getMessage()));
            return;
        } catch (RuntimeException | LinkageError e) {
            sink.error(EvaluationError.of(chartFile, "cannot render the Helm chart " + display + " with "
                    + charts.name() + ": " + e));
            return;
        }
        String origin = "chart " + rendered.name();
        Optional<String> namespace = options.namespace();
        List<Resource> held = new ArrayList<>();
        ManifestSink target = namespace.isEmpty() ? sink : new ManifestSink() {
            @Override
            public void resource(Resource resource) {
                held.add(resource);
            }

            @Override
            public void error(EvaluationError error) {
                sink.error(error);
            }

            @Override
            public void skipped(SkippedFile file) {
                sink.skipped(file);
            }
        };
        for (RenderedChart.Template template : rendered.templates()) {
            String file = SourceLocation.rendered(chart.resolve(template.path()).toString(), origin);
            DocumentParser.Outcome outcome = parser.parseResources(file, template.content(), strict,
                    resourceHandler(target));
            reportNotObjects(file, outcome, target);
        }
        if (namespace.isPresent()) {
            ClusterScopedKinds scopes = new ClusterScopedKinds();
            held.forEach(resource -> scopes.add(resource.object()));
            addChartCrds(chart, scopes);
            for (Resource resource : held) {
                ResourceId id = resource.id();
                sink.resource(id.isNamespaced() || scopes.isClusterScoped(id.group(), id.kind())
                        ? resource : resource.inNamespace(namespace.get()));
            }
        }
        for (RenderedChart.Omitted omitted : rendered.omitted()) {
            sink.skipped(new SkippedFile(chart.resolve(omitted.path()).toString(), omitted.reason(),
                    Category.HELM_CHART));
        }
    }

    /** Adds the scopes the CustomResourceDefinitions in a chart's {@code crds/} directory declare. */
    private void addChartCrds(Path chart, ClusterScopedKinds scopes) {
        Path crds = chart.resolve("crds");
        if (!Files.isDirectory(crds)) {
            return;
        }
        try (Stream<Path> files = Files.walk(crds)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> isManifestFile(f.getFileName().toString()))
                    .toList()) {
                try {
                    readDocuments(file).forEach(document -> scopes.add(document.content()));
                } catch (PalisadeException e) {
                    // the walk reads crds/ as manifests and reports what is wrong with it there
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // likewise: an unreadable crds/ directory is reported by the walk
        }
    }

    private static String relative(Path root, Path child) {
        Path relative = root.relativize(child);
        StringBuilder text = new StringBuilder();
        for (Path part : relative) {
            if (text.length() > 0) {
                text.append('/');
            }
            text.append(part);
        }
        return text.toString();
    }

    private static boolean isManifestFile(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /**
     * Reads one file. A file whose every error lies in a document with template markup
     * (<code>{{</code> outside quotes and comments) is a template, skipped rather than errors: part of
     * a Helm chart under a {@code templates} directory, a template of another tool elsewhere. Errors
     * are therefore held until the end of the file (resources are not).
     */
    private void readFile(Path file, String display, boolean underTemplates, ManifestSink sink) {
        sink.reading(display);
        try {
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                sink.error(EvaluationError.of(new SourceLocation(display, 0, 1, 1),
                        LimitMessages.fileTooLarge(limits.maxFileBytes())));
                return;
            }
        } catch (IOException e) {
            sink.error(EvaluationError.of(SourceLocation.UNKNOWN, DocumentParser.cannotRead(display, e)));
            return;
        }
        List<EvaluationError> held = new ArrayList<>();
        DocumentParser.ResourceHandler handler = new DocumentParser.ResourceHandler() {
            @Override
            public void resource(Resource resource) {
                sink.resource(resource);
            }

            @Override
            public void error(EvaluationError error) {
                held.add(error);
            }
        };
        DocumentParser.Outcome outcome;
        try (InputStream in = Files.newInputStream(file)) {
            outcome = parser.readResources(display, in, strict, handler);
        } catch (IOException e) {
            held.forEach(sink::error);
            sink.error(EvaluationError.of(SourceLocation.UNKNOWN, DocumentParser.cannotRead(display, e)));
            return;
        }
        if (!held.isEmpty() && outcome.templateErrors() == held.size()) {
            String first = held.get(0).location().display();
            if (underTemplates) {
                sink.skipped(new SkippedFile(display, "a Go template of a Helm chart ({{ }} at " + first + " is not"
                        + " YAML until rendered); judge the rendered chart: helm template CHART | palisade check -",
                        Category.HELM_CHART));
            } else {
                sink.skipped(new SkippedFile(display, "a template ({{ }} at " + first + " is not YAML until"
                        + " rendered); render it and judge the output: ... | palisade check -", Category.TEMPLATE));
            }
            return;
        }
        held.forEach(sink::error);
        reportNotObjects(display, outcome, sink);
    }

    /** Collects a read into {@link Manifests}. */
    private static final class Collector implements ManifestSink {
        private final List<Resource> resources = new ArrayList<>();
        private final List<EvaluationError> errors = new ArrayList<>();
        private final List<SkippedFile> skipped = new ArrayList<>();

        @Override
        public void resource(Resource resource) {
            resources.add(resource);
        }

        @Override
        public void error(EvaluationError error) {
            errors.add(error);
        }

        @Override
        public void skipped(SkippedFile file) {
            skipped.add(file);
        }

        Manifests manifests() {
            return new Manifests(resources, errors, skipped);
        }
    }
}
