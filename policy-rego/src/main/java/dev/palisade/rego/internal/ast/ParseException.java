package dev.palisade.rego.internal.ast;

/** A syntax error with its position (OPA's {@code rego_parse_error}). */
public final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Ast.Loc loc;

    public ParseException(String message, Ast.Loc loc) {
        super(message);
        this.loc = loc;
    }

    public Ast.Loc loc() {
        return loc;
    }
}
