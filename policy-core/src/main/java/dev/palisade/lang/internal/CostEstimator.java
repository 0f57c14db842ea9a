package dev.palisade.lang.internal;

import dev.palisade.lang.Bytes;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.internal.Ast.MacroKind;
import dev.palisade.lang.internal.Cost.Range;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The static cost estimate of an expression, computed as cel-go's checker estimates cost for the
 * Kubernetes API server: each node's cost range from its children's, functions costed by their
 * declared {@link Cost} over size ranges, comprehensions as their range's size times the cost of an
 * iteration of the macro's expansion, {@code &&}/{@code ||} from the left side alone at the least,
 * {@code ?:} as the condition plus either branch.
 *
 * <p>Sizes: literals have their own; values read from variables are sized as Kubernetes sizes data
 * without a schema (a string of up to {@link #MAX_STRING} characters, a list or map of up to
 * {@link #MAX_ELEMENTS} entries, from the 3 MiB request limit); results whose size cannot be bounded
 * are unbounded ({@link Long#MAX_VALUE}).
 */
final class CostEstimator {
    /** Kubernetes' largest request, from which sizes of data without a schema are derived. */
    static final long MAX_REQUEST_SIZE_BYTES = 3L * 1024 * 1024;
    /** The longest string a request can carry (less its quotes). */
    static final long MAX_STRING = MAX_REQUEST_SIZE_BYTES - 2;
    /** The most entries a request's list can carry: one byte and a comma each, less the brackets. */
    static final long MAX_ELEMENTS = (MAX_REQUEST_SIZE_BYTES - 2) / 2;

    private static final Range DATA_STRING = new Range(0, MAX_STRING);
    private static final Range DATA_ELEMENTS = new Range(0, MAX_ELEMENTS);
    private static final Range LIST_CREATE = Range.of(10);
    private static final Range MAP_CREATE = Range.of(30);

    /** A node's cost, the size of its value, and the size of its elements when known. */
    private record Result(Range cost, Range size, Range elementSize) {
    }

    private final Declarations declarations;
    private final FunctionTable functions;
    private final Deque<Map<String, Range>> locals = new ArrayDeque<>();

    private CostEstimator(Declarations declarations, FunctionTable functions) {
        this.declarations = declarations;
        this.functions = functions;
    }

    static Range estimate(Ast ast, Declarations declarations, FunctionTable functions) {
        return new CostEstimator(declarations, functions).cost(ast).cost;
    }

    private static Result fixed(Range cost) {
        return new Result(cost, null, null);
    }

    private Result cost(Ast a) {
        if (a instanceof Ast.Const c) {
            return new Result(Range.ZERO, constantSize(c.value()), null);
        }
        if (a instanceof Ast.Ident id) {
            Range local = local(id.name());
            return new Result(Range.ONE, local != null ? local : DATA_STRING, local != null ? null : DATA_STRING);
        }
        if (a instanceof Ast.Select s) {
            String qualified = Parser.qualifiedName(s);
            if (qualified != null && !s.test() && !s.optional()) {
                String root = qualified.startsWith(".") ? qualified.substring(1) : qualified;
                if (local(root.split("\\.")[0]) == null && declarations.declares(root)) {
                    return new Result(Range.ONE, DATA_STRING, DATA_STRING);
                }
            }
            Result operand = cost(s.operand());
            Range c = operand.cost;
            if (s.test()) {
                return fixed(c.plus(Range.ONE));
            }
            boolean map = s.operand() instanceof Ast.MapLit;
            return new Result(map ? c.plus(Range.ONE) : c, operand.elementSize != null ? operand.elementSize : DATA_STRING,
                    DATA_STRING);
        }
        if (a instanceof Ast.ListLit l) {
            Range sum = LIST_CREATE;
            Range element = null;
            for (Ast e : l.elements()) {
                Result r = cost(e);
                sum = sum.plus(r.cost);
                Range size = r.size != null ? r.size : Range.UNKNOWN;
                element = element == null ? size : element.union(size);
            }
            return new Result(sum, Range.of(l.elements().size()), element == null ? Range.ZERO : element);
        }
        if (a instanceof Ast.MapLit m) {
            Range sum = MAP_CREATE;
            Range value = null;
            for (Ast.Entry e : m.entries()) {
                sum = sum.plus(cost(e.key()).cost);
                Result v = cost(e.value());
                sum = sum.plus(v.cost);
                Range size = v.size != null ? v.size : Range.UNKNOWN;
                value = value == null ? size : value.union(size);
            }
            return new Result(sum, Range.of(m.entries().size()), value == null ? Range.ZERO : value);
        }
        if (a instanceof Ast.Comprehension c) {
            return comprehension(c);
        }
        return call((Ast.Call) a);
    }

    private Range local(String name) {
        for (Map<String, Range> scope : locals) {
            if (scope.containsKey(name)) {
                return scope.get(name);
            }
        }
        return null;
    }

    private static Range constantSize(Object v) {
        if (v instanceof String s) {
            return Range.of(s.codePointCount(0, s.length()));
        }
        if (v instanceof Bytes b) {
            return Range.of(b.size());
        }
        return Range.ONE;
    }

    private Result call(Ast.Call c) {
        List<Ast> args = c.args();
        switch (c.function()) {
            case "_&&_", "_||_" -> {
                Range l = cost(args.get(0)).cost;
                Range r = cost(args.get(1)).cost;
                return fixed(new Range(l.min(), Cost.add(l.max(), r.max())));
            }
            case "_?_:_" -> {
                Range cond = cost(args.get(0)).cost;
                Result x = cost(args.get(1));
                Result y = cost(args.get(2));
                Range size = x.size != null && y.size != null ? x.size.union(y.size) : null;
                return new Result(cond.plus(x.cost.union(y.cost)), size, null);
            }
            default -> {
            }
        }
        boolean receiver = c.target() != null;
        String name = c.function().startsWith(".") ? c.function().substring(1) : c.function();
        Range sum = Range.ZERO;
        Result[] operands = new Result[args.size() + 1];
        int n = 0;
        if (receiver) {
            String qn = Parser.qualifiedName(c.target());
            String global = qn == null ? null : qn + "." + name;
            if (global != null && functions.find(false, global, args.size()) != null
                    && local(qn.split("\\.")[0]) == null && !declarations.declares(qn.split("\\.")[0])) {
                receiver = false;
                name = global;
            } else {
                Result t = cost(c.target());
                sum = sum.plus(t.cost);
                operands[n++] = t;
            }
        }
        for (Ast arg : args) {
            Result r = cost(arg);
            sum = sum.plus(r.cost);
            operands[n++] = r;
        }
        Range[] sizes = new Range[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = operands[i].size != null ? operands[i].size : Range.UNKNOWN;
        }
        if (name.equals("_[_]") || name.equals("_[?_]")) {
            Range element = operands[0].elementSize != null ? operands[0].elementSize : DATA_STRING;
            return new Result(sum.plus(Range.ONE), element, DATA_STRING);
        }
        if (name.equals("dyn") && n == 1) {
            return new Result(sum.plus(Range.ONE), operands[0].size, operands[0].elementSize);
        }
        Fn fn = functions.find(receiver, name, n);
        Range callCost = null;
        for (FunctionTable.Overload o : functions.overloads(fn)) {
            Range oc = o.cost.estimate(sizes);
            callCost = callCost == null ? oc : callCost.union(oc);
        }
        Range result = resultSize(name, operands, sizes, args);
        return new Result(sum.plus(callCost == null ? Range.ONE : callCost), result,
                name.equals("_+_") ? union(operands[0].elementSize, operands[1].elementSize) : null);
    }

    private static Range union(Range a, Range b) {
        return a == null || b == null ? null : a.union(b);
    }

    /** The size of a call's result where the cost model bounds it. */
    private static Range resultSize(String name, Result[] operands, Range[] sizes, List<Ast> args) {
        switch (name) {
            case "_+_" -> {
                return sizes[0].plus(sizes[1]);
            }
            case "lowerAscii", "upperAscii", "trim", "substring", "reverse", "slice", "distinct", "sort" -> {
                return new Range(0, sizes[0].max());
            }
            case "split", "findAll" -> {
                return new Range(0, sizes[0].max() == Long.MAX_VALUE ? Long.MAX_VALUE : sizes[0].max() + 1);
            }
            case "lists.range" -> {
                if (args.get(0) instanceof Ast.Const k && k.value() instanceof Long count) {
                    return Range.of(Math.max(0, count));
                }
                return Range.UNKNOWN;
            }
            default -> {
                return null;
            }
        }
    }

    private Result comprehension(Ast.Comprehension c) {
        Result range = cost(c.range());
        // A value read from data: as many elements as a request can carry.
        Range count = range.size == null || range.size == DATA_STRING ? DATA_ELEMENTS : range.size;
        Range element = range.elementSize != null ? range.elementSize : DATA_STRING;
        Map<String, Range> scope = new HashMap<>();
        if (c.var2().isEmpty()) {
            scope.put(c.var1(), element);
        } else {
            scope.put(c.var1(), Range.ONE);
            scope.put(c.var2(), element);
        }
        locals.push(scope);
        Range filter = null;
        Range body;
        try {
            List<Ast> args = c.args();
            if (args.size() == 2) {
                filter = cost(args.get(0)).cost;
                body = cost(args.get(1)).cost;
            } else {
                body = cost(args.get(0)).cost;
            }
        } finally {
            locals.pop();
        }
        // Per iteration: the loop condition and step of the macro's expansion in cel-go; once: the
        // accumulator's initial value and the result.
        Range iteration;
        Range once;
        MacroKind kind = c.kind();
        switch (kind) {
            case ALL -> {
                iteration = new Range(3, Cost.add(3, body.max()));
                once = Range.ONE;
            }
            case EXISTS -> {
                iteration = new Range(4, Cost.add(4, body.max()));
                once = Range.ONE;
            }
            case EXISTS_ONE -> {
                iteration = body.plus(new Range(1, 2));
                once = Range.of(2);
            }
            case FILTER -> {
                iteration = body.plus(new Range(1, 13));
                once = Range.of(11);
            }
            case MAP, TRANSFORM_LIST -> {
                iteration = filter == null ? body.plus(Range.of(12))
                        : filter.plus(new Range(1, Cost.add(12, body.max())));
                once = Range.of(11);
            }
            case TRANSFORM_MAP, TRANSFORM_MAP_ENTRY -> {
                iteration = filter == null ? body.plus(Range.of(32))
                        : filter.plus(new Range(1, Cost.add(32, body.max())));
                once = Range.of(31);
            }
            default -> {
                iteration = body.plus(Range.of(3));
                once = Range.of(3);
            }
        }
        Range total = range.cost.plus(once).plus(count.times(iteration));
        boolean producesList = kind == MacroKind.MAP || kind == MacroKind.FILTER || kind == MacroKind.TRANSFORM_LIST
                || kind == MacroKind.SORT_BY;
        return new Result(total, producesList || kind == MacroKind.TRANSFORM_MAP ? new Range(0, count.max()) : null,
                kind == MacroKind.FILTER || kind == MacroKind.SORT_BY ? element : null);
    }
}
