package dev.palisade.core.policy;

import dev.palisade.core.KindSelector;
import dev.palisade.core.LabelRequirement;
import dev.palisade.core.LabelSelector;
import dev.palisade.core.Match;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Scope;
import dev.palisade.core.SourceLocation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a {@code match} block, as Gatekeeper constraints, Palisade policies and exemptions write it,
 * into a {@link Match}. Unknown fields and wrong types are errors that name the field. An empty
 * {@code name} and a null {@code scope} or {@code source} mean the field is not set.
 */
public final class MatchParser {
    private static final Set<String> FIELDS = Set.of("kinds", "namespaces", "excludedNamespaces", "labelSelector",
            "namespaceSelector", "scope", "name", "names", "source");

    private MatchParser() {
    }

    /**
     * Parses a match block; a missing node matches everything.
     *
     * @return the match
     * @param node the block
     * @param where how the block is named in messages ({@code spec.match})
     * @throws PalisadeException naming the offending field
     */
    public static Match parse(JsonNode node, String where) {
        return parse(node, Field.unlocated(where));
    }

    /**
     * Parses a match block as {@link #parse(JsonNode, String)} does, with errors located in the
     * block's source.
     *
     * @param node the block
     * @param where how the block is named in messages
     * @return the match
     * @param locate the location of the node at a JSON pointer relative to the block ({@code ""} for
     *     the block, {@code /kinds/0} for its first kind); typically {@code p -> resource.locate("/spec/match" + p)}
     * @throws PalisadeException naming the offending field, with the location {@code locate} gives for it
     */
    public static Match parse(JsonNode node, String where, Function<String, SourceLocation> locate) {
        return parse(node, new Field(where, "", locate));
    }

    /**
     * Parses a Kubernetes label selector; a missing node is empty.
     *
     * @param node the selector
     * @param where how it is named in messages
     * @return the selector, if any
     */
    public static Optional<LabelSelector> selector(JsonNode node, String where) {
        return selector(node, Field.unlocated(where));
    }

    /**
     * {@return a list of strings; a missing node is empty}
     *
     * @param node the list
     * @param where how it is named in messages
     */
    public static List<String> strings(JsonNode node, String where) {
        return strings(node, Field.unlocated(where));
    }

    private static Match parse(JsonNode node, Field where) {
        if (isAbsent(node)) {
            return Match.ALL;
        }
        requireObject(node, where);
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw where.child(field).error(where.child(field).name + " is not a match field; known fields: "
                        + String.join(", ", new TreeSet<>(FIELDS)));
            }
        }
        List<KindSelector> kinds = new ArrayList<>();
        JsonNode kindsNode = node.path("kinds");
        if (!isAbsent(kindsNode)) {
            Field kindsField = where.child("kinds");
            requireArray(kindsNode, kindsField);
            for (int i = 0; i < kindsNode.size(); i++) {
                Field at = kindsField.index(i);
                JsonNode entry = kindsNode.get(i);
                requireObject(entry, at);
                kinds.add(new KindSelector(strings(entry.path("apiGroups"), at.child("apiGroups")),
                        strings(entry.path("kinds"), at.child("kinds"))));
            }
        }
        List<String> names = new ArrayList<>(strings(node.path("names"), where.child("names")));
        JsonNode name = node.path("name");
        if (!isAbsent(name)) {
            String value = text(name, where.child("name"));
            if (!value.isEmpty()) {
                names.add(value);
            }
        }
        JsonNode scopeNode = node.path("scope");
        Scope scope = isAbsent(scopeNode) ? Scope.ANY : Scope.parse(text(scopeNode, where.child("scope")));
        checkSource(node.path("source"), where.child("source"));
        return new Match(kinds, strings(node.path("namespaces"), where.child("namespaces")),
                strings(node.path("excludedNamespaces"), where.child("excludedNamespaces")),
                selector(node.path("labelSelector"), where.child("labelSelector")),
                selector(node.path("namespaceSelector"), where.child("namespaceSelector")), scope, names);
    }

    private static void checkSource(JsonNode source, Field where) {
        if (isAbsent(source)) {
            return;
        }
        String value = text(source, where);
        if (value.equals("Generated")) {
            throw where.error(where.name + " 'Generated' selects resources generated by expansion, which only"
                    + " Gatekeeper constraints with ExpansionTemplates judge; use All or Original");
        }
        if (!value.isEmpty() && !value.equals("All") && !value.equals("Original")) {
            throw where.error(where.name + " '" + value + "' is not supported: Palisade evaluates resources as"
                    + " written (use All or Original)");
        }
    }

    private static Optional<LabelSelector> selector(JsonNode node, Field where) {
        if (isAbsent(node)) {
            return Optional.empty();
        }
        requireObject(node, where);
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode matchLabels = node.path("matchLabels");
        if (!isAbsent(matchLabels)) {
            Field labelsField = where.child("matchLabels");
            requireObject(matchLabels, labelsField);
            matchLabels.fields().forEachRemaining(e -> labels.put(e.getKey(),
                    text(e.getValue(), labelsField.child(e.getKey()))));
        }
        List<LabelRequirement> requirements = new ArrayList<>();
        JsonNode expressions = node.path("matchExpressions");
        if (!isAbsent(expressions)) {
            Field expressionsField = where.child("matchExpressions");
            requireArray(expressions, expressionsField);
            for (int i = 0; i < expressions.size(); i++) {
                Field at = expressionsField.index(i);
                JsonNode e = expressions.get(i);
                requireObject(e, at);
                String key = text(e.path("key"), at.child("key"));
                String operator = text(e.path("operator"), at.child("operator"));
                List<String> values = strings(e.path("values"), at.child("values"));
                try {
                    requirements.add(new LabelRequirement(key, LabelRequirement.Operator.parse(operator), values));
                } catch (PalisadeException ex) {
                    throw at.error(at.name + ": " + ex.getMessage());
                }
            }
        }
        return Optional.of(new LabelSelector(labels, requirements));
    }

    private static List<String> strings(JsonNode node, Field where) {
        if (isAbsent(node)) {
            return List.of();
        }
        requireArray(node, where);
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            values.add(text(node.get(i), where.index(i)));
        }
        return values;
    }

    private static boolean isAbsent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static String text(JsonNode node, Field where) {
        if (node.isMissingNode()) {
            throw where.error(where.name + " is required");
        }
        if (!node.isValueNode() || node.isNull()) {
            throw where.error(where.name + " must be a string");
        }
        return node.asText();
    }

    private static void requireObject(JsonNode node, Field where) {
        if (!node.isObject()) {
            throw where.error(where.name + " must be a mapping");
        }
    }

    private static void requireArray(JsonNode node, Field where) {
        if (!node.isArray()) {
            throw where.error(where.name + " must be a list");
        }
    }

    /** A field as messages name it ({@code spec.match.kinds[0]}) and where it is (a pointer within the block). */
    private record Field(String name, String pointer, Function<String, SourceLocation> locate) {
        private static final Function<String, SourceLocation> NOWHERE = pointer -> SourceLocation.UNKNOWN;

        static Field unlocated(String name) {
            return new Field(name, "", NOWHERE);
        }

        Field child(String key) {
            return new Field(name + "." + key, pointer + "/" + key.replace("~", "~0").replace("/", "~1"), locate);
        }

        Field index(int i) {
            return new Field(name + "[" + i + "]", pointer + "/" + i, locate);
        }

        PalisadeException error(String message) {
            SourceLocation location = locate.apply(pointer);
            return location.isKnown() ? new PalisadeException(message, location) : new PalisadeException(message);
        }
    }
}
