package dev.palisade.rego.internal.compile;

import dev.palisade.rego.internal.ast.Ast.ArrayCompr;
import dev.palisade.rego.internal.ast.Ast.ArrayTerm;
import dev.palisade.rego.internal.ast.Ast.Call;
import dev.palisade.rego.internal.ast.Ast.Every;
import dev.palisade.rego.internal.ast.Ast.Expr;
import dev.palisade.rego.internal.ast.Ast.Loc;
import dev.palisade.rego.internal.ast.Ast.ObjectCompr;
import dev.palisade.rego.internal.ast.Ast.ObjectTerm;
import dev.palisade.rego.internal.ast.Ast.Ref;
import dev.palisade.rego.internal.ast.Ast.Rule;
import dev.palisade.rego.internal.ast.Ast.Scalar;
import dev.palisade.rego.internal.ast.Ast.SetCompr;
import dev.palisade.rego.internal.ast.Ast.SetTerm;
import dev.palisade.rego.internal.ast.Ast.TemplateString;
import dev.palisade.rego.internal.ast.Ast.Term;
import dev.palisade.rego.internal.ast.Ast.Var;
import dev.palisade.rego.internal.ast.Ast.With;
import dev.palisade.rego.internal.ast.Vars;
import dev.palisade.rego.internal.builtins.Builtin;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The term-rewriting stages of OPA's compiler: template strings and print calls become internal
 * calls over set comprehensions; nested calls and composite ref heads are lifted into generated
 * expressions (rewriteExprTerms, whose lifted parts stay outside a {@code not}); comprehension
 * terms, head terms and {@code with} values that need evaluation get variables; {@code ==} becomes
 * unification in modules; refs and comprehensions in calls are evaluated first (rewriteDynamics).
 */
final class Rewriter {
    private final Compiler c;
    private final VarGen gen;

    Rewriter(Compiler c, VarGen gen) {
        this.c = c;
        this.gen = gen;
    }

    static Ref op(String name, Loc loc) {
        List<Term> parts = new ArrayList<>();
        String[] segs = name.split("\\.");
        parts.add(new Var(segs[0], loc));
        for (int i = 1; i < segs.length; i++) {
            parts.add(new Scalar(StringValue.of(segs[i]), loc));
        }
        return new Ref(parts, loc);
    }

    static Call eqCall(Term a, Term b, Loc loc) {
        return new Call(op("eq", loc), List.of(a, b), loc);
    }

    static Expr eq(Term a, Term b, Loc loc) {
        return new Expr(eqCall(a, b, loc), loc);
    }

    private Expr generate(Term value) {
        Var v = gen.var(value.loc);
        Expr e = eq(v, value, value.loc);
        e.generated = true;
        return e;
    }

    private static Var lhsVar(Expr generated) {
        return (Var) generated.call().args.get(0);
    }

    // ---------------------------------------------------------------- generic closure walking

    /** Applies {@code f} to the body of every comprehension in a term, innermost first, rebuilding it. */
    static Term mapBodies(Term t, UnaryOperator<List<Expr>> f) {
        if (t == null) {
            return null;
        }
        if (t instanceof Ref r) {
            List<Term> ps = new ArrayList<>();
            for (Term p : r.terms) {
                ps.add(mapBodies(p, f));
            }
            return new Ref(ps, r.loc);
        }
        if (t instanceof Call call) {
            List<Term> as = new ArrayList<>();
            for (Term a : call.args) {
                as.add(mapBodies(a, f));
            }
            return new Call(call.op, as, call.loc);
        }
        if (t instanceof ArrayTerm a) {
            List<Term> es = new ArrayList<>();
            for (Term x : a.elems) {
                es.add(mapBodies(x, f));
            }
            return new ArrayTerm(es, a.loc);
        }
        if (t instanceof SetTerm s) {
            List<Term> es = new ArrayList<>();
            for (Term x : s.elems) {
                es.add(mapBodies(x, f));
            }
            return new SetTerm(es, s.loc);
        }
        if (t instanceof ObjectTerm o) {
            List<Term> ks = new ArrayList<>();
            List<Term> vs = new ArrayList<>();
            for (int i = 0; i < o.keys.size(); i++) {
                ks.add(mapBodies(o.keys.get(i), f));
                vs.add(mapBodies(o.values.get(i), f));
            }
            return new ObjectTerm(ks, vs, o.loc);
        }
        if (t instanceof ArrayCompr ac) {
            return new ArrayCompr(mapBodies(ac.head, f), f.apply(ac.body), ac.loc);
        }
        if (t instanceof SetCompr sc) {
            return new SetCompr(mapBodies(sc.head, f), f.apply(sc.body), sc.loc);
        }
        if (t instanceof ObjectCompr oc) {
            return new ObjectCompr(mapBodies(oc.key, f), mapBodies(oc.value, f), f.apply(oc.body), oc.loc);
        }
        return t;
    }

    /** Applies {@code f} to closure bodies inside an expression (in place). */
    static void mapExprBodies(Expr e, UnaryOperator<List<Expr>> f) {
        if (e.terms instanceof Every ev) {
            ev.domain = mapBodies(ev.domain, f);
            ev.body = f.apply(ev.body);
        } else if (e.terms instanceof Term t) {
            e.terms = mapBodies(t, f);
        }
        for (With w : e.withs) {
            w.value = mapBodies(w.value, f);
        }
    }

    // ---------------------------------------------------------------- template strings

    void rewriteTemplateStrings(Rule r) {
        if (r.head.value != null) {
            r.head.value = templates(r.head.value);
        }
        if (r.head.key != null) {
            r.head.key = templates(r.head.key);
        }
        if (r.head.args != null) {
            r.head.args.replaceAll(this::templates);
        }
        r.body = templateBody(r.body);
    }

    List<Expr> templateBody(List<Expr> body) {
        for (Expr e : body) {
            if (e.terms instanceof Every ev) {
                ev.domain = templates(ev.domain);
                ev.body = templateBody(ev.body);
            } else if (e.terms instanceof Term t) {
                e.terms = templates(t);
            }
            for (With w : e.withs) {
                w.value = templates(w.value);
            }
        }
        return body;
    }

    private Term templates(Term t) {
        return dev.palisade.rego.internal.ast.Terms.map(t, x -> {
            if (x instanceof TemplateString ts) {
                List<Term> parts = new ArrayList<>();
                for (Object p : ts.parts) {
                    if (p instanceof Term pt) {
                        parts.add(templates(pt));
                    } else {
                        Expr pe = (Expr) p;
                        Term value = pe.terms instanceof Term tt ? tt : null;
                        if (value == null) {
                            c.error(CompileError.COMPILE, "unexpected template-string expression", pe.loc);
                            continue;
                        }
                        value = templates(value);
                        Var v = gen.var(pe.loc);
                        Expr capture = eq(v, value, pe.loc);
                        capture.withs = pe.withs;
                        parts.add(new SetCompr(v, new ArrayList<>(templateBody(new ArrayList<>(List.of(capture)))), pe.loc));
                    }
                }
                if (parts.isEmpty()) {
                    parts.add(new Scalar(StringValue.EMPTY, ts.loc));
                }
                return new Call(op("internal.template_string", ts.loc), List.of(new ArrayTerm(parts, ts.loc)), ts.loc);
            }
            if (x instanceof ArrayCompr ac) {
                return new ArrayCompr(templates(ac.head), templateBody(ac.body), ac.loc);
            }
            if (x instanceof SetCompr sc) {
                return new SetCompr(templates(sc.head), templateBody(sc.body), sc.loc);
            }
            if (x instanceof ObjectCompr oc) {
                return new ObjectCompr(templates(oc.key), templates(oc.value), templateBody(oc.body), oc.loc);
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- print

    void rewritePrintCalls(Rule r) {
        r.body = printBody(r.body);
        if (r.head.value != null) {
            r.head.value = mapBodies(r.head.value, this::printBody);
        }
        if (r.head.key != null) {
            r.head.key = mapBodies(r.head.key, this::printBody);
        }
    }

    List<Expr> printBody(List<Expr> body) {
        for (Expr e : body) {
            mapExprBodies(e, this::printBody);
            if (e.isCallNamed("print") && !e.negated) {
                Call call = e.call();
                List<Term> parts = new ArrayList<>();
                for (Term a : call.args) {
                    Var v = gen.var(a.loc);
                    parts.add(new SetCompr(v, new ArrayList<>(List.of(eq(v, a, a.loc))), a.loc));
                }
                e.terms = new Call(op("internal.print", call.loc), List.of(new ArrayTerm(parts, call.loc)), call.loc);
            }
        }
        return body;
    }

    // ---------------------------------------------------------------- rewriteExprTerms

    void rewriteExprTermsInRule(Rule r) {
        List<Expr> support = new ArrayList<>();
        if (r.head.args != null) {
            for (int i = 0; i < r.head.args.size(); i++) {
                r.head.args.set(i, expandTerm(r.head.args.get(i), support));
            }
        }
        if (r.head.key != null) {
            r.head.key = expandTerm(r.head.key, support);
        }
        if (r.head.value != null) {
            r.head.value = expandTerm(r.head.value, support);
        }
        r.body.addAll(support);
        r.body = rewriteExprTermsInBody(r.body);
    }

    List<Expr> rewriteExprTermsInBody(List<Expr> body) {
        List<Expr> out = new ArrayList<>();
        for (Expr e : body) {
            out.addAll(expandExpr(e));
        }
        return out;
    }

    private List<Expr> expandExpr(Expr e) {
        List<Expr> result = new ArrayList<>();
        for (With w : e.withs) {
            List<Expr> extras = new ArrayList<>();
            w.value = expandTerm(w.value, extras);
            result.addAll(extras);
        }
        if (e.terms instanceof Call call) {
            List<Term> args = new ArrayList<>();
            for (Term a : call.args) {
                List<Expr> extras = new ArrayList<>();
                args.add(expandTerm(a, extras));
                for (Expr x : extras) {
                    if (!e.withs.isEmpty()) {
                        x.withs = e.withs;
                    }
                }
                result.addAll(extras);
            }
            e.terms = new Call(call.op, args, call.loc);
            result.add(e);
        } else if (e.terms instanceof Every ev) {
            Var v = gen.var(ev.domain.loc);
            Expr eq = eq(v, ev.domain, ev.domain.loc);
            eq.generated = true;
            eq.withs = e.withs;
            List<Expr> extras = expandExpr(eq);
            ev.domain = v;
            ev.body = rewriteExprTermsInBody(ev.body);
            result.addAll(extras);
            result.add(e);
        } else if (e.terms instanceof Term t) {
            List<Expr> extras = new ArrayList<>();
            e.terms = expandTerm(t, extras);
            for (Expr x : extras) {
                if (!e.withs.isEmpty()) {
                    x.withs = e.withs;
                }
            }
            result.addAll(extras);
            result.add(e);
        } else {
            result.add(e);
        }
        return result;
    }

    private Term expandTerm(Term t, List<Expr> support) {
        if (t instanceof Call call) {
            List<Term> args = new ArrayList<>();
            for (Term a : call.args) {
                args.add(expandTerm(a, support));
            }
            Var out = gen.var(t.loc);
            args.add(out);
            Expr e = new Expr(new Call(call.op, args, call.loc), t.loc);
            e.generated = true;
            support.add(e);
            return out;
        }
        if (t instanceof Ref r) {
            List<Term> parts = new ArrayList<>();
            for (Term p : r.terms) {
                parts.add(expandTerm(p, support));
            }
            Term subject = parts.get(0);
            if (subject instanceof ArrayTerm || subject instanceof ObjectTerm || subject instanceof SetTerm
                    || subject instanceof ArrayCompr || subject instanceof SetCompr || subject instanceof ObjectCompr
                    || subject instanceof Call || subject instanceof Scalar) {
                Expr g = generate(subject);
                support.add(g);
                parts.set(0, lhsVar(g));
            }
            return new Ref(parts, r.loc);
        }
        if (t instanceof ArrayTerm a) {
            List<Term> es = new ArrayList<>();
            for (Term x : a.elems) {
                es.add(expandTerm(x, support));
            }
            return new ArrayTerm(es, a.loc);
        }
        if (t instanceof ObjectTerm o) {
            List<Term> ks = new ArrayList<>();
            List<Term> vs = new ArrayList<>();
            for (int i = 0; i < o.keys.size(); i++) {
                ks.add(expandTerm(o.keys.get(i), support));
                vs.add(expandTerm(o.values.get(i), support));
            }
            return new ObjectTerm(ks, vs, o.loc);
        }
        if (t instanceof SetTerm s) {
            List<Term> es = new ArrayList<>();
            for (Term x : s.elems) {
                es.add(expandTerm(x, support));
            }
            return new SetTerm(es, s.loc);
        }
        if (t instanceof ArrayCompr ac) {
            List<Expr> body = new ArrayList<>(ac.body);
            List<Expr> inner = new ArrayList<>();
            Term head = expandTerm(ac.head, inner);
            body.addAll(inner);
            return new ArrayCompr(head, rewriteExprTermsInBody(body), ac.loc);
        }
        if (t instanceof SetCompr sc) {
            List<Expr> body = new ArrayList<>(sc.body);
            List<Expr> inner = new ArrayList<>();
            Term head = expandTerm(sc.head, inner);
            body.addAll(inner);
            return new SetCompr(head, rewriteExprTermsInBody(body), sc.loc);
        }
        if (t instanceof ObjectCompr oc) {
            List<Expr> body = new ArrayList<>(oc.body);
            List<Expr> inner = new ArrayList<>();
            Term k = expandTerm(oc.key, inner);
            Term v = expandTerm(oc.value, inner);
            body.addAll(inner);
            return new ObjectCompr(k, v, rewriteExprTermsInBody(body), oc.loc);
        }
        return t;
    }

    // ---------------------------------------------------------------- comprehension terms, head refs

    void rewriteComprehensionTerms(Rule r) {
        if (r.head.value != null) {
            r.head.value = comprTerms(r.head.value);
        }
        if (r.head.key != null) {
            r.head.key = comprTerms(r.head.key);
        }
        if (r.head.args != null) {
            r.head.args.replaceAll(this::comprTerms);
        }
        r.body = comprBody(r.body);
    }

    List<Expr> comprBody(List<Expr> body) {
        for (Expr e : body) {
            if (e.terms instanceof Every ev) {
                ev.domain = comprTerms(ev.domain);
                ev.body = comprBody(ev.body);
            } else if (e.terms instanceof Term t) {
                e.terms = comprTerms(t);
            }
            for (With w : e.withs) {
                w.value = comprTerms(w.value);
            }
        }
        return body;
    }

    private Term comprTerms(Term t) {
        return dev.palisade.rego.internal.ast.Terms.map(t, x -> {
            if (x instanceof ArrayCompr ac) {
                List<Expr> body = comprBody(new ArrayList<>(ac.body));
                Term head = comprTerms(ac.head);
                if (Vars.requiresEval(head)) {
                    Expr g = generate(head);
                    body.add(g);
                    head = lhsVar(g);
                }
                return new ArrayCompr(head, body, ac.loc);
            }
            if (x instanceof SetCompr sc) {
                List<Expr> body = comprBody(new ArrayList<>(sc.body));
                Term head = comprTerms(sc.head);
                if (Vars.requiresEval(head)) {
                    Expr g = generate(head);
                    body.add(g);
                    head = lhsVar(g);
                }
                return new SetCompr(head, body, sc.loc);
            }
            if (x instanceof ObjectCompr oc) {
                List<Expr> body = comprBody(new ArrayList<>(oc.body));
                Term k = comprTerms(oc.key);
                Term v = comprTerms(oc.value);
                if (Vars.requiresEval(k)) {
                    Expr g = generate(k);
                    body.add(g);
                    k = lhsVar(g);
                }
                if (Vars.requiresEval(v)) {
                    Expr g = generate(v);
                    body.add(g);
                    v = lhsVar(g);
                }
                return new ObjectCompr(k, v, body, oc.loc);
            }
            return null;
        });
    }

    void rewriteRefsInHead(Rule r) {
        if (Vars.requiresEval(r.head.key)) {
            Expr g = generate(r.head.key);
            r.head.key = lhsVar(g);
            r.body.add(g);
        }
        if (Vars.requiresEval(r.head.value)) {
            Expr g = generate(r.head.value);
            r.head.value = lhsVar(g);
            r.body.add(g);
        }
        if (r.head.args != null) {
            for (int i = 0; i < r.head.args.size(); i++) {
                if (Vars.requiresEval(r.head.args.get(i))) {
                    Expr g = generate(r.head.args.get(i));
                    r.head.args.set(i, lhsVar(g));
                    r.body.add(g);
                }
            }
        }
    }

    // ---------------------------------------------------------------- with

    List<Expr> rewriteWithModifiers(List<Expr> body) {
        List<Expr> out = new ArrayList<>();
        for (Expr e : body) {
            mapExprBodies(e, this::rewriteWithModifiers);
            for (With w : e.withs) {
                Boolean eval = validateWith(e, w);
                if (eval == null) {
                    continue;
                }
                if (eval) {
                    Expr g = generate(w.value);
                    out.add(g);
                    w.value = lhsVar(g);
                }
            }
            out.add(e);
        }
        return out;
    }

    private Builtin builtinNamed(Term t) {
        String name = t instanceof Var v ? v.name : t instanceof Ref r ? r.dottedName() : null;
        return name == null ? null : c.builtins.apply(name);
    }

    /** Checks a with modifier; returns whether its value needs evaluating, or null on error. */
    private Boolean validateWith(Expr e, With w) {
        Term target = w.target;
        Term value = w.value;
        if (value instanceof Var v && c.builtins.apply(v.name) != null) {
            w.value = value = new Ref(List.of(v), v.loc);
        }
        if (target instanceof Ref r && "data".equals(r.headName())) {
            RuleTree.Node node = c.tree.root;
            for (int i = 1; i < r.size() - 1; i++) {
                if (!(r.get(i) instanceof Scalar s)) {
                    node = null;
                    break;
                }
                RuleTree.Node child = node.child(s.value);
                if (child == null) {
                    node = null;
                    break;
                }
                if (!child.rules.isEmpty()) {
                    c.error(CompileError.COMPILE, "with keyword cannot partially replace virtual document(s)", target.loc);
                    return null;
                }
                node = child;
            }
            if (node != null && r.size() > 1 && r.get(r.size() - 1) instanceof Scalar last) {
                RuleTree.Node child = node.child(last.value);
                if (child != null && child.isFunction()) {
                    if (isFunctionValue(value)) {
                        return false;
                    }
                }
            }
            if (value instanceof Ref vr && functionNode(vr) != null) {
                return false;
            }
            return Vars.requiresEval(value);
        }
        if (target instanceof Ref r && "input".equals(r.headName())) {
            return Vars.requiresEval(value);
        }
        Builtin b = builtinNamed(target);
        if (b != null) {
            if (target instanceof Var v) {
                w.target = new Ref(List.of(v), v.loc);
            }
            String name = b.name;
            if (name.equals("eq") || name.equals("assign") || name.startsWith("internal.")) {
                c.error(CompileError.COMPILE, "with keyword replacing built-in function: replacement of "
                        + (name.startsWith("internal.") ? "internal function \"" + name + "\"" : "\"" + name + "\"")
                        + " invalid", target.loc);
                return null;
            }
            if (b.relation()) {
                c.error(CompileError.COMPILE, "with keyword replacing built-in function: target must not be a relation", target.loc);
                return null;
            }
            if (b.isVoid()) {
                c.error(CompileError.COMPILE, "with keyword replacing built-in function: target must not be a void function", target.loc);
                return null;
            }
            if (isFunctionValue(value)) {
                return false;
            }
            return Vars.requiresEval(value);
        }
        c.error(CompileError.TYPE, "with keyword target must reference existing input, data, or a function", target.loc);
        return null;
    }

    private boolean isFunctionValue(Term value) {
        if (value instanceof Ref vr) {
            if ("data".equals(vr.headName())) {
                List<Value> path = dataPath(vr);
                if (path != null && c.tree.find(path) != null) {
                    return true;
                }
            }
            return builtinNamed(vr) != null;
        }
        return value instanceof Var && builtinNamed(value) != null;
    }

    private RuleTree.Node functionNode(Ref r) {
        if (!"data".equals(r.headName())) {
            return null;
        }
        List<Value> path = dataPath(r);
        if (path == null) {
            return null;
        }
        RuleTree.Node n = c.tree.find(path);
        return n != null && n.isFunction() ? n : null;
    }

    static List<Value> dataPath(Ref r) {
        List<Value> p = new ArrayList<>();
        for (int i = 1; i < r.size(); i++) {
            if (!(r.get(i) instanceof Scalar s)) {
                return null;
            }
            p.add(s.value);
        }
        return p;
    }

    // ---------------------------------------------------------------- == and dynamics

    static void rewriteEquals(List<Expr> body) {
        for (Expr e : body) {
            mapExprBodies(e, b -> {
                rewriteEquals(b);
                return b;
            });
            if (e.isCallNamed("equal") && e.call().args.size() == 2) {
                Call call = e.call();
                e.terms = new Call(op("eq", call.op.loc), call.args, call.loc);
            }
        }
    }

    List<Expr> rewriteDynamics(List<Expr> body) {
        List<Expr> result = new ArrayList<>();
        for (Expr e : body) {
            if (e.isEquality()) {
                Call call = e.call();
                Term a = dynamicsInTerm(e, call.args.get(0), result);
                Term b = dynamicsInTerm(e, call.args.get(1), result);
                e.terms = new Call(call.op, List.of(a, b), call.loc);
            } else if (e.terms instanceof Call call) {
                List<Term> args = new ArrayList<>();
                for (Term a : call.args) {
                    args.add(dynamicsOne(e, a, result));
                }
                e.terms = new Call(call.op, args, call.loc);
            } else if (e.terms instanceof Every ev) {
                ev.domain = dynamicsOne(e, ev.domain, result);
                ev.body = rewriteDynamics(ev.body);
            } else if (e.terms instanceof Term t) {
                e.terms = dynamicsInTerm(e, t, result);
            }
            result.add(e);
        }
        return result;
    }

    private Term dynamicsInTerm(Expr original, Term t, List<Expr> result) {
        if (t instanceof Ref r) {
            List<Term> parts = new ArrayList<>();
            parts.add(r.head());
            for (int i = 1; i < r.size(); i++) {
                parts.add(dynamicsOne(original, r.get(i), result));
            }
            return new Ref(parts, r.loc);
        }
        if (t instanceof ArrayCompr ac) {
            return new ArrayCompr(ac.head, rewriteDynamics(ac.body), ac.loc);
        }
        if (t instanceof SetCompr sc) {
            return new SetCompr(sc.head, rewriteDynamics(sc.body), sc.loc);
        }
        if (t instanceof ObjectCompr oc) {
            return new ObjectCompr(oc.key, oc.value, rewriteDynamics(oc.body), oc.loc);
        }
        return dynamicsOne(original, t, result);
    }

    private Term dynamicsOne(Expr original, Term t, List<Expr> result) {
        if (t instanceof Ref r) {
            List<Term> parts = new ArrayList<>();
            parts.add(r.head());
            for (int i = 1; i < r.size(); i++) {
                parts.add(dynamicsOne(original, r.get(i), result));
            }
            Expr g = generate(new Ref(parts, r.loc));
            g.withs = original.withs;
            result.add(g);
            return lhsVar(g);
        }
        if (t instanceof ArrayTerm a) {
            List<Term> es = new ArrayList<>();
            for (Term x : a.elems) {
                es.add(dynamicsOne(original, x, result));
            }
            return new ArrayTerm(es, a.loc);
        }
        if (t instanceof ObjectTerm o) {
            List<Term> ks = new ArrayList<>();
            List<Term> vs = new ArrayList<>();
            for (int i = 0; i < o.keys.size(); i++) {
                ks.add(dynamicsOne(original, o.keys.get(i), result));
                vs.add(dynamicsOne(original, o.values.get(i), result));
            }
            return new ObjectTerm(ks, vs, o.loc);
        }
        if (t instanceof SetTerm s) {
            List<Term> es = new ArrayList<>();
            for (Term x : s.elems) {
                es.add(dynamicsOne(original, x, result));
            }
            return new SetTerm(es, s.loc);
        }
        if (t instanceof ArrayCompr || t instanceof SetCompr || t instanceof ObjectCompr) {
            Term rewritten;
            if (t instanceof ArrayCompr ac) {
                rewritten = new ArrayCompr(ac.head, rewriteDynamics(ac.body), ac.loc);
            } else if (t instanceof SetCompr sc) {
                rewritten = new SetCompr(sc.head, rewriteDynamics(sc.body), sc.loc);
            } else {
                ObjectCompr oc = (ObjectCompr) t;
                rewritten = new ObjectCompr(oc.key, oc.value, rewriteDynamics(oc.body), oc.loc);
            }
            Expr g = generate(rewritten);
            g.withs = original.withs;
            result.add(g);
            return lhsVar(g);
        }
        return t;
    }
}
