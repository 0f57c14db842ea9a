package dev.palisade.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code match} block, as Gatekeeper constraints, Palisade policies and exemptions write it,
 * into a {@link Match}. Unknown fields and wrong types are errors that name the field.
 */
public final class MatchParser {
    private static final Set<String> FIELDS = Set.of("kinds", "namespaces", "excludedNamespaces", "labelSelector",
            "namespaceSelector", "scope", "name", "names", "source");

    private MatchParser() {
    }

    /**
     * Parses a match block; a missing node matches everything.
     *
     * @param node the block
     * @param where how the block is named in messages ({@code spec.match})
     * @throws PalisadeException naming the offending field
     */
    public static Match parse(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return Match.ALL;
        }
        requireObject(node, where);
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new PalisadeException(where + "." + field + " is not a match field; known fields: "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        }
        List<KindSelector> kinds = new ArrayList<>();
        JsonNode kindsNode = node.path("kinds");
        if (!kindsNode.isMissingNode() && !kindsNode.isNull()) {
            requireArray(kindsNode, where + ".kinds");
            for (int i = 0; i < kindsNode.size(); i++) {
                String at = where + ".kinds[" + i + "]";
                JsonNode entry = kindsNode.get(i);
                requireObject(entry, at);
                kinds.add(new KindSelector(strings(entry.path("apiGroups"), at + ".apiGroups"),
                        strings(entry.path("kinds"), at + ".kinds")));
            }
        }
        List<String> names = new ArrayList<>(strings(node.path("names"), where + ".names"));
        JsonNode name = node.path("name");
        if (!name.isMissingNode() && !name.isNull()) {
            names.add(text(name, where + ".name"));
        }
        Scope scope = node.has("scope") ? Scope.parse(text(node.path("scope"), where + ".scope")) : Scope.ANY;
        JsonNode source = node.path("source");
        if (!source.isMissingNode()) {
            String value = text(source, where + ".source");
            if (!value.equals("All") && !value.equals("Original")) {
                throw new PalisadeException(where + ".source '" + value + "' is not supported: Palisade evaluates"
                        + " resources as written (use All or Original)");
            }
        }
        return new Match(kinds, strings(node.path("namespaces"), where + ".namespaces"),
                strings(node.path("excludedNamespaces"), where + ".excludedNamespaces"),
                selector(node.path("labelSelector"), where + ".labelSelector"),
                selector(node.path("namespaceSelector"), where + ".namespaceSelector"), scope, names);
    }

    /** Parses a Kubernetes label selector; a missing node is empty. */
    public static Optional<LabelSelector> selector(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        requireObject(node, where);
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode matchLabels = node.path("matchLabels");
        if (!matchLabels.isMissingNode() && !matchLabels.isNull()) {
            requireObject(matchLabels, where + ".matchLabels");
            matchLabels.fields().forEachRemaining(e -> labels.put(e.getKey(),
                    text(e.getValue(), where + ".matchLabels." + e.getKey())));
        }
        List<LabelRequirement> requirements = new ArrayList<>();
        JsonNode expressions = node.path("matchExpressions");
        if (!expressions.isMissingNode() && !expressions.isNull()) {
            requireArray(expressions, where + ".matchExpressions");
            for (int i = 0; i < expressions.size(); i++) {
                String at = where + ".matchExpressions[" + i + "]";
                JsonNode e = expressions.get(i);
                requireObject(e, at);
                try {
                    requirements.add(new LabelRequirement(text(e.path("key"), at + ".key"),
                            LabelRequirement.Operator.parse(text(e.path("operator"), at + ".operator")),
                            strings(e.path("values"), at + ".values")));
                } catch (PalisadeException ex) {
                    throw new PalisadeException(at + ": " + ex.getMessage());
                }
            }
        }
        return Optional.of(new LabelSelector(labels, requirements));
    }

    /** A list of strings; a missing node is empty. */
    public static List<String> strings(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        requireArray(node, where);
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            values.add(text(node.get(i), where + "[" + i + "]"));
        }
        return values;
    }

    private static String text(JsonNode node, String where) {
        if (node.isMissingNode()) {
            throw new PalisadeException(where + " is required");
        }
        if (!node.isValueNode() || node.isNull()) {
            throw new PalisadeException(where + " must be a string");
        }
        return node.asText();
    }

    private static void requireObject(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new PalisadeException(where + " must be a mapping");
        }
    }

    private static void requireArray(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new PalisadeException(where + " must be a list");
        }
    }
}
