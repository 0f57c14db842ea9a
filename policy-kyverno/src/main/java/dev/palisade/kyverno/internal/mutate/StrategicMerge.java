package dev.palisade.kyverno.internal.mutate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.kyverno.internal.Anchor;
import dev.palisade.kyverno.internal.PatternValidator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kyverno's {@code patchStrategicMerge}: the patch's anchors are resolved against the resource
 * first ({@code pkg/engine/mutate/patch/strategicPreprocessing.go}: {@code +(key)} adds only
 * absent keys, {@code (key)} and {@code <(key)} conditions keep or drop the parts they guard),
 * then the patch is merged as kustomize's strategic merge does: maps merge key by key, {@code null}
 * deletes, {@code $patch: replace|delete|merge} directives apply, lists of the built-in types
 * merge element by element on their merge keys (patch elements first), other lists are replaced.
 */
public final class StrategicMerge {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DIRECTIVE = "$patch";

    private StrategicMerge() {
    }

    /** A patch that failed to apply. */
    public static final class PatchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PatchException(String message) {
            super(message);
        }
    }

    /**
     * Applies the patch to a copy of the resource.
     *
     * @throws PatchException when the patch is malformed
     */
    public static JsonNode apply(JsonNode resource, JsonNode patch) {
        JsonNode prepared = patch.deepCopy();
        try {
            prepare(prepared, resource);
            deleteConditionElements(prepared);
        } catch (ConditionFailed e) {
            prepared = NODES.objectNode();
        }
        MergeSchema.Type schema = MergeSchema.forResource(resource.path("apiVersion").asText(""),
                resource.path("kind").asText(""));
        JsonNode merged = merge(resource.deepCopy(), prepared, schema);
        return merged == null ? NODES.objectNode() : merged;
    }

    // ---- anchor preprocessing ----

    /** A condition or global condition of the patch did not hold: the patch does nothing. */
    private static final class ConditionFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean global;

        ConditionFailed(String message, boolean global) {
            super(message, null, false, false);
            this.global = global;
        }
    }

    private static void prepare(JsonNode pattern, JsonNode resource) {
        if (pattern instanceof ObjectNode map) {
            prepareMap(map, resource);
        } else if (pattern instanceof ArrayNode list) {
            prepareList(list, resource);
        }
    }

    private static void prepareMap(ObjectNode pattern, JsonNode resource) {
        addIfNotPresent(pattern, resource);
        validateConditions(pattern, resource);
        for (String field : fieldNames(pattern)) {
            Optional<Anchor> a = Anchor.parse(field);
            if (a.isPresent() && isConditionOrAdd(a.get())) {
                continue;
            }
            JsonNode resourceValue = resource != null && resource.isObject() ? resource.get(field) : null;
            prepare(pattern.get(field), resourceValue);
        }
    }

    private static boolean isConditionOrAdd(Anchor a) {
        return a.type() == Anchor.Type.CONDITION || a.type() == Anchor.Type.GLOBAL
                || a.type() == Anchor.Type.ADD_IF_NOT_PRESENT;
    }

    private static boolean containsCondition(Anchor a) {
        return a.type() == Anchor.Type.CONDITION || a.type() == Anchor.Type.GLOBAL;
    }

    private static void prepareList(ArrayNode pattern, JsonNode resource) {
        if (pattern.isEmpty() || !pattern.get(0).isObject()) {
            return;
        }
        List<JsonNode> resourceElements = new ArrayList<>();
        if (resource != null && resource.isArray()) {
            resource.forEach(resourceElements::add);
        } else if (resource != null && !resource.isNull()) {
            throw new PatchException("wrong node kind: expected SequenceNode");
        }
        List<JsonNode> patternElements = new ArrayList<>();
        pattern.forEach(patternElements::add);
        for (JsonNode patternElement : patternElements) {
            boolean anyAnchor = hasAnchors(patternElement, false);
            boolean globalConditions = hasAnchors(patternElement, true);
            if (!anyAnchor) {
                continue;
            }
            boolean anyGlobalPassed = false;
            ConditionFailed lastGlobal = null;
            JsonNode copy = patternElement.deepCopy();
            for (JsonNode resourceElement : resourceElements) {
                try {
                    prepare(copy, resourceElement);
                } catch (ConditionFailed e) {
                    if (e.global) {
                        lastGlobal = e;
                    }
                    continue;
                }
                if (globalConditions) {
                    anyGlobalPassed = true;
                } else {
                    appendNamed(pattern, copy, resourceElement);
                }
            }
            if (resource == null || resource.isNull()) {
                try {
                    prepare(copy, null);
                } catch (ConditionFailed e) {
                    if (!e.global) {
                        continue;
                    }
                    throw e;
                }
                if (globalConditions) {
                    anyGlobalPassed = true;
                }
            }
            if (!anyGlobalPassed && lastGlobal != null) {
                throw lastGlobal;
            }
        }
    }

    /** Kyverno's {@code handlePatternName}: the matched element's patch, keyed by its name, joins the list. */
    private static void appendNamed(ArrayNode pattern, JsonNode patternElement, JsonNode resourceElement) {
        JsonNode name = resourceElement.isObject() ? resourceElement.get("name") : null;
        if (name == null || name.isNull() || name.isTextual() && name.textValue().isEmpty()) {
            return;
        }
        JsonNode copy = patternElement.deepCopy();
        if (deleteAnchors(copy, true, false)) {
            return;
        }
        ((ObjectNode) copy).set("name", name);
        pattern.add(copy);
    }

    private static void addIfNotPresent(ObjectNode pattern, JsonNode resource) {
        for (String field : fieldNames(pattern)) {
            Optional<Anchor> a = Anchor.parse(field);
            if (a.isEmpty() || a.get().type() != Anchor.Type.ADD_IF_NOT_PRESENT) {
                continue;
            }
            String key = a.get().key();
            if (resource != null && resource.isObject() && resource.has(key)) {
                pattern.remove(field);
            } else {
                rename(pattern, field, key);
            }
        }
    }

    private static int countAddIfNotPresent(JsonNode pattern, JsonNode resource) {
        if (!(pattern instanceof ObjectNode map)) {
            return 0;
        }
        int before = 0;
        for (String field : fieldNames(map)) {
            if (Anchor.is(field, Anchor.Type.ADD_IF_NOT_PRESENT)) {
                before++;
            }
        }
        addIfNotPresent(map, resource);
        return before;
    }

    private static void validateConditions(ObjectNode pattern, JsonNode resource) {
        String global = conditions(pattern, resource, Anchor.Type.GLOBAL);
        if (global != null) {
            throw new ConditionFailed("global condition failed: " + global, true);
        }
        String condition = conditions(pattern, resource, Anchor.Type.CONDITION);
        if (condition != null) {
            throw new ConditionFailed("condition failed: " + condition, false);
        }
    }

    /** The failure of the first anchor of the type that does not hold, or null. */
    private static String conditions(ObjectNode pattern, JsonNode resource, Anchor.Type type) {
        for (String field : fieldNames(pattern)) {
            Optional<Anchor> a = Anchor.parse(field);
            if (a.isEmpty() || a.get().type() != type) {
                continue;
            }
            String key = a.get().key();
            if (resource == null || !resource.isObject() || !resource.has(key)) {
                return "could not found \"" + key + "\" key in the resource";
            }
            JsonNode patternValue = pattern.get(field);
            JsonNode resourceValue = resource.get(key);
            if (countAddIfNotPresent(patternValue, resourceValue) > 0) {
                continue;
            }
            PatternValidator.Outcome outcome = PatternValidator.match(scalarAsText(resourceValue),
                    scalarAsText(patternValue));
            if (outcome instanceof PatternValidator.Failure f) {
                return f.message();
            }
            if (outcome instanceof PatternValidator.Skip s) {
                return s.message();
            }
        }
        return null;
    }

    /** Kyverno reads a scalar of the YAML tree as its text. */
    private static JsonNode scalarAsText(JsonNode node) {
        if (node == null || node.isContainerNode()) {
            return node;
        }
        if (node.isNull()) {
            return NODES.textNode("null");
        }
        if (node.isNumber()) {
            return NODES.textNode(numberText(node));
        }
        return NODES.textNode(node.asText());
    }

    static String numberText(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        double d = node.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            return Long.toString((long) d);
        }
        return node.asText();
    }

    /** Whether the element holds anchors: conditions or add-if-absent (or only global conditions). */
    private static boolean hasAnchors(JsonNode pattern, boolean globalOnly) {
        if (pattern.isObject()) {
            for (String key : fieldNames(pattern)) {
                Optional<Anchor> a = Anchor.parse(key);
                if (a.isPresent() && (globalOnly ? a.get().type() == Anchor.Type.GLOBAL
                        : containsCondition(a.get()) || a.get().type() == Anchor.Type.ADD_IF_NOT_PRESENT)) {
                    return true;
                }
                JsonNode value = pattern.get(key);
                if (value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty())
                        && hasAnchors(value, globalOnly)) {
                    return true;
                }
            }
            return false;
        }
        if (pattern.isArray()) {
            for (JsonNode e : pattern) {
                if (hasAnchors(e, globalOnly)) {
                    return true;
                }
            }
            return false;
        }
        if (pattern.isTextual()) {
            Optional<Anchor> a = Anchor.parse(pattern.textValue());
            return a.isPresent() && containsCondition(a.get());
        }
        return false;
    }

    private static void deleteConditionElements(JsonNode pattern) {
        if (!(pattern instanceof ObjectNode map)) {
            return;
        }
        for (String field : fieldNames(map)) {
            Optional<Anchor> a = Anchor.parse(field);
            boolean deleteScalar = a.isPresent() && containsCondition(a.get());
            if (deleteAnchors(map.get(field), deleteScalar, false)) {
                map.remove(field);
            }
        }
    }

    private static boolean deleteAnchors(JsonNode node, boolean deleteScalar, boolean traverseMaps) {
        if (node instanceof ObjectNode map) {
            return deleteAnchorsInMap(map, traverseMaps);
        }
        if (node instanceof ArrayNode list) {
            return deleteAnchorsInList(list, traverseMaps);
        }
        return deleteScalar;
    }

    private static boolean deleteAnchorsInMap(ObjectNode node, boolean traverseMaps) {
        boolean anchorsExist = false;
        for (String field : fieldNames(node)) {
            Optional<Anchor> a = Anchor.parse(field);
            if (a.isEmpty() || !containsCondition(a.get())) {
                continue;
            }
            if (deleteAnchors(node.get(field), true, traverseMaps)) {
                node.remove(field);
            } else {
                anchorsExist = true;
            }
        }
        if (anchorsExist) {
            for (String field : fieldNames(node)) {
                Optional<Anchor> a = Anchor.parse(field);
                if (a.isPresent() && containsCondition(a.get())) {
                    rename(node, field, a.get().key());
                }
            }
        }
        boolean needToDelete = true;
        for (String field : fieldNames(node)) {
            if (deleteAnchors(node.get(field), false, traverseMaps)) {
                node.remove(field);
            } else {
                needToDelete = false;
            }
        }
        return needToDelete;
    }

    private static boolean deleteAnchorsInList(ArrayNode node, boolean traverseMaps) {
        List<JsonNode> elements = new ArrayList<>();
        node.forEach(elements::add);
        boolean wasEmpty = elements.isEmpty();
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            boolean delete;
            if (hasAnchors(element, false)) {
                delete = true;
                if (traverseMaps && element.isObject()) {
                    delete = deleteAnchors(element, true, traverseMaps);
                }
            } else {
                delete = deleteAnchors(element, false, traverseMaps);
            }
            // Kyverno removes by the original index from the shrinking list.
            if (delete && i < node.size()) {
                node.remove(i);
            }
        }
        return node.isEmpty() && !wasEmpty;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Renames a field in place, keeping its position. */
    private static void rename(ObjectNode node, String from, String to) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey().equals(from) ? to : e.getKey(), e.getValue());
        }
        node.removeAll();
        fields.forEach(node::set);
    }

    // ---- strategic merge ----

    /** Merges the patch into dest (which it may modify); null means "remove". */
    private static JsonNode merge(JsonNode dest, JsonNode patch, MergeSchema.Type schema) {
        if (patch == null) {
            return dest;
        }
        if (patch.isNull()) {
            return null;
        }
        if (patch.isObject()) {
            ObjectNode p = (ObjectNode) patch;
            String directive = p.path(DIRECTIVE).asText("");
            if (!directive.isEmpty()) {
                p = p.deepCopy();
                p.remove(DIRECTIVE);
                switch (directive) {
                    case "delete":
                        return null;
                    case "replace":
                        return strip(p);
                    case "merge":
                        break;
                    default:
                        throw new PatchException("unknown patch strategy '" + directive + "'");
                }
            }
            if (dest == null || dest.isNull() || !dest.isObject()) {
                if (dest != null && !dest.isNull() && !dest.isObject()) {
                    throw new PatchException("wrong node kind: expected MappingNode but got " + kind(dest));
                }
                return strip(p);
            }
            ObjectNode out = (ObjectNode) dest;
            List<String> keys = new ArrayList<>();
            out.fieldNames().forEachRemaining(keys::add);
            p.fieldNames().forEachRemaining(k -> {
                if (!keys.contains(k)) {
                    keys.add(k);
                }
            });
            for (String key : keys) {
                if (!p.has(key)) {
                    continue;
                }
                JsonNode merged = merge(out.get(key), p.get(key), schema == null ? null : schema.field(key));
                if (merged == null) {
                    out.remove(key);
                } else {
                    out.set(key, merged);
                }
            }
            return out;
        }
        if (patch.isArray()) {
            if (schema == null || !schema.associative()) {
                return strip(patch);
            }
            if (dest == null || dest.isNull()) {
                return strip(patch);
            }
            if (!dest.isArray()) {
                throw new PatchException("wrong node kind: expected SequenceNode but got " + kind(dest));
            }
            return mergeList((ArrayNode) dest, (ArrayNode) patch, schema);
        }
        return patch;
    }

    private static ArrayNode mergeList(ArrayNode dest, ArrayNode patch, MergeSchema.Type schema) {
        List<JsonNode> patchItems = new ArrayList<>();
        for (JsonNode item : patch) {
            if (item.isObject() && item.has(DIRECTIVE) && item.size() <= 2) {
                String directive = item.get(DIRECTIVE).asText("");
                if (directive.equals("replace")) {
                    ArrayNode replaced = NODES.arrayNode();
                    for (JsonNode other : patch) {
                        if (other != item) {
                            replaced.add(strip(other));
                        }
                    }
                    return replaced;
                }
                if (directive.equals("delete") && item.size() == 1) {
                    return NODES.arrayNode();
                }
                if (directive.equals("merge") && item.size() == 1) {
                    continue;
                }
            }
            patchItems.add(item);
        }
        List<String> keys = schema.mergeKeys();
        boolean scalars = keys.size() == 1 && keys.get(0).isEmpty();
        List<JsonNode> result = new ArrayList<>();
        List<JsonNode> destItems = new ArrayList<>();
        dest.forEach(destItems::add);
        boolean[] used = new boolean[destItems.size()];
        for (JsonNode item : patchItems) {
            int match = -1;
            for (int i = 0; i < destItems.size(); i++) {
                if (!used[i] && sameElement(destItems.get(i), item, keys, scalars)) {
                    match = i;
                    break;
                }
            }
            if (match >= 0) {
                used[match] = true;
                if (item.isObject() && "delete".equals(item.path(DIRECTIVE).asText(""))) {
                    continue;
                }
                JsonNode merged = scalars ? item : merge(destItems.get(match), item, schema.elements());
                if (merged != null) {
                    result.add(merged);
                }
            } else if (!(item.isObject() && "delete".equals(item.path(DIRECTIVE).asText("")))) {
                if (!(item.isContainerNode() && item.isEmpty()) && !item.isNull()) {
                    result.add(strip(item));
                }
            }
        }
        for (int i = 0; i < destItems.size(); i++) {
            if (!used[i]) {
                result.add(destItems.get(i));
            }
        }
        ArrayNode out = NODES.arrayNode();
        result.forEach(out::add);
        return out;
    }

    private static boolean sameElement(JsonNode a, JsonNode b, List<String> keys, boolean scalars) {
        if (scalars) {
            return !a.isContainerNode() && !b.isContainerNode() && text(a).equals(text(b));
        }
        if (!a.isObject() || !b.isObject()) {
            return false;
        }
        boolean common = false;
        for (String key : keys) {
            String va = a.has(key) ? text(a.get(key)) : "";
            String vb = b.has(key) ? text(b.get(key)) : "";
            if (va.equals(vb)) {
                common |= !va.isEmpty();
                continue;
            }
            if (!va.isEmpty() && !vb.isEmpty()) {
                return false;
            }
        }
        return common;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        return node.isNumber() ? numberText(node) : node.asText();
    }

    /** The patch value without directives and null fields (what merging into nothing gives). */
    private static JsonNode strip(JsonNode node) {
        if (node instanceof ObjectNode map) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals(DIRECTIVE) || e.getValue().isNull()) {
                    continue;
                }
                out.set(e.getKey(), strip(e.getValue()));
            }
            return out;
        }
        if (node instanceof ArrayNode list) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode item : list) {
                out.add(strip(item));
            }
            return out;
        }
        return node;
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "SequenceNode" : node.isObject() ? "MappingNode" : "ScalarNode";
    }
}
