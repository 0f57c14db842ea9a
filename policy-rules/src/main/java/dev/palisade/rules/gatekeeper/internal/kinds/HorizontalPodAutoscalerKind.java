package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.InventoryNeeds;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * K8sHorizontalPodAutoscaler: an HPA's {@code minReplicas}/{@code maxReplicas} must fall in one of
 * {@code ranges}, span at least {@code minimumReplicaSpread}, and (with
 * {@code enforceScaleTargetRef}) its {@code scaleTargetRef} must exist in the inventory.
 */
final class HorizontalPodAutoscalerKind extends RegoKind {

    HorizontalPodAutoscalerKind() {
        super("K8sHorizontalPodAutoscaler");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (!"HorizontalPodAutoscaler".equals(Review.kind(input))) {
            return;
        }
        JsonNode hpa = input.object();
        JsonNode params = input.parameters();
        JsonNode spec = hpa.path("spec");
        JsonNode name = hpa.path("metadata").path("name");
        JsonNode minReplicas = spec.path("minReplicas");
        JsonNode maxReplicas = spec.path("maxReplicas");
        JsonNode ranges = params.path("ranges");
        if (!ReplicaRanges.within(ranges, minReplicas, maxReplicas)) {
            // The template's format has six verbs for five arguments; Go's fmt prints %!v(MISSING).
            violations.sprintf("/spec", "The %v <%v> minReplicas %v or maxReplicas %v is not allowed: %v. Allowed ranges: %v",
                    hpa.path("kind"), name, minReplicas, maxReplicas, ranges);
        }
        JsonNode spread = params.path("minimumReplicaSpread");
        JsonNode actualSpread = minReplicas.isNumber() && maxReplicas.isNumber()
                ? DecimalNode.valueOf(maxReplicas.decimalValue().subtract(minReplicas.decimalValue()))
                : MissingNode.getInstance();
        boolean spreadHolds = RegoValues.truthy(spread) && RegoValues.greaterOrEqual(actualSpread, spread);
        if (!spreadHolds) {
            violations.sprintf("/spec", "The %v <%v> is configured with minReplicas %v and maxReplicas %v which is a"
                    + " spread of %v replica(s). The spread must be at least %v replica(s)", hpa.path("kind"), name,
                    minReplicas, maxReplicas, actualSpread, spread);
        }
        if (RegoValues.truthy(params.path("enforceScaleTargetRef")) && !targetExists(input, hpa)) {
            JsonNode target = spec.path("scaleTargetRef");
            violations.sprintf("/spec/scaleTargetRef", "The HorizontalPodAutoscaler <%v> has a scaleTargetRef of <%v/%v>"
                    + " but it does not exist. The scaleTargetRef for the HorizontalPodAutoscaler must exist", name,
                    target.path("kind"), target.path("name"));
        }
    }

    private static boolean targetExists(ConstraintInput input, JsonNode hpa) {
        JsonNode target = hpa.path("spec").path("scaleTargetRef");
        String namespace = hpa.path("metadata").path("namespace").textValue();
        String apiVersion = target.path("apiVersion").textValue();
        String kind = target.path("kind").textValue();
        String name = target.path("name").textValue();
        if (namespace == null || apiVersion == null || kind == null || name == null) {
            // the template's `not data.inventory.namespace[ns][apiVersion][kind][name]` binds these refs
            // before the negation (OPA's compiler does): an undefined one makes the rule undefined
            return true;
        }
        for (Resource resource : Inventories.inNamespace(input, namespace, apiVersion, kind)) {
            if (resource.id().name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.ALL;
    }
}
