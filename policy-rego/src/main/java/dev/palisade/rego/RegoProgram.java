package dev.palisade.rego;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rego.internal.ast.Ast;
import dev.palisade.rego.internal.ast.ParseException;
import dev.palisade.rego.internal.ast.Parser;
import dev.palisade.rego.internal.compile.CompileError;
import dev.palisade.rego.internal.compile.CompileFailure;
import dev.palisade.rego.internal.compile.RuleTree;
import dev.palisade.rego.internal.eval.Program;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Compiled Rego modules: immutable and safe to share between threads. Prepare a query
 * ({@link #prepare(String)}) or a rule ({@link #prepareRule(String)}) once, then evaluate it as
 * often as needed; each evaluation keeps its own state and rule cache.
 */
public final class RegoProgram {
    private final Program program;
    private final List<String> packages;
    private final List<String> rules;

    RegoProgram(Program program, List<Ast.Module> modules) {
        this.program = program;
        List<String> pk = new ArrayList<>();
        for (Ast.Module m : modules) {
            String name = "data." + m.packageName();
            if (!pk.contains(name)) {
                pk.add(name);
            }
        }
        Collections.sort(pk);
        this.packages = List.copyOf(pk);
        List<String> rs = new ArrayList<>();
        program.tree().root.forEach(n -> {
            if (n.hasRules()) {
                rs.add(n.name());
            }
        });
        Collections.sort(rs);
        this.rules = List.copyOf(rs);
    }

    /** {@return the packages of the modules, as {@code data.a.b}, sorted} */
    public List<String> packages() {
        return packages;
    }

    /** {@return the paths of every rule and function, as {@code data.a.b.rule}, sorted} */
    public List<String> rules() {
        return rules;
    }

    /**
     * Whether a rule or function exists at the path ({@code data.a.b.rule}).
     *
     * @param path a rule path such as {@code data.a.b.rule}
     * @return whether the program defines it
     */
    public boolean hasRule(String path) {
        return rules.contains(path);
    }

    /**
     * Compiles a query (Rego v1 syntax), e.g. {@code x := data.policy.violation[_]}.
     *
     * @throws RegoCompileException when the query does not parse or compile
     * @param query the query text
     * @return the prepared query, to evaluate any number of times
     */
    public PreparedQuery prepare(String query) {
        List<Ast.Expr> parsed;
        try {
            parsed = Parser.parseQuery(query);
        } catch (ParseException e) {
            throw new RegoCompileException(List.of(error(CompileError.PARSE, e.getMessage(), e.loc())));
        }
        try {
            return new PreparedQuery(this, query, program.compileQuery(parsed), null);
        } catch (CompileFailure e) {
            List<RegoError> out = new ArrayList<>();
            for (CompileError ce : e.errors()) {
                out.add(error(ce.code(), ce.message(), ce.loc()));
            }
            throw new RegoCompileException(out);
        }
    }

    /**
     * Prepares the evaluation of a rule or document by reference, e.g.
     * {@code data.k8sallowedrepos.violation}; its value is the result.
     *
     * @throws RegoCompileException when the reference does not parse
     * @param ref the reference, such as {@code data.k8sallowedrepos.violation}
     * @return the prepared query, to evaluate any number of times
     */
    public PreparedQuery prepareRule(String ref) {
        String var = "palisade_result";
        PreparedQuery q = prepare(var + " = " + ref);
        return new PreparedQuery(this, ref, q.compiled(), var);
    }

    /**
     * Evaluates a query once (compiling it each time: prefer {@link #prepare(String)}).
     *
     * @param query the query text
     * @param options input, data, budget and the other settings of this evaluation
     * @return every solution
     */
    public QueryResult query(String query, EvaluationOptions options) {
        return prepare(query).evaluate(options);
    }

    /**
     * Evaluates a rule or document once; empty when undefined.
     *
     * @param ref the reference, such as {@code data.k8sallowedrepos.violation}
     * @param options input, data, budget and the other settings of this evaluation
     * @return the value; empty when undefined
     */
    public Optional<JsonNode> evaluate(String ref, EvaluationOptions options) {
        return prepareRule(ref).value(options);
    }

    Program program() {
        return program;
    }

    RuleTree tree() {
        return program.tree();
    }

    static RegoError error(String code, String message, Ast.Loc loc) {
        if (loc == null) {
            return new RegoError(code, message, "", 0, 0);
        }
        return new RegoError(code, message, loc.file(), loc.line(), loc.col());
    }
}
