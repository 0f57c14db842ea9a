package dev.palisade.rules.gatekeeper;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Inventory;
import dev.palisade.core.Resource;
import java.util.Objects;
import java.util.Optional;

/**
 * What a constraint kind sees, as Gatekeeper's {@code input}: the object under review
 * ({@code input.review.object}; for a DELETE the old object), the admission request when there is
 * one, the constraint's {@code spec.parameters}, and the inventory for referential kinds.
 *
 * @param resource the object under review, with its admission request when there is one
 * @param context the evaluation context: inventory, clock, image verifier, cost limits
 * @param parameters the constraint's parameters (an empty object when it has none)
 */
public record ConstraintInput(Resource resource, JsonNode parameters, EvaluationContext context) {

    /**
     * Checks that the components are present.
     *
     * @param resource the object under review, with its admission request when there is one
     * @param context the evaluation context: inventory, clock, image verifier, cost limits
     * @param parameters the constraint's parameters (an empty object when it has none)
     */
    public ConstraintInput {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(context, "context");
    }

    /** {@return the object under review} */
    public JsonNode object() {
        return resource.object();
    }

    /** {@return the admission request, when the object came with one} */
    public Optional<AdmissionRequest> request() {
        return resource.request();
    }

    /** {@return the request's operation, {@code CREATE} when the object came without a request} */
    public String operation() {
        return resource.request().map(AdmissionRequest::operation).orElse("CREATE");
    }

    /**
     * Other resources ({@code data.inventory}).
     *
     * @return what the constraint may look up besides the object under review
     */
    public Inventory inventory() {
        return context.inventory();
    }
}
