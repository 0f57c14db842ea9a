package dev.palisade.sigstore.pin;

import dev.palisade.sigstore.pin.internal.UnifiedDiff;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ContainerView;
import dev.palisade.core.FieldPositions;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Resource;
import dev.palisade.core.SourceLocation;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.pin.internal.YamlScalars;
import dev.palisade.sigstore.registry.DigestResolver;
import dev.palisade.sigstore.registry.DockerConfig;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.RegistryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

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

    /** The JSON Patch that pins the images of one object (an admission request's object). */
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

    /** Pins the images of a YAML (or JSON) file given as text. */
    public PinResult pin(String file, String text) {
        YamlScalars scalars = new YamlScalars(file, text);
        List<YamlScalars.Document> documents;
        try {
            documents = scalars.documents();
        } catch (PalisadeException e) {
            PinIssue issue = new PinIssue(e.location().orElse(new SourceLocation(file, 0, 0, 0)), "",
                    e.getMessage() + "; the file is left unchanged");
            return new PinResult(file, text, text, "", List.of(), List.of(issue));
        }
        List<ResourcePatch> patches = new ArrayList<>();
        List<PinIssue> allIssues = new ArrayList<>();
        Map<ScalarNode, String> replacements = new IdentityHashMap<>();
        Map<ScalarNode, YamlScalars.Span> spans = new IdentityHashMap<>();
        for (YamlScalars.Document document : documents) {
            for (Map.Entry<String, Resource> entry : resources(document, file).entrySet()) {
                Resource resource = entry.getValue();
                List<PatchOperation> operations = new ArrayList<>();
                List<PinIssue> issues = new ArrayList<>();
                for (ContainerView container : containers(resource)) {
                    String path = container.pathOf("image");
                    Optional<Node> node = YamlScalars.at(document.root(), entry.getKey() + path);
                    if (node.isEmpty() || !(node.get() instanceof ScalarNode scalar)
                            || !container.node().path("image").isTextual() || scalar.getValue().isEmpty()) {
                        continue;
                    }
                    YamlScalars.Span span = scalars.span(scalar, document.index());
                    Optional<String> pinned = pinned(scalar.getValue(), container, span.location(), issues);
                    if (pinned.isEmpty()) {
                        continue;
                    }
                    Optional<String> written = scalars.rewrite(scalar, span, pinned.get());
                    if (written.isEmpty()) {
                        issues.add(new PinIssue(span.location(), scalar.getValue(), "image '" + scalar.getValue()
                                + "' of container '" + container.name() + "' is written with escapes, line folding, a"
                                + " block scalar, a tag or an anchor, which cannot be rewritten safely; write it as a"
                                + " plain or quoted one-line string, or pin it by hand to " + pinned.get()));
                        continue;
                    }
                    String previous = replacements.put(scalar, written.get());
                    spans.put(scalar, span);
                    if (previous == null || previous.equals(written.get())) {
                        operations.add(PatchOperation.replace(path, pinned.get()));
                    }
                }
                if (!operations.isEmpty() || !issues.isEmpty()) {
                    patches.add(new ResourcePatch(resource.id().display(), document.index(), operations, issues));
                    allIssues.addAll(issues);
                }
            }
        }
        String newText = splice(text, replacements, spans);
        return new PinResult(file, text, newText, UnifiedDiff.of("a/" + file, "b/" + file, text, newText), patches,
                allIssues);
    }

    /**
     * Pins files and directories (every {@code .yaml}, {@code .yml} and {@code .json} below them,
     * except the lockfile) with a lockfile and, unless offline, the registries. With
     * {@link PinOptions#write()}, changed files are rewritten and the lockfile saved when it changed.
     */
    public static PinSummary run(List<Path> inputs, PinOptions options) {
        return run(inputs, options, Clock.systemUTC(), RegistryOptions.defaults());
    }

    /** {@link #run(List, PinOptions)} with a clock and base registry options (for tests and hosts). */
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
        List<PinResult> results = new ArrayList<>();
        for (Path file : files(inputs, options.lockfile())) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                PinIssue issue = new PinIssue(new SourceLocation(file.toString(), 0, 0, 0), "", "cannot read: "
                        + e.getMessage());
                results.add(new PinResult(file.toString(), "", "", "", List.of(), List.of(issue)));
                continue;
            }
            PinResult result = pinner.pin(file.toString(), text);
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

    /** The Kubernetes objects of a document by JSON pointer prefix ({@code ""}, or {@code /items/N} of a List). */
    private static Map<String, Resource> resources(YamlScalars.Document document, String file) {
        Map<String, Resource> out = new LinkedHashMap<>();
        JsonNode json = document.json();
        if (!json.isObject() || !json.path("kind").isTextual() || !json.path("apiVersion").isTextual()) {
            return out;
        }
        SourceLocation source = new SourceLocation(file, document.index(), 0, 0);
        String kind = json.path("kind").asText();
        if (kind.endsWith("List") && json.path("items").isArray()) {
            for (int i = 0; i < json.path("items").size(); i++) {
                JsonNode item = json.path("items").get(i);
                if (item.isObject() && item.path("kind").isTextual()) {
                    out.put("/items/" + i, Resource.of(item, source, FieldPositions.NONE));
                }
            }
            return out;
        }
        out.put("", Resource.of(json, source, FieldPositions.NONE));
        return out;
    }

    private static String splice(String text, Map<ScalarNode, String> replacements,
            Map<ScalarNode, YamlScalars.Span> spans) {
        if (replacements.isEmpty()) {
            return text;
        }
        List<ScalarNode> order = new ArrayList<>(replacements.keySet());
        order.sort(Comparator.comparingInt((ScalarNode n) -> spans.get(n).start()));
        StringBuilder out = new StringBuilder(text.length() + 80 * order.size());
        int position = 0;
        for (ScalarNode node : order) {
            YamlScalars.Span span = spans.get(node);
            out.append(text, position, span.start()).append(replacements.get(node));
            position = span.end();
        }
        return out.append(text, position, text.length()).toString();
    }

    private static List<Path> files(List<Path> inputs, Path lockfile) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile).filter(DigestPinner::isManifest).sorted().forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    throw new PinException("cannot list " + input + ": " + e.getMessage());
                }
            } else {
                files.add(input);
            }
        }
        files.removeIf(f -> f.toAbsolutePath().normalize().equals(lockfile.toAbsolutePath().normalize()));
        return files;
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
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
