package dev.palisade.rules.recommended.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ContainerView;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Inventory;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Helpers shared by the checks: JSON pointers, container names, label selectors, the inventory. */
final class Support {

    static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease");

    private Support() {
    }

    /** The longest prefix of the pointer that exists in the resource: where a missing field belongs. */
    static String nearest(Resource resource, String pointer) {
        String current = pointer;
        JsonNode root = resource.object();
        while (!current.isEmpty()) {
            JsonNode node = root.at(current);
            if (!node.isMissingNode() && !node.isNull()) {
                return current;
            }
            int slash = current.lastIndexOf('/');
            current = slash <= 0 ? "" : current.substring(0, slash);
        }
        return "";
    }

    /** The number of elements of an array node; 0 for anything else (objects included). */
    static int len(JsonNode node) {
        return node.isArray() ? node.size() : 0;
    }

    /** JSON pointer escaping of one key. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** How a container is named in messages. */
    static String describe(ContainerView container) {
        String kind = switch (container.type()) {
            case INIT -> "init container";
            case EPHEMERAL -> "ephemeral container";
            case REGULAR -> "container";
        };
        return kind + " \"" + container.name() + "\"";
    }

    /** {@code Deployment "web"}. */
    static String who(Resource resource) {
        return resource.id().kind() + " \"" + resource.id().name() + "\"";
    }

    static boolean isTrue(JsonNode node) {
        return node.isBoolean() && node.booleanValue();
    }

    static boolean isFalse(JsonNode node) {
        return node.isBoolean() && !node.booleanValue();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode item : array) {
                if (item.isValueNode()) {
                    out.add(item.asText());
                }
            }
        }
        return out;
    }

    static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    /** Whether the inventory holds a whole input to reason about (absence checks need one). */
    static boolean hasInventory(EvaluationContext context) {
        return context.inventory().wholeInput();
    }

    /** The namespace an object lands in ({@code default} when it names none). */
    static String namespaceOf(Resource resource) {
        String ns = resource.id().namespace();
        return ns.isEmpty() ? "default" : ns;
    }

    /** Pod-carrying resources of the inventory in a namespace. */
    static List<Resource> workloadsIn(Inventory inventory, String namespace) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : inventory.all()) {
            if (PodSpecView.hasPodSpec(r.id().group(), r.id().kind()) && namespaceOf(r).equals(namespace)
                    && !isOwnedTemplate(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean isOwnedTemplate(Resource r) {
        return r.id().kind().equals("PodTemplate");
    }

    /** The pod (template) labels of a workload. */
    static Map<String, String> podLabels(Resource workload) {
        return PodSpecView.of(workload).map(p -> stringMap(p.metadata().path("labels")))
                .orElse(Map.of());
    }

    /**
     * Whether a Kubernetes label selector ({@code matchLabels}/{@code matchExpressions}) selects the
     * labels; an empty selector selects everything. A missing selector selects nothing.
     */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector.isMissingNode() || selector.isNull()) {
            return false;
        }
        JsonNode matchLabels = selector.path("matchLabels");
        if (matchLabels.isObject()) {
            var fields = matchLabels.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText("");
            List<String> values = strings(expression.path("values"));
            String op = expression.path("operator").asText("");
            String value = labels.get(key);
            boolean ok = switch (op) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A JSON object's scalar fields as strings. */
    static Map<String, String> stringMap(JsonNode node) {
        if (!node.isObject()) {
            return Map.of();
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    /** Whether a plain map selector (Service {@code spec.selector}) selects the labels. */
    static boolean selectsMap(JsonNode selector, Map<String, String> labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
