package dev.palisade.sigstore.pin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.SourceLocation;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML stream composed into SnakeYAML nodes, which keep the exact position of every scalar, so that
 * single values can be replaced in the text without touching anything else.
 */
public final class YamlScalars {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One document of the stream: its node tree and the same content as JSON. */
    public record Document(int index, Node root, JsonNode json) {
    }

    /** Where a scalar value stands: character offsets in the text, and how it is written. */
    public record Span(int start, int end, DumperOptions.ScalarStyle style, SourceLocation location) {
    }

    private final String name;
    private final String text;
    private final boolean surrogates;

    public YamlScalars(String name, String text) {
        this.name = name;
        this.text = text;
        this.surrogates = text.length() != text.codePointCount(0, text.length());
    }

    /** The documents of the stream, empty ones skipped. */
    public List<Document> documents() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(Math.max(options.getCodePointLimit(), text.length() + 1));
        List<Document> documents = new ArrayList<>();
        try {
            int index = 0;
            for (Node root : new Yaml(options).composeAll(new StringReader(text))) {
                if (root != null && !(root instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
                    documents.add(new Document(index, root, toJson(root, 0)));
                }
                index++;
            }
        } catch (MarkedYAMLException e) {
            throw new PalisadeException("cannot parse YAML: " + e.getProblem(), new SourceLocation(name, 0,
                    e.getProblemMark().getLine() + 1, e.getProblemMark().getColumn() + 1), e);
        } catch (YAMLException e) {
            throw new PalisadeException("cannot parse YAML: " + e.getMessage(), new SourceLocation(name, 0, 0, 0), e);
        }
        return documents;
    }

    /** The node at a JSON pointer below {@code root}. */
    public static Optional<Node> at(Node root, String pointer) {
        Node current = root;
        if (pointer.isEmpty()) {
            return Optional.of(current);
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            if (current instanceof MappingNode mapping) {
                Node found = null;
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(token)) {
                        found = tuple.getValueNode();
                    }
                }
                if (found == null) {
                    return Optional.empty();
                }
                current = found;
            } else if (current instanceof SequenceNode sequence) {
                int index;
                try {
                    index = Integer.parseInt(token);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                if (index < 0 || index >= sequence.getValue().size()) {
                    return Optional.empty();
                }
                current = sequence.getValue().get(index);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /** The span of a scalar in the text. */
    public Span span(ScalarNode scalar, int document) {
        int start = charOffset(scalar.getStartMark().getIndex());
        int end = charOffset(scalar.getEndMark().getIndex());
        return new Span(start, end, scalar.getScalarStyle(), new SourceLocation(name, document,
                scalar.getStartMark().getLine() + 1, scalar.getStartMark().getColumn() + 1));
    }

    /**
     * How the value would be written in place of the scalar with the same style, or empty when the
     * scalar is written in a way that a plain splice could not reproduce (escapes, line folding, block
     * scalars, tags, anchors): such values are reported, never rewritten.
     */
    public Optional<String> rewrite(ScalarNode scalar, Span span, String newValue) {
        String written = text.substring(span.start(), span.end());
        return switch (span.style()) {
            case PLAIN -> written.equals(scalar.getValue()) && isSafePlain(newValue) ? Optional.of(newValue)
                    : Optional.empty();
            case SINGLE_QUOTED -> written.equals("'" + scalar.getValue() + "'") && newValue.indexOf('\'') < 0
                    ? Optional.of("'" + newValue + "'") : Optional.empty();
            case DOUBLE_QUOTED -> written.equals("\"" + scalar.getValue() + "\"") && newValue.indexOf('"') < 0
                    && newValue.indexOf('\\') < 0 ? Optional.of("\"" + newValue + "\"") : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static boolean isSafePlain(String value) {
        if (value.isEmpty() || value.contains(": ") || value.contains(" #") || value.endsWith(":")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '"' || c == '\'') {
                return false;
            }
        }
        return "-?:#&*!|>%@`".indexOf(value.charAt(0)) < 0;
    }

    private int charOffset(int codePointIndex) {
        return surrogates ? text.offsetByCodePoints(0, codePointIndex) : codePointIndex;
    }

    private static JsonNode toJson(Node node, int depth) {
        if (depth > 200) {
            throw new PalisadeException("YAML nesting is deeper than 200 levels");
        }
        if (node instanceof MappingNode mapping) {
            ObjectNode object = JSON.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
                object.set(key, toJson(tuple.getValueNode(), depth + 1));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = JSON.arrayNode();
            sequence.getValue().forEach(n -> array.add(toJson(n, depth + 1)));
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return JSON.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            String v = scalar.getValue().toLowerCase(Locale.ROOT);
            return JSON.booleanNode(v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y"));
        }
        if (tag.equals(Tag.INT)) {
            try {
                return JSON.numberNode(Long.parseLong(scalar.getValue().replace("_", "")));
            } catch (NumberFormatException e) {
                return JSON.textNode(scalar.getValue());
            }
        }
        return JSON.textNode(scalar.getValue());
    }
}
