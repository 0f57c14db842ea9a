package dev.palisade.core.policy;

import dev.palisade.core.Exemption;
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

    /** Whether a document is an exemption. */
    public static boolean isExemption(JsonNode document) {
        return API_VERSION.equals(document.path("apiVersion").asText()) && KIND.equals(document.path("kind").asText());
    }

    /**
     * Reads every exemption of the documents.
     *
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

    /** Reads one exemption document. */
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
            return new Exemption(name, policies, match, containers, reason, spec.path("owner").asText(""),
                    expires(spec.path("expires"), name), document.source());
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
