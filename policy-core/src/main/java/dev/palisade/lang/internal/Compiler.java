package dev.palisade.lang.internal;

import dev.palisade.lang.CompileException;
import dev.palisade.lang.CostEstimate;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.FunctionInfo;
import dev.palisade.lang.HostFunction;
import dev.palisade.lang.Library;
import dev.palisade.lang.Program;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/** Parse, check and plan: the compiler behind {@code Expressions.compile}. */
public final class Compiler {
    private static final Map<Set<Library>, FunctionTable> TABLES = new ConcurrentHashMap<>();
    /** Tables with host functions, per declarations (which hosts keep, typically as constants). */
    private static final Map<Declarations, FunctionTable> HOST_TABLES = Collections.synchronizedMap(new WeakHashMap<>());

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
        return compile(source, declarations, optimised ? Mode.GENERATED : Mode.PLAIN);
    }

    /** How a compiled program runs. */
    enum Mode {
        /** The planned tree, interpreted, without memoised paths: the reference. */
        PLAIN,
        /** Memoised paths, interpreted only (what runs below the bytecode threshold). */
        MEMOISED,
        /** Memoised paths, turned into bytecode after the configured number of evaluations. */
        GENERATED
    }

    static Program compile(String source, Declarations declarations, Mode mode) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(declarations, "declarations");
        Ast ast = Parser.parse(source, declarations.maxNesting(), declarations.objectTypes());
        FunctionTable functions = table(declarations);
        Planner planner = new Planner(source, declarations, functions, mode != Mode.PLAIN);
        if (mode != Mode.PLAIN) {
            planner.plan(ast);
            planner = new Planner(source, declarations, functions, planner.census());
        }
        Node root = planner.plan(ast);
        Cost.Range range = CostEstimator.estimate(ast, declarations, functions);
        CostEstimate estimate = new CostEstimate(range.min(), range.max());
        long limit = declarations.estimatedCostLimit();
        if (!estimate.fitsWithin(limit)) {
            throw new CompileException("estimated cost exceeds budget by factor of " + estimate.exceedFactor(limit)
                    + ": the expression may cost up to " + (range.max() == Long.MAX_VALUE ? "an unbounded amount"
                            : Long.toString(range.max())) + ", the limit is " + limit
                    + " (bound the lists it iterates over, or simplify it)", source, 0);
        }
        return new CompiledProgram(source, root, planner.slotCount(), planner.variables(), mode == Mode.GENERATED,
                estimate);
    }

    static FunctionTable table(Declarations declarations) {
        FunctionTable base = table(declarations.libraries());
        if (declarations.functions().isEmpty()) {
            return base;
        }
        return HOST_TABLES.computeIfAbsent(declarations, d -> withHostFunctions(base, d.functions()));
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

    private static FunctionTable withHostFunctions(FunctionTable base, List<HostFunction> hosts) {
        FunctionTable t = new FunctionTable(base);
        for (HostFunction h : hosts) {
            HostFunctions.declare(t, h);
        }
        return t;
    }

    /** The declared overloads, as the public API lists them. */
    public static List<FunctionInfo> functions(Declarations declarations) {
        FunctionTable t = table(declarations);
        List<FunctionInfo> out = new ArrayList<>();
        for (FunctionTable.Overload o : t.declared()) {
            out.add(new FunctionInfo(o.name, o.signature, o.arity, o.style != FunctionTable.Style.GLOBAL,
                    o.style != FunctionTable.Style.MEMBER, o.library, o.host, o.cost.describe(), o.pure,
                    o.checksConstants, o.doc));
        }
        return Collections.unmodifiableList(out);
    }
}
