package dev.palisade.core.policy;

import dev.palisade.core.Exemption;
import java.nio.file.Path;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Match;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.YamlDocument;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code palisade.dev/v1 PolicyExemption} documents:
 *
 * <pre>
 * apiVersion: palisade.dev/v1
 * kind: PolicyExemption
 * metadata: {name: legacy-agent}
 * spec:
 *   policies: [no-privileged-containers, "pod-security/*"]
 *   match: {kinds: [...], namespaces: [monitoring], name: node-agent}
 *   containers: [agent]
 *   reason: needs host access until v2 ships
 *   owner: team-observability
 *   expires: 2027-01-31
 * </pre>
 */
public final class ExemptionReader {
    /** The API version of exemption documents. */
    public static final String API_VERSION = "palisade.dev/v1";
    /** The kind of exemption documents. */
    public static final String KIND = "PolicyExemption";

    private ExemptionReader() {
    }

    /**
     * {@return whether a document is an exemption}
     *
     * @param document a document
     */
    public static boolean isExemption(JsonNode document) {
        return API_VERSION.equals(document.path("apiVersion").asText()) && KIND.equals(document.path("kind").asText());
    }

    /**
     * Reads the exemptions of a file, or of every {@code .yaml}, {@code .yml} and {@code .json} file
     * under a directory (hidden ones excluded), as {@code --policy} reads policy directories:
     * documents that are not {@code PolicyExemption}s are ignored. Each problem (an unreadable file,
     * an invalid exemption) is reported to {@code errors} at its location, and the others are read.
     *
     * @param reader the manifest reader
     * @param fileOrDirectory a file or directory
     * @param errors receives each problem
     * @return the exemptions read
     */
    public static List<Exemption> readPath(ManifestReader reader, Path fileOrDirectory,
            java.util.function.Consumer<EvaluationError> errors) {
        List<Path> files = new ArrayList<>();
        if (java.nio.file.Files.isDirectory(fileOrDirectory)) {
            try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(fileOrDirectory)) {
                walk.filter(java.nio.file.Files::isRegularFile)
                        .filter(file -> isDocumentFile(fileOrDirectory.relativize(file))).sorted()
                        .forEach(files::add);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                errors.accept(EvaluationError.of(new SourceLocation(fileOrDirectory.toString(), 0, 0, 0),
                        "cannot list the exemptions directory: " + e.getMessage()));
            }
        } else if (java.nio.file.Files.isRegularFile(fileOrDirectory)) {
            files.add(fileOrDirectory);
        } else {
            errors.accept(EvaluationError.of(new SourceLocation(fileOrDirectory.toString(), 0, 0, 0),
                    "cannot read " + fileOrDirectory + ": no such file or directory"));
        }
        List<Exemption> exemptions = new ArrayList<>();
        for (Path file : files) {
            try {
                for (YamlDocument document : reader.readDocuments(file)) {
                    if (isExemption(document.content())) {
                        try {
                            exemptions.add(read(document));
                        } catch (PalisadeException e) {
                            errors.accept(EvaluationError.of(e));
                        }
                    }
                }
            } catch (PalisadeException e) {
                errors.accept(EvaluationError.of(e));
            }
        }
        return exemptions;
    }

    /** A YAML or JSON file, not hidden and not in a hidden directory (below the walked root). */
    private static boolean isDocumentFile(Path relative) {
        String name = relative.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /**
     * Reads every exemption of the documents.
     *
     * @param documents the documents
     * @return the exemptions
     * @throws PalisadeException for the first invalid one, at its location
     */
    public static List<Exemption> read(List<YamlDocument> documents) {
        List<Exemption> exemptions = new ArrayList<>();
        for (YamlDocument document : documents) {
            if (!isExemption(document.content())) {
                throw new PalisadeException("expected apiVersion " + API_VERSION + " kind " + KIND + ", found "
                        + document.content().path("apiVersion").asText("?") + " "
                        + document.content().path("kind").asText("?"), document.source());
            }
            exemptions.add(read(document));
        }
        return exemptions;
    }

    /**
     * Reads one exemption document.
     *
     * @param document the document
     * @return the exemption
     */
    public static Exemption read(YamlDocument document) {
        JsonNode root = document.content();
        String name = root.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            throw new PalisadeException("PolicyExemption needs metadata.name", document.source());
        }
        JsonNode spec = root.path("spec");
        try {
            if (!spec.isObject()) {
                throw new PalisadeException("PolicyExemption '" + name + "' needs a spec");
            }
            List<String> policies = MatchParser.strings(spec.path("policies"), "spec.policies");
            Match match = MatchParser.parse(spec.path("match"), "spec.match",
                    pointer -> document.locate("/spec/match" + pointer));
            List<String> containers = MatchParser.strings(spec.path("containers"), "spec.containers");
            String reason = spec.path("reason").asText("");
            if (reason.isBlank()) {
                throw new PalisadeException("PolicyExemption '" + name + "' needs spec.reason: say why the waiver"
                        + " exists");
            }
            Optional<Instant> expires;
            try {
                expires = expires(spec.path("expires"), name);
            } catch (PalisadeException e) {
                throw new PalisadeException(e.getMessage(), document.locate("/spec/expires"), e);
            }
            return new Exemption(name, policies, match, containers, reason, spec.path("owner").asText(""),
                    expires, document.source(), expires.isEmpty() ? "" : spec.path("expires").asText());
        } catch (PalisadeException e) {
            if (e.location().isPresent()) {
                throw e;
            }
            throw new PalisadeException(e.getMessage(), document.source(), e);
        }
    }

    private static Optional<Instant> expires(JsonNode node, String name) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        String text = node.asText();
        try {
            if (text.length() == 10) {
                return Optional.of(LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new PalisadeException("PolicyExemption '" + name + "' has spec.expires '" + text
                    + "'; write a date (2027-01-31, valid through that day, UTC) or an RFC 3339 time");
        }
    }
}
