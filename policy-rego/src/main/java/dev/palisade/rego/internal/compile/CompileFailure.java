package dev.palisade.rego.internal.compile;

import java.util.List;

/** Compilation stopped with errors. */
public final class CompileFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<CompileError> errors;

    public CompileFailure(List<CompileError> errors) {
        super(errors.isEmpty() ? "compilation failed" : errors.get(0).toString());
        this.errors = List.copyOf(errors);
    }

    public List<CompileError> errors() {
        return errors;
    }
}
