package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.InventoryNeeds;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.Map;

/**
 * K8sPodDisruptionBudget: a PDB must not have {@code maxUnavailable: 0}; an object selected by a
 * {@code policy/v1} PDB of its namespace (the PDB's {@code matchLabels} are a subset of the
 * object's {@code spec.selector.matchLabels}) must not be blocked by it ({@code maxUnavailable: 0},
 * or {@code minAvailable} not below the object's replicas).
 */
final class PodDisruptionBudgetKind extends RegoKind {
    private static final JsonNode ONE = IntNode.valueOf(1);
    private static final JsonNode ZERO = IntNode.valueOf(0);
    private static final JsonNode MINUS_ONE = IntNode.valueOf(-1);

    PodDisruptionBudgetKind() {
        super("K8sPodDisruptionBudget");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode object = input.object();
        JsonNode name = object.path("metadata").path("name");
        if ("PodDisruptionBudget".equals(Review.kind(input)) && !maxUnavailableValid(object)) {
            violations.sprintf("/spec/maxUnavailable", "PodDisruptionBudget <%v> has maxUnavailable of 0, only"
                    + " positive integers are allowed for maxUnavailable", name);
        }
        String namespace = object.path("metadata").path("namespace").textValue();
        if (namespace == null) {
            return;
        }
        JsonNode labels = object.path("spec").path("selector").path("matchLabels");
        for (Resource resource : Inventories.inNamespace(input, namespace, "policy/v1", "PodDisruptionBudget")) {
            JsonNode pdb = resource.object();
            if (!selects(pdb.path("spec").path("selector").path("matchLabels"), labels)) {
                continue;
            }
            JsonNode pdbName = pdb.path("metadata").path("name");
            if (!maxUnavailableValid(pdb)) {
                violations.sprintf("/spec/selector", "%v <%v> has been selected by PodDisruptionBudget <%v> but has"
                        + " maxUnavailable of 0, only positive integers are allowed for maxUnavailable",
                        object.path("kind"), name, pdbName);
            }
            if (!minAvailableValid(object, pdb)) {
                violations.sprintf("/spec/replicas", "%v <%v> has %v replica(s) but PodDisruptionBudget <%v> has"
                        + " minAvailable of %v, PodDisruptionBudget count should always be lower than replica(s), and"
                        + " not used when replica(s) is set to 1", object.path("kind"), name,
                        object.path("spec").path("replicas"), pdbName, pdb.path("spec").path("minAvailable"));
            }
        }
    }

    /** Every label pair of the PDB's selector is among the object's. */
    private static boolean selects(JsonNode pdbLabels, JsonNode objectLabels) {
        for (Map.Entry<String, JsonNode> label : RegoValues.fields(pdbLabels)) {
            if (!RegoValues.equal(label.getValue(), objectLabels.path(label.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean maxUnavailableValid(JsonNode pdb) {
        JsonNode spec = pdb.path("spec");
        if (!spec.isObject()) {
            return false;
        }
        JsonNode maxUnavailable = spec.has("maxUnavailable") ? spec.get("maxUnavailable") : ONE;
        return RegoValues.greater(maxUnavailable, ZERO);
    }

    private static boolean minAvailableValid(JsonNode object, JsonNode pdb) {
        JsonNode spec = pdb.path("spec");
        if (!spec.isObject()) {
            return false;
        }
        JsonNode minAvailable = spec.has("minAvailable") ? spec.get("minAvailable") : MINUS_ONE;
        return RegoValues.greater(object.path("spec").path("replicas"), minAvailable);
    }

    @Override
    public InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.kinds("policy/PodDisruptionBudget");
    }
}
