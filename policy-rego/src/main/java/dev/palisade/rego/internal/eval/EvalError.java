package dev.palisade.rego.internal.eval;

import dev.palisade.rego.internal.ast.Ast.Loc;

/**
 * An evaluation error that stops the query: OPA's eval_conflict_error, eval_type_error,
 * eval_builtin_error (strict mode), recursion at run time, or the cost budget.
 */
public class EvalError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public static final String CONFLICT = "eval_conflict_error";
    public static final String TYPE = "eval_type_error";
    public static final String BUILTIN = "eval_builtin_error";
    public static final String INTERNAL = "eval_internal_error";
    public static final String COST = "eval_cost_exceeded";
    public static final String RECURSION = "rego_recursion_error";

    private final String code;
    private final transient Loc loc;

    public EvalError(String code, String message, Loc loc) {
        super(message, null, false, false);
        this.code = code;
        this.loc = loc;
    }

    public String code() {
        return code;
    }

    public Loc loc() {
        return loc;
    }
}
