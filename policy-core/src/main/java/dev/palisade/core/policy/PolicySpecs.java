package dev.palisade.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Steps every policy-document format shares: compiling each document on its own, rejecting unknown
 * spec fields, reading the metadata fields, and placing errors at the offending field.
 */
public final class PolicySpecs {
    private PolicySpecs() {
    }

    /**
     * Compiles each document; one that fails is reported to the context and does not stop the others.
     *
     * @param documents the documents
     * @param context receives errors
     * @param compiler compiles one document
     * @return the policies compiled
     */
    public static List<Policy> compileEach(List<Resource> documents, PolicyLoadContext context,
            Function<Resource, Policy> compiler) {
        List<Policy> policies = new ArrayList<>();
        for (Resource document : documents) {
            try {
                policies.add(compiler.apply(document));
            } catch (PalisadeException e) {
                context.error(e.location().orElse(document.source()), e.getMessage());
            }
        }
        return policies;
    }

    /**
     * {@return the document's {@code metadata.name}, the policy id; an error naming {@code kind} when it is missing}
     *
     * @param document the document
     * @param kind its kind, for the message
     */
    public static String requiredId(Resource document, String kind) {
        String id = document.id().name();
        if (id.isEmpty()) {
            throw new PalisadeException(kind + " needs metadata.name (its id)", document.source());
        }
        return id;
    }

    /**
     * {@return the document's {@code spec} object; an error with {@code whenMissing} when there is none}
     *
     * @param document the document
     * @param whenMissing the message when there is no spec
     */
    public static JsonNode requiredSpec(Resource document, String whenMissing) {
        JsonNode spec = document.object().path("spec");
        if (!spec.isObject()) {
            throw new PalisadeException(whenMissing, document.source());
        }
        return spec;
    }

    /**
     * Rejects fields of {@code spec} that are not in {@code known}, so a typo never silently disables a
     * check.
     *
     * @param document the document
     * @param spec its spec
     * @param known the fields allowed
     * @param kind the document kind, for the message
     */
    public static void requireKnownFields(Resource document, JsonNode spec, Set<String> known, String kind) {
        spec.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                throw new PalisadeException("spec." + field + " is not a" + (startsWithVowel(kind) ? "n " : " ") + kind
                        + " field; known: " + String.join(", ", new TreeSet<>(known)),
                        document.locate("/spec/" + field));
            }
        });
    }

    /**
     * Reads {@code title}, {@code severity}, {@code category}, {@code description},
     * {@code remediation}, {@code helpUrl} and {@code tags} of a spec; absent fields keep the
     * defaults' values. The id is the defaults' id.
     *
     * @param document the document
     * @param spec its spec
     * @param defaults the id and the values of absent fields
     * @return the metadata
     */
    public static PolicyMetadata metadata(Resource document, JsonNode spec, PolicyMetadata defaults) {
        Severity severity = spec.has("severity")
                ? at(document, "/spec/severity", () -> Severity.parse(spec.path("severity").asText()))
                : defaults.severity();
        List<String> tags = spec.has("tags")
                ? at(document, "/spec/tags", () -> MatchParser.strings(spec.path("tags"), "spec.tags"))
                : defaults.tags();
        return new PolicyMetadata(defaults.id(), spec.path("title").asText(defaults.title()), severity,
                spec.path("category").asText(defaults.category()),
                spec.path("description").asText(defaults.description()),
                spec.path("remediation").asText(defaults.remediation()), spec.path("helpUrl").asText(defaults.helpUrl()),
                tags, document.source());
    }

    /**
     * Runs a parse step; a {@link PalisadeException} without a location is rethrown at the field with
     * that JSON pointer in the document.
     *
     * @param <T> what the step produces
     * @param document the document
     * @param pointer the JSON pointer of the field parsed
     * @param parse the parse step
     * @return what the step produced
     */
    public static <T> T at(Resource document, String pointer, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (PalisadeException e) {
            if (e.location().isPresent()) {
                throw e;
            }
            throw new PalisadeException(e.getMessage(), document.locate(pointer), e);
        }
    }

    private static boolean startsWithVowel(String word) {
        return !word.isEmpty() && "AEIOUaeiou".indexOf(word.charAt(0)) >= 0;
    }
}
