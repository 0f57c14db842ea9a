package dev.palisade.rules.gatekeeper;

import dev.palisade.core.FindingSink;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.Policy;

/**
 * A native implementation of one Gatekeeper constraint kind (the logic of a library template),
 * used when a loaded ConstraintTemplate has no CEL code (with the {@code AUTO} engine) or when the
 * {@code NATIVE} engine is chosen; it must give the same messages as the template's Rego. Implementations are stateless and
 * thread-safe: one instance serves every constraint of the kind.
 */
public interface ConstraintKind {

    /** {@return the constraint kind, as in the template's {@code spec.crd.spec.names.kind}} */
    String kind();

    /**
     * Judges the object under review with one constraint's parameters, reporting each violation with
     * Gatekeeper's message text and the JSON pointer of the offending field.
     *
     * @param input the object under review, the constraint's parameters and the inventory
     * @param sink receives each violation
     */
    void evaluate(ConstraintInput input, FindingSink sink);

    /**
     * {@return what the kind reads from {@code data.inventory} (see {@link Policy#inventoryNeeds()}); kinds
     * that judge the object under review alone read nothing}
     */
    default InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.NONE;
    }
}
