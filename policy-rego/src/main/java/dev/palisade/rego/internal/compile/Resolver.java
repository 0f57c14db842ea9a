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
import dev.palisade.rego.internal.ast.Vars;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves names to full refs (OPA's resolveAllRefs): rules of the module's package become
 * {@code data.pkg.name}, imports their path, unless a local declaration ({@code :=}, {@code some},
 * function arguments) shadows them.
 */
final class Resolver {
    private final Map<String, List<Term>> globals;
    private final Deque<Set<String>> ignore = new ArrayDeque<>();

    Resolver(Map<String, List<Term>> globals) {
        this.globals = globals;
    }

    /** Resolves a rule in place; returns an error message or {@code null}. */
    String resolveRule(Rule rule) {
        ignore.clear();
        Set<String> argVars = new HashSet<>();
        if (rule.head.args != null) {
            for (Term a : rule.head.args) {
                if (a instanceof Ref r && r.size() == 1 && Compiler.ROOTS.contains(r.headName())) {
                    return "args must not shadow " + r.headName() + " (use a different variable name)";
                }
                argVars(a, argVars);
            }
        }
        ignore.push(argVars);
        ignore.push(declaredVars(rule.body));
        List<Term> ref = rule.head.ref;
        for (int i = 1; i < ref.size(); i++) {
            ref.set(i, term(ref.get(i)));
        }
        if (rule.head.key != null) {
            rule.head.key = term(rule.head.key);
        }
        if (rule.head.value != null) {
            rule.head.value = term(rule.head.value);
        }
        rule.body = body(rule.body);
        return null;
    }

    List<Expr> resolveQuery(List<Expr> body) {
        ignore.clear();
        ignore.push(declaredVars(body));
        return body(body);
    }

    private static void argVars(Term t, Set<String> out) {
        if (t instanceof Var v) {
            out.add(v.name);
        } else if (t instanceof ObjectTerm o) {
            o.values.forEach(x -> argVars(x, out));
        } else if (t instanceof ArrayTerm a) {
            a.elems.forEach(x -> argVars(x, out));
        } else if (t instanceof Ref r) {
            r.terms.forEach(x -> argVars(x, out));
        }
    }

    /** Vars declared by {@code :=} and {@code some} in a body (not inside comprehensions). */
    static Set<String> declaredVars(List<Expr> body) {
        Set<String> out = new HashSet<>();
        for (Expr e : body) {
            declared(e, out);
        }
        return out;
    }

    private static void declared(Expr e, Set<String> out) {
        if (e.isAssignment()) {
            Vars.collect(e.call().args.get(0), 0, out);
        } else if (e.terms instanceof SomeDecl sd) {
            for (Term s : sd.symbols) {
                if (s instanceof Var v) {
                    out.add(v.name);
                } else if (s instanceof Call c) {
                    if (c.args.size() == 3) {
                        Vars.collect(c.args.get(1), 0, out);
                    }
                    Vars.collect(c.args.get(0), 0, out);
                }
            }
        } else if (e.terms instanceof Every ev) {
            for (Expr x : ev.body) {
                declared(x, out);
            }
        }
    }

    private boolean ignored(String name) {
        for (Set<String> s : ignore) {
            if (s.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private List<Expr> body(List<Expr> body) {
        List<Expr> r = new ArrayList<>(body.size());
        for (Expr e : body) {
            r.add(expr(e));
        }
        return r;
    }

    private Expr expr(Expr e) {
        if (e.terms instanceof Term t) {
            e.terms = term(t);
        } else if (e.terms instanceof SomeDecl sd) {
            if (!sd.symbols.isEmpty() && sd.symbols.get(0) instanceof Call c) {
                sd.symbols.set(0, term(c));
            }
        } else if (e.terms instanceof Every ev) {
            Set<String> locals = new HashSet<>();
            if (ev.key != null) {
                Vars.collect(ev.key, 0, locals);
            }
            Vars.collect(ev.value, 0, locals);
            ev.domain = term(ev.domain);
            ignore.push(locals);
            ev.body = body(ev.body);
            ignore.pop();
        }
        for (With w : e.withs) {
            w.target = term(w.target);
            w.value = term(w.value);
        }
        return e;
    }

    private List<Term> global(String name, Loc loc) {
        List<Term> g = globals.get(name);
        if (g == null || ignored(name)) {
            return null;
        }
        List<Term> cpy = new ArrayList<>(g.size());
        for (Term t : g) {
            cpy.add(t instanceof Var v ? new Var(v.name, loc) : t instanceof Scalar s ? new Scalar(s.value, loc) : t);
        }
        return cpy;
    }

    Term term(Term t) {
        if (t instanceof Var v) {
            List<Term> g = global(v.name, v.loc);
            return g == null ? t : new Ref(g, v.loc);
        }
        if (t instanceof Ref r) {
            return ref(r);
        }
        if (t instanceof ObjectTerm o) {
            List<Term> ks = new ArrayList<>();
            List<Term> vs = new ArrayList<>();
            for (int i = 0; i < o.keys.size(); i++) {
                ks.add(term(o.keys.get(i)));
                vs.add(term(o.values.get(i)));
            }
            return new ObjectTerm(ks, vs, o.loc);
        }
        if (t instanceof ArrayTerm a) {
            return new ArrayTerm(terms(a.elems), a.loc);
        }
        if (t instanceof SetTerm s) {
            return new SetTerm(terms(s.elems), s.loc);
        }
        if (t instanceof Call c) {
            Term op = ref(c.op);
            return new Call(op instanceof Ref rr ? rr : c.op, terms(c.args), c.loc);
        }
        if (t instanceof ArrayCompr c) {
            ignore.push(declaredVars(c.body));
            Term h = term(c.head);
            List<Expr> b = body(c.body);
            ignore.pop();
            return new ArrayCompr(h, b, c.loc);
        }
        if (t instanceof SetCompr c) {
            ignore.push(declaredVars(c.body));
            Term h = term(c.head);
            List<Expr> b = body(c.body);
            ignore.pop();
            return new SetCompr(h, b, c.loc);
        }
        if (t instanceof ObjectCompr c) {
            ignore.push(declaredVars(c.body));
            Term k = term(c.key);
            Term v = term(c.value);
            List<Expr> b = body(c.body);
            ignore.pop();
            return new ObjectCompr(k, v, b, c.loc);
        }
        if (t instanceof TemplateString ts) {
            List<Object> parts = new ArrayList<>();
            for (Object p : ts.parts) {
                parts.add(p instanceof Expr pe ? expr(pe) : p);
            }
            return new TemplateString(parts, ts.raw, ts.loc);
        }
        return t;
    }

    private List<Term> terms(List<Term> ts) {
        List<Term> r = new ArrayList<>(ts.size());
        for (Term t : ts) {
            r.add(term(t));
        }
        return r;
    }

    private Term ref(Ref r) {
        List<Term> out = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            Term x = r.get(i);
            if (x instanceof Var v) {
                List<Term> g = global(v.name, v.loc);
                if (g == null) {
                    out.add(x);
                } else if (i == 0) {
                    out.addAll(g);
                } else {
                    out.add(new Ref(g, v.loc));
                }
            } else if (x instanceof Scalar) {
                out.add(x);
            } else {
                out.add(term(x));
            }
        }
        return new Ref(out, r.loc);
    }
}
