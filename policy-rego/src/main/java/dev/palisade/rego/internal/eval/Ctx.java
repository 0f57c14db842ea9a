package dev.palisade.rego.internal.eval;

import com.google.re2j.Pattern;
import dev.palisade.rego.internal.ast.Ast.Loc;
import dev.palisade.rego.internal.builtins.Builtin;
import dev.palisade.rego.internal.builtins.BuiltinContext;
import dev.palisade.rego.internal.builtins.BuiltinException;
import dev.palisade.rego.internal.compile.RuleTree;
import dev.palisade.rego.internal.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The state of one evaluation: environment, variable trail, cost counters, caches. Not shared
 * between threads; the {@link Program} it runs is.
 */
public final class Ctx implements BuiltinContext {
    private static final Object IN_PROGRESS = new Object();
    private static final Object UNDEFINED = new Object();

    final Program prog;
    Env env;
    final Value data;
    private final long maxSteps;
    private final long maxElements;
    private final int maxDepth;
    private final boolean strict;
    private final Consumer<String> printer;
    private final long now;
    private long steps;
    private long elements;
    private int depth;
    private Value[][] trailFrames = new Value[16][];
    private int[] trailSlots = new int[16];
    private int trailTop;
    private Map<Object, Object> cache;
    private final List<String> suppressed = new ArrayList<>();

    /** Settings of one evaluation. */
    public record Settings(long maxSteps, long maxElements, int maxDepth, boolean strict, Consumer<String> printer,
                           long nowNanos) {
    }

    public Ctx(Program prog, Value input, Value data, Settings s) {
        this.prog = prog;
        this.env = new Env(input, null, null);
        this.data = data;
        this.maxSteps = s.maxSteps();
        this.maxElements = s.maxElements();
        this.maxDepth = s.maxDepth();
        this.strict = s.strict();
        this.printer = s.printer();
        this.now = s.nowNanos();
    }

    public long steps() {
        return steps;
    }

    /** Builtin errors that were turned into undefined results (outside strict mode). */
    public List<String> suppressedErrors() {
        return suppressed;
    }

    // ---------------------------------------------------------------- trail

    void bind(Value[] f, int slot, Value v) {
        f[slot] = v;
        if (trailTop == trailSlots.length) {
            trailSlots = java.util.Arrays.copyOf(trailSlots, trailTop * 2);
            trailFrames = java.util.Arrays.copyOf(trailFrames, trailTop * 2);
        }
        trailFrames[trailTop] = f;
        trailSlots[trailTop] = slot;
        trailTop++;
    }

    int mark() {
        return trailTop;
    }

    void undo(int mark) {
        while (trailTop > mark) {
            trailTop--;
            trailFrames[trailTop][trailSlots[trailTop]] = null;
            trailFrames[trailTop] = null;
        }
    }

    // ---------------------------------------------------------------- budget

    void step(Loc loc) {
        if (++steps > maxSteps) {
            throw new EvalError(EvalError.COST, "evaluation exceeded the cost budget of " + maxSteps
                    + " steps; raise the budget or simplify the policy", loc);
        }
    }

    /** Charges steps (deep comparisons of large values). */
    public void chargeSteps(long n) {
        steps += n;
        if (steps > maxSteps) {
            throw new EvalError(EvalError.COST, "evaluation exceeded the cost budget of " + maxSteps
                    + " steps; raise the budget or simplify the policy", null);
        }
    }

    @Override
    public void charge(long units) {
        elements += units;
        if (elements > maxElements) {
            throw new EvalError(EvalError.COST, "evaluation exceeded the cost budget of " + maxElements
                    + " elements built; raise the budget or simplify the policy", null);
        }
    }

    void enter(Loc loc) {
        if (++depth > maxDepth) {
            throw new EvalError(EvalError.COST, "evaluation exceeded the maximum depth of " + maxDepth
                    + " nested rule and function evaluations", loc);
        }
    }

    void leave() {
        depth--;
    }

    // ---------------------------------------------------------------- BuiltinContext

    @Override
    public long nowNanos() {
        return now;
    }

    @Override
    public void print(String line) {
        if (printer != null) {
            printer.accept(line);
        }
    }

    @Override
    public Pattern regex(String pattern) {
        return prog.regex(pattern);
    }

    @Override
    public boolean strict() {
        return strict;
    }

    @Override
    public Map<Object, Object> cache() {
        if (cache == null) {
            cache = new HashMap<>();
        }
        return cache;
    }

    Builtin builtin(String name) {
        return prog.builtin(name);
    }

    // ---------------------------------------------------------------- calls

    Value callBuiltin(Builtin b, Value[] args, String name, Loc loc) {
        try {
            return b.call(this, args);
        } catch (BuiltinException e) {
            builtinError(e, name, loc);
            return null;
        } catch (EvalError e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new EvalError(EvalError.COST, "evaluation exceeded the stack while evaluating " + name, loc);
        } catch (RuntimeException e) {
            builtinError(BuiltinException.error(String.valueOf(e.getMessage())), name, loc);
            return null;
        }
    }

    void builtinError(BuiltinException e, String name, Loc loc) {
        String msg = name + ": " + e.getMessage();
        if (strict || e.halt()) {
            throw new EvalError(e.code(), msg, loc);
        }
        if (suppressed.size() < 100) {
            suppressed.add(loc + ": " + e.code() + ": " + msg);
        }
    }

    Value callMock(Env.Mock m, Value[] args, Plan.PCall call) {
        if (m.value() != null) {
            return m.value();
        }
        if (m.builtin() != null) {
            return callBuiltin(m.builtin(), args, m.builtin().name, call.loc);
        }
        // OPA evaluates a replacing function with no function replaced (a fresh frame of mocks)
        Env saved = env;
        env = saved.withoutMocks();
        try {
            return callFunction(m.function(), args, call.loc);
        } finally {
            env = saved;
        }
    }

    Value callFunction(RuleTree.Node node, Value[] args, Loc loc) {
        enter(loc);
        try {
            return Rules.function(this, (Plan.RuleSet) node.plan, args);
        } finally {
            leave();
        }
    }

    /** The value of the rules at a node (cached per environment); {@code null} when undefined. */
    Value ruleValue(RuleTree.Node node, Loc loc) {
        Plan.RuleSet rs = (Plan.RuleSet) node.plan;
        if (rs == null || (rs.kind == Plan.RuleSet.FUNCTION && rs.arity != 0)) {
            return null; // a function with arguments has no value as a document
        }
        Object c = env.cache.get(node);
        if (c == IN_PROGRESS) {
            throw new EvalError(EvalError.RECURSION, "rule " + rs.name + " is recursive", loc);
        }
        if (c != null) {
            return c == UNDEFINED ? null : (Value) c;
        }
        Env owner = env;
        owner.cache.put(node, IN_PROGRESS);
        Value v;
        enter(loc);
        try {
            // OPA evaluates a reference to a function without arguments as its value
            v = rs.kind == Plan.RuleSet.FUNCTION ? Rules.function(this, rs, new Value[0]) : Rules.evaluate(this, rs);
        } catch (RuntimeException | Error e) {
            owner.cache.remove(node);
            throw e;
        } finally {
            leave();
        }
        owner.cache.put(node, v == null ? UNDEFINED : v);
        return v;
    }
}
