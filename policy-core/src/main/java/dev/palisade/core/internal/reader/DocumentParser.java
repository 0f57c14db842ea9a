package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.FieldPositions;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.ReaderLimits;
import dev.palisade.core.Resource;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.YamlDocument;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parses a YAML stream (JSON is YAML) into documents and Kubernetes resources. This first version
 * loads through SnakeYAML's object model; positions of fields are not yet known.
 */
public final class DocumentParser {
    private final ReaderLimits limits;

    public DocumentParser(ReaderLimits limits) {
        this.limits = limits;
    }

    public List<YamlDocument> parseDocuments(String name, String content) {
        List<YamlDocument> documents = new ArrayList<>();
        try {
            int index = 0;
            for (Object loaded : yaml().loadAll(content)) {
                if (loaded != null) {
                    documents.add(new YamlDocument(toJson(loaded), new SourceLocation(name, index, 1, 1),
                            FieldPositions.NONE));
                }
                index++;
            }
        } catch (MarkedYAMLException e) {
            throw new PalisadeException(e.getProblem(), new SourceLocation(name, 0, e.getProblemMark().getLine() + 1,
                    e.getProblemMark().getColumn() + 1), e);
        } catch (YAMLException e) {
            throw new PalisadeException(e.getMessage(), new SourceLocation(name, 0, 0, 0), e);
        }
        return documents;
    }

    public void parseResources(String name, String content, Consumer<Resource> resources,
            Consumer<EvaluationError> errors) {
        List<YamlDocument> documents;
        try {
            documents = parseDocuments(name, content);
        } catch (PalisadeException e) {
            errors.accept(EvaluationError.of(e));
            return;
        }
        for (YamlDocument document : documents) {
            emit(document.content(), document.source(), resources, errors);
        }
    }

    private static void emit(JsonNode node, SourceLocation source, Consumer<Resource> resources,
            Consumer<EvaluationError> errors) {
        if (!node.isObject()) {
            errors.accept(EvaluationError.of(source, "document is not a mapping; a Kubernetes object needs"
                    + " apiVersion and kind"));
            return;
        }
        String kind = node.path("kind").asText("");
        if (!node.path("apiVersion").isTextual() || kind.isEmpty()) {
            errors.accept(EvaluationError.of(source, "document has no apiVersion or kind; every Kubernetes object"
                    + " needs both"));
            return;
        }
        if (kind.endsWith("List") && node.path("items").isArray()) {
            for (JsonNode item : node.path("items")) {
                emit(item, source, resources, errors);
            }
            return;
        }
        resources.accept(Resource.of(node, source, FieldPositions.NONE));
    }

    private Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(limits.maxDepth());
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
        return new Yaml(options);
    }

    private static JsonNode toJson(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = f.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = f.arrayNode();
            list.forEach(v -> array.add(toJson(v)));
            return array;
        }
        if (value instanceof String s) {
            return f.textNode(s);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i.longValue());
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof BigInteger b) {
            return f.numberNode(b);
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        if (value instanceof Date d) {
            return f.textNode(d.toInstant().toString());
        }
        if (value instanceof byte[] bytes) {
            return f.binaryNode(bytes);
        }
        return f.textNode(String.valueOf(value));
    }
}
