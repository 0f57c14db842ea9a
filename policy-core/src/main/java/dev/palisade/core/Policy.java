package dev.palisade.core;

/**
 * A compiled policy: what it is, which resources it applies to, what it does at each enforcement
 * point, and how it judges a resource. Implementations must be immutable and thread-safe: one
 * instance serves every evaluation.
 */
public interface Policy {

    /**
     * {@return the policy's id, title, severity and texts}
     */
    PolicyMetadata metadata();

    /** {@return which resources the policy applies to} */
    Match match();

    /** {@return the action at each enforcement point} */
    Enforcement enforcement();

    /** {@return what an evaluation error means} Policies fail closed unless they say otherwise. */
    default FailurePolicy failurePolicy() {
        return FailurePolicy.FAIL;
    }

    /**
     * {@return which other resources {@link #evaluate} reads from the context's {@link Inventory}} An audit
     * keeps only what its policies need, so a policy that reads the inventory must say what it
     * reads; the default, {@link InventoryNeeds#ALL}, is safe but keeps the whole input in memory.
     * Policies that judge a resource on its own return {@link InventoryNeeds#NONE}.
     */
    default InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.ALL;
    }

    /**
     * {@return the admission operations the policy judges ({@code CREATE}, {@code UPDATE}, {@code DELETE},
     * {@code CONNECT})} A resource that arrived with an admission request of another operation is not
     * judged by the policy (a DELETE of a non-compliant Pod must stay possible). Resources read from
     * files have no request and are always judged. The default is CREATE and UPDATE, as Kubernetes'
     * Pod Security admission and ValidatingAdmissionPolicies written for create/update do.
     */
    default java.util.Set<String> operations() {
        return Operations.CREATE_UPDATE;
    }

    /**
     * Judges one resource that {@link #match()} selected, reporting each violation to the sink.
     * Throwing any runtime exception is an evaluation error handled per {@link #failurePolicy()}.
     *
     * @param resource the resource
     * @param context inventory, clock, enforcement point and cost limits
     * @param sink receives each violation
     */
    void evaluate(Resource resource, EvaluationContext context, FindingSink sink);
}
