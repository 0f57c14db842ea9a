package dev.palisade.kyverno.internal.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.YamlDocument;
import dev.palisade.kyverno.internal.JsonValues;
import dev.palisade.kyverno.internal.engine.ContextLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test's values ({@code cli.kyverno.io/v1alpha1 Values}, from the {@code variables} file or the
 * inline {@code values}): {@code globalValues}, per-policy {@code resources[].values} and
 * {@code rules[].values}/{@code foreachValues}, and namespace labels ({@code namespaceSelector},
 * {@code namespaces}, the latter taking precedence). Numbers read as Go reads them (float64).
 */
final class Values implements ContextLoader.RuleValues {
    private final JsonNode spec;

    private Values(JsonNode spec) {
        this.spec = JsonValues.numbersAsFloats(spec);
    }

    static Values read(JsonNode test, Path dir, ManifestReader reader) {
        if (test.hasNonNull("variables") && !test.get("variables").asText("").isEmpty()) {
            Path file = dir.resolve(test.get("variables").asText()).normalize();
            if (!Files.exists(file)) {
                throw new PalisadeException("values file " + test.get("variables").asText() + " does not exist"
                        + " (looked for " + file + ")");
            }
            List<YamlDocument> docs = reader.readDocuments(file);
            if (!docs.isEmpty() && docs.get(0).content().isObject()) {
                return new Values(docs.get(0).content());
            }
        }
        if (test.hasNonNull("values")) {
            return new Values(test.get("values"));
        }
        return new Values(JsonNodeFactory.instance.objectNode());
    }

    /** Kyverno's {@code ComputeVariables}: global values, then the resource's values; the operation defaults to CREATE. */
    Map<String, JsonNode> resourceValues(String policy, String resource) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        putAll(out, spec.path("globalValues"));
        for (JsonNode p : spec.path("policies")) {
            if (!p.path("name").asText("").equals(policy)) {
                continue;
            }
            for (JsonNode r : p.path("resources")) {
                if (r.path("name").asText("").equals(resource)) {
                    putAll(out, r.path("values"));
                }
            }
        }
        out.putIfAbsent("request.operation", JsonNodeFactory.instance.textNode("CREATE"));
        return out;
    }

    @Override
    public Map<String, JsonNode> values(String policy, String rule) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode r = rule(policy, rule);
        if (r != null) {
            putAll(out, r.path("values"));
        }
        return out;
    }

    @Override
    public Map<String, JsonNode> foreachValues(String policy, String rule) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode r = rule(policy, rule);
        if (r != null) {
            putAll(out, r.path("foreachValues"));
        }
        return out;
    }

    private JsonNode rule(String policy, String rule) {
        for (JsonNode p : spec.path("policies")) {
            if (!p.path("name").asText("").equals(policy)) {
                continue;
            }
            for (JsonNode r : p.path("rules")) {
                if (r.path("name").asText("").equals(rule)) {
                    return r;
                }
            }
        }
        return null;
    }

    /**
     * The namespace as Kyverno's CLI resolves it for CEL policies' {@code namespaceObject}: from
     * {@code namespaces}, else a Namespace with the {@code namespaceSelector} labels; null when unknown.
     */
    JsonNode namespaceObject(String namespace) {
        if (namespace.isEmpty()) {
            return null;
        }
        for (JsonNode n : spec.path("namespaces")) {
            if (n.path("metadata").path("name").asText("").equals(namespace)) {
                return JsonValues.numbersAsUnstructured(n);
            }
        }
        for (JsonNode n : spec.path("namespaceSelector")) {
            if (n.path("name").asText("").equals(namespace)) {
                com.fasterxml.jackson.databind.node.ObjectNode ns = JsonNodeFactory.instance.objectNode();
                ns.put("apiVersion", "v1").put("kind", "Namespace");
                com.fasterxml.jackson.databind.node.ObjectNode m = ns.putObject("metadata");
                m.put("name", namespace);
                m.set("labels", n.path("labels").deepCopy());
                return ns;
            }
        }
        return null;
    }

    /** The labels of a namespace ({@code namespaces} before {@code namespaceSelector}); empty when unknown. */
    Map<String, String> namespaceLabels(String namespace) {
        for (JsonNode n : spec.path("namespaces")) {
            if (n.path("metadata").path("name").asText("").equals(namespace)) {
                return labels(n.path("metadata").path("labels"));
            }
        }
        for (JsonNode n : spec.path("namespaceSelector")) {
            if (n.path("name").asText("").equals(namespace)) {
                return labels(n.path("labels"));
            }
        }
        return Map.of();
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().asText());
        }
        return out;
    }

    private static void putAll(Map<String, JsonNode> out, JsonNode map) {
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
    }
}
