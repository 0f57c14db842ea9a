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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OPA's safety analysis: every variable must be bound before it is used in a position that does
 * not bind (negation, builtin inputs, closures). Bodies are reordered minimally so that left-to-right
 * evaluation binds variables first (reorderBodyForSafety); what cannot be ordered is reported as
 * {@code rego_unsafe_var_error}.
 */
final class Safety {
    static final Set<String> RESERVED = Set.of("data", "input");
    private final Compiler c;

    Safety(Compiler c) {
        this.c = c;
    }

    // ---------------------------------------------------------------- output variables

    /** Vars that evaluating {@code e} binds, given {@code safe} vars are bound. */
    Set<String> outputVarsForExpr(Expr e, Set<String> safe) {
        if (e.negated) {
            return Set.of();
        }
        for (With w : e.withs) {
            Set<String> wv = Vars.of(w, Vars.SAFETY);
            if (!safe.containsAll(wv)) {
                return Set.of();
            }
        }
        if (e.terms instanceof Every ev) {
            Set<String> out = new LinkedHashSet<>();
            outputVarsForTerms(ev.domain, safe, out);
            return out;
        }
        if (e.terms instanceof Call call) {
            if (e.isEquality()) {
                return outputVarsForEqExpr(e, call.args.get(0), call.args.get(1), safe);
            }
            int ar = c.arity(call.op);
            if (ar < 0) {
                return Set.of();
            }
            return outputVarsForCall(e, call, ar, safe);
        }
        if (e.terms instanceof Term t) {
            Set<String> out = new LinkedHashSet<>();
            outputVarsForTerms(t, safe, out);
            for (With w : e.withs) {
                outputVarsForTerms(w.target, safe, out);
                outputVarsForTerms(w.value, safe, out);
            }
            return out;
        }
        return Set.of();
    }

    private Set<String> outputVarsForEqExpr(Expr e, Term a, Term b, Set<String> safe) {
        Set<String> output = new LinkedHashSet<>();
        outputVarsForTerms(a, safe, output);
        outputVarsForTerms(b, safe, output);
        for (With w : e.withs) {
            outputVarsForTerms(w.target, safe, output);
            outputVarsForTerms(w.value, safe, output);
        }
        output.addAll(safe);
        output.addAll(unify(output, a, b));
        output.removeAll(safe);
        return output;
    }

    /** Outputs of {@code a = b} given safe vars (used by {@code some x in xs}). */
    static Set<String> outputVarsForEq(Compiler c, Term a, Term b, Set<String> safe) {
        Safety s = new Safety(c);
        Set<String> output = new LinkedHashSet<>();
        s.outputVarsForTerms(a, safe, output);
        s.outputVarsForTerms(b, safe, output);
        output.addAll(safe);
        output.addAll(unify(output, a, b));
        output.removeAll(safe);
        return output;
    }

    private Set<String> outputVarsForCall(Expr e, Call call, int arity, Set<String> safe) {
        Set<String> output = new LinkedHashSet<>();
        for (Term a : call.args) {
            outputVarsForTerms(a, safe, output);
        }
        for (With w : e.withs) {
            outputVarsForTerms(w.target, safe, output);
            outputVarsForTerms(w.value, safe, output);
        }
        if (arity >= call.args.size()) {
            return output;
        }
        int flags = Vars.SKIP_CLOSURES | Vars.SKIP_SETS | Vars.SKIP_OBJECT_KEYS | Vars.SKIP_REF_HEAD;
        Set<String> in = new LinkedHashSet<>();
        for (int i = 0; i < arity; i++) {
            Vars.collect(call.args.get(i), flags, in);
        }
        for (String v : in) {
            if (!output.contains(v) && !safe.contains(v)) {
                return Set.of();
            }
        }
        for (int i = arity; i < call.args.size(); i++) {
            Vars.collect(call.args.get(i), flags, output);
        }
        return output;
    }

    /** OPA's outputVarsForTerms: vars bound by refs whose heads are safe. */
    void outputVarsForTerms(Term t, Set<String> safe, Set<String> out) {
        if (t == null || t instanceof ArrayCompr || t instanceof SetCompr || t instanceof ObjectCompr
                || t instanceof TemplateString) {
            return;
        }
        if (t instanceof Ref r) {
            if (!isRefSafe(r, safe)) {
                return;
            }
            if (!r.isGroundPath()) {
                for (int i = 1; i < r.size(); i++) {
                    Vars.collect(r.get(i), 0, out);
                }
            }
            for (Term p : r.terms) {
                outputVarsForTerms(p, safe, out);
            }
            return;
        }
        if (t instanceof Call call) {
            outputVarsForTerms(call.op, safe, out);
            for (Term a : call.args) {
                outputVarsForTerms(a, safe, out);
            }
        } else if (t instanceof ArrayTerm a) {
            for (Term x : a.elems) {
                outputVarsForTerms(x, safe, out);
            }
        } else if (t instanceof SetTerm s) {
            for (Term x : s.elems) {
                outputVarsForTerms(x, safe, out);
            }
        } else if (t instanceof ObjectTerm o) {
            for (int i = 0; i < o.keys.size(); i++) {
                outputVarsForTerms(o.keys.get(i), safe, out);
                outputVarsForTerms(o.values.get(i), safe, out);
            }
        }
    }

    private static boolean isRefSafe(Ref r, Set<String> safe) {
        Term head = r.head();
        if (head instanceof Var v) {
            return safe.contains(v.name);
        }
        if (head instanceof Call call) {
            return safe.containsAll(Vars.of(call, Vars.SAFETY));
        }
        return safe.containsAll(Vars.of(head));
    }

    Set<String> outputVarsForBody(List<Expr> body, Set<String> safe) {
        Set<String> o = new HashSet<>(safe);
        for (Expr e : body) {
            o.addAll(outputVarsForExpr(e, o));
        }
        o.removeAll(safe);
        return o;
    }

    // ---------------------------------------------------------------- unifier

    /** Vars unified by {@code a = b} when {@code safe} vars are bound (OPA's Unify). */
    static Set<String> unify(Set<String> safe, Term a, Term b) {
        Unifier u = new Unifier(safe);
        u.unify(a, b);
        return u.unified;
    }

    private static final class Unifier {
        final Set<String> safe;
        final Set<String> unified = new LinkedHashSet<>();
        final Map<String, Set<String>> unknown = new HashMap<>();

        Unifier(Set<String> safe) {
            this.safe = safe;
        }

        boolean isSafe(String v) {
            return safe.contains(v) || unified.contains(v);
        }

        void markSafe(String x) {
            unified.add(x);
            Set<String> vs = unknown.remove(x);
            if (vs != null) {
                for (String v : vs) {
                    markSafe(v);
                }
            }
            for (Map.Entry<String, Set<String>> e : new ArrayList<>(unknown.entrySet())) {
                if (e.getValue().remove(x) && e.getValue().isEmpty()) {
                    unknown.remove(e.getKey());
                    markSafe(e.getKey());
                }
            }
        }

        void markUnknown(String a, String b) {
            unknown.computeIfAbsent(a, k -> new HashSet<>()).add(b);
        }

        void markAllSafe(Term t) {
            for (String v : Vars.of(t)) {
                markSafe(v);
            }
        }

        void unifyAll(String a, Term b) {
            if (isSafe(a)) {
                markAllSafe(b);
            } else {
                Set<String> unsafe = new LinkedHashSet<>(Vars.of(b));
                unsafe.removeAll(safe);
                unsafe.removeAll(unified);
                if (unsafe.isEmpty()) {
                    markSafe(a);
                } else {
                    for (String v : unsafe) {
                        markUnknown(a, v);
                    }
                }
            }
        }

        private static String refHeadVar(Ref r) {
            return r.head() instanceof Var v ? v.name : null;
        }

        void unify(Term a, Term b) {
            if (a instanceof Var av) {
                if (b instanceof Var bv) {
                    if (isSafe(bv.name)) {
                        markSafe(av.name);
                    } else if (isSafe(av.name)) {
                        markSafe(bv.name);
                    } else {
                        markUnknown(av.name, bv.name);
                        markUnknown(bv.name, av.name);
                    }
                } else if (b instanceof ArrayTerm || b instanceof ObjectTerm) {
                    unifyAll(av.name, b);
                } else if (b instanceof Ref br) {
                    String h = refHeadVar(br);
                    if (h != null && isSafe(h)) {
                        markSafe(av.name);
                    }
                } else {
                    markSafe(av.name);
                }
            } else if (a instanceof Ref ar) {
                String h = refHeadVar(ar);
                if (h != null && isSafe(h)) {
                    if (b instanceof Var bv) {
                        markSafe(bv.name);
                    } else if (b instanceof ArrayTerm || b instanceof ObjectTerm) {
                        markAllSafe(b);
                    }
                }
            } else if (a instanceof ArrayCompr || a instanceof SetCompr || a instanceof ObjectCompr) {
                if (b instanceof Var bv) {
                    markSafe(bv.name);
                } else if (b instanceof ArrayTerm || b instanceof ObjectTerm) {
                    markAllSafe(b);
                }
            } else if (a instanceof ArrayTerm aa) {
                if (b instanceof Var bv) {
                    unifyAll(bv.name, a);
                } else if (b instanceof ArrayCompr || b instanceof SetCompr || b instanceof ObjectCompr) {
                    markAllSafe(a);
                } else if (b instanceof Ref br) {
                    String h = refHeadVar(br);
                    if (h != null && isSafe(h)) {
                        markAllSafe(a);
                    }
                } else if (b instanceof ArrayTerm ba && aa.elems.size() == ba.elems.size()) {
                    for (int i = 0; i < aa.elems.size(); i++) {
                        unify(aa.elems.get(i), ba.elems.get(i));
                    }
                }
            } else if (a instanceof ObjectTerm ao) {
                if (b instanceof Var bv) {
                    unifyAll(bv.name, a);
                } else if (b instanceof Ref br) {
                    String h = refHeadVar(br);
                    if (h != null && isSafe(h)) {
                        markAllSafe(a);
                    }
                } else if (b instanceof ObjectTerm bo && ao.keys.size() == bo.keys.size()) {
                    for (int i = 0; i < ao.keys.size(); i++) {
                        Term k = ao.keys.get(i);
                        for (int j = 0; j < bo.keys.size(); j++) {
                            if (sameKey(k, bo.keys.get(j))) {
                                unify(ao.values.get(i), bo.values.get(j));
                                break;
                            }
                        }
                    }
                }
            } else {
                if (b instanceof Var bv) {
                    markSafe(bv.name);
                }
            }
        }

        private static boolean sameKey(Term a, Term b) {
            if (a instanceof Scalar sa && b instanceof Scalar sb) {
                return sa.value.equals(sb.value);
            }
            if (a instanceof Var va && b instanceof Var vb) {
                return va.name.equals(vb.name);
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- reordering

    static final class Result {
        final List<Expr> body;
        final Map<Expr, Set<String>> unsafe;

        Result(List<Expr> body, Map<Expr, Set<String>> unsafe) {
            this.body = body;
            this.unsafe = unsafe;
        }
    }

    Result reorder(Set<String> globals, List<Expr> body) {
        Set<String> bodyVars = Vars.of(body, Vars.SAFETY);
        Set<String> safe = new HashSet<>(bodyVars);
        safe.retainAll(globals);
        Map<Expr, Set<String>> unsafe = new IdentityHashMap<>();
        for (Expr e : body) {
            for (String v : Vars.of(e, Vars.SAFETY)) {
                if (!safe.contains(v)) {
                    unsafe.computeIfAbsent(e, k -> new LinkedHashSet<>()).add(v);
                }
            }
        }
        List<Expr> reordered = new ArrayList<>();
        Set<Expr> added = Collections.newSetFromMap(new IdentityHashMap<>());
        while (true) {
            int n = reordered.size();
            for (Expr e : body) {
                if (added.contains(e)) {
                    continue;
                }
                Set<String> ovs = outputVarsForExpr(e, safe);
                Set<String> cv = closureVars(e);
                cv.retainAll(bodyVars);
                cv.removeAll(globals);
                Set<String> ob = outputVarsForBody(reordered, safe);
                Set<String> uv = new LinkedHashSet<>(cv);
                uv.removeAll(ob);
                if (!uv.isEmpty()) {
                    if (uv.equals(ovs)) {
                        continue;
                    }
                    unsafe.put(e, uv);
                }
                Set<String> ue = unsafe.get(e);
                if (ue != null) {
                    ue.removeIf(v -> ovs.contains(v) || safe.contains(v));
                    if (ue.isEmpty()) {
                        unsafe.remove(e);
                    }
                }
                if (!unsafe.containsKey(e)) {
                    reordered.add(e);
                    added.add(e);
                    safe.addAll(ovs);
                }
            }
            if (reordered.size() == n) {
                break;
            }
        }
        // closures: reorder their bodies with the variables of preceding expressions as globals
        Set<String> g = new HashSet<>(globals);
        for (int i = 0; i < reordered.size(); i++) {
            if (i > 0) {
                g.addAll(Vars.of(reordered.get(i - 1), Vars.SAFETY));
            }
            Expr e = reordered.get(i);
            reorderClosures(e, g, unsafe);
        }
        if (!unsafe.isEmpty()) {
            // keep the original order (errors will be reported)
            return new Result(body, unsafe);
        }
        return new Result(reordered, unsafe);
    }

    private static Set<String> closureVars(Expr e) {
        Set<String> out = new LinkedHashSet<>();
        Compiler.walkClosures(e, body -> Vars.collect(body, 0, out));
        // comprehension heads too
        collectClosureHeads(e, out);
        return out;
    }

    private static void collectClosureHeads(Expr e, Set<String> out) {
        if (e.terms instanceof Term t) {
            closureHeads(t, out);
        } else if (e.terms instanceof Every ev) {
            closureHeads(ev.domain, out);
        }
        for (With w : e.withs) {
            closureHeads(w.value, out);
        }
    }

    private static void closureHeads(Term t, Set<String> out) {
        if (t instanceof ArrayCompr ac) {
            Vars.collect(ac.head, 0, out);
        } else if (t instanceof SetCompr sc) {
            Vars.collect(sc.head, 0, out);
        } else if (t instanceof ObjectCompr oc) {
            Vars.collect(oc.key, 0, out);
            Vars.collect(oc.value, 0, out);
        } else if (t instanceof Ref r) {
            r.terms.forEach(x -> closureHeads(x, out));
        } else if (t instanceof Call call) {
            call.args.forEach(x -> closureHeads(x, out));
        } else if (t instanceof ArrayTerm a) {
            a.elems.forEach(x -> closureHeads(x, out));
        } else if (t instanceof SetTerm s) {
            s.elems.forEach(x -> closureHeads(x, out));
        } else if (t instanceof ObjectTerm o) {
            o.keys.forEach(x -> closureHeads(x, out));
            o.values.forEach(x -> closureHeads(x, out));
        }
    }

    private void reorderClosures(Expr e, Set<String> globals, Map<Expr, Set<String>> unsafe) {
        if (e.terms instanceof Every ev) {
            Set<String> g = new HashSet<>(globals);
            if (ev.key != null) {
                Vars.collect(ev.key, 0, g);
            }
            Vars.collect(ev.value, 0, g);
            ev.domain = closuresInTerm(ev.domain, globals, e, unsafe);
            ev.body = reorderClosureBody(Set.of(), ev.body, g, e, unsafe);
            globals.addAll(g);
        } else if (e.terms instanceof Term t) {
            e.terms = closuresInTerm(t, globals, e, unsafe);
        }
        for (With w : e.withs) {
            w.value = closuresInTerm(w.value, globals, e, unsafe);
        }
    }

    private Term closuresInTerm(Term t, Set<String> globals, Expr current, Map<Expr, Set<String>> unsafe) {
        if (t instanceof ArrayCompr ac) {
            return new ArrayCompr(ac.head, reorderClosureBody(Vars.of(ac.head), ac.body, globals, current, unsafe), ac.loc);
        }
        if (t instanceof SetCompr sc) {
            return new SetCompr(sc.head, reorderClosureBody(Vars.of(sc.head), sc.body, globals, current, unsafe), sc.loc);
        }
        if (t instanceof ObjectCompr oc) {
            Set<String> tv = Vars.of(oc.key);
            tv.addAll(Vars.of(oc.value));
            return new ObjectCompr(oc.key, oc.value, reorderClosureBody(tv, oc.body, globals, current, unsafe), oc.loc);
        }
        if (t instanceof Ref r) {
            List<Term> ps = new ArrayList<>();
            for (Term p : r.terms) {
                ps.add(closuresInTerm(p, globals, current, unsafe));
            }
            return new Ref(ps, r.loc);
        }
        if (t instanceof Call call) {
            List<Term> as = new ArrayList<>();
            for (Term a : call.args) {
                as.add(closuresInTerm(a, globals, current, unsafe));
            }
            return new Call(call.op, as, call.loc);
        }
        if (t instanceof ArrayTerm a) {
            List<Term> es = new ArrayList<>();
            for (Term x : a.elems) {
                es.add(closuresInTerm(x, globals, current, unsafe));
            }
            return new ArrayTerm(es, a.loc);
        }
        if (t instanceof SetTerm s) {
            List<Term> es = new ArrayList<>();
            for (Term x : s.elems) {
                es.add(closuresInTerm(x, globals, current, unsafe));
            }
            return new SetTerm(es, s.loc);
        }
        if (t instanceof ObjectTerm o) {
            List<Term> ks = new ArrayList<>();
            List<Term> vs = new ArrayList<>();
            for (int i = 0; i < o.keys.size(); i++) {
                ks.add(closuresInTerm(o.keys.get(i), globals, current, unsafe));
                vs.add(closuresInTerm(o.values.get(i), globals, current, unsafe));
            }
            return new ObjectTerm(ks, vs, o.loc);
        }
        return t;
    }

    private List<Expr> reorderClosureBody(Set<String> headVars, List<Expr> body, Set<String> globals, Expr current,
                                          Map<Expr, Set<String>> unsafe) {
        Set<String> bv = Vars.of(body, Vars.SAFETY);
        bv.addAll(globals);
        for (String v : headVars) {
            if (!bv.contains(v)) {
                unsafe.computeIfAbsent(current, k -> new LinkedHashSet<>()).add(v);
            }
        }
        Result r = reorder(globals, body);
        if (r.unsafe.isEmpty()) {
            return r.body;
        }
        for (Map.Entry<Expr, Set<String>> e : r.unsafe.entrySet()) {
            unsafe.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).addAll(e.getValue());
        }
        return body;
    }

    // ---------------------------------------------------------------- checks

    void checkHead(Rule r) {
        Set<String> bodyVars = Vars.of(r.body, Vars.SAFETY);
        if (r.head.args != null) {
            Vars.collect(r.head.args, 0, bodyVars);
        }
        Set<String> headVars = new LinkedHashSet<>();
        if (r.head.args != null) {
            Vars.collect(r.head.args, 0, headVars);
        }
        for (int i = 1; i < r.head.ref.size(); i++) {
            Vars.collect(r.head.ref.get(i), 0, headVars);
        }
        Vars.collect(r.head.key, 0, headVars);
        Vars.collect(r.head.value, 0, headVars);
        for (String v : headVars) {
            if (!bodyVars.contains(v)) {
                String orig = c.original(v);
                if (!Compiler.isGenerated(orig)) {
                    c.error(CompileError.UNSAFE, "var " + orig + " is unsafe", r.loc);
                }
            }
        }
    }

    void checkRuleBody(Rule r) {
        Set<String> safe = new HashSet<>(RESERVED);
        if (r.head.args != null) {
            Vars.collect(r.head.args, 0, safe);
        }
        r.body = checkBody(safe, r.body, c.rewrittenVars);
    }

    List<Expr> checkBody(Set<String> safe, List<Expr> body, Map<String, String> rewritten) {
        Result res = reorder(safe, body);
        if (res.unsafe.isEmpty()) {
            return res.body;
        }
        reportUnsafe(res.unsafe, rewritten);
        return body;
    }

    private void reportUnsafe(Map<Expr, Set<String>> unsafe, Map<String, String> rewritten) {
        Map<String, Loc> locs = new LinkedHashMap<>();
        for (Map.Entry<Expr, Set<String>> e : unsafe.entrySet()) {
            for (String v : e.getValue()) {
                Loc l = e.getKey().loc;
                Loc prev = locs.get(v);
                if (prev == null || compare(l, prev) < 0) {
                    locs.put(v, l);
                }
            }
        }
        List<Map.Entry<String, Loc>> sorted = new ArrayList<>(locs.entrySet());
        sorted.sort((a, b) -> compare(a.getValue(), b.getValue()));
        boolean any = false;
        for (Map.Entry<String, Loc> e : sorted) {
            String v = rewritten.getOrDefault(e.getKey(), e.getKey());
            if (!Compiler.isGenerated(v)) {
                any = true;
                if (dev.palisade.rego.internal.ast.Parser.FUTURE_KEYWORDS.contains(v)) {
                    c.error(CompileError.UNSAFE, "var " + v + " is unsafe (hint: `import future.keywords." + v
                            + "` to import a future keyword)", e.getValue());
                } else {
                    c.error(CompileError.UNSAFE, "var " + v + " is unsafe", e.getValue());
                }
            }
        }
        if (!any) {
            List<Expr> exprs = new ArrayList<>(unsafe.keySet());
            exprs.sort((a, b) -> compare(a.loc, b.loc));
            Set<String> seen = new HashSet<>();
            for (Expr e : exprs) {
                int before = seen.size();
                for (String v : unsafe.get(e)) {
                    if (Compiler.isGenerated(v)) {
                        seen.add(v);
                    }
                }
                if (seen.size() > before) {
                    c.error(CompileError.UNSAFE, "expression is unsafe", e.loc);
                }
            }
        }
    }

    private static int compare(Loc a, Loc b) {
        int x = a.file().compareTo(b.file());
        if (x != 0) {
            return x;
        }
        x = Integer.compare(a.line(), b.line());
        return x != 0 ? x : Integer.compare(a.col(), b.col());
    }
}
