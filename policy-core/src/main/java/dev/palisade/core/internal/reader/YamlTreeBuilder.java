package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.ReaderLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Builds a Jackson tree straight from SnakeYAML's parser events, without an intermediate node
 * graph: scalars resolved by {@link ScalarResolver}, duplicate keys rejected, merge keys applied as
 * go-yaml v2 applies them,
 * aliases shared (not copied) and counted against the alias limit, nesting bounded by the depth
 * limit. One instance reads one document; not thread-safe.
 */
final class YamlTreeBuilder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ReaderLimits limits;
    private final List<Frame> stack = new ArrayList<>();
    private Map<String, Anchored> anchors;
    private long nodeCount;
    private long aliasNodes;
    private JsonNode root;
    private Mark rootMark;
    private final ItemStarts items = new ItemStarts();
    private long[] marks = new long[64];
    private int markCount;
    private boolean marksExact = true;

    /** An open mapping or sequence. */
    private static final class Frame {
        final JsonNode container;
        final Mark start;
        final String anchor;
        final long nodesBefore;
        final boolean recordItems;
        String key;
        Mark keyMark;
        boolean mergePending;
        /** Keys written in this mapping itself, once a merge key has added others (null before). */
        Set<String> explicitKeys;

        Frame(JsonNode container, Mark start, String anchor, long nodesBefore, boolean recordItems) {
            this.container = container;
            this.start = start;
            this.anchor = anchor;
            this.nodesBefore = nodesBefore;
            this.recordItems = recordItems;
        }

        boolean isMapping() {
            return container instanceof ObjectNode;
        }
    }

    /** A node with an anchor and how many nodes it holds, for alias accounting. */
    private record Anchored(JsonNode node, long size) {
    }

    YamlTreeBuilder(ReaderLimits limits) {
        this.limits = limits;
    }

    /** Reads the parser's single document. */
    BuiltTree build(Parser parser) {
        boolean documentSeen = false;
        while (true) {
            Event event = parser.getEvent();
            switch (event.getEventId()) {
                case StreamStart, DocumentEnd, Comment:
                    break;
                case DocumentStart:
                    if (documentSeen) {
                        throw problem("a second document starts here without a '---' line at column 0",
                                event.getStartMark());
                    }
                    documentSeen = true;
                    break;
                case StreamEnd:
                    return result();
                case Scalar:
                    scalar((ScalarEvent) event);
                    break;
                case Alias:
                    alias((AliasEvent) event);
                    break;
                case MappingStart:
                    open((CollectionStartEvent) event, Keys.mapping(NODES));
                    break;
                case SequenceStart:
                    open((CollectionStartEvent) event, NODES.arrayNode());
                    break;
                case MappingEnd, SequenceEnd:
                    close();
                    break;
                default:
                    break;
            }
        }
    }

    private BuiltTree result() {
        if (root == null || root.isNull()) {
            return BuiltTree.EMPTY;
        }
        long[] preorder = marksExact ? java.util.Arrays.copyOf(marks, markCount) : null;
        return new BuiltTree(Optional.of(root), rootMark.getLine(), rootMark.getColumn(),
                items.lines(), items.columns(), Optional.ofNullable(preorder));
    }

    /**
     * Records where the node that starts now stands, in pre-order: the key's position for a mapping
     * value, the node's own start otherwise. Zero-based, relative to the parsed text.
     */
    private void mark(Mark start) {
        Frame top = top();
        Mark at = top != null && top.isMapping() && top.keyMark != null ? top.keyMark : start;
        if (markCount == marks.length) {
            marks = java.util.Arrays.copyOf(marks, marks.length * 2);
        }
        marks[markCount++] = Positions.pack(at.getLine(), at.getColumn());
    }

    private void scalar(ScalarEvent event) {
        Frame top = top();
        String tag = event.getTag();
        boolean plain = event.isPlain();
        if (top != null && top.isMapping() && top.key == null && !top.mergePending) {
            nodeCount++;
            if (ScalarResolver.isMergeKey(event.getValue(), plain, tag)) {
                marksExact = false;
                top.mergePending = true;
                top.keyMark = event.getStartMark();
            } else {
                top.key = keyText(event, plain, tag);
                top.keyMark = event.getStartMark();
            }
            register(event, null, nodeCount - 1);
            return;
        }
        JsonNode value;
        try {
            value = ScalarResolver.resolve(event.getValue(), plain, tag);
        } catch (IllegalArgumentException e) {
            throw problem(e.getMessage(), event.getStartMark());
        }
        nodeCount++;
        register(event, value, nodeCount - 1);
        if (top == null || !top.mergePending) {
            mark(event.getStartMark());
        }
        add(value, event.getStartMark());
    }

    private String keyText(ScalarEvent event, boolean plain, String tag) {
        try {
            return Keys.share(ScalarResolver.keyText(event.getValue(), plain, tag));
        } catch (IllegalArgumentException e) {
            throw problem(e.getMessage(), event.getStartMark());
        }
    }

    private void alias(AliasEvent event) {
        Anchored target = anchors == null ? null : anchors.get(event.getAnchor());
        if (target == null) {
            throw problem("alias *" + event.getAnchor() + " refers to no anchor &" + event.getAnchor()
                    + " defined before it in this document", event.getStartMark());
        }
        marksExact = false;
        aliasNodes += target.size();
        if (aliasNodes > limits.maxAliasNodes()) {
            throw problem(LimitMessages.tooManyAliasNodes(limits.maxAliasNodes()), event.getStartMark());
        }
        nodeCount += target.size();
        Frame top = top();
        if (top != null && top.isMapping() && top.key == null && !top.mergePending) {
            if (!target.node().isValueNode()) {
                throw problem("a mapping key cannot be a mapping or a list; Kubernetes objects have string keys",
                        event.getStartMark());
            }
            top.key = target.node().isNull() ? "null" : target.node().asText();
            top.keyMark = event.getStartMark();
            return;
        }
        add(target.node(), event.getStartMark());
    }

    private void open(CollectionStartEvent event, JsonNode container) {
        Frame top = top();
        if (top != null && top.isMapping() && top.key == null && !top.mergePending) {
            throw problem("a mapping key cannot be a mapping or a list; Kubernetes objects have string keys",
                    event.getStartMark());
        }
        if (stack.size() >= limits.maxDepth()) {
            throw problem(LimitMessages.tooDeep(limits.maxDepth()), event.getStartMark());
        }
        if (top == null || !top.mergePending) {
            mark(event.getStartMark());
        }
        boolean recordItems = stack.size() == 1 && container instanceof ArrayNode && top.isMapping()
                && "items".equals(top.key);
        stack.add(new Frame(container, event.getStartMark(), event.getAnchor(), nodeCount, recordItems));
        nodeCount++;
    }

    private void close() {
        Frame frame = stack.remove(stack.size() - 1);
        if (frame.anchor != null) {
            anchors().put(frame.anchor, new Anchored(frame.container, nodeCount - frame.nodesBefore));
        }
        add(frame.container, frame.start);
    }

    private void register(NodeEvent event, JsonNode value, long nodesBefore) {
        if (event.getAnchor() != null && value != null) {
            anchors().put(event.getAnchor(), new Anchored(value, nodeCount - nodesBefore));
        } else if (event.getAnchor() != null) {
            anchors().put(event.getAnchor(), new Anchored(NODES.textNode(((ScalarEvent) event).getValue()), 1));
        }
    }

    private Map<String, Anchored> anchors() {
        if (anchors == null) {
            anchors = new HashMap<>();
        }
        return anchors;
    }

    private void add(JsonNode value, Mark mark) {
        Frame top = top();
        if (top == null) {
            root = value;
            rootMark = mark;
            return;
        }
        if (!top.isMapping()) {
            ((ArrayNode) top.container).add(value);
            if (top.recordItems) {
                items.add(mark.getLine(), mark.getColumn());
            }
            return;
        }
        ObjectNode object = (ObjectNode) top.container;
        if (top.mergePending) {
            merge(top, value, mark);
            top.mergePending = false;
            return;
        }
        if (top.explicitKeys == null ? object.has(top.key) : !top.explicitKeys.add(top.key)) {
            throw new DuplicateKeyProblem(top.key, pointer(), top.keyMark.getLine(), top.keyMark.getColumn());
        }
        object.set(top.key, value);
        top.key = null;
    }

    /**
     * Applies a merge key as go-yaml v2 (and so kubectl and the API server) does: entries are
     * written in document order into one map, so the merged mapping's entries replace keys written
     * before the {@code <<} and are replaced by keys written after it; a list of mappings is merged
     * from its last element to its first, so an earlier mapping wins over a later one; a second
     * {@code <<} in the same mapping is applied like the first. Keys the mapping writes itself are
     * still checked for duplicates among themselves, never against merged keys.
     */
    private void merge(Frame frame, JsonNode value, Mark mark) {
        ObjectNode target = (ObjectNode) frame.container;
        if (frame.explicitKeys == null) {
            frame.explicitKeys = new HashSet<>();
            target.fieldNames().forEachRemaining(frame.explicitKeys::add);
        }
        if (value instanceof ObjectNode object) {
            overlay(target, object);
            return;
        }
        if (value instanceof ArrayNode array) {
            for (JsonNode element : array) {
                if (!(element instanceof ObjectNode)) {
                    throw problem("a merge key (<<) takes a mapping or a list of mappings, and this list holds "
                            + "something else", mark);
                }
            }
            for (int i = array.size() - 1; i >= 0; i--) {
                overlay(target, (ObjectNode) array.get(i));
            }
            return;
        }
        throw problem("a merge key (<<) takes a mapping or a list of mappings", mark);
    }

    private static void overlay(ObjectNode target, ObjectNode source) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            target.set(field.getKey(), field.getValue());
        }
    }

    /** JSON pointer of the innermost open mapping's current key. */
    private String pointer() {
        StringBuilder pointer = new StringBuilder();
        for (Frame frame : stack) {
            pointer.append('/');
            if (frame.isMapping()) {
                Pointers.appendEscaped(pointer, frame.key == null ? "" : frame.key);
            } else {
                pointer.append(frame.container.size());
            }
        }
        return pointer.toString();
    }

    private Frame top() {
        return stack.isEmpty() ? null : stack.get(stack.size() - 1);
    }

    private static ReadProblem problem(String message, Mark mark) {
        return new ReadProblem(message, mark.getLine(), mark.getColumn());
    }

    /** A key written twice in one mapping; the reader looks up the first occurrence for the message. */
    static final class DuplicateKeyProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String key;
        final String pointer;
        final int line;
        final int column;

        DuplicateKeyProblem(String key, String pointer, int line, int column) {
            super("duplicate key " + key, null, false, false);
            this.key = key;
            this.pointer = pointer;
            this.line = line;
            this.column = column;
        }
    }
}
