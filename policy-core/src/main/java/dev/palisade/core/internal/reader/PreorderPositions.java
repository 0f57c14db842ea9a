package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Positions recorded while the tree was built: one packed position per node in pre-order. A lookup
 * walks the tree along the pointer, counting the nodes it skips, so no second parse is needed;
 * the deepest existing node on the way answers for missing fields.
 */
final class PreorderPositions {
    private final JsonNode root;
    private final long[] marks;
    private final int firstLine;

    PreorderPositions(JsonNode root, long[] marks, int firstLine) {
        this.root = root;
        this.marks = marks;
        this.firstLine = firstLine;
    }

    /**
     * The one-based packed position of the deepest existing node on the pointer's path, and how
     * long the matched prefix of the pointer is.
     */
    long find(String pointer, int[] matchedLength) {
        JsonNode node = root;
        int index = 0;
        int position = 0;
        matchedLength[0] = 0;
        while (position < pointer.length()) {
            int next = pointer.indexOf('/', position + 1);
            int end = next < 0 ? pointer.length() : next;
            String segment = Pointers.unescape(pointer.substring(position + 1, end));
            int child = childIndex(node, index, segment);
            if (child < 0) {
                break;
            }
            index = child;
            node = childNode(node, segment);
            matchedLength[0] = end;
            position = end;
        }
        if (index >= marks.length) {
            return -1;
        }
        long mark = marks[index];
        return Positions.pack(firstLine + Positions.line(mark), Positions.column(mark) + 1);
    }

    private static int childIndex(JsonNode node, int index, String segment) {
        int cursor = index + 1;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals(segment)) {
                    return cursor;
                }
                cursor += size(field.getValue());
            }
            return -1;
        }
        if (node.isArray()) {
            int wanted = arrayIndex(segment);
            if (wanted < 0 || wanted >= node.size()) {
                return -1;
            }
            for (int i = 0; i < wanted; i++) {
                cursor += size(node.get(i));
            }
            return cursor;
        }
        return -1;
    }

    private static JsonNode childNode(JsonNode node, String segment) {
        return node.isObject() ? node.get(segment) : node.get(arrayIndex(segment));
    }

    private static int arrayIndex(String segment) {
        if (segment.isEmpty() || segment.length() > 9 || (segment.length() > 1 && segment.charAt(0) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int size(JsonNode node) {
        int count = 1;
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                count += size(child);
            }
        }
        return count;
    }
}
