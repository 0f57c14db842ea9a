package dev.palisade.core;

import dev.palisade.core.internal.reader.DocumentParser;
import dev.palisade.core.internal.reader.LimitMessages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests: YAML streams and JSON files, directories recursively, or standard
 * input ({@code -}). YAML scalars are read as Kubernetes reads them (YAML 1.1: {@code yes} is a
 * boolean). Lists ({@code kind: List}, {@code *List}) are flattened. A malformed document is
 * reported with its file, line and column and the rest of the input is still read. Every resource
 * knows its file, document index and first line; the positions of its fields are computed only
 * when first asked for. Input is bounded by {@link ReaderLimits}. Immutable and thread-safe.
 */
public final class ManifestReader {
    /** The input name that stands for standard input. */
    public static final String STDIN = "-";

    /** The file name that resources read from standard input carry. */
    public static final String STDIN_NAME = "<stdin>";

    private final ReaderLimits limits;
    private final DocumentParser parser;

    private ManifestReader(ReaderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.parser = new DocumentParser(limits);
    }

    /** A reader with the default limits. */
    public static ManifestReader create() {
        return new ManifestReader(ReaderLimits.DEFAULTS);
    }

    /** A reader with the given limits. */
    public static ManifestReader create(ReaderLimits limits) {
        return new ManifestReader(limits);
    }

    /** The limits this reader enforces. */
    public ReaderLimits limits() {
        return limits;
    }

    /** Reads files, directories and {@code -} (standard input), collecting everything. */
    public Manifests read(List<String> inputs) {
        Collector collector = new Collector();
        read(inputs, collector);
        return collector.manifests();
    }

    /**
     * Reads files, directories and {@code -} (standard input), streaming to the sink in input order.
     * Directories are walked recursively in name order; files other than {@code *.yaml},
     * {@code *.yml} and {@code *.json}, hidden files and hidden directories are reported as skipped.
     */
    public void read(List<String> inputs, ManifestSink sink) {
        for (String input : inputs) {
            if (input.equals(STDIN)) {
                readStream(STDIN_NAME, System.in, sink);
            } else {
                readPath(Path.of(input), input, sink);
            }
        }
    }

    /**
     * Reads one YAML stream, or JSON when {@code name} ends in {@code .json}, given as text.
     * {@code name} is the file name that locations carry.
     */
    public Manifests readString(String name, String content) {
        Collector collector = new Collector();
        parser.parseResources(name, content, collector::resource, collector::error);
        return collector.manifests();
    }

    /** Reads a stream fully (bounded by the file-size limit) and parses it; does not close it. */
    public void readStream(String name, InputStream in, ManifestSink sink) {
        String content;
        try {
            content = readBounded(name, in);
        } catch (PalisadeException e) {
            sink.error(EvaluationError.of(e));
            return;
        }
        parser.parseResources(name, content, sink::resource, sink::error);
    }

    /**
     * Parses documents that need not be Kubernetes objects (policy files, suites, bindings). Lists are
     * not flattened and {@code apiVersion}/{@code kind} are not required; empty documents are
     * skipped.
     *
     * @throws PalisadeException for the first malformed document, with its position
     */
    public List<YamlDocument> readDocuments(String name, String content) {
        return parser.parseDocuments(name, content);
    }

    /**
     * Reads a file as documents that need not be Kubernetes objects.
     *
     * @throws PalisadeException when the file cannot be read or a document is malformed
     */
    public List<YamlDocument> readDocuments(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readDocuments(file.toString(), readBounded(file.toString(), in));
        } catch (IOException e) {
            throw new PalisadeException("cannot read " + file + ": " + e.getMessage(),
                    new SourceLocation(file.toString(), 0, 0, 0), e);
        }
    }

    private String readBounded(String name, InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
        } catch (IOException e) {
            throw new PalisadeException("cannot read " + name + ": " + e.getMessage(),
                    new SourceLocation(name, 0, 0, 0), e);
        }
        if (bytes.length > limits.maxFileBytes()) {
            throw new PalisadeException(LimitMessages.fileTooLarge(limits.maxFileBytes()),
                    new SourceLocation(name, 0, 1, 1));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private void readPath(Path path, String display, ManifestSink sink) {
        if (Files.isDirectory(path)) {
            walk(path, sink);
        } else if (Files.isRegularFile(path)) {
            readFile(path, display, sink);
        } else {
            sink.error(EvaluationError.of(new SourceLocation(display, 0, 0, 0),
                    "no such file or directory; check the path"));
        }
    }

    private void walk(Path directory, ManifestSink sink) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(directory)) {
            entries = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException | UncheckedIOException e) {
            sink.error(EvaluationError.of(new SourceLocation(directory.toString(), 0, 0, 0),
                    "cannot list directory: " + e.getMessage()));
            return;
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            boolean hidden = name.startsWith(".");
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                if (hidden) {
                    sink.skipped(new Manifests.SkippedFile(entry.toString(), "hidden directory, not read"));
                } else {
                    walk(entry, sink);
                }
            } else if (Files.isDirectory(entry)) {
                sink.skipped(new Manifests.SkippedFile(entry.toString(),
                        "symbolic link to a directory, not followed; name the target to read it"));
            } else if (hidden) {
                sink.skipped(new Manifests.SkippedFile(entry.toString(), "hidden file, not read"));
            } else if (!Files.isRegularFile(entry)) {
                sink.skipped(new Manifests.SkippedFile(entry.toString(), "not a regular file"));
            } else if (isManifestFile(name)) {
                readFile(entry, entry.toString(), sink);
            } else {
                sink.skipped(new Manifests.SkippedFile(entry.toString(), "not a .yaml, .yml or .json file"));
            }
        }
    }

    private static boolean isManifestFile(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private void readFile(Path file, String display, ManifestSink sink) {
        sink.reading(display);
        try (InputStream in = Files.newInputStream(file)) {
            readStream(display, in, sink);
        } catch (IOException e) {
            sink.error(EvaluationError.of(new SourceLocation(display, 0, 0, 0), "cannot read: " + e.getMessage()));
        }
    }

    /** Collects a read into {@link Manifests}. */
    private static final class Collector implements ManifestSink {
        private final List<Resource> resources = new ArrayList<>();
        private final List<EvaluationError> errors = new ArrayList<>();
        private final List<Manifests.SkippedFile> skipped = new ArrayList<>();

        @Override
        public void resource(Resource resource) {
            resources.add(resource);
        }

        @Override
        public void error(EvaluationError error) {
            errors.add(error);
        }

        @Override
        public void skipped(Manifests.SkippedFile file) {
            skipped.add(file);
        }

        Manifests manifests() {
            return new Manifests(resources, errors, skipped);
        }
    }
}
