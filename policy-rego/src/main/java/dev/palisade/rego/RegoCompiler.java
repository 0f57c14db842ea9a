package dev.palisade.rego;

import dev.palisade.rego.internal.ast.Ast;
import dev.palisade.rego.internal.ast.ParseException;
import dev.palisade.rego.internal.ast.Parser;
import dev.palisade.rego.internal.builtins.Builtin;
import dev.palisade.rego.internal.builtins.Registry;
import dev.palisade.rego.internal.compile.CompileError;
import dev.palisade.rego.internal.compile.CompileFailure;
import dev.palisade.rego.internal.eval.Program;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects modules and host functions and compiles them, once, into a {@link RegoProgram}: parse
 * (each module with its {@link RegoVersion}), resolve imports and package references, check safety
 * and conflicts, reorder bodies, and plan evaluation. Errors name file, line and column.
 */
public final class RegoCompiler {
    private final List<RegoSource> sources = new ArrayList<>();
    private final Map<String, RegoFunction> functions = new LinkedHashMap<>();

    RegoCompiler() {
    }

    /**
     * Adds a module. Several modules may share a file name (a template's Rego and its libraries all
     * come from one YAML file); modules are compiled in the order of their file names, then the
     * order they were added in.
     *
     * @param source the module
     * @return this compiler
     */
    public RegoCompiler module(RegoSource source) {
        sources.add(Objects.requireNonNull(source, "source"));
        return this;
    }

    /**
     * Adds modules.
     *
     * @param more the modules, added in order
     * @return this compiler
     */
    public RegoCompiler modules(Collection<RegoSource> more) {
        more.forEach(this::module);
        return this;
    }

    /**
     * Adds a host function callable from Rego by its name.
     *
     * @throws IllegalArgumentException if a built-in or another host function has the name
     * @param function the function, with its name and arity
     * @return this compiler
     */
    public RegoCompiler function(RegoFunction function) {
        Objects.requireNonNull(function, "function");
        if (Registry.get(function.name()) != null) {
            throw new IllegalArgumentException("a built-in function is named " + function.name());
        }
        if (functions.putIfAbsent(function.name(), function) != null) {
            throw new IllegalArgumentException("two host functions are named " + function.name());
        }
        return this;
    }

    /**
     * Compiles the modules.
     *
     * @throws RegoCompileException with every parse error, or the compile errors (at most ten)
     * @return the compiled, immutable, thread-safe program
     */
    public RegoProgram compile() {
        List<RegoError> errors = new ArrayList<>();
        List<Ast.Module> modules = new ArrayList<>();
        for (RegoSource s : sources) {
            try {
                modules.add(Parser.parseModule(s.file(), s.text(), s.firstLine(), s.columnOffset(),
                        s.version() == RegoVersion.V1));
            } catch (ParseException e) {
                errors.add(RegoProgram.error(CompileError.PARSE, e.getMessage(), e.loc()));
            }
        }
        if (!errors.isEmpty()) {
            throw new RegoCompileException(errors);
        }
        Map<String, Builtin> host = new LinkedHashMap<>();
        for (RegoFunction f : functions.values()) {
            host.put(f.name(), HostFunction.builtin(f));
        }
        try {
            Program p = Program.compile(modules, name -> {
                Builtin b = Registry.get(name);
                return b != null ? b : host.get(name);
            });
            return new RegoProgram(p, modules);
        } catch (CompileFailure e) {
            List<RegoError> out = new ArrayList<>();
            for (CompileError ce : e.errors()) {
                out.add(RegoProgram.error(ce.code(), ce.message(), ce.loc()));
            }
            throw new RegoCompileException(out);
        }
    }
}
