package dev.palisade.rego.internal.ast;

import dev.palisade.rego.internal.ast.Ast.ArrayCompr;
import dev.palisade.rego.internal.ast.Ast.ArrayTerm;
import dev.palisade.rego.internal.ast.Ast.Call;
import dev.palisade.rego.internal.ast.Ast.Every;
import dev.palisade.rego.internal.ast.Ast.Expr;
import dev.palisade.rego.internal.ast.Ast.Head;
import dev.palisade.rego.internal.ast.Ast.Import;
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
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.Json;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.StringValue;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints a parsed module (before compilation) as Rego v1 source. The output is not laid out like
 * {@code opa fmt}: it is a canonical form that parses back to the same syntax tree, so that
 * {@code format(parse(format(parse(s))))} equals {@code format(parse(s))}. Rules with several bodies
 * print as several definitions; binary operators nested in terms are parenthesised.
 */
public final class Formatter {
    private static final Map<String, String> INFIX = Map.ofEntries(
            Map.entry("plus", "+"), Map.entry("minus", "-"), Map.entry("mul", "*"), Map.entry("div", "/"),
            Map.entry("rem", "%"), Map.entry("and", "&"), Map.entry("or", "|"), Map.entry("equal", "=="),
            Map.entry("neq", "!="), Map.entry("lt", "<"), Map.entry("lte", "<="), Map.entry("gt", ">"),
            Map.entry("gte", ">="), Map.entry("eq", "="), Map.entry("assign", ":="));
    private static final Set<String> KEYWORDS = Set.of("as", "contains", "default", "else", "every", "false", "if",
            "import", "in", "not", "null", "package", "some", "true", "with");

    private final StringBuilder sb = new StringBuilder();

    private Formatter() {
    }

    /** The module as Rego v1 source. */
    public static String format(Module m) {
        Formatter f = new Formatter();
        f.module(m);
        return f.sb.toString();
    }

    /** One term as Rego source. */
    public static String format(Term t) {
        Formatter f = new Formatter();
        f.term(t, false);
        return f.sb.toString();
    }

    private void module(Module m) {
        for (dev.palisade.rego.internal.value.Value a : m.packageAnnotations) {
            annotation(a);
        }
        sb.append("package ");
        for (int i = 0; i < m.packagePath.size(); i++) {
            String p = m.packagePath.get(i);
            if (i == 0) {
                if (!isIdent(p)) {
                    throw new IllegalArgumentException("package path must start with a name: " + p);
                }
                sb.append(p);
            } else {
                refKey(p);
            }
        }
        sb.append("\n\n");
        for (Import imp : m.imports) {
            sb.append("import ");
            ref(imp.path);
            if (imp.alias != null) {
                sb.append(" as ").append(imp.alias);
            }
            sb.append('\n');
        }
        if (!m.imports.isEmpty()) {
            sb.append('\n');
        }
        for (Rule r : m.rules) {
            rule(r);
            sb.append('\n');
        }
    }

    /** A METADATA block; its YAML is the annotations' JSON (a YAML flow mapping). */
    private void annotation(dev.palisade.rego.internal.value.Value a) {
        sb.append("# METADATA\n# ").append(Json.encode(a)).append('\n');
    }

    private void rule(Rule r) {
        Head h = r.head;
        if (r.annotations != null) {
            annotation(r.annotations);
        }
        if (r.isDefault) {
            sb.append("default ");
            headRef(h);
            sb.append(h.assign ? " := " : " = ");
            term(h.value, false);
            sb.append('\n');
            return;
        }
        headRef(h);
        if (h.value == null) {
            sb.append(" contains ");
            term(h.key, false);
        } else if (!h.generatedValue) {
            sb.append(h.assign ? " := " : " = ");
            term(h.value, false);
        }
        body(r, r.body);
        for (Rule e = r.elseRule; e != null; e = e.elseRule) {
            sb.append(" else");
            if (!e.head.generatedValue) {
                sb.append(e.head.assign ? " := " : " = ");
                term(e.head.value, false);
            }
            if (isImplicitTrue(e, e.body)) {
                if (e.head.generatedValue) {
                    sb.append(" if { true }");
                }
            } else {
                body(e, e.body);
            }
        }
        sb.append('\n');
    }

    /** A body the parser made up for a rule written without one. */
    private static boolean isImplicitTrue(Rule r, List<Expr> body) {
        return body.size() == 1 && body.get(0).terms instanceof Scalar s && s.value == BoolValue.TRUE
                && !body.get(0).negated && body.get(0).withs.isEmpty() && body.get(0).loc.equals(r.loc);
    }

    private void body(Rule r, List<Expr> body) {
        if (isImplicitTrue(r, body)) {
            return;
        }
        sb.append(" if {\n");
        for (Expr e : body) {
            sb.append('\t');
            expr(e, "\t");
            sb.append('\n');
        }
        sb.append('}');
    }

    private void headRef(Head h) {
        List<Term> ref = h.ref;
        sb.append(((Var) ref.get(0)).name);
        for (int i = 1; i < ref.size(); i++) {
            pathElement(ref.get(i));
        }
        if (h.args != null) {
            sb.append('(');
            list(h.args);
            sb.append(')');
        }
    }

    private void expr(Expr e, String indent) {
        if (e.negated) {
            sb.append("not ");
        }
        if (e.terms instanceof SomeDecl s) {
            some(s);
        } else if (e.terms instanceof Every ev) {
            every(ev, indent);
        } else if (e.terms instanceof Call c && (INFIX.containsKey(c.name()) || isMember(c)) && c.args.size() >= 2) {
            infix(c);
        } else {
            term((Term) e.terms, false);
        }
        for (With w : e.withs) {
            sb.append(" with ");
            term(w.target, false);
            sb.append(" as ");
            term(w.value, false);
        }
    }

    private void some(SomeDecl s) {
        sb.append("some ");
        if (s.symbols.size() == 1 && s.symbols.get(0) instanceof Call c && isMember(c)) {
            infix(c);
            return;
        }
        list(s.symbols);
    }

    private void every(Every ev, String indent) {
        sb.append("every ");
        if (ev.key != null) {
            term(ev.key, true);
            sb.append(", ");
        }
        term(ev.value, true);
        sb.append(" in ");
        term(ev.domain, true);
        sb.append(" {\n");
        for (Expr e : ev.body) {
            sb.append(indent).append('\t');
            expr(e, indent + "\t");
            sb.append('\n');
        }
        sb.append(indent).append('}');
    }

    private static boolean isMember(Call c) {
        String n = c.name();
        return n.equals("internal.member_2") || n.equals("internal.member_3");
    }

    /** An operator call at expression level (no parentheses around the whole). */
    private void infix(Call c) {
        if (isMember(c)) {
            for (int i = 0; i < c.args.size() - 1; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                term(c.args.get(i), true);
            }
            sb.append(" in ");
            term(c.args.get(c.args.size() - 1), true);
            return;
        }
        String op = INFIX.get(c.name());
        if (c.args.size() != 2) {
            call(c);
            return;
        }
        term(c.args.get(0), true);
        sb.append(' ').append(op).append(' ');
        term(c.args.get(1), true);
    }

    /**
     * A term. {@code nested}: the term is an operand, so operator calls get parentheses.
     */
    private void term(Term t, boolean nested) {
        if (t instanceof Var v) {
            sb.append(v.isWildcard() ? "_" : v.name);
        } else if (t instanceof Scalar s) {
            scalar(s);
        } else if (t instanceof Ref r) {
            ref(r);
        } else if (t instanceof ArrayTerm a) {
            sb.append('[');
            list(a.elems);
            sb.append(']');
        } else if (t instanceof SetTerm s) {
            if (s.elems.isEmpty()) {
                sb.append("set()");
            } else {
                sb.append('{');
                list(s.elems);
                sb.append('}');
            }
        } else if (t instanceof ObjectTerm o) {
            sb.append('{');
            for (int i = 0; i < o.keys.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                term(o.keys.get(i), true);
                sb.append(": ");
                term(o.values.get(i), true);
            }
            sb.append('}');
        } else if (t instanceof ArrayCompr c) {
            sb.append('[');
            term(c.head, true);
            sb.append(" | ");
            comprBody(c.body);
            sb.append(']');
        } else if (t instanceof SetCompr c) {
            sb.append('{');
            term(c.head, true);
            sb.append(" | ");
            comprBody(c.body);
            sb.append('}');
        } else if (t instanceof ObjectCompr c) {
            sb.append('{');
            term(c.key, true);
            sb.append(": ");
            term(c.value, true);
            sb.append(" | ");
            comprBody(c.body);
            sb.append('}');
        } else if (t instanceof Call c) {
            if ((INFIX.containsKey(c.name()) && c.args.size() == 2) || (isMember(c) && c.args.size() == 2)) {
                sb.append('(');
                infix(c);
                sb.append(')');
            } else {
                call(c);
            }
        } else if (t instanceof TemplateString ts) {
            template(ts);
        } else {
            throw new IllegalArgumentException("cannot format " + t.getClass().getSimpleName());
        }
    }

    private void comprBody(List<Expr> body) {
        for (int i = 0; i < body.size(); i++) {
            if (i > 0) {
                sb.append("; ");
            }
            expr(body.get(i), "");
        }
    }

    private void call(Call c) {
        ref(c.op);
        sb.append('(');
        list(c.args);
        sb.append(')');
    }

    private void list(List<Term> terms) {
        for (int i = 0; i < terms.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            term(terms.get(i), true);
        }
    }

    private void ref(Ref r) {
        Term head = r.head();
        if (head instanceof Var v) {
            sb.append(v.isWildcard() ? "_" : v.name);
        } else if (head instanceof Call || head instanceof ArrayTerm || head instanceof ObjectTerm || head instanceof SetTerm
                || head instanceof ArrayCompr || head instanceof SetCompr || head instanceof ObjectCompr) {
            term(head, true);
        } else {
            sb.append('(');
            term(head, false);
            sb.append(')');
        }
        for (int i = 1; i < r.size(); i++) {
            pathElement(r.get(i));
        }
    }

    private void pathElement(Term t) {
        if (t instanceof Scalar s && s.value instanceof StringValue str) {
            refKey(str.value());
            return;
        }
        sb.append('[');
        term(t, false);
        sb.append(']');
    }

    private void refKey(String k) {
        if (isIdent(k) && !KEYWORDS.contains(k)) {
            sb.append('.').append(k);
        } else {
            sb.append('[');
            Json.string(sb, k, false);
            sb.append(']');
        }
    }

    private void scalar(Scalar s) {
        if (s.value instanceof StringValue str) {
            Json.string(sb, str.value(), false);
        } else if (s.value instanceof NumberValue n) {
            sb.append(n.text(false));
        } else {
            sb.append(dev.palisade.rego.internal.value.Values.rego(s.value));
        }
    }

    private void template(TemplateString ts) {
        sb.append("$\"");
        for (Object part : ts.parts) {
            if (part instanceof Scalar s && s.value instanceof StringValue str) {
                StringBuilder q = new StringBuilder();
                Json.string(q, str.value(), false);
                sb.append(q.substring(1, q.length() - 1).replace("{", "\\{"));
            } else if (part instanceof Expr e) {
                sb.append('{');
                expr(e, "");
                sb.append('}');
            } else {
                sb.append('{');
                term((Term) part, false);
                sb.append('}');
            }
        }
        sb.append('"');
    }

    static boolean isIdent(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
