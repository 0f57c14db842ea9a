package dev.palisade.rego.internal.compile;

import dev.palisade.rego.internal.ast.Ast.Loc;

/** One compile error: OPA's error code (rego_parse_error, rego_compile_error, ...), message, position. */
public record CompileError(String code, String message, Loc loc) {
    public static final String PARSE = "rego_parse_error";
    public static final String COMPILE = "rego_compile_error";
    public static final String TYPE = "rego_type_error";
    public static final String UNSAFE = "rego_unsafe_var_error";
    public static final String RECURSION = "rego_recursion_error";

    @Override
    public String toString() {
        return (loc == null || loc.line() == 0 ? "" : loc + ": ") + code + ": " + message;
    }
}
