package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.ReaderLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads JSON text with Jackson's streaming parser: one document per top-level value (a file
 * usually has one), trees built directly from tokens with the depth limit, the document-size limit
 * and duplicate-key detection that names both lines; and, on demand, the position table of one
 * document. Thread-safe.
 */
final class JsonStreamReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ReaderLimits limits;
    private final JsonFactory factory;

    /** Receives each document read (with its zero-based index) or the problem that ended reading. */
    interface Handler {
        void document(int index, BuiltTree tree);

        void problem(int index, String message, int line, int column);
    }

    JsonStreamReader(ReaderLimits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(constraints(limits))
                .build();
    }

    /**
     * Jackson's limits for one read: the depth limit, and no document-length limit (the reader enforces
     * its own, with a located message). {@code maxDocumentLength} exists from Jackson 2.16; 2.15, which
     * Palisade supports, has no document-length limit, so there is nothing to lift.
     */
    private static StreamReadConstraints constraints(ReaderLimits limits) {
        StreamReadConstraints.Builder builder = StreamReadConstraints.builder()
                .maxNestingDepth(Math.max(limits.maxDepth() + 1, 1));
        try {
            builder.maxDocumentLength(-1);
        } catch (NoSuchMethodError jackson215) {
            // Jackson 2.15: no document-length limit to lift
        }
        return builder.build();
    }

    /**
     * Reads every top-level value of {@code text}; stops at the first malformed one. Lines that
     * messages name are moved down by {@code lineOffset}; the lines passed to the handler are not.
     */
    void read(String text, int lineOffset, Handler handler) {
        int index = 0;
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonLocation start = parser.currentTokenLocation();
                try {
                    BuiltTree tree = document(parser, token, start);
                    handler.document(index, tree);
                } catch (YamlTreeBuilder.DuplicateKeyProblem duplicate) {
                    long first = positions(text, index, lineOffset).getOrDefault(duplicate.pointer, 0L);
                    handler.problem(index, DocumentParser.duplicateKeyMessage(duplicate.key, Positions.line(first)),
                            duplicate.line, duplicate.column);
                    return;
                }
                index++;
            }
        } catch (ReadProblem problem) {
            handler.problem(index, problem.getMessage(), problem.line(), problem.column());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            handler.problem(index, "invalid JSON: " + e.getOriginalMessage(), at == null ? 1 : at.getLineNr(),
                    at == null ? 1 : at.getColumnNr());
        } catch (IOException e) {
            handler.problem(index, "cannot read JSON: " + e.getMessage(), 1, 1);
        }
    }

    private BuiltTree document(JsonParser parser, JsonToken first, JsonLocation start) throws IOException {
        List<JsonNode> stack = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        ItemStarts items = new ItemStarts();
        String key = null;
        JsonToken token = first;
        JsonNode root = null;
        while (true) {
            JsonNode value = null;
            switch (token) {
                case FIELD_NAME:
                    key = Keys.share(parser.currentName());
                    ObjectNode object = (ObjectNode) stack.get(stack.size() - 1);
                    if (object.has(key)) {
                        JsonLocation at = parser.currentTokenLocation();
                        throw new YamlTreeBuilder.DuplicateKeyProblem(key, pointer(stack, keys, key),
                                at.getLineNr(), at.getColumnNr());
                    }
                    keys.set(keys.size() - 1, key);
                    break;
                case START_OBJECT, START_ARRAY:
                    if (stack.size() >= limits.maxDepth()) {
                        JsonLocation at = parser.currentTokenLocation();
                        throw new ReadProblem(LimitMessages.tooDeep(limits.maxDepth()), at.getLineNr(), at.getColumnNr());
                    }
                    checkSize(parser, start);
                    JsonNode container = token == JsonToken.START_OBJECT ? Keys.mapping(NODES) : NODES.arrayNode();
                    if (isRootItem(stack, keys)) {
                        JsonLocation at = parser.currentTokenLocation();
                        items.add(at.getLineNr() - 1, at.getColumnNr() - 1);
                    }
                    attach(stack, keys, container);
                    stack.add(container);
                    keys.add(null);
                    break;
                case END_OBJECT, END_ARRAY:
                    JsonNode done = stack.remove(stack.size() - 1);
                    keys.remove(keys.size() - 1);
                    if (stack.isEmpty()) {
                        root = done;
                    }
                    break;
                case VALUE_STRING:
                    value = NODES.textNode(parser.getText());
                    break;
                case VALUE_NUMBER_INT:
                    value = switch (parser.getNumberType()) {
                        case INT -> NODES.numberNode(parser.getIntValue());
                        case LONG -> NODES.numberNode(parser.getLongValue());
                        default -> NODES.numberNode(parser.getBigIntegerValue());
                    };
                    break;
                case VALUE_NUMBER_FLOAT:
                    value = NODES.numberNode(parser.getDoubleValue());
                    break;
                case VALUE_TRUE, VALUE_FALSE:
                    value = NODES.booleanNode(token == JsonToken.VALUE_TRUE);
                    break;
                case VALUE_NULL:
                    value = NODES.nullNode();
                    break;
                default:
                    break;
            }
            if (value != null) {
                if (stack.isEmpty()) {
                    root = value;
                } else {
                    if (isRootItem(stack, keys)) {
                        JsonLocation at = parser.currentTokenLocation();
                        items.add(at.getLineNr() - 1, at.getColumnNr() - 1);
                    }
                    attach(stack, keys, value);
                }
            }
            if (stack.isEmpty()) {
                checkSize(parser, start);
                return root.isNull() ? BuiltTree.EMPTY
                        : new BuiltTree(Optional.of(root), start.getLineNr() - 1, start.getColumnNr() - 1,
                                items.lines(), items.columns(), Optional.empty());
            }
            token = parser.nextToken();
            if (token == null) {
                throw new ReadProblem("invalid JSON: the document ends before its closing bracket",
                        parser.currentLocation().getLineNr(), parser.currentLocation().getColumnNr());
            }
        }
    }

    /** Whether the next value is an element of the root object's {@code items} array. */
    private static boolean isRootItem(List<JsonNode> stack, List<String> keys) {
        return stack.size() == 2 && stack.get(0) instanceof ObjectNode && stack.get(1) instanceof ArrayNode
                && "items".equals(keys.get(0));
    }

    private void checkSize(JsonParser parser, JsonLocation start) {
        long size = parser.currentLocation().getCharOffset() - start.getCharOffset();
        if (size > limits.maxDocumentBytes()) {
            throw new ReadProblem(LimitMessages.documentTooLarge(limits.maxDocumentBytes()),
                    start.getLineNr(), start.getColumnNr());
        }
    }

    private static void attach(List<JsonNode> stack, List<String> keys, JsonNode value) {
        if (stack.isEmpty()) {
            return;
        }
        JsonNode parent = stack.get(stack.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set(keys.get(keys.size() - 1), value);
        } else {
            ((ArrayNode) parent).add(value);
        }
    }

    private static String pointer(List<JsonNode> stack, List<String> keys, String last) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < stack.size() - 1; i++) {
            pointer.append('/');
            if (stack.get(i) instanceof ObjectNode) {
                Pointers.appendEscaped(pointer, keys.get(i));
            } else {
                pointer.append(stack.get(i).size() - 1);
            }
        }
        pointer.append('/');
        Pointers.appendEscaped(pointer, last);
        return pointer.toString();
    }

    /**
     * The position table of the {@code document}-th top-level value, with one-based lines and columns,
     * lines moved down by {@code lineOffset}.
     */
    Map<String, Long> positions(String text, int document, int lineOffset) {
        Map<String, Long> table = new HashMap<>();
        try (JsonParser parser = factory.createParser(text)) {
            int index = -1;
            List<String> pointers = new ArrayList<>();
            List<int[]> counters = new ArrayList<>();
            String fieldPointer = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (pointers.isEmpty()) {
                    index++;
                }
                boolean record = index == document;
                JsonLocation at = parser.currentTokenLocation();
                if (token == JsonToken.FIELD_NAME) {
                    StringBuilder p = new StringBuilder(pointers.get(pointers.size() - 1)).append('/');
                    Pointers.appendEscaped(p, parser.currentName());
                    fieldPointer = p.toString();
                    if (record) {
                        table.putIfAbsent(fieldPointer, Positions.pack(at.getLineNr() + lineOffset, at.getColumnNr()));
                    }
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    pointers.remove(pointers.size() - 1);
                    counters.remove(counters.size() - 1);
                    if (pointers.isEmpty() && record) {
                        break;
                    }
                    continue;
                }
                String here;
                if (pointers.isEmpty()) {
                    here = "";
                } else if (counters.get(counters.size() - 1) == null) {
                    here = fieldPointer;
                } else {
                    int[] counter = counters.get(counters.size() - 1);
                    here = pointers.get(pointers.size() - 1) + "/" + counter[0]++;
                    if (record) {
                        table.putIfAbsent(here, Positions.pack(at.getLineNr() + lineOffset, at.getColumnNr()));
                    }
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    pointers.add(here);
                    counters.add(token == JsonToken.START_ARRAY ? new int[1] : null);
                } else if (pointers.isEmpty() && record) {
                    break;
                }
            }
        } catch (IOException e) {
            // Best effort: the error was reported when the document was read.
        }
        return table;
    }
}
