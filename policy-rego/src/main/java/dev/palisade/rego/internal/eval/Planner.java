package dev.palisade.rego.internal.eval;

import dev.palisade.rego.internal.ast.Ast.ArrayCompr;
import dev.palisade.rego.internal.ast.Ast.ArrayTerm;
import dev.palisade.rego.internal.ast.Ast.Call;
import dev.palisade.rego.internal.ast.Ast.Every;
import dev.palisade.rego.internal.ast.Ast.Expr;
import dev.palisade.rego.internal.ast.Ast.ObjectCompr;
import dev.palisade.rego.internal.ast.Ast.ObjectTerm;
import dev.palisade.rego.internal.ast.Ast.Ref;
import dev.palisade.rego.internal.ast.Ast.Rule;
import dev.palisade.rego.internal.ast.Ast.Scalar;
import dev.palisade.rego.internal.ast.Ast.SetCompr;
import dev.palisade.rego.internal.ast.Ast.SetTerm;
import dev.palisade.rego.internal.ast.Ast.SomeDecl;
import dev.palisade.rego.internal.ast.Ast.Term;
import dev.palisade.rego.internal.ast.Ast.Var;
import dev.palisade.rego.internal.ast.Ast.With;
import dev.palisade.rego.internal.builtins.Builtin;
import dev.palisade.rego.internal.compile.RuleTree;
import dev.palisade.rego.internal.eval.Plan.PArray;
import dev.palisade.rego.internal.eval.Plan.PCall;
import dev.palisade.rego.internal.eval.Plan.PCompr;
import dev.palisade.rego.internal.eval.Plan.PConst;
import dev.palisade.rego.internal.eval.Plan.PEvery;
import dev.palisade.rego.internal.eval.Plan.PExpr;
import dev.palisade.rego.internal.eval.Plan.PNot;
import dev.palisade.rego.internal.eval.Plan.PObject;
import dev.palisade.rego.internal.eval.Plan.PRef;
import dev.palisade.rego.internal.eval.Plan.PSet;
import dev.palisade.rego.internal.eval.Plan.PTerm;
import dev.palisade.rego.internal.eval.Plan.PTermExpr;
import dev.palisade.rego.internal.eval.Plan.PUnify;
import dev.palisade.rego.internal.eval.Plan.PVar;
import dev.palisade.rego.internal.eval.Plan.PWith;
import dev.palisade.rego.internal.eval.Plan.RulePlan;
import dev.palisade.rego.internal.eval.Plan.RuleSet;
import dev.palisade.rego.internal.eval.Plan.WithMod;
import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.ObjectBuilder;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns compiled rules and queries into plans: variables become frame slots, constants values. */
final class Planner {
    private final Program prog;

    Planner(Program prog) {
        this.prog = prog;
    }

    /** Variable slots of one frame (a rule body with its closures, or a query). */
    static final class Slots {
        private final Map<String, Integer> map = new HashMap<>();

        int slot(String name) {
            return map.computeIfAbsent(name, k -> map.size());
        }

        Integer get(String name) {
            return map.get(name);
        }

        int size() {
            return map.size();
        }
    }

    void planTree() {
        prog.tree().root.forEach(n -> {
            if (!n.rules.isEmpty()) {
                n.plan = ruleSet(n);
            }
        });
    }

    private RuleSet ruleSet(RuleTree.Node node) {
        RuleSet rs = new RuleSet();
        rs.node = node;
        rs.name = node.name();
        Rule first = node.rules.get(0);
        boolean dynamic = false;
        boolean multi = true;
        for (Rule r : node.rules) {
            if (r.head.ref.size() > RuleTree.groundPrefixLength(r)) {
                dynamic = true;
            }
            if (!r.head.isMultiValue()) {
                multi = false;
            }
        }
        if (first.head.args != null) {
            rs.kind = RuleSet.FUNCTION;
            rs.arity = first.head.args.size();
        } else if (dynamic) {
            rs.kind = RuleSet.OBJECT;
        } else if (multi) {
            rs.kind = RuleSet.MULTI;
        } else {
            rs.kind = RuleSet.COMPLETE;
        }
        for (Rule r : node.rules) {
            RulePlan p = rule(r);
            if (r.isDefault) {
                rs.defaultRule = p;
            } else {
                rs.rules.add(p);
            }
        }
        return rs;
    }

    private RulePlan rule(Rule r) {
        Slots slots = new Slots();
        RulePlan p = new RulePlan();
        p.loc = r.loc;
        p.isDefault = r.isDefault;
        if (r.head.args != null) {
            p.args = new PTerm[r.head.args.size()];
            for (int i = 0; i < p.args.length; i++) {
                p.args[i] = term(r.head.args.get(i), slots);
            }
        }
        int g = RuleTree.groundPrefixLength(r);
        p.suffix = new PTerm[r.head.ref.size() - g];
        for (int i = g; i < r.head.ref.size(); i++) {
            p.suffix[i - g] = term(r.head.ref.get(i), slots);
        }
        if (r.head.isMultiValue()) {
            p.key = term(r.head.key, slots);
        } else {
            p.value = term(r.head.value, slots);
            p.constValue = p.value instanceof PConst;
        }
        p.body = body(r.body, slots);
        if (r.elseRule != null) {
            p.elseRule = rule(r.elseRule);
        }
        p.slots = slots.size();
        // the else chain shares nothing with this frame; its slots were counted in its own plan
        return p;
    }

    PExpr[] body(List<Expr> body, Slots slots) {
        List<PExpr> out = new ArrayList<>();
        for (Expr e : body) {
            PExpr p = expr(e, slots);
            if (p == Plan.TRUE && body.size() > 1) {
                continue;
            }
            out.add(p);
        }
        return out.toArray(new PExpr[0]);
    }

    private PExpr expr(Expr e, Slots slots) {
        PExpr core = core(e, slots);
        if (e.negated) {
            core = new PNot(core, e.loc);
        }
        if (!e.withs.isEmpty()) {
            WithMod[] mods = new WithMod[e.withs.size()];
            for (int i = 0; i < mods.length; i++) {
                mods[i] = with(e.withs.get(i), slots);
            }
            core = new PWith(core, mods, e.loc);
        }
        return core;
    }

    private PExpr core(Expr e, Slots slots) {
        if (e.terms instanceof Call call) {
            String name = call.op.dottedName();
            if ("eq".equals(name) && call.args.size() == 2) {
                return new PUnify(term(call.args.get(0), slots), term(call.args.get(1), slots), e.loc);
            }
            Builtin b = name == null ? null : prog.builtin(name);
            RuleTree.Node fn = null;
            int arity;
            if (b != null) {
                arity = b.arity;
            } else {
                fn = node(call.op);
                if (fn == null || fn.rules.isEmpty()) {
                    throw new EvalError(EvalError.INTERNAL, "undefined function " + name, e.loc);
                }
                List<Term> params = fn.rules.get(0).head.args;
                arity = params == null ? 0 : params.size();
                if (params == null) {
                    // a call of a rule that is not a function: its value, compared with the output
                    PTerm ref = term(call.op, slots);
                    if (call.args.size() == 1) {
                        return new PUnify(ref, term(call.args.get(0), slots), e.loc);
                    }
                    return new PTermExpr(ref, e.loc);
                }
            }
            PTerm[] args = new PTerm[Math.min(arity, call.args.size())];
            for (int i = 0; i < args.length; i++) {
                args[i] = term(call.args.get(i), slots);
            }
            PTerm out = call.args.size() > arity ? term(call.args.get(arity), slots) : null;
            return new PCall(name, b, fn, args, out, e.loc);
        }
        if (e.terms instanceof Every ev) {
            PTerm key = ev.key == null ? new PVar(slots.slot("$every" + System.identityHashCode(ev)), "_", e.loc)
                    : term(ev.key, slots);
            return new PEvery(key, term(ev.value, slots), term(ev.domain, slots), body(ev.body, slots), e.loc);
        }
        if (e.terms instanceof SomeDecl) {
            return Plan.TRUE;
        }
        Term t = (Term) e.terms;
        if (t instanceof Scalar s && s.value == BoolValue.TRUE) {
            return Plan.TRUE;
        }
        return new PTermExpr(term(t, slots), e.loc);
    }

    private RuleTree.Node node(Ref r) {
        if (!"data".equals(r.headName())) {
            return null;
        }
        RuleTree.Node n = prog.tree().root;
        for (int i = 1; i < r.size(); i++) {
            if (!(r.get(i) instanceof Scalar s)) {
                return null;
            }
            n = n.child(s.value);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    private WithMod with(With w, Slots slots) {
        Ref target = w.target instanceof Ref r ? r : new Ref(List.of(w.target), w.target.loc);
        String head = target.headName();
        PTerm value = term(w.value, slots);
        if ("input".equals(head)) {
            return new WithMod(WithMod.INPUT, constPath(target), null, value, null, null);
        }
        if ("data".equals(head)) {
            RuleTree.Node n = node(target);
            if (n != null && n.isFunction()) {
                return functionMock(target.dottedName(), w.value, value);
            }
            return new WithMod(WithMod.DATA, constPath(target), null, value, null, null);
        }
        return functionMock(target.dottedName(), w.value, value);
    }

    private WithMod functionMock(String name, Term valueTerm, PTerm value) {
        if (valueTerm instanceof Ref vr) {
            String vn = vr.dottedName();
            if (vn != null && prog.builtin(vn) != null) {
                return new WithMod(WithMod.FUNCTION, null, name, null, vn, null);
            }
            RuleTree.Node fn = node(vr);
            if (fn != null && fn.isFunction()) {
                return new WithMod(WithMod.FUNCTION, null, name, null, null, fn);
            }
        }
        return new WithMod(WithMod.FUNCTION, null, name, value, null, null);
    }

    private static Value[] constPath(Ref r) {
        Value[] p = new Value[r.size() - 1];
        for (int i = 1; i < r.size(); i++) {
            if (!(r.get(i) instanceof Scalar s)) {
                throw new EvalError(EvalError.INTERNAL, "with target must be a constant path", r.loc);
            }
            p[i - 1] = s.value;
        }
        return p;
    }

    PTerm term(Term t, Slots slots) {
        if (t instanceof Var v) {
            return new PVar(slots.slot(v.name), v.name, v.loc);
        }
        if (t instanceof Scalar s) {
            return new PConst(s.value, s.loc);
        }
        if (t instanceof Ref r) {
            return ref(r, slots);
        }
        if (t instanceof ArrayTerm a) {
            PTerm[] es = terms(a.elems, slots);
            if (allConst(es)) {
                Value[] vs = new Value[es.length];
                for (int i = 0; i < es.length; i++) {
                    vs[i] = ((PConst) es[i]).value;
                }
                return new PConst(ArrayValue.of(vs), a.loc);
            }
            return new PArray(es, a.loc);
        }
        if (t instanceof SetTerm s) {
            PTerm[] es = terms(s.elems, slots);
            if (allConst(es)) {
                Value[] vs = new Value[es.length];
                for (int i = 0; i < es.length; i++) {
                    vs[i] = ((PConst) es[i]).value;
                }
                return new PConst(SetValue.of(vs), s.loc);
            }
            return new PSet(es, s.loc);
        }
        if (t instanceof ObjectTerm o) {
            PTerm[] ks = terms(o.keys, slots);
            PTerm[] vs = terms(o.values, slots);
            if (allConst(ks) && allConst(vs)) {
                ObjectBuilder b = new ObjectBuilder(ks.length);
                for (int i = 0; i < ks.length; i++) {
                    b.put(((PConst) ks[i]).value, ((PConst) vs[i]).value);
                }
                return new PConst(b.build(), o.loc);
            }
            return new PObject(ks, vs, o.loc);
        }
        if (t instanceof ArrayCompr c) {
            PExpr[] body = body(c.body, slots);
            return new PCompr(PCompr.ARRAY, term(c.head, slots), null, body, c.loc);
        }
        if (t instanceof SetCompr c) {
            PExpr[] body = body(c.body, slots);
            return new PCompr(PCompr.SET, term(c.head, slots), null, body, c.loc);
        }
        if (t instanceof ObjectCompr c) {
            PExpr[] body = body(c.body, slots);
            return new PCompr(PCompr.OBJECT, term(c.key, slots), term(c.value, slots), body, c.loc);
        }
        throw new EvalError(EvalError.INTERNAL, "unexpected term in compiled code: " + t.getClass().getSimpleName(), t.loc);
    }

    private PTerm[] terms(List<Term> ts, Slots slots) {
        PTerm[] r = new PTerm[ts.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = term(ts.get(i), slots);
        }
        return r;
    }

    private static boolean allConst(PTerm[] ts) {
        for (PTerm t : ts) {
            if (!(t instanceof PConst)) {
                return false;
            }
        }
        return true;
    }

    private PTerm ref(Ref r, Slots slots) {
        Term head = r.head();
        PTerm[] path = new PTerm[r.size() - 1];
        for (int i = 1; i < r.size(); i++) {
            path[i - 1] = term(r.get(i), slots);
        }
        if (!(head instanceof Var hv)) {
            throw new EvalError(EvalError.INTERNAL, "unexpected ref head in compiled code", r.loc);
        }
        if (hv.name.equals("data")) {
            RuleTree.Node n = prog.tree().root;
            int depth = 0;
            for (PTerm p : path) {
                if (!(p instanceof PConst c)) {
                    break;
                }
                RuleTree.Node child = n.child(c.value);
                if (child == null) {
                    n = null;
                    break;
                }
                n = child;
                depth++;
                if (n.hasRules()) {
                    break;
                }
            }
            return new PRef(Plan.HeadKind.DATA, -1, "data", path, n, depth, r.loc);
        }
        if (hv.name.equals("input")) {
            return new PRef(Plan.HeadKind.INPUT, -1, "input", path, null, 0, r.loc);
        }
        int slot = slots.slot(hv.name);
        if (path.length == 0) {
            return new PVar(slot, hv.name, hv.loc);
        }
        return new PRef(Plan.HeadKind.LOCAL, slot, hv.name, path, null, 0, r.loc);
    }
}
