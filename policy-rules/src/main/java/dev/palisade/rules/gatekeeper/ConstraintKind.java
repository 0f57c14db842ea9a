package dev.palisade.rules.gatekeeper;

import dev.palisade.core.FindingSink;

/**
 * A native implementation of one Gatekeeper constraint kind (the logic of a library template),
 * used when a loaded ConstraintTemplate has no CEL code. Implementations are stateless and
 * thread-safe: one instance serves every constraint of the kind.
 */
public interface ConstraintKind {

    /** The constraint kind, as in the template's {@code spec.crd.spec.names.kind}. */
    String kind();

    /**
     * Judges the object under review with one constraint's parameters, reporting each violation with
     * Gatekeeper's message text and the JSON pointer of the offending field.
     */
    void evaluate(ConstraintInput input, FindingSink sink);
}
