package dev.palisade.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.internal.reader.ScalarResolver;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A small YAML emitter for property tests: writes a JSON tree in block or flow style (chosen per
 * collection at random) and records, for every JSON pointer, the line and column where its key or
 * element starts in the text it wrote.
 */
final class YamlTestEmitter {
    private final StringBuilder out = new StringBuilder();
    private final Map<String, SourceLocation> positions = new LinkedHashMap<>();
    private final Random random;
    private int line = 1;
    private int lineStart;

    YamlTestEmitter(long seed) {
        this.random = new Random(seed);
    }

    /** Emits a document whose root is a non-empty mapping. */
    String emit(JsonNode root) {
        if (root.isObject() && !root.isEmpty() && random.nextBoolean()) {
            blockMapping(root, "", 0);
        } else {
            flow(root, "");
            newline();
        }
        return out.toString();
    }

    /** Emits the entries of a non-empty mapping in block style, so that more entries can precede them. */
    String emitBlock(JsonNode root) {
        blockMapping(root, "", 0);
        return out.toString();
    }

    Map<String, SourceLocation> positions() {
        return positions;
    }

    private void blockMapping(JsonNode node, String pointer, int indent) {
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!first) {
                out.append(" ".repeat(indent));
            }
            first = false;
            String childPointer = pointer + "/" + escape(field.getKey());
            mark(childPointer);
            out.append(scalarText(field.getKey())).append(':');
            value(field.getValue(), childPointer, indent + 2);
        }
    }

    private void blockSequence(JsonNode node, String pointer, int indent) {
        boolean first = true;
        int i = 0;
        for (JsonNode element : node) {
            if (!first) {
                out.append(" ".repeat(indent));
            }
            first = false;
            out.append("- ");
            String childPointer = pointer + "/" + i++;
            mark(childPointer);
            if (element.isObject() && !element.isEmpty()) {
                blockMapping(element, childPointer, indent + 2);
            } else {
                flow(element, childPointer);
                newline();
            }
        }
    }

    /** The value after {@code key:}, on the same line (scalars, flow) or on the next lines (block). */
    private void value(JsonNode value, String pointer, int indent) {
        boolean block = value.isContainerNode() && !value.isEmpty() && random.nextInt(3) > 0;
        if (!block) {
            out.append(' ');
            flow(value, pointer);
            newline();
            return;
        }
        newline();
        if (value.isObject()) {
            out.append(" ".repeat(indent));
            blockMapping(value, pointer, indent);
        } else {
            int sequenceIndent = random.nextBoolean() ? indent : indent - 2;
            out.append(" ".repeat(sequenceIndent));
            blockSequence(value, pointer, sequenceIndent);
        }
    }

    private void flow(JsonNode node, String pointer) {
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!first) {
                    out.append(", ");
                }
                first = false;
                String childPointer = pointer + "/" + escape(field.getKey());
                mark(childPointer);
                out.append(scalarText(field.getKey())).append(": ");
                flow(field.getValue(), childPointer);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            int i = 0;
            for (JsonNode element : node) {
                if (i > 0) {
                    out.append(", ");
                }
                String childPointer = pointer + "/" + i++;
                mark(childPointer);
                flow(element, childPointer);
            }
            out.append(']');
        } else if (node.isTextual()) {
            out.append(scalarText(node.textValue()));
        } else {
            out.append(node.asText());
        }
    }

    /** A string as a plain scalar when that reads back as the same string, else double-quoted. */
    private String scalarText(String value) {
        if (isSafePlain(value) && random.nextBoolean()) {
            return value;
        }
        if (random.nextInt(4) == 0 && value.indexOf('\'') < 0 && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "'" + value + "'";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static boolean isSafePlain(String value) {
        if (value.isEmpty() || !Character.isLetter(value.charAt(0)) || value.endsWith(" ")) {
            return false;
        }
        for (char c : value.toCharArray()) {
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == ' ')) {
                return false;
            }
        }
        return ScalarResolver.resolve(value, true, null).isTextual();
    }

    private void mark(String pointer) {
        positions.put(pointer, new SourceLocation("emitted.yaml", 0, line, out.length() - lineStart + 1));
    }

    private void newline() {
        out.append('\n');
        line++;
        lineStart = out.length();
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
