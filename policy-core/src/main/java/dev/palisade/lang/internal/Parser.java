package dev.palisade.lang.internal;

import dev.palisade.lang.CompileException;
import dev.palisade.lang.NullValue;
import dev.palisade.lang.internal.Ast.MacroKind;
import dev.palisade.lang.internal.Lexer.Kind;
import dev.palisade.lang.internal.Lexer.Token;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Recursive-descent CEL parser with macro expansion and a nesting limit. */
public final class Parser {
    private static final Set<String> RESERVED = Set.of("as", "break", "const", "continue", "else", "for",
            "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
            "in");
    private static final BigInteger LONG_MIN_MAGNITUDE = BigInteger.ONE.shiftLeft(63);

    private final String src;
    private final Lexer lexer;
    private final int maxDepth;
    private Token tok;
    private int depth;

    private final java.util.Set<String> objectTypes;

    private Parser(String src, int maxDepth, java.util.Set<String> objectTypes) {
        this.objectTypes = objectTypes;
        this.src = src;
        this.lexer = new Lexer(src);
        this.maxDepth = maxDepth;
        this.tok = lexer.next();
    }

    /** Parses an expression; throws CompileException on syntax errors or excessive nesting. */
    public static Ast parse(String source, int maxDepth) {
        return parse(source, maxDepth, java.util.Set.of());
    }

    /**
     * Parses an expression in which {@code T{field: value, ...}} builds a map when {@code T} is one
     * of {@code objectTypes} or a dotted name under one of them.
     */
    public static Ast parse(String source, int maxDepth, java.util.Set<String> objectTypes) {
        Parser p = new Parser(source, maxDepth, objectTypes);
        if (p.tok.kind() == Kind.EOF) {
            throw p.error("empty expression", 0);
        }
        Ast e = p.expr();
        if (p.tok.kind() != Kind.EOF) {
            throw p.error("unexpected " + p.describe(p.tok), p.tok.offset());
        }
        return e;
    }

    private CompileException error(String msg, int offset) {
        return new CompileException(msg, src, offset);
    }

    private String describe(Token t) {
        return switch (t.kind()) {
            case EOF -> "end of expression";
            case PUNCT -> "'" + t.text() + "'";
            default -> "'" + t.text() + "'";
        };
    }

    private void advance() {
        tok = lexer.next();
    }

    private boolean accept(String punct) {
        if (tok.is(punct)) {
            advance();
            return true;
        }
        return false;
    }

    private Token expect(String punct) {
        if (!tok.is(punct)) {
            throw error("expected '" + punct + "' but found " + describe(tok), tok.offset());
        }
        Token t = tok;
        advance();
        return t;
    }

    private void enter(int offset) {
        if (++depth > maxDepth) {
            throw error("expression nesting exceeds the limit of " + maxDepth + " levels; simplify the expression", offset);
        }
    }

    private void leave() {
        depth--;
    }

    private Ast expr() {
        enter(tok.offset());
        try {
            Ast cond = or();
            if (tok.is("?")) {
                int off = tok.offset();
                advance();
                Ast a = or();
                expect(":");
                Ast b = expr();
                return new Ast.Call(off, null, "_?_:_", List.of(cond, a, b));
            }
            return cond;
        } finally {
            leave();
        }
    }

    private Ast or() {
        Ast left = and();
        int chain = 0;
        while (tok.is("||")) {
            int off = tok.offset();
            advance();
            chained(++chain, off);
            left = new Ast.Call(off, null, "_||_", List.of(left, and()));
        }
        return left;
    }

    private void chained(int chain, int off) {
        if (depth + chain > maxDepth) {
            throw error("expression nesting exceeds the limit of " + maxDepth + " levels; simplify the expression", off);
        }
    }

    private Ast and() {
        Ast left = relation();
        int chain = 0;
        while (tok.is("&&")) {
            int off = tok.offset();
            advance();
            chained(++chain, off);
            left = new Ast.Call(off, null, "_&&_", List.of(left, relation()));
        }
        return left;
    }

    private Ast relation() {
        Ast left = addition();
        int chain = 0;
        while (true) {
            String fn;
            if (tok.kind() == Kind.IDENT && tok.text().equals("in")) {
                fn = "@in";
            } else if (tok.kind() == Kind.PUNCT) {
                fn = switch (tok.text()) {
                    case "==" -> "_==_";
                    case "!=" -> "_!=_";
                    case "<" -> "_<_";
                    case "<=" -> "_<=_";
                    case ">" -> "_>_";
                    case ">=" -> "_>=_";
                    default -> null;
                };
            } else {
                fn = null;
            }
            if (fn == null) {
                return left;
            }
            int off = tok.offset();
            advance();
            chained(++chain, off);
            left = new Ast.Call(off, null, fn, List.of(left, addition()));
        }
    }

    private Ast addition() {
        Ast left = multiplication();
        int chain = 0;
        while (tok.is("+") || tok.is("-")) {
            String fn = tok.is("+") ? "_+_" : "_-_";
            int off = tok.offset();
            advance();
            chained(++chain, off);
            left = new Ast.Call(off, null, fn, List.of(left, multiplication()));
        }
        return left;
    }

    private Ast multiplication() {
        Ast left = unary();
        int chain = 0;
        while (tok.is("*") || tok.is("/") || tok.is("%")) {
            String fn = tok.is("*") ? "_*_" : tok.is("/") ? "_/_" : "_%_";
            int off = tok.offset();
            advance();
            chained(++chain, off);
            left = new Ast.Call(off, null, fn, List.of(left, unary()));
        }
        return left;
    }

    private Ast unary() {
        if (tok.is("!")) {
            int off = tok.offset();
            advance();
            enter(off);
            try {
                return new Ast.Call(off, null, "!_", List.of(unary()));
            } finally {
                leave();
            }
        }
        if (tok.is("-")) {
            int off = tok.offset();
            advance();
            if (tok.kind() == Kind.INT) {
                BigInteger magnitude = (BigInteger) tok.value();
                advance();
                Ast lit = new Ast.Const(off, magnitude.negate().longValue());
                return member(lit);
            }
            if (tok.kind() == Kind.DOUBLE) {
                double d = (Double) tok.value();
                advance();
                return member(new Ast.Const(off, -d));
            }
            enter(off);
            try {
                return new Ast.Call(off, null, "-_", List.of(unary()));
            } finally {
                leave();
            }
        }
        return member(primary());
    }

    private Ast member(Ast operand) {
        Ast e = operand;
        int chain = 0;
        while (true) {
            if (tok.is(".") || tok.is(".?")) {
                boolean optional = tok.is(".?");
                int off = tok.offset();
                advance();
                chained(++chain, off);
                if (tok.kind() != Kind.IDENT && tok.kind() != Kind.QUOTED_IDENT) {
                    throw error("expected a field name after '.' but found " + describe(tok), tok.offset());
                }
                boolean quoted = tok.kind() == Kind.QUOTED_IDENT;
                String name = tok.text();
                int nameOff = tok.offset();
                advance();
                if (!optional && !quoted && tok.is("(")) {
                    advance();
                    List<Ast> args = arguments(")");
                    e = receiverCall(nameOff, e, name, args);
                } else {
                    e = new Ast.Select(off, e, name, false, optional);
                }
            } else if (tok.is("[") || tok.is("[?")) {
                boolean optional = tok.is("[?");
                int off = tok.offset();
                advance();
                chained(++chain, off);
                Ast index = expr();
                expect("]");
                e = new Ast.Call(off, null, optional ? "_[?_]" : "_[_]", List.of(e, index));
            } else if (tok.is("{") && isTypeName(e) && constructible(qualifiedName(e))) {
                int off = tok.offset();
                advance();
                e = objectLiteral(off);
            } else if (tok.is("{") && isTypeName(e)) {
                throw error("message construction (" + qualifiedName(e) + "{...}) needs protobuf types, which Palisade does not support", tok.offset());
            } else {
                return e;
            }
        }
    }

    private boolean constructible(String type) {
        for (String t : objectTypes) {
            if (type.equals(t) || type.startsWith(t + ".")) {
                return true;
            }
        }
        return false;
    }

    /** {@code T{field: value, ?field: optional}} as a map literal with the field names as keys. */
    private Ast objectLiteral(int off) {
        List<Ast.Entry> entries = new ArrayList<>();
        while (!tok.is("}")) {
            boolean opt = accept("?");
            if (tok.kind() != Kind.IDENT && tok.kind() != Kind.QUOTED_IDENT) {
                throw error("expected a field name in an object construction but found " + describe(tok), tok.offset());
            }
            Ast key = new Ast.Const(tok.offset(), tok.text());
            advance();
            expect(":");
            Ast value = expr();
            entries.add(new Ast.Entry(key, value, opt));
            if (!accept(",")) {
                break;
            }
        }
        expect("}");
        return new Ast.MapLit(off, List.copyOf(entries));
    }

    private static boolean isTypeName(Ast e) {
        return qualifiedName(e) != null;
    }

    /** The dotted name of an identifier/select chain, or null. */
    static String qualifiedName(Ast e) {
        if (e instanceof Ast.Ident id) {
            return id.name();
        }
        if (e instanceof Ast.Select s && !s.test() && !s.optional()) {
            String prefix = qualifiedName(s.operand());
            return prefix == null ? null : prefix + "." + s.field();
        }
        return null;
    }

    private List<Ast> arguments(String close) {
        List<Ast> args = new ArrayList<>();
        if (accept(close)) {
            return args;
        }
        while (true) {
            args.add(expr());
            if (accept(close)) {
                return args;
            }
            expect(",");
        }
    }

    private Ast primary() {
        Token t = tok;
        switch (t.kind()) {
            case INT -> {
                advance();
                BigInteger v = (BigInteger) t.value();
                if (v.equals(LONG_MIN_MAGNITUDE)) {
                    throw error("integer literal out of range: " + t.text(), t.offset());
                }
                return new Ast.Const(t.offset(), v.longValue());
            }
            case UINT, DOUBLE, STRING, BYTES -> {
                advance();
                return new Ast.Const(t.offset(), t.value());
            }
            case QUOTED_IDENT -> throw error("a quoted identifier is only allowed after '.'", t.offset());
            case IDENT -> {
                advance();
                return identOrCall(t, false);
            }
            case EOF -> throw error("unexpected end of expression", t.offset());
            default -> {
            }
        }
        if (t.is(".")) {
            advance();
            if (tok.kind() != Kind.IDENT) {
                throw error("expected an identifier after leading '.'", tok.offset());
            }
            Token id = tok;
            advance();
            return identOrCall(id, true);
        }
        if (t.is("(")) {
            advance();
            Ast e = expr();
            expect(")");
            return e;
        }
        if (t.is("[") || t.is("[?")) {
            advance();
            enter(t.offset());
            try {
                return listLiteral(t.offset(), t.is("[?"));
            } finally {
                leave();
            }
        }
        if (t.is("{")) {
            advance();
            enter(t.offset());
            try {
                return mapLiteral(t.offset());
            } finally {
                leave();
            }
        }
        throw error("unexpected " + describe(t), t.offset());
    }

    private Ast identOrCall(Token t, boolean leadingDot) {
        String name = t.text();
        switch (name) {
            case "true" -> {
                return new Ast.Const(t.offset(), Boolean.TRUE);
            }
            case "false" -> {
                return new Ast.Const(t.offset(), Boolean.FALSE);
            }
            case "null" -> {
                return new Ast.Const(t.offset(), NullValue.NULL);
            }
            default -> {
            }
        }
        if (RESERVED.contains(name)) {
            throw error("reserved word '" + name + "' cannot be used as an identifier", t.offset());
        }
        String full = leadingDot ? "." + name : name;
        if (tok.is("(")) {
            advance();
            List<Ast> args = arguments(")");
            if (name.equals("has") && !leadingDot) {
                if (args.size() != 1 || !(args.get(0) instanceof Ast.Select s) || s.optional()) {
                    throw error("has() takes one field selection, as in has(object.spec.field)", t.offset());
                }
                return new Ast.Select(s.offset(), s.operand(), s.field(), true, false);
            }
            return new Ast.Call(t.offset(), null, full, args);
        }
        return new Ast.Ident(t.offset(), full);
    }

    private Ast listLiteral(int off, boolean firstOptional) {
        List<Ast> elems = new ArrayList<>();
        List<Boolean> optional = new ArrayList<>();
        boolean pendingOptional = firstOptional;
        while (!tok.is("]")) {
            boolean opt = pendingOptional || accept("?");
            pendingOptional = false;
            elems.add(expr());
            optional.add(opt);
            if (!accept(",")) {
                break;
            }
        }
        expect("]");
        return new Ast.ListLit(off, List.copyOf(elems), List.copyOf(optional));
    }

    private Ast mapLiteral(int off) {
        List<Ast.Entry> entries = new ArrayList<>();
        while (!tok.is("}")) {
            boolean opt = accept("?");
            Ast key = expr();
            expect(":");
            Ast value = expr();
            entries.add(new Ast.Entry(key, value, opt));
            if (!accept(",")) {
                break;
            }
        }
        expect("}");
        return new Ast.MapLit(off, List.copyOf(entries));
    }

    private Ast receiverCall(int off, Ast target, String name, List<Ast> args) {
        MacroKind kind = null;
        int vars = 0;
        switch (name) {
            case "all" -> {
                kind = MacroKind.ALL;
                vars = args.size() == 3 ? 2 : args.size() == 2 ? 1 : 0;
            }
            case "exists" -> {
                kind = MacroKind.EXISTS;
                vars = args.size() == 3 ? 2 : args.size() == 2 ? 1 : 0;
            }
            case "exists_one", "existsOne" -> {
                kind = MacroKind.EXISTS_ONE;
                vars = args.size() == 3 ? 2 : args.size() == 2 ? 1 : 0;
            }
            case "map" -> {
                kind = MacroKind.MAP;
                vars = args.size() == 2 || args.size() == 3 ? 1 : 0;
            }
            case "filter" -> {
                kind = MacroKind.FILTER;
                vars = args.size() == 2 ? 1 : 0;
            }
            case "transformList" -> {
                kind = MacroKind.TRANSFORM_LIST;
                vars = args.size() == 3 || args.size() == 4 ? 2 : 0;
            }
            case "transformMap" -> {
                kind = MacroKind.TRANSFORM_MAP;
                vars = args.size() == 3 || args.size() == 4 ? 2 : 0;
            }
            case "sortBy" -> {
                kind = MacroKind.SORT_BY;
                vars = args.size() == 2 ? 1 : 0;
            }
            case "optMap" -> {
                kind = MacroKind.OPT_MAP;
                vars = args.size() == 2 ? 1 : 0;
            }
            case "optFlatMap" -> {
                kind = MacroKind.OPT_FLAT_MAP;
                vars = args.size() == 2 ? 1 : 0;
            }
            case "transformMapEntry" -> {
                kind = MacroKind.TRANSFORM_MAP_ENTRY;
                vars = args.size() == 3 || args.size() == 4 ? 2 : 0;
            }
            default -> {
            }
        }
        if (kind == null || vars == 0) {
            return new Ast.Call(off, target, name, List.copyOf(args));
        }
        String v1 = iterVar(args.get(0), name);
        String v2 = vars == 2 ? iterVar(args.get(1), name) : "";
        if (vars == 2 && v1.equals(v2)) {
            throw error("the iteration variables of " + name + "() must differ", args.get(1).offset());
        }
        return new Ast.Comprehension(off, kind, target, v1, v2, List.copyOf(args.subList(vars, args.size())));
    }

    private String iterVar(Ast a, String macro) {
        if (a instanceof Ast.Ident id && !id.name().startsWith(".")) {
            return id.name();
        }
        throw error(macro + "() needs a simple variable name as iteration variable", a.offset());
    }
}
