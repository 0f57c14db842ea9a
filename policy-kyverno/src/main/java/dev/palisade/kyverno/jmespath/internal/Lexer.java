package dev.palisade.kyverno.jmespath.internal;

import dev.palisade.kyverno.jmespath.JmesPathSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens the way go-jmespath (Kyverno's fork) does. Go's dialect
 * differs from the specification in raw string literals: only {@code \'} is an escape (a
 * backslash before the closing quote escapes it, so {@code '\\'} is unterminated).
 */
final class Lexer {
    private final String expr;
    private int pos;

    private Lexer(String expr) {
        this.expr = expr;
    }

    static List<Token> tokenize(String expression) {
        return new Lexer(expression).run();
    }

    private static boolean identStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean identPart(int c) {
        return identStart(c) || (c >= '0' && c <= '9');
    }

    private JmesPathSyntaxException error(String message, int at) {
        return new JmesPathSyntaxException(message, expr, at + 1);
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        int n = expr.length();
        while (pos < n) {
            int start = pos;
            char c = expr.charAt(pos);
            if (identStart(c)) {
                pos++;
                while (pos < n && identPart(expr.charAt(pos))) {
                    pos++;
                }
                tokens.add(new Token(Tok.UNQUOTED_IDENTIFIER, expr.substring(start, pos), start));
                continue;
            }
            switch (c) {
                case '.' -> single(tokens, Tok.DOT, c);
                case '*' -> single(tokens, Tok.STAR, c);
                case ',' -> single(tokens, Tok.COMMA, c);
                case ':' -> single(tokens, Tok.COLON, c);
                case '{' -> single(tokens, Tok.LBRACE, c);
                case '}' -> single(tokens, Tok.RBRACE, c);
                case ']' -> single(tokens, Tok.RBRACKET, c);
                case '(' -> single(tokens, Tok.LPAREN, c);
                case ')' -> single(tokens, Tok.RPAREN, c);
                case '@' -> single(tokens, Tok.CURRENT, c);
                case '[' -> {
                    pos++;
                    if (pos < n && expr.charAt(pos) == '?') {
                        pos++;
                        tokens.add(new Token(Tok.FILTER, "[?", start));
                    } else if (pos < n && expr.charAt(pos) == ']') {
                        pos++;
                        tokens.add(new Token(Tok.FLATTEN, "[]", start));
                    } else {
                        tokens.add(new Token(Tok.LBRACKET, "[", start));
                    }
                }
                case '"' -> tokens.add(quotedIdentifier());
                case '\'' -> tokens.add(rawString());
                case '`' -> tokens.add(literal());
                case '|' -> twoChar(tokens, '|', Tok.OR, Tok.PIPE);
                case '<' -> twoChar(tokens, '=', Tok.LTE, Tok.LT);
                case '>' -> twoChar(tokens, '=', Tok.GTE, Tok.GT);
                case '!' -> twoChar(tokens, '=', Tok.NE, Tok.NOT);
                case '=' -> twoChar(tokens, '=', Tok.EQ, Tok.UNKNOWN);
                case '&' -> twoChar(tokens, '&', Tok.AND, Tok.EXPREF);
                case ' ', '\t', '\n', '\r' -> pos++;
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        pos++;
                        while (pos < n && expr.charAt(pos) >= '0' && expr.charAt(pos) <= '9') {
                            pos++;
                        }
                        tokens.add(new Token(Tok.NUMBER, expr.substring(start, pos), start));
                    } else {
                        int cp = expr.codePointAt(pos);
                        throw error("Unknown character '" + new String(Character.toChars(cp))
                                + "' (U+" + String.format("%04X", cp) + ")", start);
                    }
                }
            }
        }
        tokens.add(new Token(Tok.EOF, "", n));
        return tokens;
    }

    private void single(List<Token> tokens, Tok type, char c) {
        tokens.add(new Token(type, String.valueOf(c), pos));
        pos++;
    }

    private void twoChar(List<Token> tokens, char second, Tok matched, Tok single) {
        int start = pos;
        char first = expr.charAt(pos);
        pos++;
        if (pos < expr.length() && expr.charAt(pos) == second) {
            pos++;
            tokens.add(new Token(matched, "" + first + second, start));
        } else {
            tokens.add(new Token(single, String.valueOf(first), start));
        }
    }

    /** Consumes up to the closing delimiter, a backslash skipping the next character; returns the raw text. */
    private String consumeUntil(char end, int start) {
        int i = pos + 1;
        int n = expr.length();
        while (i < n && expr.charAt(i) != end) {
            if (expr.charAt(i) == '\\' && i + 1 < n) {
                i++;
            }
            i++;
        }
        if (i >= n) {
            throw error("Unclosed delimiter: " + end, start);
        }
        String raw = expr.substring(pos + 1, i);
        pos = i + 1;
        return raw;
    }

    private Token literal() {
        int start = pos;
        String raw = consumeUntil('`', start);
        return new Token(Tok.JSON_LITERAL, raw.replace("\\`", "`"), start);
    }

    private Token quotedIdentifier() {
        int start = pos;
        String raw = consumeUntil('"', start);
        String decoded;
        try {
            decoded = GoJson.decodeString(raw);
        } catch (IllegalArgumentException e) {
            throw error("Invalid quoted identifier \"" + raw + "\": " + e.getMessage(), start);
        }
        return new Token(Tok.QUOTED_IDENTIFIER, decoded, start);
    }

    /** Go's raw string: {@code \'} is a quote; nothing else is an escape. */
    private Token rawString() {
        int start = pos;
        int n = expr.length();
        StringBuilder out = new StringBuilder();
        int i = pos + 1;
        while (true) {
            if (i >= n) {
                throw error("Unclosed delimiter: '", start);
            }
            char c = expr.charAt(i);
            if (c == '\'') {
                break;
            }
            if (c == '\\' && i + 1 < n && expr.charAt(i + 1) == '\'') {
                out.append('\'');
                i += 2;
                continue;
            }
            out.append(c);
            i++;
        }
        pos = i + 1;
        return new Token(Tok.STRING_LITERAL, out.toString(), start);
    }
}
