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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects variables of terms, expressions and bodies, with OPA's visitor options. */
public final class Vars {
    public static final int SKIP_REF_HEAD = 1;
    public static final int SKIP_CLOSURES = 2;
    public static final int SKIP_OBJECT_KEYS = 4;
    public static final int SKIP_SETS = 8;
    public static final int SKIP_REF_CALL_HEAD = 16;
    public static final int SKIP_WITH_TARGET = 32;
    /** OPA's SafetyCheckVisitorParams. */
    public static final int SAFETY = SKIP_REF_CALL_HEAD | SKIP_CLOSURES;

    private Vars() {
    }

    public static Set<String> of(Object node, int flags) {
        Set<String> out = new LinkedHashSet<>();
        collect(node, flags, out);
        return out;
    }

    public static Set<String> of(Object node) {
        return of(node, 0);
    }

    @SuppressWarnings("unchecked")
    public static void collect(Object node, int flags, Set<String> out) {
        if (node == null) {
            return;
        }
        if (node instanceof List<?> list) {
            for (Object o : list) {
                collect(o, flags, out);
            }
            return;
        }
        if (node instanceof Expr e) {
            expr(e, flags, out);
            return;
        }
        if (node instanceof With w) {
            with(w, flags, out);
            return;
        }
        if (node instanceof Term t) {
            term(t, flags, out);
        }
    }

    private static void expr(Expr e, int flags, Set<String> out) {
        if (e.terms instanceof Every ev) {
            if ((flags & SKIP_CLOSURES) != 0) {
                term(ev.domain, flags, out);
            } else {
                if (ev.key != null) {
                    term(ev.key, flags, out);
                }
                term(ev.value, flags, out);
                term(ev.domain, flags, out);
                collect(ev.body, flags, out);
            }
        } else if (e.terms instanceof SomeDecl sd) {
            for (Term t : sd.symbols) {
                term(t, flags, out);
            }
        } else if (e.terms instanceof Call c && (flags & SKIP_REF_CALL_HEAD) != 0) {
            for (int i = 1; i < c.op.size(); i++) {
                term(c.op.get(i), flags, out);
            }
            for (Term a : c.args) {
                term(a, flags, out);
            }
        } else if (e.terms instanceof Term t) {
            term(t, flags, out);
        }
        for (With w : e.withs) {
            with(w, flags, out);
        }
    }

    private static void with(With w, int flags, Set<String> out) {
        if ((flags & SKIP_WITH_TARGET) != 0) {
            term(w.value, flags, out);
            return;
        }
        if ((flags & SKIP_REF_CALL_HEAD) != 0) {
            if (w.target instanceof Ref r) {
                for (int i = 1; i < r.size(); i++) {
                    term(r.get(i), flags, out);
                }
            }
            if (w.value instanceof Ref r) {
                for (int i = 1; i < r.size(); i++) {
                    term(r.get(i), flags, out);
                }
            } else {
                term(w.value, flags, out);
            }
            return;
        }
        term(w.target, flags, out);
        term(w.value, flags, out);
    }

    public static void term(Term t, int flags, Set<String> out) {
        if (t instanceof Var v) {
            out.add(v.name);
        } else if (t instanceof Ref r) {
            int start = (flags & SKIP_REF_HEAD) != 0 ? 1 : 0;
            for (int i = start; i < r.size(); i++) {
                term(r.get(i), flags, out);
            }
        } else if (t instanceof Call c) {
            if ((flags & SKIP_REF_CALL_HEAD) != 0) {
                for (int i = 1; i < c.op.size(); i++) {
                    term(c.op.get(i), flags, out);
                }
            } else {
                term(c.op, flags, out);
            }
            for (Term a : c.args) {
                term(a, flags, out);
            }
        } else if (t instanceof ArrayTerm a) {
            for (Term e : a.elems) {
                term(e, flags, out);
            }
        } else if (t instanceof ObjectTerm o) {
            if ((flags & SKIP_OBJECT_KEYS) == 0) {
                for (Term k : o.keys) {
                    term(k, flags, out);
                }
            }
            for (Term v : o.values) {
                term(v, flags, out);
            }
        } else if (t instanceof SetTerm s) {
            if ((flags & SKIP_SETS) == 0) {
                for (Term e : s.elems) {
                    term(e, flags, out);
                }
            }
        } else if (t instanceof ArrayCompr c) {
            if ((flags & SKIP_CLOSURES) == 0) {
                term(c.head, flags, out);
                collect(c.body, flags, out);
            }
        } else if (t instanceof SetCompr c) {
            if ((flags & SKIP_CLOSURES) == 0) {
                term(c.head, flags, out);
                collect(c.body, flags, out);
            }
        } else if (t instanceof ObjectCompr c) {
            if ((flags & SKIP_CLOSURES) == 0) {
                term(c.key, flags, out);
                term(c.value, flags, out);
                collect(c.body, flags, out);
            }
        } else if (t instanceof TemplateString ts) {
            if ((flags & SKIP_CLOSURES) == 0) {
                for (Object p : ts.parts) {
                    collect(p, flags, out);
                }
            }
        }
    }

    /** Whether a term contains refs or comprehensions (needs evaluation). */
    public static boolean requiresEval(Term t) {
        if (t == null) {
            return false;
        }
        if (t instanceof Ref || t instanceof ArrayCompr || t instanceof SetCompr || t instanceof ObjectCompr
                || t instanceof Call || t instanceof TemplateString) {
            return true;
        }
        if (t instanceof ArrayTerm a) {
            return a.elems.stream().anyMatch(Vars::requiresEval);
        }
        if (t instanceof SetTerm s) {
            return s.elems.stream().anyMatch(Vars::requiresEval);
        }
        if (t instanceof ObjectTerm o) {
            return o.keys.stream().anyMatch(Vars::requiresEval) || o.values.stream().anyMatch(Vars::requiresEval);
        }
        return false;
    }

    /** Whether a term contains no vars, refs, calls or comprehensions. */
    public static boolean isConstant(Term t) {
        if (t instanceof Ast.Scalar) {
            return true;
        }
        if (t instanceof ArrayTerm a) {
            return a.elems.stream().allMatch(Vars::isConstant);
        }
        if (t instanceof SetTerm s) {
            return s.elems.stream().allMatch(Vars::isConstant);
        }
        if (t instanceof ObjectTerm o) {
            return o.keys.stream().allMatch(Vars::isConstant) && o.values.stream().allMatch(Vars::isConstant);
        }
        return false;
    }
}
