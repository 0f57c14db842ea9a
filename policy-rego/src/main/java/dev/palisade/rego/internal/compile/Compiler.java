package dev.palisade.rego.internal.compile;

import dev.palisade.rego.internal.ast.Ast.ArrayCompr;
import dev.palisade.rego.internal.ast.Ast.ArrayTerm;
import dev.palisade.rego.internal.ast.Ast.Call;
import dev.palisade.rego.internal.ast.Ast.Every;
import dev.palisade.rego.internal.ast.Ast.Expr;
import dev.palisade.rego.internal.ast.Ast.Import;
import dev.palisade.rego.internal.ast.Ast.Loc;
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
import dev.palisade.rego.internal.ast.Annotations;
import dev.palisade.rego.internal.ast.Terms;
import dev.palisade.rego.internal.ast.Vars;
import dev.palisade.rego.internal.builtins.Builtin;
import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.ObjectBuilder;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compiles parsed modules as OPA's compiler does, stage by stage: resolve refs (imports, package
 * rules), rewrite rule head refs, build the rule tree and check conflicts, rewrite local variables
 * ({@code :=}, {@code some}, {@code every}), template strings and print calls, lift nested calls
 * and composite ref heads, comprehension terms, head refs and {@code with} values, check functions,
 * order bodies for safety, rewrite {@code ==} and dynamic terms, and reject recursion.
 */
public final class Compiler {
    static final Set<String> ROOTS = Set.of("data", "input");
    private static final int MAX_ERRORS = 10;

    final List<Module> modules;
    final Function<String, Builtin> builtins;
    final List<CompileError> errors = new ArrayList<>();
    final RuleTree tree;
    final Map<String, String> rewrittenVars = new HashMap<>();
    VarGen gen;

    public Compiler(List<Module> modules, Function<String, Builtin> builtins) {
        this.modules = new ArrayList<>(modules);
        this.modules.sort((a, b) -> a.file.compareTo(b.file));
        this.builtins = builtins;
        this.tree = new RuleTree();
    }

    /** A compiler for queries against an already compiled rule tree. */
    public Compiler(RuleTree tree, Function<String, Builtin> builtins) {
        this.modules = List.of();
        this.builtins = builtins;
        this.tree = tree;
    }

    /** A compiled query: its body and the source names of its generated variables. */
    public record CompiledQuery(List<Expr> body, Map<String, String> rewritten) {
    }

    /** Compiles a parsed query as OPA's query compiler does (no package context). */
    public CompiledQuery compileQuery(List<Expr> parsed) {
        Set<String> all = Vars.of(parsed);
        gen = new VarGen(all, "__localq");
        List<Expr> body = new Resolver(Map.of()).resolveQuery(parsed);
        Map<String, String> rewritten = new HashMap<>();
        body = new LocalVars(this, gen).rewriteQuery(body, rewritten);
        check();
        Rewriter rw = new Rewriter(this, gen);
        body = rw.templateBody(body);
        body = rw.printBody(body);
        body = rw.rewriteExprTermsInBody(body);
        check();
        body = rw.comprBody(body);
        body = rw.rewriteWithModifiers(body);
        check();
        checkUndefinedFuncs(body);
        check();
        body = new Safety(this).checkBody(new HashSet<>(Safety.RESERVED), body, rewritten);
        check();
        body = rw.rewriteDynamics(body);
        return new CompiledQuery(body, rewritten);
    }

    public RuleTree tree() {
        return tree;
    }

    public List<Module> modules() {
        return modules;
    }

    void error(String code, String message, Loc loc) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new CompileError(code, message, loc));
        }
    }

    private void check() {
        if (!errors.isEmpty()) {
            throw new CompileFailure(errors);
        }
    }

    /** Runs all stages on the modules; throws {@link CompileFailure} on errors. */
    public void compile() {
        Set<String> all = new HashSet<>();
        for (Module m : modules) {
            forEachRule(m, r -> {
                Vars.collect(r.head.ref, 0, all);
                Vars.collect(r.head.args, 0, all);
                Vars.collect(r.head.key, 0, all);
                Vars.collect(r.head.value, 0, all);
                Vars.collect(r.body, 0, all);
            });
        }
        gen = new VarGen(all, "__local");
        rewriteMetadataCalls();
        checkImports();
        check();
        resolveAllRefs();
        check();
        rewriteRuleHeadRefs();
        check();
        buildRuleTree();
        checkRuleConflicts();
        check();
        new LocalVars(this).rewriteModules();
        check();
        Rewriter rw = new Rewriter(this, gen);
        forEachRule(r -> rw.rewriteTemplateStrings(r));
        forEachRule(r -> rw.rewritePrintCalls(r));
        forEachRule(r -> rw.rewriteExprTermsInRule(r));
        check();
        forEachRule(r -> rw.rewriteComprehensionTerms(r));
        forEachRule(r -> rw.rewriteRefsInHead(r));
        forEachRule(r -> r.body = rw.rewriteWithModifiers(r.body));
        check();
        forEachRule(r -> checkUndefinedFuncs(r.body));
        check();
        Safety safety = new Safety(this);
        forEachRule(safety::checkHead);
        check();
        forEachRule(safety::checkRuleBody);
        check();
        forEachRule(r -> Rewriter.rewriteEquals(r.body));
        forEachRule(r -> r.body = rw.rewriteDynamics(r.body));
        checkRecursion();
        check();
    }

    void forEachRule(Consumer<Rule> f) {
        for (Module m : modules) {
            forEachRule(m, f);
        }
    }

    static void forEachRule(Module m, Consumer<Rule> f) {
        for (Rule r : m.rules) {
            for (Rule e = r; e != null; e = e.elseRule) {
                f.accept(e);
            }
        }
    }

    // ---------------------------------------------------------------- metadata

    /**
     * Replaces {@code rego.metadata.rule()} and {@code rego.metadata.chain()} in rule bodies by the
     * constant annotations of the rule they are in (OPA rewrites them the same way).
     */
    private void rewriteMetadataCalls() {
        for (Module m : modules) {
            for (Rule top : m.rules) {
                for (Rule r = top; r != null; r = r.elseRule) {
                    Rule owner = top;
                    boolean[] used = {false};
                    java.util.function.UnaryOperator<Term> f = t -> {
                        if (t instanceof Call c && c.args.isEmpty() && isMetadataCall(c)) {
                            used[0] = true;
                            return Annotations.term(metadata(owner, c.name()), c.loc);
                        }
                        return null;
                    };
                    List<Expr> body = new ArrayList<>();
                    for (Expr e : r.body) {
                        if (e.terms instanceof Call c && c.args.size() == 1 && isMetadataCall(c)) {
                            Expr eq = Terms.copy(e);
                            eq.terms = new Call(new Ref(List.of(new Var("eq", c.loc)), c.loc),
                                    List.of(c.args.get(0), Annotations.term(metadata(owner, c.name()), c.loc)), c.loc);
                            e = eq;
                            used[0] = true;
                        }
                        body.add(Terms.mapExpr(e, f));
                    }
                    if (used[0]) {
                        r.body = body;
                    }
                    if (r.head.value != null && containsMetadataCall(r.head.value)) {
                        r.head.value = Terms.map(r.head.value, f);
                    }
                }
            }
        }
    }

    private static boolean isMetadataCall(Call c) {
        String n = c.op.dottedName();
        return "rego.metadata.rule".equals(n) || "rego.metadata.chain".equals(n);
    }

    private static boolean containsMetadataCall(Term t) {
        boolean[] found = {false};
        Terms.map(t, x -> {
            if (x instanceof Call c && isMetadataCall(c)) {
                found[0] = true;
            }
            return null;
        });
        return found[0];
    }

    private Value metadata(Rule rule, String call) {
        Value own = rule.annotations != null && "rule".equals(scope(rule.annotations)) ? rule.annotations : null;
        if (call.equals("rego.metadata.rule")) {
            return own == null ? ObjectValue.EMPTY : own;
        }
        List<Value> path = new ArrayList<>();
        for (String p : rule.module.packagePath) {
            path.add(StringValue.of(p));
        }
        List<Value> pkgPath = List.copyOf(path);
        for (Term t : rule.head.ref) {
            if (t instanceof Var v) {
                path.add(StringValue.of(v.name));
            } else if (t instanceof Scalar sc) {
                path.add(sc.value);
            } else {
                break;
            }
        }
        List<Value> chain = new ArrayList<>();
        chain.add(chainEntry(path, own));
        for (Module m : modules) {
            for (Rule r : m.rules) {
                if (r.annotations != null && "document".equals(scope(r.annotations)) && r.module.packagePath.equals(rule.module.packagePath)
                        && r.head.name().equals(rule.head.name())) {
                    chain.add(chainEntry(path, r.annotations));
                }
            }
        }
        for (Module m : modules) {
            if (m.packagePath.equals(rule.module.packagePath)) {
                for (Value a : m.packageAnnotations) {
                    if ("package".equals(scope(a))) {
                        chain.add(chainEntry(pkgPath, a));
                    }
                }
            }
        }
        for (int len = pkgPath.size(); len >= 1; len--) {
            List<String> prefix = rule.module.packagePath.subList(0, len);
            for (Module m : modules) {
                if (m.packagePath.equals(prefix)) {
                    for (Value a : m.packageAnnotations) {
                        if ("subpackages".equals(scope(a))) {
                            chain.add(chainEntry(pkgPath.subList(0, len), a));
                        }
                    }
                }
            }
        }
        return ArrayValue.of(chain);
    }

    private static String scope(Value annotations) {
        return annotations instanceof ObjectValue o && o.get("scope") instanceof StringValue s ? s.value() : "";
    }

    private static Value chainEntry(List<Value> path, Value annotations) {
        ObjectBuilder b = new ObjectBuilder();
        b.put("path", ArrayValue.of(path));
        if (annotations != null) {
            b.put("annotations", annotations);
        }
        return b.build();
    }

    // ---------------------------------------------------------------- imports and refs

    private void checkImports() {
        for (Module m : modules) {
            Map<String, Import> seen = new HashMap<>();
            for (Import imp : m.imports) {
                String root = imp.path.headName();
                if (root.equals("future") || root.equals("rego")) {
                    continue;
                }
                Import prev = seen.put(imp.name(), imp);
                if (prev != null && m.v1) {
                    error(CompileError.COMPILE, "import must not shadow " + prev.path.dottedName(), imp.loc);
                }
            }
        }
    }

    private void resolveAllRefs() {
        Map<String, Set<String>> exports = new HashMap<>();
        for (Module m : modules) {
            Set<String> names = exports.computeIfAbsent(m.packageName(), k -> new LinkedHashSet<>());
            for (Rule r : m.rules) {
                names.add(r.head.name());
            }
        }
        for (Module m : modules) {
            Map<String, List<Term>> globals = new HashMap<>();
            for (String name : exports.getOrDefault(m.packageName(), Set.of())) {
                List<Term> ref = new ArrayList<>();
                ref.add(new Var("data", Loc.NONE));
                for (String s : m.packagePath) {
                    ref.add(new Scalar(StringValue.of(s), Loc.NONE));
                }
                ref.add(new Scalar(StringValue.of(name), Loc.NONE));
                globals.put(name, ref);
            }
            for (Import imp : m.imports) {
                String root = imp.path.headName();
                if (root.equals("future") || root.equals("rego")) {
                    continue;
                }
                globals.put(imp.name(), imp.path.terms);
            }
            Resolver res = new Resolver(globals);
            forEachRule(m, r -> {
                String err = res.resolveRule(r);
                if (err != null) {
                    error(CompileError.COMPILE, err, r.loc);
                }
            });
        }
    }

    private void rewriteRuleHeadRefs() {
        forEachRule(rule -> {
            List<Term> ref = rule.head.ref;
            for (int i = 1; i < ref.size(); i++) {
                Term t = ref.get(i);
                if (!(t instanceof Var) && !(t instanceof Scalar)) {
                    Var v = gen.var(t.loc);
                    Expr eq = Rewriter.eq(v, t, t.loc);
                    eq.generated = true;
                    if (i == ref.size() - 1 && rule.head.key == t) {
                        rule.head.key = v;
                    }
                    ref.set(i, v);
                    rule.body.add(eq);
                }
            }
        });
    }

    // ---------------------------------------------------------------- rule tree

    private void buildRuleTree() {
        for (Module m : modules) {
            RuleTree.Node pkg = tree.root; // the root is data itself
            for (String s : m.packagePath) {
                pkg = pkg.childOrCreate(StringValue.of(s));
            }
            pkg.isPackage = true;
            for (Rule r : m.rules) {
                RuleTree.Node n = tree.root;
                for (Value v : RuleTree.rulePath(m.packagePath, r)) {
                    n = n.childOrCreate(v);
                }
                n.rules.add(r);
            }
        }
    }

    private void checkRuleConflicts() {
        tree.root.forEach(node -> {
            if (node.rules.isEmpty()) {
                return;
            }
            Set<String> kinds = new HashSet<>();
            Set<Integer> arities = new HashSet<>();
            int complete = 0;
            int partial = 0;
            List<Rule> defaults = new ArrayList<>();
            boolean conflictChildren = false;
            for (Rule r : node.rules) {
                kinds.add(r.head.isMultiValue() ? "multi" : "single");
                arities.add(r.head.args == null ? 0 : r.head.args.size());
                if (r.isDefault) {
                    defaults.add(r);
                }
                boolean ground = r.head.isGroundRef();
                if (ground && !node.children.isEmpty()) {
                    conflictChildren = true;
                }
                if (!r.head.isMultiValue() && ground) {
                    complete++;
                } else {
                    partial++;
                }
            }
            String name = node.name();
            Rule first = node.rules.get(0);
            if (conflictChildren) {
                List<String> names = new ArrayList<>();
                for (RuleTree.Node c : node.children.values()) {
                    c.forEach(d -> {
                        if (!d.rules.isEmpty()) {
                            names.add(d.name());
                        }
                    });
                }
                error(CompileError.TYPE, "rule " + name + " conflicts with " + names, first.loc);
            } else if (kinds.size() > 1 || arities.size() > 1 || (complete >= 1 && partial >= 1)) {
                error(CompileError.TYPE, "conflicting rules " + name + " found", first.loc);
            } else if (defaults.size() > 1) {
                error(CompileError.TYPE, "multiple default rules " + name + " found", first.module.packageLoc);
            }
        });
        // a package that is also a (ground) rule
        for (Module m : modules) {
            List<Value> path = new ArrayList<>();
            for (String s : m.packagePath) {
                path.add(StringValue.of(s));
            }
            RuleTree.Node n = tree.root;
            for (int i = 0; i < path.size(); i++) {
                n = n.child(path.get(i));
                if (n != null && !n.rules.isEmpty() && n.rules.get(0).head.isGroundRef()
                        && !n.rules.get(0).head.isMultiValue() && i < path.size()) {
                    error(CompileError.TYPE, "package " + m.packageName() + " conflicts with rule " + n.name()
                            + " defined at " + n.rules.get(0).loc, m.packageLoc);
                    break;
                }
            }
        }
    }

    // ---------------------------------------------------------------- functions

    /** The arity of a function or builtin named by a call operator, or -1 when unknown. */
    int arity(Ref op) {
        String name = op.dottedName();
        if (name == null) {
            return -1;
        }
        Builtin b = builtins.apply(name);
        if (b != null) {
            return b.arity;
        }
        if (!"data".equals(op.headName())) {
            return -1;
        }
        List<Value> path = new ArrayList<>();
        for (int i = 1; i < op.size(); i++) {
            path.add(((Scalar) op.get(i)).value);
        }
        RuleTree.Node n = tree.find(path);
        if (n == null || n.rules.isEmpty()) {
            return -1;
        }
        List<Term> args = n.rules.get(0).head.args;
        return args == null ? 0 : args.size();
    }

    void checkUndefinedFuncs(List<Expr> body) {
        for (Expr e : body) {
            if (e.terms instanceof Call c && !e.isEquality()) {
                checkCall(c, e);
            }
            walkClosures(e, this::checkUndefinedFuncs);
        }
    }

    private void checkCall(Call c, Expr e) {
        String name = c.op.dottedName();
        int ar = arity(c.op);
        if (ar < 0) {
            String unsupported = name == null ? null : Unsupported.reason(name);
            if (unsupported != null) {
                error(CompileError.TYPE, unsupported, e.loc);
                return;
            }
            error(CompileError.TYPE, "undefined function " + (name == null ? "<dynamic>" : name), e.loc);
            return;
        }
        int operands = c.args.size();
        if (e.generated) {
            if (operands != ar + 1) {
                error(CompileError.TYPE, "function " + name + " has arity " + ar + ", got " + (operands - 1)
                        + " argument" + (operands - 1 == 1 ? "" : "s"), e.loc);
            }
        } else if (operands != ar && operands != ar + 1) {
            error(CompileError.TYPE, "function " + name + " has arity " + ar + ", got " + operands + " argument"
                    + (operands == 1 ? "" : "s"), e.loc);
        }
    }

    /** Applies {@code f} to every closure body (comprehensions, every, template strings) in an expression. */
    static void walkClosures(Expr e, Consumer<List<Expr>> f) {
        if (e.terms instanceof Every ev) {
            walkTermClosures(ev.domain, f);
            f.accept(ev.body);
        } else if (e.terms instanceof SomeDecl sd) {
            for (Term t : sd.symbols) {
                walkTermClosures(t, f);
            }
        } else if (e.terms instanceof Term t) {
            walkTermClosures(t, f);
        }
        for (With w : e.withs) {
            walkTermClosures(w.value, f);
        }
    }

    static void walkTermClosures(Term t, Consumer<List<Expr>> f) {
        if (t instanceof ArrayCompr c) {
            walkTermClosures(c.head, f);
            f.accept(c.body);
        } else if (t instanceof SetCompr c) {
            walkTermClosures(c.head, f);
            f.accept(c.body);
        } else if (t instanceof ObjectCompr c) {
            walkTermClosures(c.key, f);
            walkTermClosures(c.value, f);
            f.accept(c.body);
        } else if (t instanceof Ref r) {
            r.terms.forEach(x -> walkTermClosures(x, f));
        } else if (t instanceof Call c) {
            c.args.forEach(x -> walkTermClosures(x, f));
        } else if (t instanceof ArrayTerm a) {
            a.elems.forEach(x -> walkTermClosures(x, f));
        } else if (t instanceof SetTerm s) {
            s.elems.forEach(x -> walkTermClosures(x, f));
        } else if (t instanceof ObjectTerm o) {
            o.keys.forEach(x -> walkTermClosures(x, f));
            o.values.forEach(x -> walkTermClosures(x, f));
        } else if (t instanceof TemplateString ts) {
            for (Object p : ts.parts) {
                if (p instanceof Expr pe) {
                    f.accept(List.of(pe));
                }
            }
        }
    }

    // ---------------------------------------------------------------- recursion

    private void checkRecursion() {
        Map<Rule, Set<Rule>> deps = new IdentityHashMap<>();
        forEachRule(r -> {
            Set<Rule> out = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            collectDeps(r, out);
            deps.put(r, out);
        });
        Map<Rule, Integer> state = new IdentityHashMap<>();
        Set<String> reported = new HashSet<>();
        for (Module m : modules) {
            forEachRule(m, r -> {
                Deque<Rule> stack = new ArrayDeque<>();
                List<Rule> cycle = findCycle(r, r, deps, stack, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
                if (cycle != null) {
                    String name = ruleName(r);
                    if (reported.add(name)) {
                        List<String> names = new ArrayList<>();
                        for (Rule c : cycle) {
                            names.add(ruleName(c));
                        }
                        error(CompileError.RECURSION, "rule " + name + " is recursive: " + String.join(" -> ", names), r.loc);
                    }
                }
            });
        }
        state.clear();
    }

    private List<Rule> findCycle(Rule start, Rule cur, Map<Rule, Set<Rule>> deps, Deque<Rule> path, Set<Rule> visited) {
        path.addLast(cur);
        for (Rule d : deps.getOrDefault(cur, Set.of())) {
            if (d == start) {
                List<Rule> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (visited.add(d)) {
                List<Rule> c = findCycle(start, d, deps, path, visited);
                if (c != null) {
                    return c;
                }
            }
        }
        path.removeLast();
        return null;
    }

    String ruleName(Rule r) {
        StringBuilder sb = new StringBuilder("data");
        for (String s : r.module.packagePath) {
            sb.append('.').append(s);
        }
        sb.append('.').append(r.head.name());
        for (int i = 1; i < r.head.ref.size(); i++) {
            Term t = r.head.ref.get(i);
            if (t instanceof Scalar s && s.isString()) {
                sb.append('.').append(s.string());
            } else if (t instanceof Var v) {
                String orig = rewrittenVars.getOrDefault(v.name, v.name);
                sb.append('[').append(orig).append(']');
            } else if (t instanceof Scalar s) {
                sb.append('[').append(s.value).append(']');
            }
        }
        return sb.toString();
    }

    private void collectDeps(Rule r, Set<Rule> out) {
        Consumer<Term> onTerm = new Consumer<>() {
            @Override
            public void accept(Term t) {
                if (t instanceof Ref ref) {
                    if ("data".equals(ref.headName())) {
                        rulesDynamic(ref, out);
                    }
                    ref.terms.forEach(this);
                } else if (t instanceof Call c) {
                    accept(c.op);
                    c.args.forEach(this);
                } else if (t instanceof ArrayTerm a) {
                    a.elems.forEach(this);
                } else if (t instanceof SetTerm s) {
                    s.elems.forEach(this);
                } else if (t instanceof ObjectTerm o) {
                    o.keys.forEach(this);
                    o.values.forEach(this);
                } else if (t instanceof ArrayCompr c) {
                    accept(c.head);
                    exprs(c.body, this);
                } else if (t instanceof SetCompr c) {
                    accept(c.head);
                    exprs(c.body, this);
                } else if (t instanceof ObjectCompr c) {
                    accept(c.key);
                    accept(c.value);
                    exprs(c.body, this);
                } else if (t instanceof TemplateString ts) {
                    for (Object p : ts.parts) {
                        if (p instanceof Term pt) {
                            accept(pt);
                        } else {
                            exprs(List.of((Expr) p), this);
                        }
                    }
                }
            }
        };
        r.head.ref.forEach(onTerm);
        if (r.head.args != null) {
            r.head.args.forEach(onTerm);
        }
        if (r.head.key != null) {
            onTerm.accept(r.head.key);
        }
        if (r.head.value != null) {
            onTerm.accept(r.head.value);
        }
        exprs(r.body, onTerm);
    }

    private static void exprs(List<Expr> body, Consumer<Term> onTerm) {
        for (Expr e : body) {
            if (e.terms instanceof Term t) {
                onTerm.accept(t);
            } else if (e.terms instanceof Every ev) {
                if (ev.key != null) {
                    onTerm.accept(ev.key);
                }
                onTerm.accept(ev.value);
                onTerm.accept(ev.domain);
                exprs(ev.body, onTerm);
            } else if (e.terms instanceof SomeDecl sd) {
                sd.symbols.forEach(onTerm);
            }
            for (With w : e.withs) {
                onTerm.accept(w.target);
                onTerm.accept(w.value);
            }
        }
    }

    /** OPA's GetRulesDynamic: rules a data ref may refer to (an over-approximation). */
    private void rulesDynamic(Ref ref, Set<Rule> out) {
        walkDynamic(tree.root, ref, 1, out);
    }

    private void walkDynamic(RuleTree.Node node, Ref ref, int i, Set<Rule> out) {
        if (i >= ref.size()) {
            node.forEach(d -> addRules(d, out));
            return;
        }
        Term t = ref.get(i);
        if (t instanceof Scalar s) {
            RuleTree.Node c = node.child(s.value);
            if (c != null) {
                addRules(c, out);
                walkDynamic(c, ref, i + 1, out);
            }
            return;
        }
        if (Vars.isConstant(t)) {
            return;
        }
        for (RuleTree.Node c : node.children.values()) {
            addRules(c, out);
            walkDynamic(c, ref, i + 1, out);
        }
    }

    private static void addRules(RuleTree.Node n, Set<Rule> out) {
        for (Rule r : n.rules) {
            for (Rule e = r; e != null; e = e.elseRule) {
                out.add(e);
            }
        }
    }

    /** Vars the parser or compiler made up: wildcards and generated locals. */
    static boolean isGenerated(String name) {
        return name.startsWith("$") || name.startsWith("__local");
    }

    /** Maps generated names back to source names for messages. */
    String original(String name) {
        return rewrittenVars.getOrDefault(name, name);
    }

    /** A fresh map preserving insertion order (helper for stages). */
    static <K, V> Map<K, V> ordered() {
        return new LinkedHashMap<>();
    }
}
