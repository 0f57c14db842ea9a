package dev.palisade.kyverno.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.Resource;
import dev.palisade.kyverno.internal.engine.Engine;
import dev.palisade.kyverno.internal.engine.ExpressionException;
import dev.palisade.kyverno.internal.engine.ExternalData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Serves Kyverno's cluster-reading context entries from a set of resources (the input a CI check
 * reads, or a test's resources) instead of a cluster: {@code configMap} entries find the ConfigMap,
 * {@code apiCall} GETs of Kubernetes API paths ({@code /api/v1/namespaces/ns/pods},
 * {@code /apis/apps/v1/deployments/name}) list or get matching objects. Service calls, image
 * registries and global context entries are not available offline. Immutable.
 */
public final class InventoryData implements ExternalData {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final List<JsonNode> objects;

    private InventoryData(List<JsonNode> objects) {
        this.objects = List.copyOf(objects);
    }

    /** Data from these resources. */
    public static InventoryData of(List<Resource> resources) {
        List<JsonNode> out = new ArrayList<>(resources.size());
        resources.forEach(r -> out.add(r.object()));
        return new InventoryData(out);
    }

    /** Data from these objects. */
    public static InventoryData ofObjects(List<JsonNode> objects) {
        return new InventoryData(objects);
    }

    /** These objects as targets and clone sources. */
    public Engine.Resources asResources() {
        return (apiVersion, kind, namespace, name) -> {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode o : objects) {
                if (!kind.isEmpty() && !kind.equals(o.path("kind").asText(""))) {
                    continue;
                }
                if (!apiVersion.isEmpty() && !apiVersion.equals(o.path("apiVersion").asText(""))) {
                    continue;
                }
                String ns = o.path("metadata").path("namespace").asText("");
                String n = o.path("metadata").path("name").asText("");
                if (!namespace.isEmpty() && !Wildcard.match(namespace, ns)) {
                    continue;
                }
                if (!name.isEmpty() && !Wildcard.match(name, n)) {
                    continue;
                }
                out.add(o);
            }
            return out;
        };
    }

    @Override
    public Optional<JsonNode> configMap(String namespace, String name) {
        for (JsonNode o : objects) {
            if (o.path("kind").asText("").equals("ConfigMap") && o.path("apiVersion").asText("").equals("v1")
                    && o.path("metadata").path("name").asText("").equals(name)
                    && o.path("metadata").path("namespace").asText("default").equals(namespace)) {
                ObjectNode entry = NODES.objectNode();
                entry.set("data", o.has("data") ? o.get("data") : NODES.nullNode());
                entry.set("metadata", o.path("metadata"));
                return Optional.of(entry);
            }
        }
        throw new ExpressionException("failed to get configmap " + namespace + "/" + name
                + " : configmaps \"" + name + "\" not found among the input resources", false, null);
    }

    @Override
    public Optional<JsonNode> apiCall(JsonNode call) {
        String method = call.path("method").asText("GET");
        String path = call.path("urlPath").asText("");
        if (call.hasNonNull("service") || path.isEmpty() || !method.equalsIgnoreCase("GET")) {
            return Optional.empty();
        }
        String[] parts = path.replaceAll("\\?.*$", "").replaceAll("^/+|/+$", "").split("/");
        int i;
        String apiVersion;
        if (parts.length >= 2 && parts[0].equals("api")) {
            apiVersion = parts[1];
            i = 2;
        } else if (parts.length >= 3 && parts[0].equals("apis")) {
            apiVersion = parts[1] + "/" + parts[2];
            i = 3;
        } else {
            return Optional.empty();
        }
        String namespace = "";
        if (i + 1 < parts.length && parts[i].equals("namespaces") && i + 2 < parts.length) {
            namespace = parts[i + 1];
            i += 2;
        }
        if (i >= parts.length) {
            return Optional.empty();
        }
        String plural = parts[i];
        String name = i + 1 < parts.length ? parts[i + 1] : "";
        List<JsonNode> matching = new ArrayList<>();
        String kind = "";
        for (JsonNode o : objects) {
            if (!o.path("apiVersion").asText("").equals(apiVersion)
                    || !plural(o.path("kind").asText("")).equals(plural)) {
                continue;
            }
            kind = o.path("kind").asText("");
            if (!namespace.isEmpty() && !o.path("metadata").path("namespace").asText("").equals(namespace)) {
                continue;
            }
            if (!name.isEmpty() && !o.path("metadata").path("name").asText("").equals(name)) {
                continue;
            }
            matching.add(o);
        }
        if (!name.isEmpty()) {
            if (matching.isEmpty()) {
                throw new ExpressionException("failed to GET resource with raw url: " + path + ": the server could"
                        + " not find the requested resource among the input resources", false, null);
            }
            return Optional.of(matching.get(0));
        }
        ObjectNode list = NODES.objectNode();
        list.put("apiVersion", apiVersion);
        list.put("kind", (kind.isEmpty() ? "" : kind) + "List");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        matching.forEach(items::add);
        return Optional.of(list);
    }

    /** The resource name of a kind, as Kubernetes pluralises built-in kinds. */
    public static String plural(String kind) {
        String lower = kind.toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            return lower;
        }
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("ch") || lower.endsWith("sh")) {
            return lower + "es";
        }
        if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return lower.substring(0, lower.length() - 1) + "ies";
        }
        return lower + "s";
    }
}
