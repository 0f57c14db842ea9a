package dev.palisade.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.palisade.core.Exemption;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.YamlDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes {@code PolicyExemption} documents: renders a request as YAML, reads it back with
 * {@link ExemptionReader} (so nothing is written that the engine would not load), and appends it to
 * an exemptions file without touching the file's existing text and comments. An exemption is then
 * a change to review like any other.
 */
public final class ExemptionWriter {
    /** The longest validity an exemption gets unless the host allows more. */
    public static final int DEFAULT_MAX_DAYS = 90;
    /** The annotation naming the fingerprint of the finding an exemption was requested for. */
    public static final String FINDING_ANNOTATION = "palisade.dev/finding";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ExemptionWriter() {
    }

    /**
     * What an exemption waives and why.
     *
     * @param name the exemption's {@code metadata.name}; empty for one derived from policy and resource
     * @param policy the policy id (or glob) to waive
     * @param kind the resource's kind, optionally {@code Kind.group} ({@code Deployment.apps}); a
     *     kind without a group matches it in any API group
     * @param namespace the resource's namespace, {@code ""} for a cluster-scoped resource
     * @param resourceName the resource's name
     * @param container the container the waiver is limited to, if any
     * @param reason why (required)
     * @param owner who answers for it (required)
     * @param expires the last day the exemption applies (UTC)
     * @param finding the fingerprint ({@link dev.palisade.core.Finding#fingerprint()}) of the finding
     *     the exemption was requested for, if known
     */
    public record Request(String name, String policy, String kind, String namespace, String resourceName,
            Optional<String> container, String reason, String owner, LocalDate expires, Optional<String> finding) {

        /**
         * Checks that every part is present.
         *
         * @param name the exemption's {@code metadata.name}; empty for one derived from policy and resource
         * @param policy the policy id (or glob) to waive
         * @param kind the resource's kind, optionally {@code Kind.group} ({@code Deployment.apps}); a
         *     kind without a group matches it in any API group
         * @param namespace the resource's namespace, {@code ""} for a cluster-scoped resource
         * @param resourceName the resource's name
         * @param container the container the waiver is limited to, if any
         * @param reason why (required)
         * @param owner who answers for it (required)
         * @param expires the last day the exemption applies (UTC)
         * @param finding the fingerprint ({@link dev.palisade.core.Finding#fingerprint()}) of the finding
         *     the exemption was requested for, if known
         */
        public Request {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(resourceName, "resourceName");
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(expires, "expires");
            Objects.requireNonNull(finding, "finding");
        }

        /**
         * {@return the name written: {@link #name()}, or one derived from policy, namespace, name and container}
         */
        public String effectiveName() {
            if (!name.isBlank()) {
                return name;
            }
            StringBuilder derived = new StringBuilder(policy).append('-');
            if (!namespace.isEmpty()) {
                derived.append(namespace).append('-');
            }
            derived.append(resourceName);
            container.ifPresent(c -> derived.append('-').append(c));
            String label = derived.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                    .replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
            return label.length() <= 63 ? label : label.substring(0, 63).replaceAll("-$", "");
        }
    }

    /**
     * Checks a request: every field present, and an expiry not in the past and at most
     * {@code maxDays} after {@code today}.
     *
     * @param request the request
     * @param today today's date
     * @param maxDays the most days the expiry may lie ahead
     * @throws PalisadeException naming what to change
     */
    public static void check(Request request, LocalDate today, int maxDays) {
        require(request.policy(), "a policy id (--policy)");
        require(request.kind(), "the resource's kind");
        require(request.resourceName(), "the resource's name");
        require(request.reason(), "a reason: say why the waiver is needed");
        require(request.owner(), "an owner who answers for the waiver");
        if (request.expires().isBefore(today)) {
            throw new PalisadeException("the expiry " + request.expires() + " is in the past (today is " + today
                    + "); give a date from today on");
        }
        long days = ChronoUnit.DAYS.between(today, request.expires());
        if (days > maxDays) {
            throw new PalisadeException("the expiry " + request.expires() + " is " + days + " days away, more than the"
                    + " maximum of " + maxDays + " days; give an earlier date, renew the exemption when it ends,"
                    + " or raise the maximum if your policy allows it");
        }
    }

    private static void require(String value, String what) {
        if (value.isBlank()) {
            throw new PalisadeException("an exemption needs " + what);
        }
    }

    /**
     * {@return the request as a YAML {@code PolicyExemption} document (no {@code ---} separator)}
     *
     * @param request the request
     */
    public static String render(Request request) {
        String kind = request.kind();
        String group = "*";
        int dot = kind.indexOf('.');
        if (dot > 0) {
            group = kind.substring(dot + 1);
            kind = kind.substring(0, dot);
        }
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Requested exemption: ").append(request.policy()).append(" on ").append(kind).append(' ')
                .append(request.namespace().isEmpty() ? "" : request.namespace() + "/").append(request.resourceName());
        request.container().ifPresent(c -> yaml.append(" container ").append(c));
        yaml.append('\n');
        yaml.append("apiVersion: ").append(ExemptionReader.API_VERSION).append('\n');
        yaml.append("kind: ").append(ExemptionReader.KIND).append('\n');
        yaml.append("metadata:\n  name: ").append(quote(request.effectiveName())).append('\n');
        if (request.finding().isPresent()) {
            yaml.append("  annotations:\n    ").append(FINDING_ANNOTATION).append(": ")
                    .append(quote(request.finding().get())).append('\n');
        }
        yaml.append("spec:\n");
        yaml.append("  policies: [").append(quote(request.policy())).append("]\n");
        yaml.append("  match:\n");
        yaml.append("    kinds: [{apiGroups: [").append(quote(group)).append("], kinds: [").append(quote(kind))
                .append("]}]\n");
        if (!request.namespace().isEmpty()) {
            yaml.append("    namespaces: [").append(quote(request.namespace())).append("]\n");
        }
        yaml.append("    name: ").append(quote(request.resourceName())).append('\n');
        request.container().ifPresent(c -> yaml.append("  containers: [").append(quote(c)).append("]\n"));
        yaml.append("  reason: ").append(quote(request.reason())).append('\n');
        yaml.append("  owner: ").append(quote(request.owner())).append('\n');
        yaml.append("  expires: ").append(quote(request.expires().toString())).append('\n');
        return yaml.toString();
    }

    /** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }

    /**
     * Checks the request, renders it and appends it to {@code file} (created when absent), keeping the
     * file's existing text, comments included, byte for byte. The file as it would be written is read
     * first: its existing exemptions must read, the new one must read back as an exemption, and its
     * name must not be taken. The file is replaced atomically where the file system allows.
     *
     * @param reader the manifest reader
     * @param file the exemptions file
     * @param request the request
     * @param today today's date
     * @param maxDays the most days the expiry may lie ahead
     * @return the exemption as the engine reads it from the written file
     * @throws PalisadeException when the request is invalid or the file cannot be read or written
     */
    public static Exemption append(ManifestReader reader, Path file, Request request, LocalDate today, int maxDays) {
        check(request, today, maxDays);
        String existing = "";
        if (Files.exists(file)) {
            try {
                existing = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new PalisadeException("cannot read " + file + ": " + e.getMessage(),
                        new SourceLocation(file.toString(), 0, 0, 0), e);
            }
        }
        StringBuilder text = new StringBuilder(existing);
        if (!existing.isEmpty() && !existing.endsWith("\n")) {
            text.append('\n');
        }
        if (hasContent(existing)) {
            text.append("---\n");
        }
        text.append(render(request));
        String combined = text.toString();

        List<YamlDocument> documents = reader.readDocuments(file.toString(), combined);
        List<Exemption> exemptions = new ArrayList<>();
        for (YamlDocument document : documents) {
            if (ExemptionReader.isExemption(document.content())) {
                exemptions.add(ExemptionReader.read(document));
            }
        }
        if (exemptions.isEmpty()) {
            throw new IllegalStateException("the rendered exemption did not read back");
        }
        Exemption written = exemptions.get(exemptions.size() - 1);
        for (Exemption other : exemptions.subList(0, exemptions.size() - 1)) {
            if (other.name().equals(written.name())) {
                throw new PalisadeException("an exemption named '" + written.name() + "' already exists at "
                        + other.source().display() + "; choose another name (--name) or edit that one",
                        other.source());
            }
        }
        write(file, combined);
        return written;
    }

    /** Whether YAML text has anything but blank lines and comments. */
    private static boolean hasContent(String yaml) {
        for (String line : yaml.split("\n", -1)) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.equals("---")) {
                return true;
            }
        }
        return false;
    }

    private static void write(Path file, String content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(temporary, content, StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new PalisadeException("cannot write " + file + ": " + e.getMessage(),
                    new SourceLocation(file.toString(), 0, 0, 0), e);
        }
    }
}
