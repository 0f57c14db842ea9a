package dev.palisade.kyverno.variables.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kyverno's {@code jsonutils.Traversal} with {@code OnlyForLeafsAndKeys}: an action applied to every
 * string leaf and every object key, depth first in document order, building a new tree where something
 * changed and sharing the unchanged subtrees (the input is not modified). A leaf replaced by an object or array is traversed in turn, as in Kyverno. Paths are
 * Kyverno's: {@code /validate/deny/conditions/any/0/key}, with {@code /} in keys written {@code \/}.
 */
public final class Traversal {
    /** What to do with a string leaf or key; returns the replacement. */
    @FunctionalInterface
    public interface Action {
        /**
         * @param value the string
         * @param path the path of the leaf, or of the object holding the key
         * @param key whether the string is an object key
         */
        JsonNode apply(String value, String path, boolean key);
    }

    private static final int MAX_DEPTH = 200;

    private Traversal() {
    }

    /** Applies the action throughout the document. */
    public static JsonNode traverse(JsonNode document, Action action) {
        return walk(document, "", action, 0);
    }

    private static JsonNode walk(JsonNode node, String path, Action action, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("document nested more than " + MAX_DEPTH + " levels deep at " + path);
        }
        JsonNode element = node;
        if (element.isTextual()) {
            JsonNode replaced = action.apply(element.textValue(), path, false);
            if (!(replaced.isTextual() && replaced.textValue().equals(element.textValue()))) {
                element = replaced;
            }
        }
        if (element.isObject()) {
            // copy on write: an unchanged subtree is returned as it is
            ObjectNode out = null;
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(element.size());
            for (Iterator<Map.Entry<String, JsonNode>> it = element.fields(); it.hasNext(); ) {
                entries.add(it.next());
            }
            for (int i = 0; i < entries.size(); i++) {
                Map.Entry<String, JsonNode> e = entries.get(i);
                String key = e.getKey();
                JsonNode newKey = action.apply(key, path, true);
                String newKeyText;
                if (newKey == null || newKey.isNull()) {
                    newKeyText = key;
                } else if (newKey.isTextual()) {
                    newKeyText = newKey.textValue();
                } else {
                    throw new KeyNotStringException(key);
                }
                JsonNode value = walk(e.getValue(), path + "/" + key.replace("/", "\\/"), action, depth + 1);
                if (out == null && (value != e.getValue() || !newKeyText.equals(key))) {
                    out = JsonNodeFactory.instance.objectNode();
                    for (int j = 0; j < i; j++) {
                        out.set(entries.get(j).getKey(), entries.get(j).getValue());
                    }
                }
                if (out != null) {
                    out.set(newKeyText, value);
                }
            }
            return out == null ? element : out;
        }
        if (element.isArray()) {
            ArrayNode out = null;
            for (int i = 0; i < element.size(); i++) {
                JsonNode original = element.get(i);
                JsonNode value = walk(original, path + "/" + i, action, depth + 1);
                if (out == null && value != original) {
                    out = JsonNodeFactory.instance.arrayNode();
                    for (int j = 0; j < i; j++) {
                        out.add(element.get(j));
                    }
                }
                if (out != null) {
                    out.add(value);
                }
            }
            return out == null ? element : out;
        }
        return element;
    }

    /** A key substituted to something other than a string. */
    public static final class KeyNotStringException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyNotStringException(String key) {
            super("expected string after substituting variables in key \"" + key + "\"");
        }
    }
}
