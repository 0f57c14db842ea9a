package dev.palisade.rego;

import java.util.List;

/** Rego that does not compile: parse errors, unsafe variables, conflicts, unknown functions. */
public final class RegoCompileException extends RegoException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for the given errors.
     *
     * @param errors the parse or compile errors, at least one
     */
    public RegoCompileException(List<RegoError> errors) {
        super(errors);
    }
}
