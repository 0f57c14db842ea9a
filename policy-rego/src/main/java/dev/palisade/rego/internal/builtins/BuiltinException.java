package dev.palisade.rego.internal.builtins;

/**
 * An error raised by a built-in: OPA's {@code eval_type_error} for bad operands or
 * {@code eval_builtin_error} otherwise. Outside strict mode the call is undefined instead.
 */
public final class BuiltinException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public static final String TYPE = "eval_type_error";
    public static final String BUILTIN = "eval_builtin_error";
    private final String code;
    private final boolean halt;

    public BuiltinException(String code, String message) {
        this(code, message, false);
    }

    /** {@code halt}: the error stops evaluation even outside strict mode. */
    public BuiltinException(String code, String message, boolean halt) {
        super(message, null, false, false);
        this.code = code;
        this.halt = halt;
    }

    public String code() {
        return code;
    }

    public boolean halt() {
        return halt;
    }

    public static BuiltinException type(String message) {
        return new BuiltinException(TYPE, message);
    }

    public static BuiltinException error(String message) {
        return new BuiltinException(BUILTIN, message);
    }
}
