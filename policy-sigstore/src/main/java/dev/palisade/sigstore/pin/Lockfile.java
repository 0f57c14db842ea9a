package dev.palisade.sigstore.pin;

import dev.palisade.core.PalisadeException;
import dev.palisade.core.SourceLocation;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.YamlDocument;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The pinning lockfile ({@code palisade.lock}): image tag → digest and when it was resolved, sorted
 * by image, so that pinning is reproducible offline and reviewable in a GitOps repository. Keys are
 * normalised references with their tag ({@code docker.io/library/nginx:1.27}; a reference without
 * tag is recorded as {@code :latest}). Written as YAML, or as JSON when the file name ends with
 * {@code .json}; either is read. Immutable.
 */
public final class Lockfile {
    /** The format version written and understood. */
    public static final int VERSION = 1;
    private static final Lockfile EMPTY = new Lockfile(new TreeMap<>());

    private final SortedMap<String, LockEntry> entries;

    private Lockfile(SortedMap<String, LockEntry> entries) {
        this.entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** {@return a lockfile without entries} */
    public static Lockfile empty() {
        return EMPTY;
    }

    /**
     * Reads the file, or returns an empty lockfile when it does not exist.
     *
     * @param file the lockfile
     * @return its entries
     */
    public static Lockfile load(Path file) {
        if (!Files.exists(file)) {
            return EMPTY;
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new PinException("cannot read lockfile " + file + ": " + e.getMessage(),
                    new SourceLocation(file.toString(), 0, 0, 0), e);
        }
    }

    /**
     * Parses lockfile text (YAML, or JSON when {@code name} ends in {@code .json}) with the manifest
     * reader; {@code name} names it in errors, which carry the line of the offending entry.
     *
     * @param text the lockfile's content
     * @param name its name
     * @return its entries
     */
    public static Lockfile parse(String text, String name) {
        SourceLocation where = new SourceLocation(name, 0, 0, 0);
        List<YamlDocument> documents;
        try {
            documents = ManifestReader.create().readDocuments(name, text);
        } catch (PalisadeException e) {
            throw new PinException(name + " is not valid YAML or JSON: " + e.getMessage(), e.location().orElse(where), e);
        }
        if (documents.isEmpty()) {
            return EMPTY;
        }
        if (documents.size() > 1) {
            throw new PinException(name + " holds " + documents.size() + " YAML documents; a lockfile is one", where);
        }
        YamlDocument document = documents.get(0);
        JsonNode root = document.content();
        if (!root.isObject() || !root.path("images").isObject()) {
            throw new PinException(name + " is not a Palisade lockfile: expected a mapping with 'version: 1' and"
                    + " 'images'; delete it and run 'palisade pin --update' to regenerate it", document.source());
        }
        JsonNode version = root.path("version");
        if (!version.isIntegralNumber() || version.asLong() != VERSION) {
            throw new PinException(name + " has lockfile version " + (version.isMissingNode() ? "(none)" : version.asText())
                    + "; this Palisade reads version " + VERSION, document.locate("/version"));
        }
        SortedMap<String, LockEntry> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("images").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String image = e.getKey();
            String pointer = "/images/" + image.replace("~", "~0").replace("/", "~1");
            JsonNode fields = e.getValue();
            if (!fields.isObject()) {
                throw new PinException(name + ": entry '" + image + "' must be a mapping with digest and resolvedAt",
                        document.locate(pointer));
            }
            try {
                ImageReference reference = ImageReference.parse(image);
                Digest digest = Digest.parse(fields.path("digest").asText(""));
                if (!fields.path("resolvedAt").isValueNode() || fields.path("resolvedAt").isNull()) {
                    throw new DateTimeParseException("resolvedAt is missing", "", 0);
                }
                entries.put(key(reference), new LockEntry(digest, Instant.parse(fields.path("resolvedAt").asText())));
            } catch (PalisadeException | DateTimeParseException ex) {
                throw new PinException(name + ": entry '" + image + "' is invalid: " + ex.getMessage(),
                        document.locate(pointer), ex);
            }
        }
        return new Lockfile(entries);
    }

    /**
     * {@return the key an image is recorded under: normalised, with its tag ({@code latest} when none), no digest}
     *
     * @param reference the image
     */
    public static String key(ImageReference reference) {
        return new ImageReference(reference.registry(), reference.repository(),
                Optional.of(reference.tag().orElse(ImageReference.DEFAULT_TAG)), Optional.empty()).normalized();
    }

    /**
     * {@return the entry for the image's tag, if recorded}
     *
     * @param reference the image
     */
    public Optional<LockEntry> entry(ImageReference reference) {
        return Optional.ofNullable(entries.get(key(reference)));
    }

    /** {@return all entries, sorted by image} */
    public SortedMap<String, LockEntry> entries() {
        return entries;
    }

    /**
     * {@return a lockfile with one entry added or replaced}
     *
     * @param reference the image
     * @param entry its digest and when it was resolved
     */
    public Lockfile with(ImageReference reference, LockEntry entry) {
        SortedMap<String, LockEntry> more = new TreeMap<>(entries);
        more.put(key(reference), entry);
        return new Lockfile(more);
    }

    /** {@return the YAML text of the lockfile} */
    public String toYaml() {
        StringBuilder out = new StringBuilder("# Image digests pinned by 'palisade pin'. Review changes like code;\n"
                + "# refresh with 'palisade pin --update --write'.\nversion: " + VERSION + "\nimages:");
        if (entries.isEmpty()) {
            out.append(" {}");
        }
        out.append('\n');
        entries.forEach((image, entry) -> out.append("  \"").append(image).append("\":\n    digest: \"")
                .append(entry.digest()).append("\"\n    resolvedAt: \"").append(entry.resolvedAt()).append("\"\n"));
        return out.toString();
    }

    /** {@return the JSON text of the lockfile} */
    public String toJson() {
        StringBuilder out = new StringBuilder("{\n  \"version\": " + VERSION + ",\n  \"images\": {");
        int i = 0;
        for (Map.Entry<String, LockEntry> e : entries.entrySet()) {
            out.append(i++ == 0 ? "\n" : ",\n").append("    \"").append(e.getKey()).append("\": {\"digest\": \"")
                    .append(e.getValue().digest()).append("\", \"resolvedAt\": \"").append(e.getValue().resolvedAt())
                    .append("\"}");
        }
        out.append(entries.isEmpty() ? "}\n}\n" : "\n  }\n}\n");
        return out.toString();
    }

    /**
     * Writes the lockfile, as JSON when the name ends with {@code .json}, else as YAML.
     *
     * @param file where to write
     */
    public void save(Path file) {
        String text = file.getFileName().toString().endsWith(".json") ? toJson() : toYaml();
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PinException("cannot write lockfile " + file + ": " + e.getMessage(),
                    new SourceLocation(file.toString(), 0, 0, 0), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Lockfile l && l.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "Lockfile" + entries;
    }
}
