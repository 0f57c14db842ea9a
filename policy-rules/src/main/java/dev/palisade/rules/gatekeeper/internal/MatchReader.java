package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.KindSelector;
import dev.palisade.core.LabelRequirement;
import dev.palisade.core.LabelSelector;
import dev.palisade.core.Match;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.core.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a constraint's {@code spec.match} into core's {@link Match}, rejecting what it cannot honour. */
public final class MatchReader {
    private static final Set<String> FIELDS = Set.of("kinds", "namespaces", "excludedNamespaces", "labelSelector",
            "namespaceSelector", "scope", "name", "source");

    private MatchReader() {
    }

    /**
     * Reads the match at {@code /spec/match} of the constraint.
     *
     * @throws PalisadeException naming the field and its location when the match is malformed
     */
    public static Match read(Resource constraint) {
        JsonNode match = constraint.object().path("spec").path("match");
        String base = "/spec/match";
        if (match.isMissingNode() || match.isNull()) {
            return Match.ALL;
        }
        if (!match.isObject()) {
            throw error(constraint, base, "spec.match must be an object");
        }
        match.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw error(constraint, base + "/" + field, "spec.match." + field + " is not a match field; use "
                        + "kinds, namespaces, excludedNamespaces, labelSelector, namespaceSelector, scope, name, source");
            }
        });
        Match result = Match.ALL
                .withKinds(kinds(constraint, match.path("kinds"), base + "/kinds"))
                .withNamespaces(wildcards(constraint, match.path("namespaces"), base + "/namespaces"))
                .withExcludedNamespaces(wildcards(constraint, match.path("excludedNamespaces"),
                        base + "/excludedNamespaces"));
        if (match.has("labelSelector") && !match.get("labelSelector").isNull()) {
            result = result.withLabelSelector(selector(constraint, match.get("labelSelector"), base + "/labelSelector"));
        }
        if (match.has("namespaceSelector") && !match.get("namespaceSelector").isNull()) {
            result = result.withNamespaceSelector(selector(constraint, match.get("namespaceSelector"),
                    base + "/namespaceSelector"));
        }
        JsonNode scope = match.path("scope");
        if (!scope.isMissingNode() && !scope.isNull()) {
            result = result.withScope(Scope.parse(text(constraint, scope, base + "/scope")));
        }
        JsonNode name = match.path("name");
        if (!name.isMissingNode() && !name.isNull() && !text(constraint, name, base + "/name").isEmpty()) {
            result = result.withNames(List.of(name.asText()));
        }
        JsonNode source = match.path("source");
        if (!source.isMissingNode() && !source.isNull()) {
            String value = text(constraint, source, base + "/source");
            if (value.equals("Generated")) {
                throw error(constraint, base + "/source", "spec.match.source 'Generated' selects resources generated"
                        + " by expansion, which Palisade does not perform; use All or Original");
            }
            if (!value.isEmpty() && !value.equals("All") && !value.equals("Original")) {
                throw error(constraint, base + "/source", "spec.match.source must be All, Generated or Original,"
                        + " not '" + value + "'");
            }
        }
        return result;
    }

    private static List<KindSelector> kinds(Resource constraint, JsonNode node, String pointer) {
        List<KindSelector> kinds = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return kinds;
        }
        if (!node.isArray()) {
            throw error(constraint, pointer, "spec.match.kinds must be a list of {apiGroups, kinds}");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            kinds.add(new KindSelector(strings(constraint, entry.path("apiGroups"), pointer + "/" + i + "/apiGroups"),
                    strings(constraint, entry.path("kinds"), pointer + "/" + i + "/kinds")));
        }
        return kinds;
    }

    private static LabelSelector selector(Resource constraint, JsonNode node, String pointer) {
        if (!node.isObject()) {
            throw error(constraint, pointer, fieldName(pointer) + " must be an object with matchLabels and/or"
                    + " matchExpressions");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode matchLabels = node.path("matchLabels");
        if (matchLabels.isObject()) {
            matchLabels.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        List<LabelRequirement> requirements = new ArrayList<>();
        JsonNode expressions = node.path("matchExpressions");
        for (int i = 0; i < expressions.size(); i++) {
            JsonNode e = expressions.get(i);
            String at = pointer + "/matchExpressions/" + i;
            try {
                requirements.add(new LabelRequirement(text(constraint, e.path("key"), at + "/key"),
                        LabelRequirement.Operator.parse(e.path("operator").asText("")),
                        strings(constraint, e.path("values"), at + "/values")));
            } catch (PalisadeException ex) {
                if (ex.location().isPresent()) {
                    throw ex;
                }
                throw error(constraint, at, fieldName(pointer) + ": " + ex.getMessage());
            }
        }
        return new LabelSelector(labels, requirements);
    }

    /** Namespace patterns, checked against the constraint CRD's pattern {@code ^\*?[-:a-z0-9]*\*?$}. */
    private static List<String> wildcards(Resource constraint, JsonNode node, String pointer) {
        List<String> patterns = strings(constraint, node, pointer);
        for (int i = 0; i < patterns.size(); i++) {
            if (!isWildcard(patterns.get(i))) {
                throw error(constraint, pointer + "/" + i, fieldName(pointer + "/" + i) + " '" + patterns.get(i)
                        + "' is not a Gatekeeper wildcard: use lower-case letters, digits, '-' and ':', with an"
                        + " optional '*' at the start and/or the end");
            }
        }
        return patterns;
    }

    static boolean isWildcard(String pattern) {
        int start = pattern.startsWith("*") ? 1 : 0;
        int end = pattern.length() > start && pattern.endsWith("*") ? pattern.length() - 1 : pattern.length();
        for (int i = start; i < end; i++) {
            char c = pattern.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    private static List<String> strings(Resource constraint, JsonNode node, String pointer) {
        List<String> values = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw error(constraint, pointer, fieldName(pointer) + " must be a list of strings");
        }
        for (int i = 0; i < node.size(); i++) {
            values.add(text(constraint, node.get(i), pointer + "/" + i));
        }
        return values;
    }

    private static String text(Resource constraint, JsonNode node, String pointer) {
        if (!node.isValueNode()) {
            throw error(constraint, pointer, fieldName(pointer) + " must be a string");
        }
        return node.asText();
    }

    static String fieldName(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            if (part.chars().allMatch(Character::isDigit)) {
                out.append('[').append(part).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.toString();
    }

    static PalisadeException error(Resource document, String pointer, String message) {
        return new PalisadeException(message, document.locate(pointer));
    }
}
