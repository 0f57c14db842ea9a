package dev.palisade.kyverno.jmespath.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.kyverno.jmespath.JmesPathSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Pratt parser for JMESPath with go-jmespath's binding powers and node shapes, so that every
 * expression Kyverno accepts parses to the tree Kyverno evaluates. Differences: an unknown function
 * is a compile-time error here (Go fails when the call is reached), and only identifiers can be
 * called (Go would panic).
 */
final class Parser {
    /** Deepest nesting of sub-expressions accepted, so that no expression can exhaust the stack. */
    static final int MAX_DEPTH = 200;
    /** Longest expression accepted. */
    static final int MAX_LENGTH = 64 * 1024;

    private final String expr;
    private final List<Token> tokens;
    private final Map<String, Function> functions;
    private int index;
    private int depth;

    private Parser(String expr, List<Token> tokens, Map<String, Function> functions) {
        this.expr = expr;
        this.tokens = tokens;
        this.functions = functions;
    }

    static Node parse(String expression, Map<String, Function> functions) {
        if (expression.length() > MAX_LENGTH) {
            throw new JmesPathSyntaxException("expression is " + expression.length() + " characters long; at most "
                    + MAX_LENGTH + " are accepted", expression.substring(0, 80), 0);
        }
        Parser p = new Parser(expression, Lexer.tokenize(expression), functions);
        Node node = p.expression(0);
        if (p.current() != Tok.EOF) {
            throw p.error("Unexpected token at the end of the expression: " + describe(p.token(0)));
        }
        return node;
    }

    private static String describe(Token t) {
        return t.type() == Tok.EOF ? "end of expression" : "'" + t.value() + "'";
    }

    private Token token(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private Tok current() {
        return token(0).type();
    }

    private Tok lookahead(int n) {
        return token(n).type();
    }

    private void advance() {
        index++;
    }

    private JmesPathSyntaxException error(String message) {
        return new JmesPathSyntaxException(message, expr, token(0).position() + 1);
    }

    private JmesPathSyntaxException error(String message, Token at) {
        return new JmesPathSyntaxException(message, expr, at.position() + 1);
    }

    private void match(Tok type, String what) {
        if (current() != type) {
            throw error("Expected " + what + ", found " + describe(token(0)));
        }
        advance();
    }

    private Node expression(int bindingPower) {
        if (++depth > MAX_DEPTH) {
            throw error("expression nested more than " + MAX_DEPTH + " levels deep");
        }
        Token left = token(0);
        advance();
        Node node = nud(left);
        while (bindingPower < current().bindingPower) {
            Token t = token(0);
            advance();
            node = led(t, node);
        }
        depth--;
        return node;
    }

    private Node nud(Token t) {
        int pos = t.position();
        switch (t.type()) {
            case JSON_LITERAL: {
                JsonNode value;
                try {
                    value = GoJson.parse(t.value());
                } catch (IllegalArgumentException e) {
                    throw error("Invalid JSON literal `" + t.value() + "`: " + e.getMessage()
                            + " (a raw string is written in single quotes)", t);
                }
                return new Nodes.Literal(pos, value);
            }
            case STRING_LITERAL:
                return new Nodes.Literal(pos, Values.text(t.value()));
            case UNQUOTED_IDENTIFIER:
                return new Nodes.Field(pos, t.value());
            case QUOTED_IDENTIFIER:
                if (current() == Tok.LPAREN) {
                    throw error("Can't have quoted identifier as function name", t);
                }
                return new Nodes.Field(pos, t.value());
            case STAR: {
                Node right = current() == Tok.RBRACKET ? new Nodes.Current(pos) : projectionRhs(Tok.STAR.bindingPower);
                return new Nodes.ValueProjection(pos, new Nodes.Current(pos), right);
            }
            case FILTER:
                return filter(pos, new Nodes.Current(pos));
            case LBRACE:
                return multiSelectHash(pos);
            case FLATTEN: {
                Node left = new Nodes.Flatten(pos, new Nodes.Current(pos));
                return new Nodes.Projection(pos, left, projectionRhs(Tok.FLATTEN.bindingPower));
            }
            case LBRACKET: {
                Tok next = current();
                if (next == Tok.NUMBER || next == Tok.COLON) {
                    Node right = indexExpression();
                    return projectIfSlice(pos, new Nodes.Current(pos), right);
                }
                if (next == Tok.STAR && lookahead(1) == Tok.RBRACKET) {
                    advance();
                    advance();
                    return new Nodes.Projection(pos, new Nodes.Current(pos), projectionRhs(Tok.STAR.bindingPower));
                }
                return multiSelectList(pos);
            }
            case CURRENT:
                return new Nodes.Current(pos);
            case EXPREF:
                return new Nodes.ExpRef(pos, expression(Tok.EXPREF.bindingPower));
            case NOT:
                return new Nodes.Not(pos, expression(Tok.NOT.bindingPower));
            case LPAREN: {
                Node inner = expression(0);
                match(Tok.RPAREN, "')'");
                return inner;
            }
            case EOF:
                throw error("Incomplete expression", t);
            default:
                throw error("Invalid token: " + describe(t), t);
        }
    }

    private Node led(Token t, Node left) {
        int pos = t.position();
        switch (t.type()) {
            case DOT:
                if (current() != Tok.STAR) {
                    return new Nodes.Subexpression(pos, left, dotRhs(Tok.DOT.bindingPower));
                }
                advance();
                return new Nodes.ValueProjection(pos, left, projectionRhs(Tok.DOT.bindingPower));
            case PIPE:
                return new Nodes.Pipe(pos, left, expression(Tok.PIPE.bindingPower));
            case OR:
                return new Nodes.Or(pos, left, expression(Tok.OR.bindingPower));
            case AND:
                return new Nodes.And(pos, left, expression(Tok.AND.bindingPower));
            case LPAREN:
                return call(t, left);
            case FILTER:
                return filter(pos, left);
            case FLATTEN: {
                Node flat = new Nodes.Flatten(pos, left);
                return new Nodes.Projection(pos, flat, projectionRhs(Tok.FLATTEN.bindingPower));
            }
            case EQ:
            case NE:
            case GT:
            case GTE:
            case LT:
            case LTE: {
                Node right = expression(t.type().bindingPower);
                return new Nodes.Comparator(pos, op(t.type()), left, right);
            }
            case LBRACKET: {
                Tok next = current();
                if (next == Tok.NUMBER || next == Tok.COLON) {
                    return projectIfSlice(pos, left, indexExpression());
                }
                match(Tok.STAR, "'*', a number or ':' after '['");
                match(Tok.RBRACKET, "']'");
                return new Nodes.Projection(pos, left, projectionRhs(Tok.STAR.bindingPower));
            }
            default:
                throw error("Unexpected token: " + describe(t), t);
        }
    }

    private static Nodes.Op op(Tok t) {
        return switch (t) {
            case EQ -> Nodes.Op.EQ;
            case NE -> Nodes.Op.NE;
            case GT -> Nodes.Op.GT;
            case GTE -> Nodes.Op.GTE;
            case LT -> Nodes.Op.LT;
            default -> Nodes.Op.LTE;
        };
    }

    private Node call(Token paren, Node target) {
        if (!(target instanceof Nodes.Field field)) {
            throw error("only a function name can be called", paren);
        }
        List<Node> args = new ArrayList<>();
        while (current() != Tok.RPAREN) {
            if (current() == Tok.EOF) {
                throw error("Unclosed function call " + field.name + "(: expected ')'");
            }
            args.add(expression(0));
            if (current() == Tok.COMMA) {
                advance();
            }
        }
        match(Tok.RPAREN, "')'");
        Function function = functions.get(field.name);
        if (function == null) {
            throw new JmesPathSyntaxException("unknown function: " + field.name + "()", expr, field.position + 1);
        }
        return new Nodes.Call(field.position, function, args);
    }

    private Node indexExpression() {
        if (current() == Tok.COLON || lookahead(1) == Tok.COLON) {
            return sliceExpression();
        }
        Token t = token(0);
        long value = parseNumber(t);
        advance();
        match(Tok.RBRACKET, "']'");
        return new Nodes.Index(t.position(), value);
    }

    private long parseNumber(Token t) {
        if (t.type() != Tok.NUMBER) {
            throw error("Expected a number, found " + describe(t), t);
        }
        try {
            return Long.parseLong(t.value());
        } catch (NumberFormatException e) {
            throw error("Invalid number '" + t.value() + "'", t);
        }
    }

    private Node sliceExpression() {
        Long[] parts = new Long[3];
        int part = 0;
        int pos = token(0).position();
        while (current() != Tok.RBRACKET && part < 3) {
            if (current() == Tok.COLON) {
                part++;
                advance();
            } else if (current() == Tok.NUMBER) {
                parts[part] = parseNumber(token(0));
                advance();
            } else {
                throw error("Expected ':' or a number, found " + describe(token(0)));
            }
        }
        match(Tok.RBRACKET, "']'");
        return new Nodes.Slice(pos, parts[0], parts[1], parts[2]);
    }

    private Node projectIfSlice(int pos, Node left, Node right) {
        Node indexExpr = new Nodes.Subexpression(pos, left, right);
        if (right instanceof Nodes.Slice) {
            return new Nodes.Projection(pos, indexExpr, projectionRhs(Tok.STAR.bindingPower));
        }
        return indexExpr;
    }

    private Node multiSelectList(int pos) {
        List<Node> children = new ArrayList<>();
        while (true) {
            children.add(expression(0));
            if (current() == Tok.RBRACKET) {
                break;
            }
            match(Tok.COMMA, "',' or ']'");
        }
        match(Tok.RBRACKET, "']'");
        return new Nodes.MultiSelectList(pos, children);
    }

    private Node multiSelectHash(int pos) {
        List<String> keys = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        while (true) {
            Token key = token(0);
            if (key.type() != Tok.UNQUOTED_IDENTIFIER && key.type() != Tok.QUOTED_IDENTIFIER) {
                throw error("Expected a key name in '{...}', found " + describe(key));
            }
            advance();
            match(Tok.COLON, "':'");
            keys.add(key.value());
            values.add(expression(0));
            if (current() == Tok.COMMA) {
                advance();
            } else if (current() == Tok.RBRACE) {
                advance();
                break;
            } else if (current() == Tok.EOF) {
                throw error("Unclosed '{': expected ',' or '}'");
            }
        }
        return new Nodes.MultiSelectHash(pos, keys, values);
    }

    private Node filter(int pos, Node left) {
        Node condition = expression(0);
        match(Tok.RBRACKET, "']' closing the filter");
        Node right = current() == Tok.FLATTEN ? new Nodes.Current(pos) : projectionRhs(Tok.FILTER.bindingPower);
        return new Nodes.FilterProjection(pos, left, right, condition);
    }

    private Node dotRhs(int bindingPower) {
        Tok t = current();
        if (t == Tok.QUOTED_IDENTIFIER || t == Tok.UNQUOTED_IDENTIFIER || t == Tok.STAR) {
            return expression(bindingPower);
        }
        if (t == Tok.LBRACKET) {
            int pos = token(0).position();
            advance();
            return multiSelectList(pos);
        }
        if (t == Tok.LBRACE) {
            int pos = token(0).position();
            advance();
            return multiSelectHash(pos);
        }
        throw error("Expected identifier, '[' or '{' after '.', found " + describe(token(0)));
    }

    private Node projectionRhs(int bindingPower) {
        Tok t = current();
        if (t.bindingPower < 10) {
            return new Nodes.Current(token(0).position());
        }
        if (t == Tok.LBRACKET || t == Tok.FILTER) {
            return expression(bindingPower);
        }
        if (t == Tok.DOT) {
            advance();
            return dotRhs(bindingPower);
        }
        throw error("Unexpected " + describe(token(0)) + " after a projection");
    }
}
