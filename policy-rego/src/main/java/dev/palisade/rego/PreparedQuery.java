package dev.palisade.rego;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rego.internal.ast.Ast;
import dev.palisade.rego.internal.ast.ParseException;
import dev.palisade.rego.internal.ast.Parser;
import dev.palisade.rego.internal.eval.Ctx;
import dev.palisade.rego.internal.eval.EvalError;
import dev.palisade.rego.internal.eval.Program;
import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.ObjectBuilder;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.LazyRoot;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.Value;
import dev.palisade.rego.internal.value.CostHook;
import dev.palisade.rego.internal.value.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled query or rule reference of a {@link RegoProgram}: immutable and thread-safe; evaluate
 * it with {@link #evaluate(EvaluationOptions)} (all solutions) or {@link #value(EvaluationOptions)}
 * (the value of a rule reference).
 */
public final class PreparedQuery {
    private final RegoProgram program;
    private final String text;
    private final Program.Query compiled;
    private final String resultVar;

    PreparedQuery(RegoProgram program, String text, Program.Query compiled, String resultVar) {
        this.program = program;
        this.text = text;
        this.compiled = compiled;
        this.resultVar = resultVar;
    }

    Program.Query compiled() {
        return compiled;
    }

    /** {@return the query or reference text} */
    public String text() {
        return text;
    }

    /** {@return the names of the query's variables reported in results} */
    public List<String> variables() {
        return List.copyOf(compiled.outputs().keySet());
    }

    /**
     * Evaluates and returns every solution.
     *
     * @throws RegoEvaluationException on conflicts, builtin errors in strict mode
     * @throws CostBudgetExceededException when the budget is spent
     * @param options input, data, budget and the other settings of this evaluation
     * @return every solution, in evaluation order
     */
    public QueryResult evaluate(EvaluationOptions options) {
        Ctx ctx = context(options);
        List<Map<String, JsonNode>> out = new ArrayList<>();
        run(ctx, f -> {
            Map<String, JsonNode> b = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : compiled.outputs().entrySet()) {
                Value v = f[e.getValue()];
                if (v != null) {
                    ctx.charge(v.weight()); // results are built within the budget too
                    b.put(e.getKey(), Values.toJson(v));
                }
            }
            out.add(b);
            return true;
        });
        return new QueryResult(out, ctx.suppressedErrors(), ctx.steps());
    }

    /**
     * The value of a rule reference prepared with {@link RegoProgram#prepareRule(String)} (or of the
     * first variable of a query in its first solution); empty when undefined.
     *
     * @throws RegoEvaluationException on conflicts, builtin errors in strict mode
     * @throws CostBudgetExceededException when the budget is spent
     * @param options input, data, budget and the other settings of this evaluation
     * @return the value; empty when undefined
     */
    public Optional<JsonNode> value(EvaluationOptions options) {
        String var = resultVar != null ? resultVar
                : compiled.outputs().isEmpty() ? null : compiled.outputs().keySet().iterator().next();
        if (var == null) {
            return Optional.empty();
        }
        Integer slot = compiled.outputs().get(var);
        Ctx ctx = context(options);
        JsonNode[] box = new JsonNode[1];
        run(ctx, f -> {
            Value v = f[slot];
            if (v == null) {
                return true;
            }
            ctx.charge(v.weight());
            box[0] = Values.toJson(v);
            return false;
        });
        return Optional.ofNullable(box[0]);
    }

    private void run(Ctx ctx, java.util.function.Predicate<Value[]> onSolution) {
        java.util.function.LongConsumer previous = CostHook.install(ctx::chargeSteps);
        try {
            Program.run(compiled, ctx, onSolution);
        } catch (EvalError e) {
            RegoError err = RegoProgram.error(e.code(), e.getMessage(), e.loc());
            if (EvalError.COST.equals(e.code())) {
                throw new CostBudgetExceededException(err);
            }
            throw new RegoEvaluationException(err);
        } catch (StackOverflowError e) {
            throw new CostBudgetExceededException(new RegoError(EvalError.COST,
                    "evaluation exceeded the thread's stack (input or data nested too deeply)", "", 0, 0));
        } catch (RegoException e) {
            throw e;
        } catch (RuntimeException e) {
            // fail closed with a Rego error: a host supplier that failed, or a defect in the interpreter
            throw new RegoEvaluationException(new RegoError("eval_internal_error",
                    "evaluation failed: " + e, "", 0, 0), e);
        } finally {
            CostHook.restore(previous);
        }
    }

    private Ctx context(EvaluationOptions o) {
        Value input = null;
        if (o.inputRego().isPresent()) {
            input = constant(o.inputRego().get());
        } else if (o.input().isPresent()) {
            input = Values.fromJson(o.input().get());
        }
        Value data = null;
        if (o.data().isPresent()) {
            data = Values.fromJson(o.data().get());
        }
        if (!o.lazyData().isEmpty()) {
            data = new LazyRoot(data instanceof ObjectValue ov ? ov : null, o.lazyData());
        }
        CostBudget b = o.budget();
        long now;
        java.time.Instant t = o.clock().instant();
        now = t.getEpochSecond() * 1_000_000_000L + t.getNano();
        Ctx.Settings s = new Ctx.Settings(b.maxSteps(), b.maxElements(), b.maxDepth(), o.strictBuiltinErrors(),
                o.printSink().orElse(null), now);
        Ctx ctx = new Ctx(program.program(), input, data, s);
        if (o.randomSeed().isPresent()) {
            ctx.cache().put(java.util.Random.class, new java.util.Random(o.randomSeed().getAsLong()));
        }
        return ctx;
    }

    /** Parses a constant Rego term (input given as Rego text). */
    static Value constant(String text) {
        List<Ast.Expr> q;
        try {
            q = Parser.parseQuery(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException("input is not a Rego term: " + e.getMessage(), e);
        }
        if (q.size() != 1 || !(q.get(0).terms instanceof Ast.Term t) || q.get(0).negated || !q.get(0).withs.isEmpty()) {
            throw new IllegalArgumentException("input is not a single Rego term: " + text);
        }
        return constant(t);
    }

    private static Value constant(Ast.Term t) {
        if (t instanceof Ast.Scalar s) {
            return s.value;
        }
        if (t instanceof Ast.ArrayTerm a) {
            Value[] vs = new Value[a.elems.size()];
            for (int i = 0; i < vs.length; i++) {
                vs[i] = constant(a.elems.get(i));
            }
            return ArrayValue.of(vs);
        }
        if (t instanceof Ast.SetTerm st) {
            List<Value> vs = new ArrayList<>();
            for (Ast.Term e : st.elems) {
                vs.add(constant(e));
            }
            return SetValue.of(vs);
        }
        if (t instanceof Ast.ObjectTerm o) {
            ObjectBuilder b = new ObjectBuilder();
            for (int i = 0; i < o.keys.size(); i++) {
                b.put(constant(o.keys.get(i)), constant(o.values.get(i)));
            }
            return b.build();
        }
        throw new IllegalArgumentException("input term is not constant at " + t.loc);
    }
}
