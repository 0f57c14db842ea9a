package dev.palisade.rego.internal.ast;

import dev.palisade.rego.internal.ast.Ast.ArrayCompr;
import dev.palisade.rego.internal.ast.Ast.ArrayTerm;
import dev.palisade.rego.internal.ast.Ast.Call;
import dev.palisade.rego.internal.ast.Ast.Every;
import dev.palisade.rego.internal.ast.Ast.Expr;
import dev.palisade.rego.internal.ast.Ast.ObjectCompr;
import dev.palisade.rego.internal.ast.Ast.ObjectTerm;
import dev.palisade.rego.internal.ast.Ast.Ref;
import dev.palisade.rego.internal.ast.Ast.SetCompr;
import dev.palisade.rego.internal.ast.Ast.SetTerm;
import dev.palisade.rego.internal.ast.Ast.SomeDecl;
import dev.palisade.rego.internal.ast.Ast.TemplateString;
import dev.palisade.rego.internal.ast.Ast.Term;
import dev.palisade.rego.internal.ast.Ast.Var;
import dev.palisade.rego.internal.ast.Ast.With;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Copying and mapping of terms and expressions. */
public final class Terms {
    private Terms() {
    }

    /** A deep copy (comprehension bodies and expressions are fresh objects). */
    public static Term copy(Term t) {
        return map(t, x -> null);
    }

    public static Expr copy(Expr e) {
        Expr c = new Expr(null, e.loc);
        c.negated = e.negated;
        c.generated = e.generated;
        c.terms = copyTerms(e.terms);
        c.withs = new ArrayList<>();
        for (With w : e.withs) {
            c.withs.add(new With(copy(w.target), copy(w.value), w.loc));
        }
        return c;
    }

    public static List<Expr> copyBody(List<Expr> body) {
        List<Expr> r = new ArrayList<>(body.size());
        for (Expr e : body) {
            r.add(copy(e));
        }
        return r;
    }

    private static Object copyTerms(Object terms) {
        if (terms instanceof Term t) {
            return copy(t);
        }
        if (terms instanceof SomeDecl sd) {
            List<Term> s = new ArrayList<>();
            for (Term t : sd.symbols) {
                s.add(copy(t));
            }
            return new SomeDecl(s);
        }
        if (terms instanceof Every ev) {
            return new Every(ev.key == null ? null : copy(ev.key), copy(ev.value), copy(ev.domain), copyBody(ev.body));
        }
        throw new IllegalStateException("unknown expression terms");
    }

    /**
     * Maps a term top-down: {@code f} returns a replacement, or {@code null} to rebuild the term from
     * its mapped children. Comprehension bodies and template expressions are copied and mapped too.
     */
    public static Term map(Term t, UnaryOperator<Term> f) {
        if (t == null) {
            return null;
        }
        Term r = f.apply(t);
        if (r != null) {
            return r;
        }
        if (t instanceof Ref ref) {
            List<Term> parts = new ArrayList<>(ref.size());
            for (Term p : ref.terms) {
                parts.add(map(p, f));
            }
            return new Ref(parts, ref.loc);
        }
        if (t instanceof Call c) {
            Term op = map(c.op, f);
            List<Term> args = new ArrayList<>(c.args.size());
            for (Term a : c.args) {
                args.add(map(a, f));
            }
            return new Call(op instanceof Ref rr ? rr : c.op, args, c.loc);
        }
        if (t instanceof ArrayTerm a) {
            return new ArrayTerm(mapAll(a.elems, f), a.loc);
        }
        if (t instanceof SetTerm s) {
            return new SetTerm(mapAll(s.elems, f), s.loc);
        }
        if (t instanceof ObjectTerm o) {
            return new ObjectTerm(mapAll(o.keys, f), mapAll(o.values, f), o.loc);
        }
        if (t instanceof ArrayCompr c) {
            return new ArrayCompr(map(c.head, f), mapBody(c.body, f), c.loc);
        }
        if (t instanceof SetCompr c) {
            return new SetCompr(map(c.head, f), mapBody(c.body, f), c.loc);
        }
        if (t instanceof ObjectCompr c) {
            return new ObjectCompr(map(c.key, f), map(c.value, f), mapBody(c.body, f), c.loc);
        }
        if (t instanceof TemplateString ts) {
            List<Object> parts = new ArrayList<>();
            for (Object p : ts.parts) {
                parts.add(p instanceof Term pt ? map(pt, f) : mapExpr((Expr) p, f));
            }
            return new TemplateString(parts, ts.raw, ts.loc);
        }
        return t;
    }

    private static List<Term> mapAll(List<Term> ts, UnaryOperator<Term> f) {
        List<Term> r = new ArrayList<>(ts.size());
        for (Term t : ts) {
            r.add(map(t, f));
        }
        return r;
    }

    public static List<Expr> mapBody(List<Expr> body, UnaryOperator<Term> f) {
        List<Expr> r = new ArrayList<>(body.size());
        for (Expr e : body) {
            r.add(mapExpr(e, f));
        }
        return r;
    }

    /** A copy of the expression with every term mapped. */
    public static Expr mapExpr(Expr e, UnaryOperator<Term> f) {
        Expr c = new Expr(null, e.loc);
        c.negated = e.negated;
        c.generated = e.generated;
        if (e.terms instanceof Term t) {
            c.terms = map(t, f);
        } else if (e.terms instanceof SomeDecl sd) {
            c.terms = new SomeDecl(mapAll(sd.symbols, f));
        } else if (e.terms instanceof Every ev) {
            c.terms = new Every(ev.key == null ? null : map(ev.key, f), map(ev.value, f), map(ev.domain, f),
                    mapBody(ev.body, f));
        }
        c.withs = new ArrayList<>();
        for (With w : e.withs) {
            c.withs.add(new With(map(w.target, f), map(w.value, f), w.loc));
        }
        return c;
    }

    /** Renames variables everywhere in a term (including closures). */
    public static Term renameVars(Term t, UnaryOperator<String> rename) {
        return map(t, x -> {
            if (x instanceof Var v) {
                String n = rename.apply(v.name);
                return n == null || n.equals(v.name) ? v : new Var(n, v.loc);
            }
            return null;
        });
    }
}
