package dev.palisade.rego.internal.eval;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.palisade.rego.internal.ast.Ast.Expr;
import dev.palisade.rego.internal.ast.Ast.Module;
import dev.palisade.rego.internal.ast.Vars;
import dev.palisade.rego.internal.builtins.Builtin;
import dev.palisade.rego.internal.builtins.BuiltinException;
import dev.palisade.rego.internal.compile.Compiler;
import dev.palisade.rego.internal.compile.RuleTree;
import dev.palisade.rego.internal.eval.Plan.PExpr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Compiled modules: the rule tree with every node's rules planned, and the builtins they call.
 * Immutable after construction and safe to share between threads; evaluations keep their state in
 * a {@link Ctx}.
 */
public final class Program {
    private static final int REGEX_CACHE = 2048;

    private final RuleTree tree;
    private final Function<String, Builtin> builtins;
    private final ConcurrentHashMap<String, Object> regexes = new ConcurrentHashMap<>();

    private Program(RuleTree tree, Function<String, Builtin> builtins) {
        this.tree = tree;
        this.builtins = builtins;
    }

    /** Compiles and plans modules; throws {@code CompileFailure} on errors. */
    public static Program compile(List<Module> modules, Function<String, Builtin> builtins) {
        Compiler c = new Compiler(modules, builtins);
        c.compile();
        Program p = new Program(c.tree(), builtins);
        new Planner(p).planTree();
        return p;
    }

    public RuleTree tree() {
        return tree;
    }

    public Builtin builtin(String name) {
        return builtins.apply(name);
    }

    Function<String, Builtin> builtins() {
        return builtins;
    }

    /** A compiled query: body, frame size, and the visible variables with their slots. */
    public record Query(PExpr[] body, int slots, Map<String, Integer> outputs) {
    }

    /** Compiles a query; throws {@code CompileFailure} or {@code ParseException}. */
    public Query compileQuery(List<Expr> parsed) {
        Compiler qc = new Compiler(tree, builtins);
        Compiler.CompiledQuery cq = qc.compileQuery(parsed);
        Planner.Slots slots = new Planner.Slots();
        PExpr[] body = new Planner(this).body(cq.body(), slots);
        Map<String, Integer> outputs = new LinkedHashMap<>();
        Set<String> vars = Vars.of(cq.body(), Vars.SKIP_CLOSURES | Vars.SKIP_REF_CALL_HEAD);
        for (String v : vars) {
            String name = cq.rewritten().getOrDefault(v, v);
            if (name.startsWith("$") || name.startsWith("__local") || name.equals("data") || name.equals("input")) {
                continue;
            }
            Integer slot = slots.get(v);
            if (slot != null && !outputs.containsKey(name)) {
                outputs.put(name, slot);
            }
        }
        return new Query(body, slots.size(), outputs);
    }

    /** Runs a query, calling {@code onSolution} with the frame of each solution until it returns false. */
    public static void run(Query q, Ctx ctx, java.util.function.Predicate<dev.palisade.rego.internal.value.Value[]> onSolution) {
        dev.palisade.rego.internal.value.Value[] f = new dev.palisade.rego.internal.value.Value[q.slots()];
        Eval.body(q.body(), 0, ctx, f, () -> onSolution.test(f));
    }

    /** A compiled RE2 pattern, cached; invalid patterns raise a builtin error. */
    Pattern regex(String pattern) {
        Object o = regexes.get(pattern);
        if (o == null) {
            try {
                o = Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                o = "error parsing regexp: " + e.getDescription() + ": `" + e.getPattern() + "`";
            }
            if (regexes.size() >= REGEX_CACHE) {
                regexes.clear();
            }
            regexes.put(pattern, o);
        }
        if (o instanceof Pattern p) {
            return p;
        }
        throw BuiltinException.error((String) o);
    }
}
