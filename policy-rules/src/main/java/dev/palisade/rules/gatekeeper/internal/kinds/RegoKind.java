package dev.palisade.rules.gatekeeper.internal.kinds;

import dev.palisade.core.FindingSink;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import dev.palisade.rules.gatekeeper.ConstraintKind;

/** Base of the native kinds: collects violations with Rego's set semantics. */
abstract class RegoKind implements ConstraintKind {
    private final String kind;

    RegoKind(String kind) {
        this.kind = kind;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final void evaluate(ConstraintInput input, FindingSink sink) {
        check(input, new Violations(sink));
    }

    /** Reports the violations of the template's {@code violation} rules. */
    abstract void check(ConstraintInput input, Violations violations);
}
