package dev.palisade.rego.internal.ast;

import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The Rego syntax tree, shaped as OPA's: terms (vars, scalars, refs, collections, comprehensions,
 * calls, template strings), expressions with {@code not}/{@code with}, rules with heads and bodies,
 * modules. Terms are immutable; expression lists and rule parts are rewritten by the compiler.
 */
public final class Ast {
    private Ast() {
    }

    /** A source position: file, 1-based line and column (already shifted by the source's offsets). */
    public record Loc(String file, int line, int col) {
        public static final Loc NONE = new Loc("", 0, 0);

        @Override
        public String toString() {
            return (file.isEmpty() ? "<query>" : file) + ":" + line + ":" + col;
        }
    }

    /** Base of all terms. */
    public abstract static class Term {
        public final Loc loc;

        Term(Loc loc) {
            this.loc = loc == null ? Loc.NONE : loc;
        }
    }

    /** A variable; wildcards are renamed {@code $N} by the parser, compiler-made ones start {@code __local}. */
    public static final class Var extends Term {
        public final String name;

        public Var(String name, Loc loc) {
            super(loc);
            this.name = name;
        }

        public boolean isWildcard() {
            return name.startsWith("$");
        }

        public boolean isGenerated() {
            return name.startsWith("__local");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** null, boolean, number or string literal. */
    public static final class Scalar extends Term {
        public final Value value;

        public Scalar(Value value, Loc loc) {
            super(loc);
            this.value = value;
        }

        public boolean isString() {
            return value instanceof StringValue;
        }

        public String string() {
            return ((StringValue) value).value();
        }
    }

    /** A reference: a head term (var, collection, call) followed by path terms. */
    public static final class Ref extends Term {
        public final List<Term> terms;

        public Ref(List<Term> terms, Loc loc) {
            super(loc);
            this.terms = List.copyOf(terms);
        }

        public Term head() {
            return terms.get(0);
        }

        public int size() {
            return terms.size();
        }

        public Term get(int i) {
            return terms.get(i);
        }

        /** The head var's name, or {@code null} when the head is not a var. */
        public String headName() {
            return terms.get(0) instanceof Var v ? v.name : null;
        }

        /** Whether every path term (after the head) is a scalar. */
        public boolean isGroundPath() {
            for (int i = 1; i < terms.size(); i++) {
                if (!(terms.get(i) instanceof Scalar)) {
                    return false;
                }
            }
            return true;
        }

        /** The dotted name when this is var.string.string..., else {@code null}. */
        public String dottedName() {
            if (!(terms.get(0) instanceof Var v)) {
                return null;
            }
            StringBuilder sb = new StringBuilder(v.name);
            for (int i = 1; i < terms.size(); i++) {
                if (!(terms.get(i) instanceof Scalar s) || !s.isString()) {
                    return null;
                }
                sb.append('.').append(s.string());
            }
            return sb.toString();
        }
    }

    public static final class ArrayTerm extends Term {
        public final List<Term> elems;

        public ArrayTerm(List<Term> elems, Loc loc) {
            super(loc);
            this.elems = List.copyOf(elems);
        }
    }

    public static final class ObjectTerm extends Term {
        public final List<Term> keys;
        public final List<Term> values;

        public ObjectTerm(List<Term> keys, List<Term> values, Loc loc) {
            super(loc);
            this.keys = List.copyOf(keys);
            this.values = List.copyOf(values);
        }
    }

    public static final class SetTerm extends Term {
        public final List<Term> elems;

        public SetTerm(List<Term> elems, Loc loc) {
            super(loc);
            this.elems = List.copyOf(elems);
        }
    }

    public static final class ArrayCompr extends Term {
        public final Term head;
        public final List<Expr> body;

        public ArrayCompr(Term head, List<Expr> body, Loc loc) {
            super(loc);
            this.head = head;
            this.body = new ArrayList<>(body);
        }
    }

    public static final class SetCompr extends Term {
        public final Term head;
        public final List<Expr> body;

        public SetCompr(Term head, List<Expr> body, Loc loc) {
            super(loc);
            this.head = head;
            this.body = new ArrayList<>(body);
        }
    }

    public static final class ObjectCompr extends Term {
        public final Term key;
        public final Term value;
        public final List<Expr> body;

        public ObjectCompr(Term key, Term value, List<Expr> body, Loc loc) {
            super(loc);
            this.key = key;
            this.value = value;
            this.body = new ArrayList<>(body);
        }
    }

    /** A function call term; the operator is a ref such as {@code count} or {@code data.lib.f}. */
    public static final class Call extends Term {
        public final Ref op;
        public final List<Term> args;

        public Call(Ref op, List<Term> args, Loc loc) {
            super(loc);
            this.op = op;
            this.args = List.copyOf(args);
        }

        /** The operator's dotted name, e.g. {@code plus}, {@code array.concat}, {@code data.x.f}. */
        public String name() {
            String n = op.dottedName();
            return n == null ? "<dynamic>" : n;
        }
    }

    /** A template string {@code $"a {x} b"}: parts are string scalars and expressions. */
    public static final class TemplateString extends Term {
        public final List<Object> parts;
        public final boolean raw;

        public TemplateString(List<Object> parts, boolean raw, Loc loc) {
            super(loc);
            this.parts = new ArrayList<>(parts);
            this.raw = raw;
        }
    }

    /** {@code some x, y} or {@code some x in xs} / {@code some k, v in xs} (one member call). */
    public static final class SomeDecl {
        public final List<Term> symbols;

        public SomeDecl(List<Term> symbols) {
            this.symbols = new ArrayList<>(symbols);
        }
    }

    /** {@code every k, v in domain { body }}. */
    public static final class Every {
        public Term key;
        public Term value;
        public Term domain;
        public List<Expr> body;

        public Every(Term key, Term value, Term domain, List<Expr> body) {
            this.key = key;
            this.value = value;
            this.domain = domain;
            this.body = new ArrayList<>(body);
        }
    }

    /** {@code with target as value}. */
    public static final class With {
        public Term target;
        public Term value;
        public final Loc loc;

        public With(Term target, Term value, Loc loc) {
            this.target = target;
            this.value = value;
            this.loc = loc;
        }
    }

    /**
     * An expression: a single term, a call (operator and operands, including {@code =} and
     * {@code :=}), a some declaration or an every; optionally negated, with modifiers.
     */
    public static final class Expr {
        public Loc loc;
        public boolean negated;
        public boolean generated;
        /** {@link Term}, {@link Call} (as a list: see {@link #call}), {@link SomeDecl} or {@link Every}. */
        public Object terms;
        public List<With> withs = new ArrayList<>();

        public Expr(Object terms, Loc loc) {
            this.terms = terms;
            this.loc = loc;
        }

        /** The call of a call expression, else {@code null}. */
        public Call call() {
            return terms instanceof Call c ? c : null;
        }

        public boolean isCall() {
            return terms instanceof Call;
        }

        public boolean isCallNamed(String name) {
            return terms instanceof Call c && name.equals(c.op.dottedName());
        }

        /** {@code a = b}. */
        public boolean isEquality() {
            return isCallNamed("eq") && ((Call) terms).args.size() == 2;
        }

        /** {@code a := b}. */
        public boolean isAssignment() {
            return isCallNamed("assign") && ((Call) terms).args.size() == 2;
        }

        public boolean isSome() {
            return terms instanceof SomeDecl;
        }

        public boolean isEvery() {
            return terms instanceof Every;
        }

        public Term term() {
            return terms instanceof Term t && !(t instanceof Call) ? t : null;
        }
    }

    /** A rule head: ref (name path), args for functions, key for multi-value rules, value. */
    public static final class Head {
        public List<Term> ref;
        public List<Term> args;
        public Term key;
        public Term value;
        public boolean assign;
        public boolean usesContains;
        public boolean generatedValue;
        public Loc loc;

        public Head(List<Term> ref, Loc loc) {
            this.ref = new ArrayList<>(ref);
            this.loc = loc;
        }

        /** Multi-value (partial set) rules have a key and no value. */
        public boolean isMultiValue() {
            return key != null && value == null;
        }

        public boolean isFunction() {
            return args != null;
        }

        public String name() {
            return ((Var) ref.get(0)).name;
        }

        /** Whether every term of the ref after the name is a scalar. */
        public boolean isGroundRef() {
            for (int i = 1; i < ref.size(); i++) {
                if (!(ref.get(i) instanceof Scalar)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A rule (one body of a possibly multi-body definition), with its else chain. */
    public static final class Rule {
        public boolean isDefault;
        public Head head;
        public List<Expr> body = new ArrayList<>();
        public Rule elseRule;
        public Loc loc;
        public Module module;
        /** The METADATA annotations written above this rule (normalised, with their scope), or null. */
        public Value annotations;

        public Rule(Loc loc) {
            this.loc = loc;
        }
    }

    /** {@code import path [as alias]}. */
    public static final class Import {
        public final Ref path;
        public final String alias;
        public final Loc loc;

        public Import(Ref path, String alias, Loc loc) {
            this.path = path;
            this.alias = alias;
            this.loc = loc;
        }

        /** The name the import binds: the alias, or the last path element. */
        public String name() {
            if (alias != null) {
                return alias;
            }
            Term last = path.terms.get(path.terms.size() - 1);
            return last instanceof Var v ? v.name : ((Scalar) last).string();
        }
    }

    /** A parsed module. */
    public static final class Module {
        public final String file;
        /** Package path as strings (without {@code data}). */
        public List<String> packagePath;
        public Loc packageLoc;
        public final List<Import> imports = new ArrayList<>();
        public final List<Rule> rules = new ArrayList<>();
        /** METADATA annotations of the package (scope package or subpackages). */
        public final List<Value> packageAnnotations = new ArrayList<>();
        public boolean v1;

        public Module(String file) {
            this.file = file;
        }

        public String packageName() {
            return String.join(".", packagePath);
        }
    }
}
