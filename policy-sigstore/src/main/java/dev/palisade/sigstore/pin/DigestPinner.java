package dev.palisade.sigstore.pin;

import dev.palisade.sigstore.pin.internal.UnifiedDiff;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ContainerView;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.ManifestSink;
import dev.palisade.core.Manifests;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Resource;
import dev.palisade.core.SourceLocation;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.pin.internal.ValueSplice;
import dev.palisade.sigstore.registry.DigestResolver;
import dev.palisade.sigstore.registry.DockerConfig;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.RegistryOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Pins container images to digests: every image of containers, init containers and ephemeral
 * containers of Pods, pod controllers, Jobs and CronJobs ({@link PodSpecView}) written as
 * {@code name:tag} becomes {@code name:tag@sha256:…}, keeping the text as written before the
 * {@code @}. It produces RFC 6902 patches (for admission mutation) and rewritten files that are
 * byte-for-byte the original except for the image values. Images that already carry a digest are left
 * alone; when a lockfile is given, their digest must agree with it. Thread-safe.
 */
public final class DigestPinner {
    private final DigestResolver resolver;
    private final Lockfile expected;
    private final boolean repin;

    /**
     * A pinner that leaves images with a digest as they are.
     *
     * @param resolver resolves tags (a {@link LockfileResolver} for reproducible runs)
     * @param expected digests that already-pinned images must carry ({@link Lockfile#empty()} to skip the check)
     */
    public DigestPinner(DigestResolver resolver, Lockfile expected) {
        this(resolver, expected, false);
    }

    /**
     * @param resolver resolves tags
     * @param expected digests that already-pinned images must carry
     * @param repin also resolve the tag of images written {@code name:tag@digest} and replace a digest
     *     the tag no longer has ({@code palisade pin --update})
     */
    public DigestPinner(DigestResolver resolver, Lockfile expected, boolean repin) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.repin = repin;
    }

    /**
     * {@return the JSON Patch that pins the images of one object (an admission request's object)}
     *
     * @param resource the object
     */
    public ResourcePatch patch(Resource resource) {
        List<PatchOperation> operations = new ArrayList<>();
        List<PinIssue> issues = new ArrayList<>();
        for (ContainerView container : containers(resource)) {
            String path = container.pathOf("image");
            JsonImage image = new JsonImage(container.node().path("image"));
            if (!image.isText) {
                continue;
            }
            SourceLocation location = resource.locate(path);
            pinned(image.text, container, location, issues).ifPresent(v -> operations.add(PatchOperation.replace(path,
                    v)));
        }
        return new ResourcePatch(resource.id().display(), resource.source().document(), operations, issues);
    }

    private record JsonImage(boolean isText, String text) {
        JsonImage(JsonNode node) {
            this(node.isTextual() && !node.asText().isEmpty(), node.asText(""));
        }
    }

    /**
     * Pins the images of a YAML (or JSON, when the name ends in {@code .json}) file given as text. The
     * file is read with the {@link ManifestReader}, so that it is read exactly as {@code palisade check}
     * reads it; each new value is spliced at the located position of the old one.
     *
     * @param file the file's name, for locations and the format
     * @param text the file's content
     * @return the new text and what changed
     */
    public PinResult pin(String file, String text) {
        Manifests manifests = ManifestReader.create().readString(file, text);
        return pin(file, text, manifests.resources(), manifests.errors());
    }

    private PinResult pin(String file, String text, List<Resource> resources, List<EvaluationError> errors) {
        List<PinIssue> allIssues = new ArrayList<>();
        for (EvaluationError error : errors) {
            allIssues.add(new PinIssue(error.location(), "", error.message() + "; this document is left unchanged"));
        }
        ValueSplice splice = new ValueSplice(text);
        List<ResourcePatch> patches = new ArrayList<>();
        Map<Integer, Replacement> replacements = new TreeMap<>();
        for (Resource resource : resources) {
            List<PatchOperation> operations = new ArrayList<>();
            List<PinIssue> issues = new ArrayList<>();
            for (ContainerView container : containers(resource)) {
                JsonNode node = container.node().path("image");
                if (!node.isTextual() || node.asText().isEmpty()) {
                    continue;
                }
                String image = node.asText();
                String path = container.pathOf("image");
                SourceLocation key = resource.locate(path);
                SourceLocation location = key.isKnown() ? splice.valueLocation(key.line(), key.column())
                        .map(at -> key.at(at[0], at[1])).orElse(key) : key;
                Optional<String> pinned = pinned(image, container, location, issues);
                if (pinned.isEmpty()) {
                    continue;
                }
                Optional<ValueSplice.Span> span = key.isKnown()
                        ? splice.find(key.line(), key.column(), image) : Optional.empty();
                Optional<String> written = span.flatMap(found -> ValueSplice.write(found, pinned.get()));
                if (written.isEmpty()) {
                    issues.add(new PinIssue(location, image, "image '" + image + "' of container '" + container.name()
                            + "' is written with escapes, line folding, a block scalar, a tag, an anchor or on a line of"
                            + " its own, which cannot be rewritten safely; write it as a plain or quoted one-line string"
                            + " after its key, or pin it by hand to " + pinned.get()));
                    continue;
                }
                Replacement previous = replacements.put(span.get().start(), new Replacement(span.get(), written.get()));
                if (previous == null || previous.text().equals(written.get())) {
                    operations.add(PatchOperation.replace(path, pinned.get()));
                }
            }
            if (!operations.isEmpty() || !issues.isEmpty()) {
                patches.add(new ResourcePatch(resource.id().display(), resource.source().document(), operations, issues));
                allIssues.addAll(issues);
            }
        }
        String newText = splice(text, replacements);
        return new PinResult(file, text, newText, UnifiedDiff.of("a/" + file, "b/" + file, text, newText), patches,
                allIssues);
    }

    private record Replacement(ValueSplice.Span span, String text) {
    }

    /**
     * Pins files and directories with a lockfile and, unless offline, the registries. The inputs are read
     * with the {@link ManifestReader}, as {@code palisade check} reads them: directories recursively,
     * {@code .yaml}, {@code .yml} and {@code .json} files, hidden files and directories skipped; the
     * lockfile is never pinned. With {@link PinOptions#write()}, changed files are rewritten and the
     * lockfile saved when it changed.
     *
     * @param inputs files and directories
     * @param options lockfile, write, update and offline settings
     * @return what was pinned, per file, and the errors
     */
    public static PinSummary run(List<Path> inputs, PinOptions options) {
        return run(inputs, options, Clock.systemUTC(), RegistryOptions.defaults());
    }

    /**
     * {@link #run(List, PinOptions)} with a clock and base registry options (for tests and hosts).
     *
     * @param inputs files and directories
     * @param options lockfile, write, update and offline settings
     * @param clock the clock of lockfile entries
     * @param registryBase registry options the pinner's settings are applied over
     * @return what was pinned, per file, and the errors
     */
    public static PinSummary run(List<Path> inputs, PinOptions options, Clock clock, RegistryOptions registryBase) {
        Lockfile before = Lockfile.load(options.lockfile());
        Optional<DigestResolver> registry = Optional.empty();
        if (!options.offline()) {
            RegistryOptions registryOptions = registryBase.withClock(clock);
            if (options.registryConfig().isPresent()) {
                registryOptions = registryOptions.withCredentials(DockerConfig.load(options.registryConfig().get()));
            }
            if (options.allowInsecure()) {
                registryOptions = registryOptions.withInsecureRegistries(Set.of("*"));
            }
            registry = Optional.of(DigestResolver.caching(RegistryClient.create(registryOptions)));
        }
        LockfileResolver resolver = new LockfileResolver(before, options.lockfile().toString(), registry,
                options.update(), clock);
        DigestPinner pinner = new DigestPinner(resolver, options.update() ? Lockfile.empty() : before,
                options.update());
        Path lockfile = options.lockfile().toAbsolutePath().normalize();
        Map<String, FileRead> files = new LinkedHashMap<>();
        ManifestReader.create().read(inputs.stream().map(Path::toString).toList(), new ManifestSink() {
            @Override
            public void reading(String file) {
                files.putIfAbsent(file, new FileRead());
            }

            @Override
            public void resource(Resource resource) {
                files.computeIfAbsent(resource.source().file(), f -> new FileRead()).resources.add(resource);
            }

            @Override
            public void error(EvaluationError error) {
                files.computeIfAbsent(error.location().file(), f -> new FileRead()).errors.add(error);
            }
        });
        List<PinResult> results = new ArrayList<>();
        for (Map.Entry<String, FileRead> entry : files.entrySet()) {
            Path file = Path.of(entry.getKey());
            if (file.toAbsolutePath().normalize().equals(lockfile)) {
                continue;
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                PinIssue issue = new PinIssue(new SourceLocation(file.toString(), 0, 0, 0), "", "cannot read: "
                        + e.getMessage());
                results.add(new PinResult(file.toString(), "", "", "", List.of(), List.of(issue)));
                continue;
            }
            PinResult result = pinner.pin(file.toString(), text, entry.getValue().resources, entry.getValue().errors);
            if (options.write() && result.changed()) {
                write(file, result.newText());
            }
            results.add(result);
        }
        Lockfile after = resolver.lockfile();
        boolean changed = !after.equals(before);
        if (options.write() && changed) {
            after.save(options.lockfile());
        }
        return new PinSummary(results, after, changed);
    }

    /** What the reader produced for one file. */
    private static final class FileRead {
        final List<Resource> resources = new ArrayList<>();
        final List<EvaluationError> errors = new ArrayList<>();
    }

    private Optional<String> pinned(String image, ContainerView container, SourceLocation location,
            List<PinIssue> issues) {
        ImageReference reference;
        try {
            reference = ImageReference.parse(image);
        } catch (PalisadeException e) {
            issues.add(new PinIssue(location, image, "image '" + image + "' of container '" + container.name()
                    + "' is not a valid reference: " + e.getMessage()));
            return Optional.empty();
        }
        if (reference.digest().isPresent() && reference.tag().isPresent() && repin) {
            String unpinned = image.substring(0, image.lastIndexOf('@'));
            Digest current;
            try {
                current = resolver.resolve(reference.repositoryReference().withTag(reference.tag()));
            } catch (PalisadeException e) {
                issues.add(new PinIssue(location, image, "cannot refresh image '" + image + "' of container '"
                        + container.name() + "': " + e.getMessage()));
                return Optional.empty();
            }
            return current.equals(reference.digest().get()) ? Optional.empty()
                    : Optional.of(unpinned + "@" + current);
        }
        if (reference.digest().isPresent()) {
            if (reference.tag().isPresent()) {
                expected.entry(reference).filter(e -> !e.digest().equals(reference.digest().get()))
                        .ifPresent(e -> issues.add(new PinIssue(location, image, "image '" + image + "' of container '"
                                + container.name() + "' is pinned to " + reference.digest().get() + " but the lockfile"
                                + " records " + e.digest() + " for " + Lockfile.key(reference) + "; fix the manifest"
                                + " or refresh the lockfile with --update")));
            }
            return Optional.empty();
        }
        Digest digest;
        try {
            digest = resolver.resolve(reference);
        } catch (PalisadeException e) {
            issues.add(new PinIssue(location, image, "cannot pin image '" + image + "' of container '"
                    + container.name() + "': " + e.getMessage()));
            return Optional.empty();
        }
        return Optional.of(image + "@" + digest);
    }

    private static List<ContainerView> containers(Resource resource) {
        return PodSpecView.of(resource).map(PodSpecView::containers).orElse(List.of());
    }

    private static String splice(String text, Map<Integer, Replacement> replacements) {
        if (replacements.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 80 * replacements.size());
        int position = 0;
        for (Replacement replacement : replacements.values()) {
            out.append(text, position, replacement.span().start()).append(replacement.text());
            position = replacement.span().end();
        }
        return out.append(text, position, text.length()).toString();
    }

    private static void write(Path file, String text) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".palisade-tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PinException("cannot write " + file + ": " + e.getMessage(),
                    new SourceLocation(file.toString(), 0, 0, 0), e);
        }
    }
}
