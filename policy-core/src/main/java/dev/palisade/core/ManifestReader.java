package dev.palisade.core;

import dev.palisade.core.internal.reader.DocumentParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests: YAML streams and JSON files, directories recursively, or standard
 * input ({@code -}). Lists ({@code kind: List}, {@code *List}) are flattened. A malformed document
 * is reported with its position and the rest of the input is still read. Thread-safe.
 */
public final class ManifestReader {
    /** The input name that stands for standard input. */
    public static final String STDIN = "-";

    private final ReaderLimits limits;

    private ManifestReader(ReaderLimits limits) {
        this.limits = limits;
    }

    /** A reader with the default limits. */
    public static ManifestReader create() {
        return new ManifestReader(ReaderLimits.DEFAULTS);
    }

    /** A reader with the given limits. */
    public static ManifestReader create(ReaderLimits limits) {
        return new ManifestReader(limits);
    }

    public ReaderLimits limits() {
        return limits;
    }

    /** Reads files, directories and {@code -} (standard input), collecting everything. */
    public Manifests read(List<String> inputs) {
        List<Resource> resources = new ArrayList<>();
        List<EvaluationError> errors = new ArrayList<>();
        List<Manifests.SkippedFile> skipped = new ArrayList<>();
        read(inputs, new ManifestSink() {
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
        });
        return new Manifests(resources, errors, skipped);
    }

    /** Reads files, directories and {@code -} (standard input), streaming to the sink in input order. */
    public void read(List<String> inputs, ManifestSink sink) {
        for (String input : inputs) {
            if (input.equals(STDIN)) {
                readStream("<stdin>", System.in, sink);
            } else {
                readPath(Path.of(input), input, sink);
            }
        }
    }

    /** Reads one YAML stream or JSON document given as text. */
    public Manifests readString(String name, String content) {
        List<Resource> resources = new ArrayList<>();
        List<EvaluationError> errors = new ArrayList<>();
        new DocumentParser(limits).parseResources(name, content, resources::add, errors::add);
        return new Manifests(resources, errors, List.of());
    }

    /** Reads a stream fully (bounded by the file-size limit) and parses it. */
    public void readStream(String name, InputStream in, ManifestSink sink) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
            if (bytes.length > limits.maxFileBytes()) {
                sink.error(EvaluationError.of(new SourceLocation(name, 0, 0, 0), "input is larger than "
                        + limits.maxFileBytes() + " bytes; raise ReaderLimits.maxFileBytes (--max-file-bytes)"));
                return;
            }
            new DocumentParser(limits).parseResources(name, new String(bytes, StandardCharsets.UTF_8),
                    sink::resource, sink::error);
        } catch (IOException e) {
            sink.error(EvaluationError.of(new SourceLocation(name, 0, 0, 0), "cannot read: " + e.getMessage()));
        }
    }

    /**
     * Parses documents that need not be Kubernetes objects (policy files, suites, bindings). Lists are
     * not flattened and {@code apiVersion}/{@code kind} are not required.
     *
     * @throws PalisadeException for the first malformed document, with its position
     */
    public List<YamlDocument> readDocuments(String name, String content) {
        return new DocumentParser(limits).parseDocuments(name, content);
    }

    /** Reads a file as documents that need not be Kubernetes objects. */
    public List<YamlDocument> readDocuments(Path file) {
        try {
            return readDocuments(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PalisadeException("cannot read " + file + ": " + e.getMessage(),
                    new SourceLocation(file.toString(), 0, 0, 0), e);
        }
    }

    private void readPath(Path path, String display, ManifestSink sink) {
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException | UncheckedIOException e) {
                sink.error(EvaluationError.of(new SourceLocation(display, 0, 0, 0), "cannot list directory: "
                        + e.getMessage()));
                return;
            }
            for (Path file : files) {
                if (isManifestFile(file)) {
                    readFile(file, sink);
                } else {
                    sink.skipped(new Manifests.SkippedFile(file.toString(), "not a .yaml, .yml or .json file"));
                }
            }
        } else if (Files.isRegularFile(path)) {
            readFile(path, sink);
        } else {
            sink.error(EvaluationError.of(new SourceLocation(display, 0, 0, 0), "no such file or directory"));
        }
    }

    private static boolean isManifestFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private void readFile(Path file, ManifestSink sink) {
        try (InputStream in = Files.newInputStream(file)) {
            readStream(file.toString(), in, sink);
        } catch (IOException e) {
            sink.error(EvaluationError.of(new SourceLocation(file.toString(), 0, 0, 0), "cannot read: "
                    + e.getMessage()));
        }
    }
}
