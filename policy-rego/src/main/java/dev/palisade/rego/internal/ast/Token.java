package dev.palisade.rego.internal.ast;

/**
 * A token: kind, literal text, decoded value (strings), position, and whether whitespace or a
 * newline separates it from the previous token (refs and calls may not contain whitespace;
 * expressions end at line breaks).
 */
public record Token(Kind kind, String text, String value, int start, int end, int line, int col,
                    boolean wsBefore, boolean nlBefore) {

    /** Token kinds; identifiers include keywords (the parser decides which are active). */
    public enum Kind {
        IDENT, NUMBER, STRING, RAW_STRING, TEMPLATE_PART, TEMPLATE_END,
        LBRACE, RBRACE, LBRACK, RBRACK, LPAREN, RPAREN, DOT, COMMA, SEMI, COLON,
        ASSIGN, UNIFY, EQUAL, NEQ, LT, LTE, GT, GTE, ADD, SUB, MUL, QUO, REM, AND, OR,
        EOF, ILLEGAL
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    /** Whether this is the identifier {@code word} (used for keywords). */
    public boolean isWord(String word) {
        return kind == Kind.IDENT && text.equals(word);
    }

    /** Human-readable description for errors. */
    public String describe() {
        return switch (kind) {
            case EOF -> "eof";
            case IDENT -> "ident";
            case NUMBER -> "number";
            case STRING, RAW_STRING -> "string";
            case TEMPLATE_PART, TEMPLATE_END -> "template-string";
            default -> text;
        };
    }
}
