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
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(declarations, "declarations");
        Ast ast = Parser.parse(source, declarations.maxNesting());
        Planner planner = new Planner(source, declarations, table(declarations.libraries()));
        Node root = planner.plan(ast);
        return new CompiledProgram(source, root, planner.slotCount(), planner.variables());
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
