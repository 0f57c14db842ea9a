package dev.palisade.rego.internal.eval;

import dev.palisade.rego.internal.ast.Ast.Loc;
import dev.palisade.rego.internal.compile.RuleTree;
import dev.palisade.rego.internal.eval.Plan.PTerm;
import dev.palisade.rego.internal.eval.Plan.RulePlan;
import dev.palisade.rego.internal.eval.Plan.RuleSet;
import dev.palisade.rego.internal.value.ObjectBuilder;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.SetBuilder;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rule semantics: complete rules (one value; different values are a conflict; else chains and
 * defaults), multi-value rules (a set), rules with variables in their ref (objects, merged with the
 * rules below them), and functions (one output per input).
 */
final class Rules {
    private Rules() {
    }

    static Value evaluate(Ctx ctx, RuleSet rs) {
        switch (rs.kind) {
            case RuleSet.COMPLETE -> {
                Value result = null;
                for (RulePlan rule : rs.rules) {
                    Value v = complete(ctx, rule, "complete rules must not produce multiple outputs");
                    if (v != null) {
                        if (result == null) {
                            result = v;
                        } else if (!result.equals(v)) {
                            throw new EvalError(EvalError.CONFLICT, "complete rules must not produce multiple outputs", rule.loc);
                        }
                    }
                }
                if (result == null && rs.defaultRule != null) {
                    result = complete(ctx, rs.defaultRule, "default rule must not produce multiple outputs");
                }
                return result;
            }
            case RuleSet.MULTI -> {
                SetBuilder out = new SetBuilder();
                for (RulePlan rule : rs.rules) {
                    Value[] f = new Value[rule.slots];
                    Eval.body(rule.body, 0, ctx, f, () -> {
                        Value k = rule.key.eval(ctx, f);
                        if (k != null && out.add(k)) {
                            ctx.charge(1);
                        }
                        return true;
                    });
                }
                return out.build();
            }
            case RuleSet.OBJECT -> {
                Tree root = new Tree();
                for (RulePlan rule : rs.rules) {
                    Value[] f = new Value[rule.slots];
                    Eval.body(rule.body, 0, ctx, f, () -> {
                        Value[] path = new Value[rule.relPath.length + rule.suffix.length];
                        System.arraycopy(rule.relPath, 0, path, 0, rule.relPath.length);
                        for (int i = 0; i < rule.suffix.length; i++) {
                            Value k = rule.suffix[i].eval(ctx, f);
                            if (k == null) {
                                return true;
                            }
                            path[rule.relPath.length + i] = k;
                        }
                        if (rule.value == null) {
                            Value k = rule.key.eval(ctx, f);
                            root.addToSet(path, k, rule.loc);
                        } else {
                            root.put(path, rule.value.eval(ctx, f), rule.loc);
                        }
                        ctx.charge(1);
                        return true;
                    });
                }
                descendants(ctx, rs.node, rs.node, root);
                return root.toValue();
            }
            default -> {
                return null;
            }
        }
    }

    /** Adds the values of rule nodes below {@code node} (rules with ground refs under a general ref). */
    private static void descendants(Ctx ctx, RuleTree.Node top, RuleTree.Node node, Tree root) {
        for (RuleTree.Node c : node.children.values()) {
            if (c.hasRules() && !c.isFunction()) {
                Value v = ctx.ruleValue(c, null);
                if (v != null) {
                    java.util.List<Value> rel = c.path().subList(top.path().size(), c.path().size());
                    root.merge(rel.toArray(new Value[0]), v, ((RuleSet) c.plan).rules.isEmpty()
                            ? null : ((RuleSet) c.plan).rules.get(0).loc);
                }
                RuleSet crs = (RuleSet) c.plan;
                if (crs != null && crs.kind == RuleSet.OBJECT) {
                    continue; // its own descendants are part of its value
                }
            }
            descendants(ctx, top, c, root);
        }
    }

    private static Value complete(Ctx ctx, RulePlan rule, String conflict) {
        for (RulePlan r = rule; r != null; r = r.elseRule) {
            Value[] f = new Value[r.slots];
            Value[] first = new Value[1];
            final RulePlan rr = r;
            Eval.body(r.body, 0, ctx, f, () -> {
                Value v = rr.value.eval(ctx, f);
                if (v == null) {
                    return true;
                }
                if (first[0] == null) {
                    first[0] = v;
                } else if (!first[0].equals(v)) {
                    throw new EvalError(EvalError.CONFLICT, conflict, rr.loc);
                }
                return !rr.constValue;
            });
            if (first[0] != null) {
                return first[0];
            }
        }
        return null;
    }

    static Value function(Ctx ctx, RuleSet rs, Value[] args) {
        Value result = null;
        for (RulePlan rule : rs.rules) {
            for (RulePlan r = rule; r != null; r = r.elseRule) {
                Value v = functionBranch(ctx, r, args);
                if (v != null) {
                    if (result == null) {
                        result = v;
                    } else if (!result.equals(v)) {
                        throw new EvalError(EvalError.CONFLICT, "functions must not produce multiple outputs for same inputs", r.loc);
                    }
                    break;
                }
            }
        }
        if (result == null && rs.defaultRule != null) {
            result = complete(ctx, rs.defaultRule, "default rule must not produce multiple outputs");
        }
        return result;
    }

    private static Value functionBranch(Ctx ctx, RulePlan r, Value[] args) {
        Value[] f = new Value[r.slots];
        int mark = ctx.mark();
        try {
            PTerm[] params = r.args;
            for (int i = 0; i < params.length; i++) {
                if (!Eval.match(ctx, f, params[i], args[i])) {
                    return null;
                }
            }
            Value[] first = new Value[1];
            Eval.body(r.body, 0, ctx, f, () -> {
                Value v = r.value.eval(ctx, f);
                if (v == null) {
                    return true;
                }
                if (first[0] == null) {
                    first[0] = v;
                } else if (!first[0].equals(v)) {
                    throw new EvalError(EvalError.CONFLICT, "functions must not produce multiple outputs for same inputs", r.loc);
                }
                return !r.constValue;
            });
            return first[0];
        } finally {
            ctx.undo(mark);
        }
    }

    /** A mutable object tree for building the values of rules with variables in their refs. */
    static final class Tree {
        final Map<Value, Object> map = new LinkedHashMap<>();

        void put(Value[] path, Value v, Loc loc) {
            Tree t = this;
            for (int i = 0; i < path.length - 1; i++) {
                Object o = t.map.get(path[i]);
                if (o == null) {
                    Tree n = new Tree();
                    t.map.put(path[i], n);
                    t = n;
                } else if (o instanceof Tree n) {
                    t = n;
                } else {
                    throw new EvalError(EvalError.CONFLICT, "object keys must be unique", loc);
                }
            }
            if (path.length == 0) {
                throw new EvalError(EvalError.CONFLICT, "object keys must be unique", loc);
            }
            Value last = path[path.length - 1];
            Object o = t.map.get(last);
            if (o == null) {
                t.map.put(last, v);
            } else if (o instanceof Value ov) {
                if (!ov.equals(v)) {
                    throw new EvalError(EvalError.CONFLICT, "object keys must be unique", loc);
                }
            } else if (o instanceof Tree tree && v instanceof ObjectValue obj) {
                tree.mergeObject(obj, loc);
            } else if (o instanceof SetBuilder sb && v instanceof SetValue sv) {
                for (int i = 0; i < sv.size(); i++) {
                    sb.add(sv.get(i));
                }
            } else {
                throw new EvalError(EvalError.CONFLICT, "object keys must be unique", loc);
            }
        }

        void addToSet(Value[] path, Value v, Loc loc) {
            Tree t = this;
            for (int i = 0; i < path.length - 1; i++) {
                Object o = t.map.get(path[i]);
                if (o == null) {
                    Tree n = new Tree();
                    t.map.put(path[i], n);
                    t = n;
                } else if (o instanceof Tree n) {
                    t = n;
                } else {
                    throw new EvalError(EvalError.CONFLICT, "object keys must be unique", loc);
                }
            }
            Value last = path[path.length - 1];
            Object o = t.map.get(last);
            if (o == null) {
                SetBuilder sb = new SetBuilder();
                sb.add(v);
                t.map.put(last, sb);
            } else if (o instanceof SetBuilder sb) {
                sb.add(v);
            } else if (o instanceof SetValue sv) {
                SetBuilder sb = new SetBuilder();
                for (int i = 0; i < sv.size(); i++) {
                    sb.add(sv.get(i));
                }
                sb.add(v);
                t.map.put(last, sb);
            } else {
                throw new EvalError(EvalError.CONFLICT, "object keys must be unique", loc);
            }
        }

        void merge(Value[] path, Value v, Loc loc) {
            if (path.length == 0) {
                if (v instanceof ObjectValue obj) {
                    mergeObject(obj, loc);
                    return;
                }
                throw new EvalError(EvalError.CONFLICT, "object keys must be unique", loc);
            }
            put(path, v, loc);
        }

        void mergeObject(ObjectValue obj, Loc loc) {
            for (int i = 0; i < obj.size(); i++) {
                Value k = obj.keyAt(i);
                Value v = obj.valueAt(i);
                Object o = map.get(k);
                if (o == null) {
                    map.put(k, v);
                } else if (o instanceof Tree t && v instanceof ObjectValue vo) {
                    t.mergeObject(vo, loc);
                } else if (o instanceof SetBuilder sb && v instanceof SetValue sv) {
                    for (int j = 0; j < sv.size(); j++) {
                        sb.add(sv.get(j));
                    }
                } else if (o instanceof Value ov && ov instanceof ObjectValue oo && v instanceof ObjectValue vo) {
                    Tree t = new Tree();
                    t.mergeObject(oo, loc);
                    t.mergeObject(vo, loc);
                    map.put(k, t);
                } else if (!(o instanceof Value ov2 && ov2.equals(v))) {
                    throw new EvalError(EvalError.CONFLICT, "object keys must be unique", loc);
                }
            }
        }

        Value toValue() {
            ObjectBuilder b = new ObjectBuilder(map.size());
            for (Map.Entry<Value, Object> e : map.entrySet()) {
                Object o = e.getValue();
                Value v;
                if (o instanceof Tree t) {
                    v = t.toValue();
                } else if (o instanceof SetBuilder sb) {
                    v = sb.build();
                } else {
                    v = (Value) o;
                }
                b.put(e.getKey(), v);
            }
            return b.build();
        }
    }

    static SetValue emptySet() {
        return SetValue.EMPTY;
    }
}
