package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.Inventory;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Gatekeeper's view of an evaluation as Rego sees it: {@code input.review} (the admission request:
 * {@code uid}, {@code kind}, {@code name}, {@code namespace}, {@code operation}, {@code userInfo},
 * {@code object}, {@code oldObject}, {@code dryRun}, and {@code _unstable.namespace} when the
 * object's Namespace is known) and {@code data.inventory}
 * ({@code cluster[apiVersion][kind][name]}, {@code namespace[ns][apiVersion][kind][name]}).
 * Children are shared with the resources, not copied.
 */
final class RegoInputs {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The last inventory turned into its JSON layout, reused while the same inventory is evaluated. */
    private static volatile CachedInventory last;

    private record CachedInventory(Inventory inventory, int size, JsonNode tree) {
    }

    private RegoInputs() {
    }

    /** {@code {"review": ..., "parameters": ...}}. */
    static ObjectNode input(ConstraintInput input) {
        ObjectNode root = F.objectNode();
        root.set("review", review(input));
        root.set("parameters", input.parameters());
        return root;
    }

    /**
     * The review: the admission request as sent when there is one (its object is the judged object,
     * the old object for a DELETE, as Gatekeeper's webhook does), or one made up as a {@code CREATE}
     * for an object read from a file.
     */
    static ObjectNode review(ConstraintInput input) {
        Resource resource = input.resource();
        ResourceId id = resource.id();
        Optional<AdmissionRequest> request = resource.request();
        ObjectNode review = F.objectNode();
        JsonNode raw = request.map(AdmissionRequest::raw).orElse(null);
        if (raw != null && raw.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                review.set(field.getKey(), field.getValue());
            }
        }
        if (!review.path("uid").isTextual()) {
            review.put("uid", request.map(AdmissionRequest::uid).orElse(""));
        }
        if (!review.path("kind").isObject()) {
            ObjectNode kind = review.putObject("kind");
            kind.put("group", id.group()).put("version", id.version()).put("kind", id.kind());
        }
        if (!review.path("name").isTextual()) {
            review.put("name", id.name());
        }
        if (!review.path("namespace").isTextual() && !id.namespace().isEmpty()) {
            review.put("namespace", id.namespace());
        }
        review.put("operation", input.operation());
        if (!review.path("userInfo").isObject()) {
            JsonNode user = request.map(AdmissionRequest::userInfo).orElse(null);
            review.set("userInfo", user != null && user.isObject() ? user : F.objectNode());
        }
        review.set("object", resource.object());
        request.flatMap(AdmissionRequest::oldObject).ifPresent(old -> review.set("oldObject", old));
        if (!review.has("dryRun")) {
            review.put("dryRun", request.map(AdmissionRequest::dryRun).orElse(false));
        }
        String namespace = id.group().isEmpty() && id.kind().equals("Namespace") ? "" : id.namespace();
        if (!namespace.isEmpty() && !review.has("_unstable")) {
            input.inventory().find("", "Namespace", "", namespace).ifPresent(ns ->
                    review.putObject("_unstable").set("namespace", ns.object()));
        }
        return review;
    }

    /** {@code data.inventory} of the inventory; built once per inventory and shared (read-only). */
    static JsonNode inventory(Inventory inventory) {
        CachedInventory cached = last;
        int size = inventory.all().size();
        if (cached != null && cached.inventory() == inventory && cached.size() == size) {
            return cached.tree();
        }
        ObjectNode tree = F.objectNode();
        for (Resource resource : inventory.all()) {
            ResourceId id = resource.id();
            ObjectNode byVersion;
            if (id.namespace().isEmpty()) {
                byVersion = child(tree, "cluster");
            } else {
                byVersion = child(child(tree, "namespace"), id.namespace());
            }
            child(child(byVersion, id.apiVersion()), id.kind()).set(id.name(), resource.object());
        }
        last = new CachedInventory(inventory, size, tree);
        return tree;
    }

    private static ObjectNode child(ObjectNode parent, String key) {
        JsonNode existing = parent.get(key);
        if (existing instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(key);
    }
}
