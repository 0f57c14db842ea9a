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
import dev.palisade.rego.internal.ast.Ast.SomeDecl;
import dev.palisade.rego.internal.ast.Ast.TemplateString;
import dev.palisade.rego.internal.ast.Ast.Term;
import dev.palisade.rego.internal.ast.Ast.Var;
import dev.palisade.rego.internal.ast.Ast.With;
import dev.palisade.rego.internal.ast.Terms;
import dev.palisade.rego.internal.ast.Vars;
import dev.palisade.rego.internal.value.BoolValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * OPA's rewriteLocalVars: {@code :=} and {@code some} declare fresh, uniquely named variables (so
 * comprehensions and bodies may shadow), {@code some x in xs} becomes {@code x = xs[_]},
 * {@code every} gets fresh key/value variables, and misuse ("var x assigned above", "declared var x
 * unused") is reported.
 */
final class LocalVars {
    static final int NEW = 0;
    static final int ARG = 1;
    static final int SEEN = 2;
    static final int ASSIGNED = 3;
    static final int DECLARED = 4;

    static final class Frame {
        final Map<String, String> vs = new LinkedHashMap<>();
        final Map<String, Integer> occ = new HashMap<>();
        final Map<String, Integer> count = new HashMap<>();
    }

    static final class Stack {
        final List<Frame> frames = new ArrayList<>();
        final Map<String, String> rewritten = new HashMap<>();

        Stack() {
            frames.add(new Frame());
        }

        Stack copy() {
            Stack s = new Stack();
            Frame f = s.frames.get(0);
            for (Frame x : frames) {
                f.vs.putAll(x.vs);
                f.occ.putAll(x.occ);
                f.count.putAll(x.count);
            }
            s.rewritten.putAll(rewritten);
            return s;
        }

        void push() {
            frames.add(new Frame());
        }

        void pop() {
            frames.remove(frames.size() - 1);
        }

        Frame peek() {
            return frames.get(frames.size() - 1);
        }

        void insert(String x, String y, int occurrence) {
            Frame f = peek();
            f.vs.put(x, y);
            f.occ.put(x, occurrence);
            f.count.put(x, 1);
            if (!x.equals(y)) {
                rewritten.put(y, x);
            }
        }

        String declared(String x) {
            for (int i = frames.size() - 1; i >= 0; i--) {
                String y = frames.get(i).vs.get(x);
                if (y != null) {
                    return y;
                }
            }
            return null;
        }

        int occurrence(String x) {
            return peek().occ.getOrDefault(x, NEW);
        }

        Integer globalOccurrence(String x) {
            for (int i = frames.size() - 1; i >= 0; i--) {
                Integer o = frames.get(i).occ.get(x);
                if (o != null) {
                    return o;
                }
            }
            return null;
        }

        void seen(String x) {
            for (int i = frames.size() - 1; i >= 0; i--) {
                Frame f = frames.get(i);
                Integer c = f.count.get(x);
                if (c != null) {
                    f.count.put(x, c + 1);
                    return;
                }
            }
            peek().count.put(x, 1);
        }
    }

    private final Compiler c;
    private final VarGen gen;

    LocalVars(Compiler c) {
        this.c = c;
        this.gen = c.gen;
    }

    LocalVars(Compiler c, VarGen gen) {
        this.c = c;
        this.gen = gen;
    }

    void rewriteModules() {
        for (var m : c.modules) {
            for (Rule rule : m.rules) {
                Stack argsStack = new Stack();
                if (rule.head.args != null) {
                    List<Term> args = new ArrayList<>();
                    for (Term a : rule.head.args) {
                        args.add(rewriteArg(argsStack, a));
                    }
                    rule.head.args = args;
                }
                for (Rule r = rule; r != null; r = r.elseRule) {
                    Stack stack = argsStack.copy();
                    rewriteRule(r, stack);
                    c.rewrittenVars.putAll(stack.rewritten);
                }
            }
        }
    }

    /** Rewrites a query body; returns it with the generated-to-source name map filled. */
    List<Expr> rewriteQuery(List<Expr> body, Map<String, String> rewritten) {
        Stack stack = new Stack();
        List<Expr> out = rewriteBody(stack, Set.of(), body);
        rewritten.putAll(stack.rewritten);
        return out;
    }

    private Term rewriteArg(Stack stack, Term t) {
        if (t instanceof Var v) {
            String gv = stack.declared(v.name);
            if (gv != null) {
                stack.seen(v.name);
            } else {
                gv = gen.name();
                stack.insert(v.name, gv, ARG);
            }
            return new Var(gv, v.loc);
        }
        if (t instanceof ObjectTerm o) {
            List<Term> vs = new ArrayList<>();
            for (Term x : o.values) {
                vs.add(rewriteArg(stack, x));
            }
            return new ObjectTerm(o.keys, vs, o.loc);
        }
        if (t instanceof ArrayTerm a) {
            List<Term> es = new ArrayList<>();
            for (Term x : a.elems) {
                es.add(rewriteArg(stack, x));
            }
            return new ArrayTerm(es, a.loc);
        }
        if (t instanceof Ref r) {
            List<Term> ps = new ArrayList<>();
            for (Term x : r.terms) {
                ps.add(x instanceof Scalar ? x : rewriteArg(stack, x));
            }
            return new Ref(ps, r.loc);
        }
        if (t instanceof Call) {
            c.error(CompileError.COMPILE, "rule arguments cannot contain calls", t.loc);
        }
        return t;
    }

    private static boolean headMayHaveVars(Rule r) {
        if (r.head.args != null) {
            for (Term a : r.head.args) {
                if (!(a instanceof Scalar)) {
                    return true;
                }
            }
        }
        if (r.head.key != null && !(r.head.key instanceof Scalar)) {
            return true;
        }
        if (r.head.value != null && !(r.head.value instanceof Scalar)) {
            return true;
        }
        for (int i = 1; i < r.head.ref.size(); i++) {
            if (!(r.head.ref.get(i) instanceof Scalar)) {
                return true;
            }
        }
        return false;
    }

    private void rewriteRule(Rule rule, Stack stack) {
        boolean onlyScalars = !headMayHaveVars(rule);
        Set<String> used = new HashSet<>();
        if (!onlyScalars) {
            // comprehensions in the head are rewritten first, each in a scope of its own
            for (int i = 1; i < rule.head.ref.size(); i++) {
                rule.head.ref.set(i, headClosures(rule.head.ref.get(i)));
            }
            if (rule.head.key != null) {
                rule.head.key = headClosures(rule.head.key);
            }
            if (rule.head.value != null) {
                rule.head.value = headClosures(rule.head.value);
            }
            for (int i = 1; i < rule.head.ref.size(); i++) {
                Term t = rule.head.ref.get(i);
                if (!(t instanceof Scalar)) {
                    Vars.collect(t, 0, used);
                }
            }
            if (rule.head.key != null && !(rule.head.key instanceof Scalar)) {
                Vars.collect(rule.head.key, 0, used);
            }
            if (rule.head.value != null && !(rule.head.value instanceof Scalar)) {
                Vars.collect(rule.head.value, 0, used);
            }
        }
        rule.body = rewriteBody(stack, used, rule.body);
        if (onlyScalars) {
            return;
        }
        Map<String, String> declared = stack.peek().vs;
        if (rule.head.args != null) {
            List<Term> args = new ArrayList<>();
            for (Term a : rule.head.args) {
                args.add(Terms.renameVars(a, n -> declared.getOrDefault(n, n)));
            }
            rule.head.args = args;
        }
        for (int i = 1; i < rule.head.ref.size(); i++) {
            rule.head.ref.set(i, Terms.renameVars(rule.head.ref.get(i), n -> declared.getOrDefault(n, n)));
        }
        if (rule.head.key != null) {
            rule.head.key = Terms.renameVars(rule.head.key, n -> declared.getOrDefault(n, n));
        }
        if (rule.head.value != null) {
            rule.head.value = Terms.renameVars(rule.head.value, n -> declared.getOrDefault(n, n));
        }
    }

    private Term headClosures(Term t) {
        return Terms.map(t, x -> {
            if (x instanceof ArrayCompr || x instanceof SetCompr || x instanceof ObjectCompr
                    || x instanceof TemplateString) {
                Stack fresh = new Stack();
                Term r = term(fresh, x);
                c.rewrittenVars.putAll(fresh.rewritten);
                return r;
            }
            return null;
        });
    }

    List<Expr> rewriteBody(Stack stack, Set<String> used, List<Expr> body) {
        List<Expr> out = new ArrayList<>();
        int errorsBefore = c.errors.size();
        for (Expr e : body) {
            Expr r;
            if (e.isAssignment()) {
                r = assignment(stack, e);
            } else if (e.isSome()) {
                r = some(stack, e);
            } else if (e.isEvery()) {
                r = every(stack, e);
            } else {
                r = expr(stack, e);
            }
            if (r != null) {
                out.add(r);
            }
        }
        if (out.isEmpty()) {
            Loc loc = body.isEmpty() ? Loc.NONE : body.get(0).loc;
            out.add(new Expr(new Scalar(BoolValue.TRUE, loc), loc));
        }
        if (c.errors.size() == errorsBefore) {
            checkUnusedDeclared(body, stack, used, out);
        }
        return out;
    }

    private void checkUnusedDeclared(List<Expr> body, Stack stack, Set<String> used, List<Expr> out) {
        Frame top = stack.peek();
        Set<String> declared = new TreeSet<>();
        for (Map.Entry<String, Integer> e : top.occ.entrySet()) {
            if (e.getValue() == DECLARED) {
                declared.add(top.vs.get(e.getKey()));
            }
        }
        if (declared.isEmpty()) {
            return;
        }
        Set<String> bodyVars = Vars.of(out);
        for (String u : used) {
            String gv = stack.declared(u);
            bodyVars.add(gv != null ? gv : u);
        }
        Map<String, String> reversed = new HashMap<>();
        for (Map.Entry<String, String> e : top.vs.entrySet()) {
            reversed.put(e.getValue(), e.getKey());
        }
        for (String gv : declared) {
            if (bodyVars.contains(gv) || used.contains(gv)) {
                continue;
            }
            String rv = reversed.get(gv);
            if (rv == null || Compiler.isGenerated(rv)) {
                continue;
            }
            Loc loc = body.isEmpty() ? Loc.NONE : body.get(0).loc;
            for (Expr e : body) {
                if (declaredIn(e).contains(rv)) {
                    loc = e.loc;
                    break;
                }
            }
            c.error(CompileError.COMPILE, "declared var " + rv + " unused", loc);
        }
    }

    private static Set<String> declaredIn(Expr e) {
        Set<String> s = new HashSet<>();
        if (e.terms instanceof SomeDecl sd) {
            for (Term t : sd.symbols) {
                if (t instanceof Var v) {
                    s.add(v.name);
                } else if (t instanceof Call call) {
                    for (int i = 0; i < call.args.size() - 1; i++) {
                        Vars.collect(call.args.get(i), 0, s);
                    }
                }
            }
        }
        return s;
    }

    private String declareVar(Stack stack, Var v, int occ) {
        String msg = switch (stack.occurrence(v.name)) {
            case SEEN -> "var " + v.name + " referenced above";
            case ASSIGNED -> "var " + v.name + " assigned above";
            case DECLARED -> "var " + v.name + " declared above";
            case ARG -> "arg " + v.name + " redeclared";
            default -> null;
        };
        if (msg != null) {
            c.error(CompileError.COMPILE, msg, v.loc);
            return null;
        }
        String gv = gen.name();
        stack.insert(v.name, gv, occ);
        return gv;
    }

    private Expr assignment(Stack stack, Expr e) {
        if (e.negated) {
            c.error(CompileError.COMPILE, "cannot assign vars inside negated expression", e.loc);
            return e;
        }
        Call call = e.call();
        int before = c.errors.size();
        Term rhs = term(stack, call.args.get(1));
        for (With w : e.withs) {
            w.value = term(stack, w.value);
        }
        Term lhs = assignLhs(stack, call.args.get(0));
        if (c.errors.size() == before) {
            e.terms = Rewriter.eqCall(lhs, rhs, call.loc);
        } else {
            e.terms = new Call(call.op, List.of(lhs, rhs), call.loc);
        }
        return e;
    }

    private Term assignLhs(Stack stack, Term t) {
        if (t instanceof Var v) {
            String gv = declareVar(stack, v, ASSIGNED);
            return gv == null ? t : new Var(gv, v.loc);
        }
        if (t instanceof ArrayTerm a) {
            List<Term> es = new ArrayList<>();
            for (Term x : a.elems) {
                es.add(assignLhs(stack, x));
            }
            return new ArrayTerm(es, a.loc);
        }
        if (t instanceof ObjectTerm o) {
            List<Term> vs = new ArrayList<>();
            for (Term x : o.values) {
                vs.add(assignLhs(stack, x));
            }
            return new ObjectTerm(o.keys, vs, o.loc);
        }
        if (t instanceof Ref r && r.size() == 1 && Compiler.ROOTS.contains(r.headName())) {
            String gv = declareVar(stack, (Var) r.head(), ASSIGNED);
            return gv == null ? t : new Var(gv, r.loc);
        }
        c.error(CompileError.COMPILE, "cannot assign to " + valueName(t), t.loc);
        return t;
    }

    static String valueName(Term t) {
        if (t instanceof Scalar s) {
            return s.value.typeName();
        }
        if (t instanceof Ref) {
            return "ref";
        }
        if (t instanceof Call) {
            return "call";
        }
        if (t instanceof SetTerm) {
            return "set";
        }
        if (t instanceof ArrayCompr) {
            return "arraycomprehension";
        }
        if (t instanceof SetCompr) {
            return "setcomprehension";
        }
        if (t instanceof ObjectCompr) {
            return "objectcomprehension";
        }
        return "term";
    }

    private Expr some(Stack stack, Expr e) {
        SomeDecl decl = (SomeDecl) e.terms;
        for (Term s : decl.symbols) {
            if (s instanceof Var v) {
                declareVar(stack, v, DECLARED);
            } else if (s instanceof Call call) {
                Term key;
                Term val;
                Term container;
                if (call.args.size() == 3) {
                    key = call.args.get(0);
                    val = call.args.get(1);
                    container = call.args.get(2);
                } else {
                    key = gen.var(call.loc);
                    val = call.args.get(0);
                    container = call.args.get(1);
                }
                Ref rhs;
                if (container instanceof Ref cr) {
                    List<Term> parts = new ArrayList<>(cr.terms);
                    parts.add(key);
                    rhs = new Ref(parts, cr.loc);
                } else {
                    rhs = new Ref(List.of(container, key), container.loc);
                }
                Expr eq = new Expr(Rewriter.eqCall(val, rhs, e.loc), e.loc);
                eq.withs = e.withs;
                Set<String> safe = Vars.of(container);
                Set<String> outputs = new TreeSet<>(Safety.outputVarsForEq(this.c, val, rhs, safe));
                for (String o : outputs) {
                    if (declareVar(stack, new Var(o, s.loc), DECLARED) == null) {
                        return null;
                    }
                }
                return expr(stack, eq);
            }
        }
        return null;
    }

    private Expr every(Stack stack, Expr e) {
        Every ev = (Every) e.terms;
        ev.domain = term(stack, ev.domain);
        stack.push();
        if (ev.key != null) {
            Var k = (Var) ev.key;
            if (!k.isWildcard()) {
                String gv = declareVar(stack, k, DECLARED);
                if (gv != null) {
                    ev.key = new Var(gv, k.loc);
                }
            }
        } else {
            ev.key = gen.var(e.loc);
        }
        Var v = (Var) ev.value;
        if (!v.isWildcard()) {
            String gv = declareVar(stack, v, DECLARED);
            if (gv != null) {
                ev.value = new Var(gv, v.loc);
            }
        }
        ev.body = rewriteBody(stack, new HashSet<>(), ev.body);
        stack.pop();
        for (With w : e.withs) {
            rewriteWith(stack, w);
        }
        return e;
    }

    private Expr expr(Stack stack, Expr e) {
        if (e.terms instanceof Call call) {
            List<Term> args = new ArrayList<>();
            for (Term a : call.args) {
                args.add(term(stack, a));
            }
            e.terms = new Call(call.op, args, call.loc);
        } else if (e.terms instanceof Term t) {
            e.terms = term(stack, t);
        } else if (e.terms instanceof Every) {
            return every(stack, e);
        }
        for (With w : e.withs) {
            rewriteWith(stack, w);
        }
        return e;
    }

    private void rewriteWith(Stack stack, With w) {
        w.target = term(stack, w.target);
        String shadow = stack.declared("input");
        if (shadow != null) {
            if (w.target instanceof Var tv && tv.name.equals(shadow)) {
                w.target = new Ref(List.of(new Var("input", tv.loc)), tv.loc);
            } else if (w.target instanceof Ref r && r.head() instanceof Var hv && hv.name.equals(shadow)) {
                List<Term> parts = new ArrayList<>(r.terms);
                parts.set(0, new Var("input", hv.loc));
                w.target = new Ref(parts, r.loc);
            }
        }
        w.value = term(stack, w.value);
    }

    Term term(Stack stack, Term t) {
        if (t instanceof Var v) {
            String gv = stack.declared(v.name);
            if (gv != null) {
                stack.seen(v.name);
                return gv.equals(v.name) ? v : new Var(gv, v.loc);
            }
            if (stack.occurrence(v.name) == NEW) {
                stack.insert(v.name, v.name, SEEN);
            }
            return v;
        }
        if (t instanceof Ref r) {
            if (r.size() == 1 && Compiler.ROOTS.contains(r.headName())) {
                String x = r.headName();
                Integer occ = stack.globalOccurrence(x);
                if (occ != null && occ != SEEN) {
                    return new Var(stack.declared(x), r.loc);
                }
                return r;
            }
            List<Term> parts = new ArrayList<>();
            for (Term p : r.terms) {
                parts.add(p instanceof Scalar ? p : term(stack, p));
            }
            return new Ref(parts, r.loc);
        }
        if (t instanceof Call call) {
            for (String v : Vars.of(call.op)) {
                String gv = stack.declared(v);
                if (gv != null && !gv.equals(v)) {
                    c.error(CompileError.COMPILE, "called function " + call.name() + " shadowed", t.loc);
                }
            }
            List<Term> args = new ArrayList<>();
            for (Term a : call.args) {
                args.add(term(stack, a));
            }
            return new Call(call.op, args, call.loc);
        }
        if (t instanceof ObjectTerm o) {
            List<Term> ks = new ArrayList<>();
            List<Term> vs = new ArrayList<>();
            for (int i = 0; i < o.keys.size(); i++) {
                ks.add(term(stack, o.keys.get(i)));
                vs.add(term(stack, o.values.get(i)));
            }
            return new ObjectTerm(ks, vs, o.loc);
        }
        if (t instanceof SetTerm s) {
            List<Term> es = new ArrayList<>();
            for (Term x : s.elems) {
                es.add(term(stack, x));
            }
            return new SetTerm(es, s.loc);
        }
        if (t instanceof ArrayTerm a) {
            List<Term> es = new ArrayList<>();
            for (Term x : a.elems) {
                es.add(term(stack, x));
            }
            return new ArrayTerm(es, a.loc);
        }
        if (t instanceof ArrayCompr ac) {
            Set<String> used = Vars.of(ac.head);
            stack.push();
            List<Expr> body = rewriteBody(stack, used, ac.body);
            Term head = term(stack, ac.head);
            stack.pop();
            return new ArrayCompr(head, body, ac.loc);
        }
        if (t instanceof SetCompr sc) {
            Set<String> used = Vars.of(sc.head);
            stack.push();
            List<Expr> body = rewriteBody(stack, used, sc.body);
            Term head = term(stack, sc.head);
            stack.pop();
            return new SetCompr(head, body, sc.loc);
        }
        if (t instanceof ObjectCompr oc) {
            Set<String> used = Vars.of(oc.key);
            used.addAll(Vars.of(oc.value));
            stack.push();
            List<Expr> body = rewriteBody(stack, used, oc.body);
            Term k = term(stack, oc.key);
            Term v = term(stack, oc.value);
            stack.pop();
            return new ObjectCompr(k, v, body, oc.loc);
        }
        if (t instanceof TemplateString ts) {
            List<Object> parts = new ArrayList<>();
            for (Object p : ts.parts) {
                if (p instanceof Expr pe) {
                    stack.push();
                    parts.add(expr(stack, pe));
                    stack.pop();
                } else {
                    parts.add(p);
                }
            }
            return new TemplateString(parts, ts.raw, ts.loc);
        }
        return t;
    }
}
