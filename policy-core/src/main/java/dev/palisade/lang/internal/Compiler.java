package dev.palisade.lang.internal;

import dev.palisade.lang.Declarations;
import dev.palisade.lang.Library;
import dev.palisade.lang.Program;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Parse, check and plan: the compiler behind {@code Expressions.compile}. */
public final class Compiler {
    private static final Map<Set<Library>, FunctionTable> TABLES = new ConcurrentHashMap<>();

    private Compiler() {
    }

    public static Program compile(String source, Declarations declarations) {
        return compile(source, declarations, true);
    }

    /**
     * Compiles. Optimised, repeated variable paths are evaluated once per evaluation and the planned
     * tree is turned into JVM bytecode (the interpreter runs it when that is not possible); not
     * optimised, the plain planned tree is interpreted (the reference the optimised form is tested
     * against).
     */
    static Program compile(String source, Declarations declarations, boolean optimised) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(declarations, "declarations");
        Ast ast = Parser.parse(source, declarations.maxNesting());
        FunctionTable functions = table(declarations.libraries());
        Planner planner = new Planner(source, declarations, functions);
        if (optimised) {
            planner.plan(ast);
            planner = new Planner(source, declarations, functions, planner.census());
        }
        Node root = planner.plan(ast);
        return new CompiledProgram(source, root, planner.slotCount(), planner.variables(), optimised);
    }

    static FunctionTable table(Set<Library> libraries) {
        Set<Library> key = libraries.isEmpty() ? EnumSet.noneOf(Library.class) : EnumSet.copyOf(libraries);
        return TABLES.computeIfAbsent(key, Compiler::build);
    }

    private static FunctionTable build(Set<Library> libraries) {
        FunctionTable t = new FunctionTable();
        Stdlib.register(t);
        Extensions.register(t, libraries);
        return t;
    }
}
