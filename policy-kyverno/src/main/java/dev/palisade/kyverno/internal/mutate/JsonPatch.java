package dev.palisade.kyverno.internal.mutate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.kyverno.internal.JsonValues;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON Patch with the leniencies Kyverno enables ({@code evanphx/json-patch} with
 * {@code SupportNegativeIndices}, {@code AllowMissingPathOnRemove} and
 * {@code EnsurePathExistsOnAdd}): {@code add} creates missing parents, {@code remove} of a missing
 * path does nothing, negative indices count from the end.
 */
public final class JsonPatch {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonPatch() {
    }

    /**
     * Applies the operations to a copy of the document.
     *
     * @throws StrategicMerge.PatchException when an operation is malformed or cannot apply
     */
    public static JsonNode apply(JsonNode document, JsonNode operations) {
        return apply(document, operations, true);
    }

    /**
     * Applies the operations as RFC 6902 defines them (Kubernetes' MutatingAdmissionPolicy): an
     * {@code add} needs its parent, a {@code remove} its target.
     *
     * @throws StrategicMerge.PatchException when an operation is malformed or cannot apply
     */
    public static JsonNode applyStrict(JsonNode document, JsonNode operations) {
        return apply(document, operations, false);
    }

    private static JsonNode apply(JsonNode document, JsonNode operations, boolean lenient) {
        if (!operations.isArray()) {
            throw new StrategicMerge.PatchException("failed to decode patches: a JSON Patch is a list of operations");
        }
        JsonNode doc = document.deepCopy();
        for (JsonNode op : operations) {
            doc = applyOne(doc, op, lenient);
        }
        return doc;
    }

    private static JsonNode applyOne(JsonNode doc, JsonNode op, boolean lenient) {
        String kind = op.path("op").asText("");
        String path = op.path("path").asText(null);
        if (path == null) {
            throw new StrategicMerge.PatchException("operation " + kind + " missing path");
        }
        switch (kind) {
            case "add":
                requireValue(op, kind);
                return add(doc, path, op.get("value").deepCopy(), lenient);
            case "remove":
                return remove(doc, path, lenient);
            case "replace": {
                requireValue(op, kind);
                JsonNode existing = get(doc, path);
                if (existing == null) {
                    throw new StrategicMerge.PatchException("replace operation does not apply: doc is missing key: "
                            + path);
                }
                doc = remove(doc, path, false);
                return add(doc, path, op.get("value").deepCopy(), false);
            }
            case "move": {
                String from = op.path("from").asText(null);
                if (from == null) {
                    throw new StrategicMerge.PatchException("move operation missing from");
                }
                JsonNode value = get(doc, from);
                if (value == null) {
                    throw new StrategicMerge.PatchException("move operation does not apply: doc is missing from path: "
                            + from);
                }
                doc = remove(doc, from, false);
                return add(doc, path, value, true);
            }
            case "copy": {
                String from = op.path("from").asText(null);
                JsonNode value = from == null ? null : get(doc, from);
                if (value == null) {
                    throw new StrategicMerge.PatchException("copy operation does not apply: doc is missing from path: "
                            + from);
                }
                return add(doc, path, value.deepCopy(), true);
            }
            case "test": {
                JsonNode value = get(doc, path);
                JsonNode expected = op.get("value");
                if (value == null && (expected == null || expected.isNull())
                        || value != null && JsonValues.jsonEqual(value, expected)) {
                    return doc;
                }
                throw new StrategicMerge.PatchException("testing value " + path + " failed: test failed");
            }
            default:
                throw new StrategicMerge.PatchException("Unexpected kind: " + kind);
        }
    }

    private static void requireValue(JsonNode op, String kind) {
        if (!op.has("value")) {
            throw new StrategicMerge.PatchException("operation " + kind + " missing value");
        }
    }

    static List<String> parts(String path) {
        List<String> out = new ArrayList<>();
        if (path.isEmpty()) {
            return out;
        }
        if (!path.startsWith("/")) {
            throw new StrategicMerge.PatchException("invalid JSON pointer: " + path);
        }
        for (String p : path.substring(1).split("/", -1)) {
            out.add(p.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private static JsonNode get(JsonNode doc, String path) {
        JsonNode node = doc;
        for (String part : parts(path)) {
            if (node instanceof ObjectNode map) {
                node = map.get(part);
            } else if (node instanceof ArrayNode list) {
                int index = index(part, list.size(), false);
                node = index < 0 || index >= list.size() ? null : list.get(index);
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static int index(String part, int size, boolean forAdd) {
        if (part.equals("-")) {
            return forAdd ? size : -1;
        }
        int i;
        try {
            i = Integer.parseInt(part);
        } catch (NumberFormatException e) {
            throw new StrategicMerge.PatchException("invalid array index: " + part);
        }
        if (i < 0) {
            i = forAdd ? size + 1 + i : size + i;
            if (i < 0) {
                throw new StrategicMerge.PatchException("unable to access invalid index: " + part);
            }
        }
        return i;
    }

    private static JsonNode add(JsonNode doc, String path, JsonNode value, boolean ensurePath) {
        List<String> parts = parts(path);
        if (parts.isEmpty()) {
            return value;
        }
        JsonNode parent = doc;
        for (int i = 0; i < parts.size() - 1; i++) {
            String part = parts.get(i);
            JsonNode next;
            if (parent instanceof ObjectNode map) {
                next = map.get(part);
                if (next == null || next.isNull()) {
                    if (!ensurePath) {
                        throw new StrategicMerge.PatchException("add operation does not apply: doc is missing path: "
                                + path);
                    }
                    next = isIndex(parts.get(i + 1)) ? NODES.arrayNode() : NODES.objectNode();
                    map.set(part, next);
                }
            } else if (parent instanceof ArrayNode list) {
                int index = part.equals("-") ? list.size() : arrayIndex(part);
                int resolved = index < 0 ? list.size() + index : index;
                if (resolved >= 0 && resolved < list.size() && !list.get(resolved).isNull()) {
                    next = list.get(resolved);
                } else {
                    if (!ensurePath) {
                        throw new StrategicMerge.PatchException("add operation does not apply: doc is missing path: "
                                + path);
                    }
                    next = isIndex(parts.get(i + 1)) ? NODES.arrayNode() : NODES.objectNode();
                    int at = index < 0 ? list.size() + 1 + index : Math.min(index, list.size());
                    if (at < 0) {
                        throw new StrategicMerge.PatchException("add operation does not apply: index out of bounds: "
                                + path);
                    }
                    list.insert(at, next);
                }
            } else {
                throw new StrategicMerge.PatchException("add operation does not apply: doc is missing path: " + path);
            }
            parent = next;
        }
        String last = parts.get(parts.size() - 1);
        if (parent instanceof ObjectNode map) {
            map.set(last, value);
        } else if (parent instanceof ArrayNode list) {
            int index = index(last, list.size(), true);
            if (index > list.size()) {
                throw new StrategicMerge.PatchException("add operation does not apply: index out of bounds: " + path);
            }
            list.insert(index, value);
        } else {
            throw new StrategicMerge.PatchException("add operation does not apply: doc is missing path: " + path);
        }
        return doc;
    }

    /** Whether a path part reads as an array index ({@code strconv.Atoi} succeeds, or {@code -}). */
    private static boolean isIndex(String part) {
        if (part.equals("-")) {
            return true;
        }
        try {
            Integer.parseInt(part);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int arrayIndex(String part) {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            throw new StrategicMerge.PatchException("invalid array index: " + part);
        }
    }

    private static JsonNode remove(JsonNode doc, String path, boolean allowMissing) {
        List<String> parts = parts(path);
        if (parts.isEmpty()) {
            return NODES.nullNode();
        }
        JsonNode parent = get(doc, toPath(parts.subList(0, parts.size() - 1)));
        String last = parts.get(parts.size() - 1);
        if (parent instanceof ObjectNode map) {
            if (!map.has(last)) {
                if (allowMissing) {
                    return doc;
                }
                throw new StrategicMerge.PatchException("remove operation does not apply: doc is missing key: " + path);
            }
            map.remove(last);
        } else if (parent instanceof ArrayNode list) {
            int index = index(last, list.size(), false);
            if (index < 0 || index >= list.size()) {
                if (allowMissing) {
                    return doc;
                }
                throw new StrategicMerge.PatchException("remove operation does not apply: index out of bounds: " + path);
            }
            list.remove(index);
        } else if (!allowMissing) {
            throw new StrategicMerge.PatchException("remove operation does not apply: doc is missing path: " + path);
        }
        return doc;
    }

    private static String toPath(List<String> parts) {
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            out.append('/').append(p.replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }
}
