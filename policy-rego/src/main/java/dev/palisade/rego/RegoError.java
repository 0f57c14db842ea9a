package dev.palisade.rego;

import java.util.Objects;

/**
 * One error found in Rego: OPA's error code, the message, and where (file, 1-based line and
 * column; line 0 when unknown).
 *
 * @param code OPA's code: {@code rego_parse_error}, {@code rego_compile_error},
 *             {@code rego_type_error}, {@code rego_unsafe_var_error}, {@code rego_recursion_error},
 *             {@code eval_conflict_error}, {@code eval_type_error}, {@code eval_builtin_error},
 *             {@code eval_cost_exceeded}
 * @param message what is wrong
 * @param file the file, or empty for queries
 * @param line the line, 0 when unknown
 * @param column the column, 0 when unknown
 */
public record RegoError(String code, String message, String file, int line, int column) {
    /**
     * Validates that code, message and file are present.
     *
     * @param code OPA's code: {@code rego_parse_error}, {@code rego_compile_error},
     *     {@code rego_type_error}, {@code rego_unsafe_var_error}, {@code rego_recursion_error},
     *     {@code eval_conflict_error}, {@code eval_type_error}, {@code eval_builtin_error},
     *     {@code eval_cost_exceeded}
     * @param message what is wrong
     * @param file the file, or empty for queries
     * @param line the line, 0 when unknown
     * @param column the column, 0 when unknown
     */
    public RegoError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(file, "file");
    }

    /** {@code file:line:column: code: message} (position omitted when unknown). */
    @Override
    public String toString() {
        String where = line > 0 ? (file.isEmpty() ? "<query>" : file) + ":" + line + (column > 0 ? ":" + column : "") + ": " : "";
        return where + code + ": " + message;
    }
}
