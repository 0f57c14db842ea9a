package dev.palisade.rego.internal.ast;

import dev.palisade.rego.internal.ast.Ast.ArrayCompr;
import dev.palisade.rego.internal.ast.Ast.ArrayTerm;
import dev.palisade.rego.internal.ast.Ast.Call;
import dev.palisade.rego.internal.ast.Ast.Every;
import dev.palisade.rego.internal.ast.Ast.Expr;
import dev.palisade.rego.internal.ast.Ast.Head;
import dev.palisade.rego.internal.ast.Ast.Import;
import dev.palisade.rego.internal.ast.Ast.Loc;
import dev.palisade.rego.internal.ast.Ast.Module;
import dev.palisade.rego.internal.ast.Ast.ObjectCompr;
import dev.palisade.rego.internal.ast.Ast.ObjectTerm;
import dev.palisade.rego.internal.ast.Ast.Ref;
import dev.palisade.rego.internal.ast.Ast.Rule;
import dev.palisade.rego.internal.ast.Ast.Scalar;
import dev.palisade.rego.internal.ast.Ast.SetCompr;
import dev.palisade.rego.internal.ast.Ast.SetTerm;
import dev.palisade.rego.internal.ast.Ast.SomeDecl;
import dev.palisade.rego.internal.ast.Ast.TemplateString;
import dev.palisade.rego.internal.ast.Ast.Term;
import dev.palisade.rego.internal.ast.Ast.Var;
import dev.palisade.rego.internal.ast.Ast.With;
import dev.palisade.rego.internal.ast.Token.Kind;
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.NullValue;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.StringValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rego's parser, following OPA's grammar and precedence: {@code in} &lt; relations &lt; {@code |} &lt;
 * {@code &} &lt; {@code + -} &lt; {@code * / %}; refs and calls contain no whitespace; an expression
 * ends at a line break or {@code ;}. Parses v0 (future keywords by import) and v1 syntax.
 */
public final class Parser {
    /** Future keywords that v1 always has and v0 gets by {@code import future.keywords...}/{@code rego.v1}. */
    public static final Set<String> FUTURE_KEYWORDS = Set.of("in", "every", "contains", "if");
    private static final Set<String> CORE_KEYWORDS = Set.of("package", "import", "as", "default", "else",
            "not", "some", "with", "null", "true", "false");
    private static final Map<Kind, String> INFIX = Map.ofEntries(
            Map.entry(Kind.ADD, "plus"), Map.entry(Kind.SUB, "minus"), Map.entry(Kind.MUL, "mul"),
            Map.entry(Kind.QUO, "div"), Map.entry(Kind.REM, "rem"), Map.entry(Kind.AND, "and"),
            Map.entry(Kind.OR, "or"), Map.entry(Kind.EQUAL, "equal"), Map.entry(Kind.NEQ, "neq"),
            Map.entry(Kind.LT, "lt"), Map.entry(Kind.LTE, "lte"), Map.entry(Kind.GT, "gt"),
            Map.entry(Kind.GTE, "gte"), Map.entry(Kind.UNIFY, "eq"), Map.entry(Kind.ASSIGN, "assign"));
    private static final int MAX_DEPTH = 2000;

    private final Lexer lx;
    private final String file;
    private final boolean v1;
    private final Set<String> keywords = new HashSet<>();
    private Token tok;
    private int wildcard;
    private int depth;

    private final String src;
    private final int firstLine;
    private final int colOffset;

    private Parser(String file, String src, int firstLine, int colOffset, boolean v1) {
        this.src = src;
        this.firstLine = firstLine;
        this.colOffset = colOffset;
        this.lx = new Lexer(src, firstLine, colOffset);
        this.file = file;
        this.v1 = v1;
        if (v1) {
            keywords.addAll(FUTURE_KEYWORDS);
        }
        this.tok = lx.next(0);
    }

    /** Parses a module. */
    public static Module parseModule(String file, String src, int firstLine, int colOffset, boolean v1) {
        Parser p = new Parser(file, src, firstLine, colOffset, v1);
        return p.module();
    }

    /** Parses a query (a body); all future keywords are active. */
    public static List<Expr> parseQuery(String src) {
        Parser p = new Parser("", src, 1, 0, true);
        return p.query();
    }

    // ---------------------------------------------------------------- helpers

    private record State(Token tok, int wildcard) {
    }

    private State save() {
        return new State(tok, wildcard);
    }

    private void restore(State s) {
        tok = s.tok;
        wildcard = s.wildcard;
    }

    private void scan() {
        tok = lx.next(tok.end());
        if (tok.is(Kind.ILLEGAL)) {
            throw error(tok, tok.value() != null ? tok.value() : "illegal token");
        }
    }

    private Loc loc(Token t) {
        return new Loc(file, t.line(), t.col());
    }

    private ParseException error(Token t, String msg) {
        return new ParseException(msg, loc(t));
    }

    private ParseException unexpected(String note) {
        String what = tok.is(Kind.IDENT) && isKeyword(tok.text()) ? tok.text() + " keyword"
                : tok.describe() + " token";
        return error(tok, note == null || note.isEmpty() ? "unexpected " + what : "unexpected " + what + ": " + note);
    }

    private boolean isKeyword(String w) {
        return CORE_KEYWORDS.contains(w) || keywords.contains(w);
    }

    /** Whether the current token is the active keyword {@code w}. */
    private boolean kw(String w) {
        // a keyword directly followed by `.` or `[` starts a ref (`else.foo`, `input.in[0]`)
        return tok.isWord(w) && isKeyword(w) && !nextIsRefContinuation();
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error(tok, "max parsing recursion depth exceeded");
        }
    }

    private void leave() {
        depth--;
    }

    private Var genWildcard(Loc loc) {
        return new Var("$" + (wildcard++), loc);
    }

    private static Ref opRef(String name, Loc loc) {
        List<Term> parts = new ArrayList<>();
        String[] segs = name.split("\\.");
        parts.add(new Var(segs[0], loc));
        for (int i = 1; i < segs.length; i++) {
            parts.add(new Scalar(StringValue.of(segs[i]), loc));
        }
        return new Ref(parts, loc);
    }

    private static Call call(String op, Loc loc, Term... args) {
        return new Call(opRef(op, loc), List.of(args), loc);
    }

    // ---------------------------------------------------------------- module

    private Module module() {
        Module m = new Module(file);
        m.v1 = v1;
        if (!kw("package")) {
            throw tok.is(Kind.EOF) ? error(tok, "empty module") : error(tok, "package expected");
        }
        m.packageLoc = loc(tok);
        scan();
        Term path = parseTerm();
        List<String> pkg = new ArrayList<>();
        if (path instanceof Var v) {
            pkg.add(v.name);
        } else if (path instanceof Ref r && r.head() instanceof Var v) {
            pkg.add(v.name);
            for (int i = 1; i < r.size(); i++) {
                if (!(r.get(i) instanceof Scalar s) || !s.isString()) {
                    throw new ParseException("unexpected " + termKind(r.get(i)) + " token: expecting string", r.get(i).loc);
                }
                pkg.add(s.string());
            }
        } else {
            throw new ParseException("package expected", path.loc);
        }
        if (pkg.get(0).equals("data") && pkg.size() > 0 && path instanceof Ref) {
            // `package data.x` is not how OPA spells packages, but the ref form is accepted as data.x
        }
        m.packagePath = pkg;
        endStatement();
        boolean rulesStarted = false;
        while (!tok.is(Kind.EOF)) {
            if (kw("import") && !nextIsRefContinuation()) {
                if (rulesStarted) {
                    throw error(tok, "import must come before rules");
                }
                m.imports.add(parseImport());
                endStatement();
                continue;
            }
            if (kw("package") && !nextIsRefContinuation()) {
                throw error(tok, "unexpected package: a module has one package declaration");
            }
            rulesStarted = true;
            List<Rule> rules = parseRules();
            for (Rule r : rules) {
                r.module = m;
                for (Rule e = r.elseRule; e != null; e = e.elseRule) {
                    e.module = m;
                }
            }
            m.rules.addAll(rules);
            endStatement();
        }
        if (src.contains("METADATA")) {
            Annotations.attach(m, src, firstLine, colOffset);
        }
        return m;
    }

    private void endStatement() {
        if (tok.is(Kind.SEMI)) {
            scan();
        }
    }

    private boolean nextIsRefContinuation() {
        Token n = lx.next(tok.end());
        return !n.wsBefore() && (n.is(Kind.DOT) || n.is(Kind.LBRACK));
    }

    private static String termKind(Term t) {
        if (t instanceof Var) {
            return "var";
        }
        if (t instanceof Scalar s) {
            return s.value.typeName();
        }
        if (t instanceof Ref) {
            return "ref";
        }
        if (t instanceof ArrayTerm) {
            return "array";
        }
        if (t instanceof ObjectTerm) {
            return "object";
        }
        if (t instanceof SetTerm) {
            return "set";
        }
        if (t instanceof Call) {
            return "call";
        }
        return "term";
    }

    private Import parseImport() {
        Loc loc = loc(tok);
        scan();
        if (!tok.is(Kind.IDENT)) {
            throw unexpected("expected path");
        }
        // keywords are not active while reading an import path (import future.keywords.in)
        Set<String> saved = new HashSet<>(keywords);
        keywords.clear();
        Term t;
        try {
            t = parseTerm();
        } finally {
            keywords.addAll(saved);
        }
        Ref path;
        if (t instanceof Var v) {
            path = new Ref(List.of(v), v.loc);
        } else if (t instanceof Ref r && r.head() instanceof Var) {
            for (int i = 1; i < r.size(); i++) {
                if (!(r.get(i) instanceof Scalar s) || !s.isString()) {
                    throw new ParseException("unexpected " + termKind(r.get(i)) + " token: expecting string", r.get(i).loc);
                }
            }
            path = r;
        } else {
            throw new ParseException("expected path", t.loc);
        }
        String root = path.headName();
        switch (root) {
            case "data", "input", "future", "rego" -> {
            }
            default -> throw new ParseException("unexpected import path, must begin with one of: {data, future, input, rego}, got: "
                    + root, path.loc);
        }
        String alias = null;
        if (kw("as")) {
            scan();
            if (!tok.is(Kind.IDENT) || isKeyword(tok.text())) {
                throw unexpected("expected var");
            }
            alias = tok.text();
            scan();
        }
        if (root.equals("future")) {
            if (path.size() < 2 || !"keywords".equals(stringAt(path, 1))) {
                throw new ParseException("invalid import, must be `future.keywords`", path.loc);
            }
            if (alias != null) {
                throw new ParseException("`future` imports cannot be aliased", path.loc);
            }
            if (path.size() == 2) {
                keywords.addAll(FUTURE_KEYWORDS);
            } else if (path.size() == 3 && FUTURE_KEYWORDS.contains(stringAt(path, 2))) {
                keywords.add(stringAt(path, 2));
            } else {
                throw new ParseException("unexpected keyword, must be one of [contains every if in]", path.loc);
            }
        } else if (root.equals("rego")) {
            if (path.size() != 2 || !"v1".equals(stringAt(path, 1))) {
                throw new ParseException("invalid import `" + path.dottedName() + "`, must be `rego.v1`", path.loc);
            }
            if (alias != null) {
                throw new ParseException("`rego` imports cannot be aliased", path.loc);
            }
            keywords.addAll(FUTURE_KEYWORDS);
        }
        return new Import(path, alias, loc);
    }

    private static String stringAt(Ref r, int i) {
        return r.get(i) instanceof Scalar s && s.isString() ? s.string() : null;
    }

    // ---------------------------------------------------------------- rules

    private List<Rule> parseRules() {
        Rule rule = new Rule(loc(tok));
        if (kw("default") && !nextIsRefContinuation()) {
            scan();
            rule.isDefault = true;
        }
        if (!tok.is(Kind.IDENT) || (isKeyword(tok.text()) && !nextIsRefContinuation())) {
            throw unexpected(null);
        }
        Head head = parseHead(rule.isDefault);
        rule.head = head;
        if (rule.isDefault) {
            validateDefault(rule);
            rule.body.add(trueExpr(rule.loc));
            return List.of(rule);
        }
        boolean hasIf = kw("if");
        List<Term> ref = head.ref;
        if (hasIf && !head.usesContains && ref.size() == 2) {
            Term v = ref.get(1);
            boolean ground = v instanceof Scalar;
            if ((!ground || v instanceof Ref) && head.args == null) {
                head.key = v;
            }
            if (head.value == null) {
                head.generatedValue = true;
                head.value = new Scalar(BoolValue.TRUE, head.loc);
            }
        }
        boolean legacySet = false;
        if (!hasIf && !head.usesContains && head.args == null && ref.size() == 2) {
            head.key = ref.get(1);
            if (head.value == null) {
                head.ref = new ArrayList<>(ref.subList(0, 1));
                legacySet = true;
            }
        }
        if (hasIf) {
            scan();
            State s = save();
            boolean done = false;
            if (!tok.is(Kind.LBRACE)) {
                Expr e = parseLiteral();
                rule.body.add(e);
                done = true;
            } else {
                try {
                    Expr e = parseLiteral();
                    if (!(e.terms instanceof SetTerm)) {
                        rule.body.add(e);
                        done = true;
                    }
                } catch (ParseException ex) {
                    // not a single expression: a braced body follows
                }
                if (!done) {
                    restore(s);
                }
            }
            if (!done) {
                if (!tok.is(Kind.LBRACE)) {
                    throw unexpected("rule body expected");
                }
                scan();
                rule.body = parseBody(Kind.RBRACE);
                scan();
            }
        } else if (tok.is(Kind.LBRACE)) {
            if (v1) {
                throw error(tok, "`if` keyword is required before rule body");
            }
            scan();
            rule.body = parseBody(Kind.RBRACE);
            scan();
        } else if (head.usesContains || head.value != null || legacySet) {
            rule.body.add(trueExpr(rule.loc));
            if (head.value == null && !head.usesContains && !legacySet) {
                head.value = new Scalar(BoolValue.TRUE, head.loc);
            }
        } else if (head.args != null || ref.size() > 1) {
            head.value = new Scalar(BoolValue.TRUE, head.loc);
            head.generatedValue = true;
            rule.body.add(trueExpr(rule.loc));
        } else {
            throw new ParseException("var cannot be used for rule name", head.loc);
        }
        if (v1 && legacySet) {
            throw new ParseException("`contains` keyword is required for partial set rules", head.loc);
        }
        if (kw("else")) {
            if (!head.isGroundRef() && ref.size() > 1) {
                throw error(tok, "else keyword cannot be used on rules with variables in head");
            }
            if (head.key != null) {
                throw error(tok, "else keyword cannot be used on multi-value rules");
            }
            rule.elseRule = parseElse(head);
        }
        List<Rule> rules = new ArrayList<>();
        rules.add(rule);
        while (tok.is(Kind.LBRACE)) {
            if (rule.elseRule != null) {
                throw error(tok, "expected else keyword");
            }
            Rule next = new Rule(loc(tok));
            scan();
            next.body = parseBody(Kind.RBRACE);
            scan();
            next.head = copyHead(head);
            rules.add(next);
        }
        return rules;
    }

    private Rule parseElse(Head head) {
        Rule rule = new Rule(loc(tok));
        rule.head = copyHead(head);
        rule.head.generatedValue = false;
        rule.head.loc = loc(tok);
        scan();
        if (tok.is(Kind.LBRACE) || kw("if")) {
            rule.head.generatedValue = true;
            rule.head.value = new Scalar(BoolValue.TRUE, rule.loc);
        } else if (tok.is(Kind.ASSIGN) || tok.is(Kind.UNIFY)) {
            rule.head.assign = tok.is(Kind.ASSIGN);
            scan();
            rule.head.value = parseTermInfixCall();
        } else {
            throw unexpected("expected else value term or rule body");
        }
        boolean hasIf = kw("if");
        if (!hasIf && !tok.is(Kind.LBRACE)) {
            rule.body.add(trueExpr(rule.loc));
        } else {
            if (hasIf) {
                scan();
            } else if (v1) {
                throw error(tok, "`if` keyword is required before rule body");
            }
            if (tok.is(Kind.LBRACE)) {
                State s = save();
                boolean done = false;
                if (hasIf) {
                    try {
                        Expr e = parseLiteral();
                        if (!(e.terms instanceof SetTerm)) {
                            rule.body.add(e);
                            done = true;
                        }
                    } catch (ParseException ex) {
                        // braced body
                    }
                    if (!done) {
                        restore(s);
                    }
                }
                if (!done) {
                    scan();
                    rule.body = parseBody(Kind.RBRACE);
                    scan();
                }
            } else if (!tok.is(Kind.EOF)) {
                rule.body.add(parseLiteral());
            } else {
                throw unexpected("rule body expected");
            }
        }
        if (kw("else")) {
            rule.elseRule = parseElse(head);
        }
        return rule;
    }

    private Head copyHead(Head h) {
        List<Term> ref = new ArrayList<>();
        for (Term t : h.ref) {
            ref.add(Terms.copy(t));
        }
        Head c = new Head(ref, h.loc);
        c.args = null;
        if (h.args != null) {
            c.args = new ArrayList<>();
            for (Term t : h.args) {
                c.args.add(Terms.copy(t));
            }
        }
        if (c.args != null) {
            for (int i = 0; i < c.args.size(); i++) {
                if (c.args.get(i) instanceof Var v && v.isWildcard()) {
                    c.args.set(i, genWildcard(v.loc));
                }
            }
        }
        c.key = Terms.copy(h.key);
        c.value = Terms.copy(h.value);
        c.assign = h.assign;
        c.usesContains = h.usesContains;
        c.generatedValue = h.generatedValue;
        return c;
    }

    private Expr trueExpr(Loc loc) {
        return new Expr(new Scalar(BoolValue.TRUE, loc), loc);
    }

    private Head parseHead(boolean isDefault) {
        Loc loc = loc(tok);
        Var name = new Var(tok.text(), loc);
        scan();
        Term t = name;
        if (tok.is(Kind.LPAREN) || tok.is(Kind.DOT) || tok.is(Kind.LBRACK)) {
            t = parseRef(name, true);
        }
        Head head;
        if (t instanceof Var v) {
            head = new Head(List.of(v), loc);
        } else if (t instanceof Ref r) {
            head = new Head(r.terms, loc);
        } else if (t instanceof Call c) {
            if (!(c.op.head() instanceof Var)) {
                throw new ParseException("rule head ref invalid", c.loc);
            }
            head = new Head(c.op.terms, loc);
            head.args = new ArrayList<>(c.args);
        } else {
            throw new ParseException("expected rule head name", loc);
        }
        if (kw("contains")) {
            if (head.args != null) {
                throw unexpected("the contains keyword can only be used with multi-value rule definitions");
            }
            scan();
            head.key = parseTermInfixCall();
            head.usesContains = true;
            return head;
        }
        if (tok.is(Kind.UNIFY)) {
            scan();
            head.value = parseTermInfixCall();
        } else if (tok.is(Kind.ASSIGN)) {
            scan();
            head.assign = true;
            head.value = parseTermInfixCall();
        } else if (tok.is(Kind.ADD) || tok.is(Kind.SUB) || tok.is(Kind.MUL) || tok.is(Kind.QUO) || tok.is(Kind.REM)
                || tok.is(Kind.AND) || tok.is(Kind.OR) || tok.is(Kind.EQUAL) || tok.is(Kind.NEQ) || tok.is(Kind.LT)
                || tok.is(Kind.LTE) || tok.is(Kind.GT) || tok.is(Kind.GTE)) {
            throw unexpected(null);
        }
        if (head.value == null && head.key == null && (head.ref.size() != 2 || head.args != null)) {
            if (isDefault) {
                throw new ParseException("illegal default rule (must have a value)", loc);
            }
            head.generatedValue = true;
            head.value = new Scalar(BoolValue.TRUE, loc);
        }
        return head;
    }

    private void validateDefault(Rule rule) {
        if (rule.head.value == null) {
            throw new ParseException("illegal default rule (must have a value)", rule.loc);
        }
        checkDefaultValue(rule.head.value, rule.loc);
        if (rule.head.args != null) {
            Set<String> seen = new HashSet<>();
            for (Term a : rule.head.args) {
                if (!(a instanceof Var v)) {
                    throw new ParseException("illegal default rule (arguments cannot contain " + termKind(a) + ")", rule.loc);
                }
                if (!v.isWildcard() && !seen.add(v.name)) {
                    throw new ParseException("illegal default rule (arguments cannot be repeated " + v.name + ")", rule.loc);
                }
            }
        }
    }

    private void checkDefaultValue(Term t, Loc loc) {
        if (t instanceof Var || t instanceof Ref || t instanceof Call) {
            throw new ParseException("illegal default rule (value cannot contain " + termKind(t) + ")", loc);
        }
        if (t instanceof ArrayTerm a) {
            a.elems.forEach(e -> checkDefaultValue(e, loc));
        } else if (t instanceof SetTerm s) {
            s.elems.forEach(e -> checkDefaultValue(e, loc));
        } else if (t instanceof ObjectTerm o) {
            o.keys.forEach(e -> checkDefaultValue(e, loc));
            o.values.forEach(e -> checkDefaultValue(e, loc));
        }
    }

    // ---------------------------------------------------------------- bodies and expressions

    private List<Expr> query() {
        if (tok.is(Kind.EOF)) {
            throw error(tok, "empty query");
        }
        List<Expr> body = new ArrayList<>();
        while (true) {
            body.add(parseLiteral());
            if (tok.is(Kind.SEMI)) {
                scan();
                continue;
            }
            if (tok.is(Kind.EOF)) {
                return body;
            }
            if (!tok.nlBefore()) {
                throw unexpected("expected \\n or ;");
            }
        }
    }

    private List<Expr> parseBody(Kind end) {
        enter();
        try {
            if (tok.is(end)) {
                throw error(tok, "found empty body");
            }
            List<Expr> body = new ArrayList<>();
            while (true) {
                body.add(parseLiteral());
                if (tok.is(Kind.SEMI)) {
                    scan();
                    continue;
                }
                if (tok.is(end)) {
                    return body;
                }
                if (!tok.nlBefore()) {
                    throw unexpected("expected \\n or ; or " + (end == Kind.RBRACE ? "}" : "]"));
                }
                if (tok.is(Kind.EOF)) {
                    throw unexpected("non-terminated body");
                }
            }
        } finally {
            leave();
        }
    }

    private Expr parseLiteral() {
        Token start = tok;
        boolean negated = false;
        if (kw("not") && !nextIsRefContinuation()) {
            scan();
            negated = true;
        }
        Expr e;
        if (kw("some") && !nextIsRefContinuation()) {
            if (negated) {
                throw unexpected("illegal negation of 'some'");
            }
            e = parseSome();
        } else if (kw("every") && !nextIsRefContinuation()) {
            if (negated) {
                throw unexpected("illegal negation of 'every'");
            }
            e = parseEvery();
        } else {
            e = parseExpr();
            e.negated = negated;
            if (kw("with")) {
                e.withs = parseWith();
            }
        }
        e.loc = loc(start);
        return e;
    }

    private List<With> parseWith() {
        List<With> withs = new ArrayList<>();
        while (kw("with")) {
            Loc loc = loc(tok);
            scan();
            if (!tok.is(Kind.IDENT)) {
                throw unexpected("expected ident");
            }
            Term target = parseTerm();
            if (!(target instanceof Ref) && !(target instanceof Var)) {
                throw new ParseException("unexpected token: expected with target path", target.loc);
            }
            if (!kw("as")) {
                throw unexpected("expected as keyword");
            }
            scan();
            Term value = parseTermInfixCall();
            withs.add(new With(target, value, loc));
        }
        return withs;
    }

    private Expr parseSome() {
        Loc loc = loc(tok);
        State s = save();
        scan();
        Term t = parseTermInfixCall();
        if (t instanceof Call c) {
            String n = c.op.dottedName();
            if ("internal.member_2".equals(n) || "internal.member_3".equals(n)) {
                Expr e = new Expr(new SomeDecl(List.of(c)), loc);
                if (kw("with")) {
                    e.withs = parseWith();
                }
                return e;
            }
            throw new ParseException("unexpected call: expected `x in xs` or `x, y in xs` expression", c.loc);
        }
        restore(s);
        List<Term> vars = new ArrayList<>();
        while (true) {
            scan();
            if (!tok.is(Kind.IDENT) || isKeyword(tok.text())) {
                throw unexpected("expected var");
            }
            vars.add(tok.text().equals("_") ? genWildcard(loc(tok)) : new Var(tok.text(), loc(tok)));
            scan();
            if (!tok.is(Kind.COMMA)) {
                break;
            }
        }
        return new Expr(new SomeDecl(vars), loc);
    }

    private Expr parseEvery() {
        Loc loc = loc(tok);
        scan();
        Term t = parseTermInfixCall();
        if (!(t instanceof Call c)) {
            throw new ParseException("unexpected token: expected `x[, y] in xs { ... }` expression", t.loc);
        }
        String n = c.op.dottedName();
        Term key = null;
        Term value;
        Term domain;
        if ("internal.member_2".equals(n)) {
            value = c.args.get(0);
            domain = c.args.get(1);
        } else if ("internal.member_3".equals(n)) {
            key = c.args.get(0);
            value = c.args.get(1);
            domain = c.args.get(2);
            if (!(key instanceof Var)) {
                throw new ParseException("unexpected token: expected key to be a variable", key.loc);
            }
        } else {
            throw new ParseException("unexpected token: expected `x[, y] in xs { ... }` expression", t.loc);
        }
        if (!(value instanceof Var)) {
            throw new ParseException("unexpected token: expected value to be a variable", value.loc);
        }
        if (!tok.is(Kind.LBRACE)) {
            throw unexpected("missing body");
        }
        scan();
        List<Expr> body = parseBody(Kind.RBRACE);
        scan();
        Expr e = new Expr(new Every(key, value, domain, body), loc);
        if (kw("with")) {
            e.withs = parseWith();
        }
        return e;
    }

    private Expr parseExpr() {
        Token start = tok;
        Term lhs = parseTermInfixCall();
        if (tok.is(Kind.ASSIGN) || tok.is(Kind.UNIFY)) {
            String op = INFIX.get(tok.kind());
            Loc opLoc = loc(tok);
            scan();
            Term rhs = parseTermInfixCall();
            return new Expr(new Call(opRef(op, opLoc), List.of(lhs, rhs), loc(start)), loc(start));
        }
        return new Expr(lhs, loc(start));
    }

    // ---------------------------------------------------------------- infix terms

    private Term parseTermInfixCall() {
        enter();
        try {
            return parseTermIn(true);
        } finally {
            leave();
        }
    }

    private Term parseTermInfixCallInList() {
        enter();
        try {
            return parseTermIn(false);
        } finally {
            leave();
        }
    }

    private Term parseTermIn(boolean keyVal) {
        Token start = tok;
        Term lhs = parseTermRelation();
        while (true) {
            if (keyVal && tok.is(Kind.COMMA)) {
                State s = save();
                try {
                    scan();
                    Term mhs = parseTermRelation();
                    if (kw("in")) {
                        scan();
                        Term rhs = parseTermRelation();
                        lhs = call("internal.member_3", loc(start), lhs, mhs, rhs);
                        continue;
                    }
                } catch (ParseException e) {
                    // not `k, v in xs`
                }
                restore(s);
            }
            if (kw("in")) {
                scan();
                Term rhs = parseTermRelation();
                lhs = call("internal.member_2", loc(start), lhs, rhs);
                continue;
            }
            return lhs;
        }
    }

    private Term parseTermRelation() {
        Token start = tok;
        Term lhs = parseTermOr();
        while (tok.is(Kind.EQUAL) || tok.is(Kind.NEQ) || tok.is(Kind.LT) || tok.is(Kind.GT) || tok.is(Kind.LTE)
                || tok.is(Kind.GTE)) {
            String op = INFIX.get(tok.kind());
            scan();
            Term rhs = parseTermOr();
            lhs = call(op, loc(start), lhs, rhs);
        }
        return lhs;
    }

    private Term parseTermOr() {
        Token start = tok;
        Term lhs = parseTermAnd();
        while (tok.is(Kind.OR)) {
            scan();
            Term rhs = parseTermAnd();
            lhs = call("or", loc(start), lhs, rhs);
        }
        return lhs;
    }

    private Term parseTermAnd() {
        Token start = tok;
        Term lhs = parseTermArith();
        while (tok.is(Kind.AND)) {
            scan();
            Term rhs = parseTermArith();
            lhs = call("and", loc(start), lhs, rhs);
        }
        return lhs;
    }

    private Term parseTermArith() {
        Token start = tok;
        Term lhs = parseTermFactor();
        while (tok.is(Kind.ADD) || tok.is(Kind.SUB)) {
            String op = INFIX.get(tok.kind());
            scan();
            Term rhs = parseTermFactor();
            lhs = call(op, loc(start), lhs, rhs);
        }
        return lhs;
    }

    private Term parseTermFactor() {
        Token start = tok;
        Term lhs = parseTerm();
        while (tok.is(Kind.MUL) || tok.is(Kind.QUO) || tok.is(Kind.REM)) {
            String op = INFIX.get(tok.kind());
            scan();
            Term rhs = parseTerm();
            lhs = call(op, loc(start), lhs, rhs);
        }
        return lhs;
    }

    // ---------------------------------------------------------------- terms

    private Term parseTerm() {
        enter();
        try {
            Token start = tok;
            Loc loc = loc(start);
            Term term;
            switch (tok.kind()) {
                case SUB, DOT, NUMBER -> {
                    term = parseNumber();
                    return term;
                }
                case STRING, RAW_STRING -> {
                    term = new Scalar(StringValue.of(tok.value()), loc);
                    scan();
                    return finish(term, start);
                }
                case TEMPLATE_PART, TEMPLATE_END -> {
                    term = parseTemplateString();
                    return term;
                }
                case LBRACK -> term = parseArray();
                case LBRACE -> term = parseSetOrObject();
                case LPAREN -> {
                    scan();
                    term = parseTermInfixCall();
                    if (!tok.is(Kind.RPAREN)) {
                        throw error(tok, "non-terminated expression");
                    }
                    scan();
                    return finishParen(term);
                }
                case IDENT -> {
                    String w = tok.text();
                    if (nextIsRefContinuation()) {
                        term = new Var(w, loc);
                        scan();
                        break;
                    }
                    if (w.equals("null")) {
                        scan();
                        return new Scalar(NullValue.INSTANCE, loc);
                    }
                    if (w.equals("true") || w.equals("false")) {
                        scan();
                        return new Scalar(BoolValue.of(w.equals("true")), loc);
                    }
                    if (isKeyword(w) && !w.equals("contains")) {
                        throw unexpected(null);
                    }
                    term = w.equals("_") ? genWildcard(loc) : new Var(w, loc);
                    scan();
                }
                default -> throw unexpected(null);
            }
            return finish(term, start);
        } finally {
            leave();
        }
    }

    /** After a primary term: continue as a ref or call when no whitespace intervenes. */
    private Term finish(Term head, Token start) {
        if (!tok.wsBefore() && (tok.is(Kind.LPAREN) || tok.is(Kind.DOT) || tok.is(Kind.LBRACK))
                && !(head instanceof Scalar)) {
            return parseRef(head, false);
        }
        if (head instanceof Var v && (v.name.equals("data") || v.name.equals("input"))) {
            return new Ref(List.of(v), v.loc);
        }
        return head;
    }

    private Term finishParen(Term inner) {
        if (!tok.wsBefore() && (tok.is(Kind.DOT) || tok.is(Kind.LBRACK))
                && (inner instanceof ArrayTerm || inner instanceof ObjectTerm || inner instanceof SetTerm
                || inner instanceof Call || inner instanceof Var || inner instanceof Ref
                || inner instanceof ArrayCompr || inner instanceof SetCompr || inner instanceof ObjectCompr)) {
            if (inner instanceof Ref r) {
                return parseRefContinue(new ArrayList<>(r.terms), r.loc);
            }
            return parseRef(inner, false);
        }
        return inner;
    }

    private Term parseRef(Term head, boolean inHead) {
        if (head instanceof Scalar || head instanceof TemplateString) {
            throw new ParseException("illegal ref (head cannot be " + termKind(head) + ")", head.loc);
        }
        List<Term> terms = new ArrayList<>();
        terms.add(head);
        return parseRefContinue(terms, head.loc);
    }

    private Term parseRefContinue(List<Term> terms, Loc loc) {
        boolean first = true;
        while (true) {
            if (!first && tok.wsBefore()) {
                break;
            }
            first = false;
            if (tok.is(Kind.DOT)) {
                Token n = lx.next(tok.end());
                if (n.wsBefore() || !n.is(Kind.IDENT)) {
                    tok = n;
                    throw unexpected("expected ident");
                }
                tok = n;
                terms.add(new Scalar(StringValue.of(n.text()), loc(n)));
                scan();
            } else if (tok.is(Kind.LBRACK)) {
                scan();
                Term t = parseTermInfixCall();
                if (!tok.is(Kind.RBRACK)) {
                    throw unexpected("expected ]");
                }
                terms.add(t);
                scan();
            } else if (tok.is(Kind.LPAREN)) {
                Term opHead = terms.get(0);
                if (!(opHead instanceof Var)) {
                    throw new ParseException("illegal call (operator must be a var or ref)", opHead.loc);
                }
                Ref op = new Ref(terms, loc);
                scan();
                List<Term> args = new ArrayList<>();
                if (!tok.is(Kind.RPAREN)) {
                    args = parseTermList(Kind.RPAREN);
                }
                scan();
                Term call;
                if (args.isEmpty() && "set".equals(op.dottedName())) {
                    call = new SetTerm(List.of(), loc);
                } else {
                    call = new Call(op, args, loc);
                }
                if (!tok.wsBefore() && (tok.is(Kind.DOT) || tok.is(Kind.LBRACK))) {
                    terms = new ArrayList<>();
                    terms.add(call);
                    first = true;
                    continue;
                }
                return call;
            } else {
                break;
            }
        }
        if (terms.size() == 1) {
            Term h = terms.get(0);
            if (h instanceof Var v && !(v.name.equals("data") || v.name.equals("input"))) {
                return h;
            }
        }
        return new Ref(terms, loc);
    }

    private List<Term> parseTermList(Kind end) {
        List<Term> r = new ArrayList<>();
        while (true) {
            r.add(parseTermInfixCallInList());
            if (tok.is(end)) {
                return r;
            }
            if (tok.is(Kind.COMMA)) {
                scan();
                if (tok.is(end)) {
                    return r;
                }
                continue;
            }
            throw unexpected("expected \",\" or \"" + (end == Kind.RPAREN ? ")" : end == Kind.RBRACK ? "]" : "}") + "\"");
        }
    }

    private Term parseNumber() {
        Token start = tok;
        String prefix = "";
        if (tok.is(Kind.SUB)) {
            prefix = "-";
            scan();
            if (!tok.is(Kind.NUMBER) && !tok.is(Kind.DOT)) {
                throw unexpected("expected number");
            }
        }
        if (tok.is(Kind.DOT)) {
            prefix += ".";
            Token n = lx.next(tok.end());
            if (n.wsBefore() || !n.is(Kind.NUMBER)) {
                tok = n;
                throw unexpected("expected number");
            }
            tok = n;
        }
        String lit = tok.text();
        boolean decimalPrefix = prefix.endsWith(".");
        if (!decimalPrefix && lit.length() > 1 && lit.charAt(0) == '0') {
            boolean isDecimal = lit.charAt(1) == '.';
            boolean isScientific = lit.length() > 2 && (lit.charAt(1) == 'e' || lit.charAt(1) == 'E');
            if (!isDecimal && !isScientific) {
                throw unexpected("expected number without leading zero");
            }
        }
        String s = prefix + lit;
        String norm = s.startsWith("-.") ? "-0" + s.substring(1) : s.startsWith(".") ? "0" + s : s;
        BigDecimal d;
        try {
            d = new BigDecimal(norm);
        } catch (NumberFormatException e) {
            throw unexpected("invalid float");
        }
        long e = (long) d.precision() - d.scale();
        if (e > 30000 || e < -30000) {
            throw error(tok, "number too big");
        }
        Loc loc = loc(start);
        scan();
        return new Scalar(NumberValue.of(d, s), loc);
    }

    private Term parseTemplateString() {
        Token start = tok;
        boolean raw = lx.source().charAt(start.start() + 1) == '`';
        Loc loc = loc(start);
        List<Object> parts = new ArrayList<>();
        while (true) {
            if (!tok.value().isEmpty()) {
                parts.add(new Scalar(StringValue.of(tok.value()), loc(tok)));
            }
            if (tok.is(Kind.TEMPLATE_END)) {
                break;
            }
            scan();
            Expr e = parseLiteral();
            if (e.negated) {
                throw new ParseException("unexpected negation ('not') in template-string expression", e.loc);
            }
            if (e.isEquality()) {
                throw new ParseException("unexpected unification ('=') in template-string expression", e.loc);
            }
            if (e.isAssignment()) {
                throw new ParseException("unexpected assignment (':=') in template-string expression", e.loc);
            }
            if (e.isEvery()) {
                throw new ParseException("unexpected 'every' in template-string expression", e.loc);
            }
            if (e.isSome()) {
                throw new ParseException("unexpected 'some' in template-string expression", e.loc);
            }
            if (e.terms instanceof Scalar sc && e.withs.isEmpty()) {
                parts.add(sc);
            } else {
                parts.add(e);
            }
            if (!tok.is(Kind.RBRACE)) {
                throw error(tok, "expected } to end template string expression");
            }
            tok = lx.continueTemplate(tok.end(), raw);
            if (tok.is(Kind.ILLEGAL)) {
                throw error(tok, tok.value());
            }
        }
        scan();
        return new TemplateString(parts, raw, loc);
    }

    private Term parseArray() {
        Token start = tok;
        Loc loc = loc(start);
        scan();
        if (tok.is(Kind.RBRACK)) {
            scan();
            return new ArrayTerm(List.of(), loc);
        }
        boolean potentialComprehension = true;
        if (tok.is(Kind.COMMA)) {
            potentialComprehension = false;
            scan();
        }
        State s = save();
        Term head = null;
        try {
            head = parseTerm();
        } catch (ParseException e) {
            head = null;
        }
        if (head != null) {
            if (tok.is(Kind.RBRACK)) {
                scan();
                return new ArrayTerm(List.of(head), loc);
            }
            if (tok.is(Kind.COMMA)) {
                scan();
                List<Term> terms = new ArrayList<>();
                terms.add(head);
                if (!tok.is(Kind.RBRACK)) {
                    terms.addAll(parseTermList(Kind.RBRACK));
                }
                scan();
                return new ArrayTerm(terms, loc);
            }
            if (tok.is(Kind.OR) && potentialComprehension) {
                scan();
                List<Expr> body = parseBody(Kind.RBRACK);
                scan();
                return new ArrayCompr(head, body, loc);
            }
        }
        restore(s);
        List<Term> terms = parseTermList(Kind.RBRACK);
        scan();
        return new ArrayTerm(terms, loc);
    }

    private Term parseSetOrObject() {
        Token start = tok;
        Loc loc = loc(start);
        scan();
        if (tok.is(Kind.RBRACE)) {
            scan();
            return new ObjectTerm(List.of(), List.of(), loc);
        }
        boolean potentialComprehension = true;
        if (tok.is(Kind.COMMA)) {
            potentialComprehension = false;
            scan();
        }
        State s = save();
        Term head = null;
        try {
            head = parseTerm();
        } catch (ParseException e) {
            head = null;
        }
        if (head != null) {
            if (tok.is(Kind.OR) && potentialComprehension) {
                return parseSet(s, head, true, loc);
            }
            if (tok.is(Kind.RBRACE) || tok.is(Kind.COMMA)) {
                return parseSet(s, head, potentialComprehension, loc);
            }
            if (tok.is(Kind.COLON)) {
                return parseObject(head, potentialComprehension, loc);
            }
        }
        restore(s);
        head = parseTermInfixCallInList();
        if (tok.is(Kind.RBRACE) || tok.is(Kind.COMMA)) {
            return parseSet(s, head, false, loc);
        }
        if (tok.is(Kind.COLON)) {
            return parseObject(head, potentialComprehension, loc);
        }
        throw unexpected("non-terminated set");
    }

    private Term parseSet(State s, Term head, boolean potentialComprehension, Loc loc) {
        if (tok.is(Kind.RBRACE)) {
            scan();
            return new SetTerm(List.of(head), loc);
        }
        if (tok.is(Kind.COMMA)) {
            scan();
            List<Term> terms = new ArrayList<>();
            terms.add(head);
            if (!tok.is(Kind.RBRACE)) {
                terms.addAll(parseTermList(Kind.RBRACE));
            }
            scan();
            return new SetTerm(terms, loc);
        }
        // `|`
        if (potentialComprehension) {
            scan();
            List<Expr> body = parseBody(Kind.RBRACE);
            scan();
            return new SetCompr(head, body, loc);
        }
        restore(s);
        List<Term> terms = parseTermList(Kind.RBRACE);
        scan();
        return new SetTerm(terms, loc);
    }

    private Term parseObject(Term key, boolean potentialComprehension, Loc loc) {
        scan(); // past ':'
        State s = save();
        Term v = null;
        try {
            v = parseTerm();
        } catch (ParseException e) {
            v = null;
        }
        if (v != null && potentialComprehension && (tok.is(Kind.RBRACE) || tok.is(Kind.COMMA) || tok.is(Kind.OR))) {
            if (tok.is(Kind.OR)) {
                scan();
                List<Expr> body = parseBody(Kind.RBRACE);
                scan();
                return new ObjectCompr(key, v, body, loc);
            }
            return finishObject(key, v, loc);
        }
        if (v != null && (tok.is(Kind.RBRACE) || tok.is(Kind.COMMA))) {
            return finishObject(key, v, loc);
        }
        restore(s);
        v = parseTermInfixCallInList();
        if (tok.is(Kind.RBRACE) || tok.is(Kind.COMMA)) {
            return finishObject(key, v, loc);
        }
        throw unexpected("non-terminated object");
    }

    private Term finishObject(Term key, Term val, Loc loc) {
        List<Term> keys = new ArrayList<>();
        List<Term> vals = new ArrayList<>();
        keys.add(key);
        vals.add(val);
        if (tok.is(Kind.COMMA)) {
            scan();
            while (!tok.is(Kind.RBRACE)) {
                Term k = parseTermInfixCallInList();
                if (!tok.is(Kind.COLON)) {
                    throw unexpected("expected \":\"");
                }
                scan();
                Term v = parseTermInfixCallInList();
                keys.add(k);
                vals.add(v);
                if (tok.is(Kind.COMMA)) {
                    scan();
                    continue;
                }
                if (!tok.is(Kind.RBRACE)) {
                    throw unexpected("expected \",\" or \"}\"");
                }
            }
        }
        scan();
        return new ObjectTerm(keys, vals, loc);
    }
}
