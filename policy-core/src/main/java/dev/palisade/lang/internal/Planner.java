package dev.palisade.lang.internal;

import com.google.re2j.Pattern;
import dev.palisade.lang.Bindings;
import dev.palisade.lang.CompileException;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.TypeValue;
import dev.palisade.lang.internal.Ast.MacroKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks names and functions and turns the AST into a tree of specialised evaluation nodes:
 * variables and comprehension variables resolved to slots, constant sub-trees folded, constant
 * regular expressions compiled once.
 */
final class Planner {
    static final Set<String> TYPE_NAMES = Set.of("int", "uint", "double", "bool", "string", "bytes", "list", "map",
            "null_type", "type", "google.protobuf.Timestamp", "google.protobuf.Duration", "optional_type", "net.IP",
            "net.CIDR", "kubernetes.Quantity", "kubernetes.URL", "kubernetes.Semver", "kubernetes.NamedFormat");

    /** Cost allowed for folding one constant sub-expression; costlier ones are left to run time. */
    private static final long FOLD_ALLOWANCE = 100_000;
    /**
     * Cost allowed for all the work done while compiling one expression (folding, checking constant
     * arguments, compiling constant regular expressions): Kubernetes' per-call limit.
     */
    static final long COMPILE_BUDGET = 1_000_000;

    private final String src;
    private final Declarations decls;
    private final FunctionTable fns;
    private final Deque<Map<String, Integer>> scopes = new ArrayDeque<>();
    private int nextSlot;
    private int maxSlots;
    private int variablesPlanned;
    private final java.util.Set<String> variables = new java.util.TreeSet<>();
    private final Census census;
    private final Map<String, Integer> pathUses = new HashMap<>();
    private final Map<String, Integer> memoSlots = new HashMap<>();
    private final Map<Node, String> pathKeys = new java.util.IdentityHashMap<>();
    private final Map<Node, Long> pathCosts = new java.util.IdentityHashMap<>();
    private int loopDepth;
    private int comprehensions;
    private final Map<Integer, Integer> comprehensionOfSlot = new HashMap<>();
    private final Map<Integer, List<Integer>> loopVariableMemos = new HashMap<>();
    /** A census pass: paths are counted, nothing is folded, checked or compiled. */
    private boolean counting;
    /** The compilation's own meter: what folding and checking constants may spend in all. */
    private final Frame compilation = new Frame(Bindings.empty(), 0, COMPILE_BUDGET);

    /**
     * What a first planning pass learned: how often each variable access path (such as
     * {@code object.spec.template.spec}) is evaluated, counting paths inside comprehension bodies
     * twice, and how many comprehension slots the program needs.
     */
    record Census(Map<String, Integer> pathUses, int comprehensionSlots) {
    }

    /** A planner producing the plain tree (or, with {@code counting}, only a census: nothing folded or checked). */
    Planner(String src, Declarations decls, FunctionTable fns, boolean counting) {
        this(src, decls, fns, null);
        this.counting = counting;
    }

    /**
     * A planner that, given a census of the same expression, evaluates each repeated access path
     * once per evaluation ({@link Nodes.Memo}).
     */
    Planner(String src, Declarations decls, FunctionTable fns, Census census) {
        this.src = src;
        this.decls = decls;
        this.fns = fns;
        this.census = census;
    }

    /** Frame slots: comprehension variables, then memoised paths. */
    int slotCount() {
        return (census != null ? census.comprehensionSlots() : maxSlots) + memoSlots.size();
    }

    Census census() {
        return new Census(Map.copyOf(pathUses), maxSlots);
    }

    /**
     * Records a variable access path; evaluated more than once per evaluation (per the census), it
     * is memoised in a frame slot. Paths cost one unit per step, so a memo hit charges that cost
     * again and metering is unchanged.
     */
    private Node path(Node node, String key, long cost) {
        int slot = node instanceof Nodes.Local ? noteUse(key) : memoSlot(key);
        Node result = slot < 0 ? node : new Nodes.Memo(node, slot, cost);
        pathKeys.put(result, key);
        pathCosts.put(result, cost);
        return result;
    }

    /** Counts a use of the path; -1. */
    private int noteUse(String key) {
        pathUses.merge(key, loopDepth > 0 && loopDependencies(key).isEmpty() ? 2 : 1, Integer::sum);
        return -1;
    }

    /** Counts a use of the path and returns its memo slot, or -1 when the census found it used once. */
    private int memoSlot(String key) {
        noteUse(key);
        if (census == null || census.pathUses().getOrDefault(key, 0) < 2) {
            return -1;
        }
        return census.comprehensionSlots() + memoSlots.computeIfAbsent(key, k -> {
            for (int loop : loopDependencies(key)) {
                loopVariableMemos.computeIfAbsent(loop, l -> new ArrayList<>())
                        .add(census.comprehensionSlots() + memoSlots.size());
            }
            return memoSlots.size();
        });
    }

    /** The comprehensions whose loop variables the path reads (marked {@code \1id:slot\1} in its key). */
    private static List<Integer> loopDependencies(String key) {
        List<Integer> loops = new ArrayList<>(1);
        int at = key.indexOf('\1');
        while (at >= 0) {
            int end = key.indexOf('\1', at + 1);
            if (end < 0) {
                break;
            }
            String reference = key.substring(at + 1, end);
            int colon = reference.indexOf(':');
            try {
                loops.add(Integer.parseInt(reference.substring(0, Math.max(colon, 0))));
            } catch (NumberFormatException e) {
                // a field name containing the marker, not a loop variable
            }
            at = key.indexOf('\1', end + 1);
        }
        return loops;
    }

    /**
     * The key of {@code operand[index]} when the operand is a path and the index a loop variable or
     * a string literal (both free to evaluate, so the element path keeps a constant cost); else null.
     */
    private String elementKey(Node operand, Node index) {
        String base = pathKeys.get(operand);
        String element = index instanceof Nodes.Local ? pathKeys.get(index)
                : index instanceof Nodes.Const c && c.value instanceof String str ? "'" + str.length() + ":" + str : null;
        return base == null || element == null ? null : base + "\0[" + element + "]";
    }

    private Node variable(int offset, String name) {
        variablesPlanned++;
        variables.add(name);
        return path(new Nodes.Var(offset, name), "$" + name + "$", 1);
    }

    /** Selection; on an access path, it extends the path. */
    private Node selectPath(Node select, Node operand, String step) {
        String key = pathKeys.get(operand);
        return key == null ? select : path(select, key + step, pathCosts.get(operand) + 1);
    }

    /** Names of the variables read by the planned expression. */
    java.util.Set<String> variables() {
        return variables;
    }

    private CompileException error(String msg, int offset) {
        return new CompileException(msg, src, offset);
    }

    private Integer local(String name) {
        for (Map<String, Integer> s : scopes) {
            Integer slot = s.get(name);
            if (slot != null) {
                return slot;
            }
        }
        return null;
    }

    Node plan(Ast a) {
        if (a instanceof Ast.Const c) {
            return new Nodes.Const(c.offset(), c.value());
        }
        if (a instanceof Ast.Ident id) {
            return ident(id);
        }
        if (a instanceof Ast.Select s) {
            return select(s);
        }
        if (a instanceof Ast.Call c) {
            return call(c);
        }
        if (a instanceof Ast.ListLit l) {
            Node[] elems = new Node[l.elements().size()];
            boolean[] opt = new boolean[elems.length];
            for (int i = 0; i < elems.length; i++) {
                elems[i] = plan(l.elements().get(i));
                opt[i] = l.optional().get(i);
            }
            return fold(new Nodes.ListLit(l.offset(), elems, opt), elems, true);
        }
        if (a instanceof Ast.MapLit m) {
            int n = m.entries().size();
            Node[] keys = new Node[n];
            Node[] values = new Node[n];
            boolean[] opt = new boolean[n];
            Node[] all = new Node[2 * n];
            for (int i = 0; i < n; i++) {
                Ast.Entry e = m.entries().get(i);
                keys[i] = plan(e.key());
                values[i] = plan(e.value());
                opt[i] = e.optional();
                all[2 * i] = keys[i];
                all[2 * i + 1] = values[i];
            }
            return fold(new Nodes.MapLit(m.offset(), keys, values, opt), all, true);
        }
        if (a instanceof Ast.Comprehension c) {
            return comprehension(c);
        }
        throw new IllegalStateException("unknown AST node " + a);
    }

    private Node ident(Ast.Ident id) {
        String name = id.name();
        boolean rooted = name.startsWith(".");
        if (rooted) {
            name = name.substring(1);
        } else {
            Integer slot = local(name);
            if (slot != null) {
                // Paths on a loop variable are memoised per iteration (its comprehension forgets them on rebinding).
                return path(new Nodes.Local(id.offset(), slot), "\1" + comprehensionOfSlot.get(slot) + ":" + slot + "\1", 0);
            }
        }
        if (decls.declares(name)) {
            return variable(id.offset(), name);
        }
        if (TYPE_NAMES.contains(name)) {
            return new Nodes.Const(id.offset(), new TypeValue(name));
        }
        if (decls.defersUnknownNames()) {
            return variable(id.offset(), name);
        }
        String hint = name.equals("authorizer")
                ? " (authorization checks need a live API server and are not available in offline evaluation)" : "";
        throw error("undeclared reference to '" + name + "'" + hint, id.offset());
    }

    private Node select(Ast.Select s) {
        if (!s.test() && !s.optional()) {
            Node resolved = qualified(s);
            if (resolved != null) {
                return resolved;
            }
        }
        Node operand = plan(s.operand());
        if (s.test()) {
            // has(x.f) shares the memo of the path x.f, which it fills when the field is present.
            String key = pathKeys.get(operand);
            int memo = key == null ? -1 : memoSlot(key + "\0" + s.field());
            return new Nodes.Has(s.offset(), operand, s.field(), memo);
        }
        if (s.optional()) {
            return selectPath(new Nodes.OptSelect(s.offset(), operand, s.field()), operand, "\0?" + s.field());
        }
        return selectPath(new Nodes.Select(s.offset(), operand, s.field()), operand, "\0" + s.field());
    }

    /** Resolves {@code a.b.c} to the longest declared variable name (or type name) prefix. */
    private Node qualified(Ast.Select s) {
        String full = Parser.qualifiedName(s);
        if (full == null) {
            return null;
        }
        boolean rooted = full.startsWith(".");
        String name = rooted ? full.substring(1) : full;
        String[] parts = name.split("\\.");
        if (!rooted && local(parts[0]) != null) {
            return null;
        }
        int[] offsets = new int[parts.length];
        Ast cur = s;
        for (int j = parts.length - 1; j >= 1; j--) {
            offsets[j] = cur.offset();
            cur = ((Ast.Select) cur).operand();
        }
        offsets[0] = cur.offset();
        for (int k = parts.length; k >= 1; k--) {
            String prefix = String.join(".", java.util.Arrays.copyOfRange(parts, 0, k));
            Node base = null;
            if (decls.declares(prefix)) {
                base = variable(offsets[0], prefix);
            } else if (k == parts.length && TYPE_NAMES.contains(prefix)) {
                base = new Nodes.Const(offsets[0], new TypeValue(prefix));
            }
            if (base != null) {
                Node n = base;
                for (int j = k; j < parts.length; j++) {
                    n = selectPath(new Nodes.Select(offsets[j], n, parts[j]), n, "\0" + parts[j]);
                }
                return n;
            }
        }
        return null;
    }

    /** {@code k in m} shares the memo of the element path {@code m[k]}, which it fills when the key is present. */
    private int inMemo(BinaryNode.Op op, Node[] nodes) {
        if (op != BinaryNode.Op.IN) {
            return -1;
        }
        String key = elementKey(nodes[1], nodes[0]);
        return key == null ? -1 : memoSlot(key);
    }

    private Node call(Ast.Call c) {
        List<Ast> args = c.args();
        switch (c.function()) {
            case "_&&_" -> {
                Node l = plan(args.get(0));
                Node r = plan(args.get(1));
                return fold(new Nodes.And(c.offset(), l, r), new Node[] {l, r}, true);
            }
            case "_||_" -> {
                Node l = plan(args.get(0));
                Node r = plan(args.get(1));
                return fold(new Nodes.Or(c.offset(), l, r), new Node[] {l, r}, true);
            }
            case "_?_:_" -> {
                Node cond = plan(args.get(0));
                Node a = plan(args.get(1));
                Node b = plan(args.get(2));
                if (cond instanceof Nodes.Const k && k.cost == 0 && k.value instanceof Boolean v) {
                    return v ? a : b;
                }
                return new Nodes.Cond(c.offset(), cond, a, b);
            }
            case "!_" -> {
                Node o = plan(args.get(0));
                return fold(new Nodes.Not(c.offset(), o), new Node[] {o}, true);
            }
            case "_[_]", "_[?_]" -> {
                Node o = plan(args.get(0));
                Node i = plan(args.get(1));
                boolean optional = c.function().equals("_[?_]");
                Node index = new Nodes.Index(c.offset(), o, i, optional);
                Node folded = fold(index, new Node[] {o, i}, true);
                String key = optional || folded != index ? null : elementKey(o, i);
                return key == null ? folded : path(index, key, pathCosts.get(o) + 1);
            }
            default -> {
            }
        }
        if (c.target() != null && decls.lenientOrValue() && c.function().equals("orValue") && args.size() == 1) {
            return new Nodes.LenientOrValue(c.offset(), plan(c.target()), plan(args.get(0)));
        }
        if (c.target() != null) {
            String qn = Parser.qualifiedName(c.target());
            if (qn != null && !qn.startsWith(".")) {
                String root = qn.split("\\.")[0];
                String global = qn + "." + c.function();
                Fn fn = fns.find(false, global, args.size());
                if (fn != null && local(root) == null && !decls.declares(root)) {
                    return callNode(c.offset(), global, fn, args, null);
                }
            }
            Fn fn = fns.find(true, c.function(), args.size() + 1);
            if (fn == null) {
                plan(c.target());
            }
            if (fn == null && decls.defersUnknownNames()) {
                return deferredError(c, args.size() + 1, true);
            }
            if (fn == null) {
                throw unknownFunction(c, args.size() + 1, true);
            }
            return callNode(c.offset(), c.function(), fn, args, c.target());
        }
        String name = c.function().startsWith(".") ? c.function().substring(1) : c.function();
        Fn fn = fns.find(false, name, args.size());
        if (fn == null && decls.defersUnknownNames()) {
            return deferredError(c, args.size(), false);
        }
        if (fn == null) {
            throw unknownFunction(c, args.size(), false);
        }
        return callNode(c.offset(), name, fn, args, null);
    }

    private Node deferredError(Ast.Call c, int arity, boolean receiver) {
        String message = unknownFunction(c, arity, receiver).reason();
        Fn fail = (f, a) -> {
            f.cost(1);
            throw new CelError(message);
        };
        return new Nodes.Call(c.offset(), c.function(), fail, new Node[0]);
    }

    private CompileException unknownFunction(Ast.Call c, int arity, boolean receiver) {
        String name = c.function();
        if (fns.knows(name)) {
            return error("no overload of function '" + name + "' takes " + arity + " argument" + (arity == 1 ? "" : "s")
                    + (receiver ? " (receiver included)" : "") + "; check the call's arguments", c.offset());
        }
        return error("undeclared reference to function '" + name + "'", c.offset());
    }

    private Node callNode(int offset, String name, Fn fn, List<Ast> args, Ast target) {
        int n = args.size() + (target == null ? 0 : 1);
        Node[] nodes = new Node[n];
        int i = 0;
        if (target != null) {
            nodes[i++] = plan(target);
        }
        for (Ast a : args) {
            nodes[i++] = plan(a);
        }
        Fn impl = counting ? fn : specialise(name, fn, nodes);
        BinaryNode.Op op = nodes.length == 2 ? BinaryNode.forFunction(name) : null;
        boolean operator = name.startsWith("_") || name.startsWith("@");
        boolean builtIn = op != null && (operator ? target == null : target != null);
        Node planned = builtIn ? new BinaryNode(offset, op, name, nodes[0], nodes[1], inMemo(op, nodes))
                : new Nodes.Call(offset, name, impl, nodes);
        Node call = fold(planned, nodes, fns.pure(fn));
        if (!counting && fns.checksConstants(fn) && !call.isConstant() && allConstant(nodes)) {
            // Kubernetes (from 1.29) rejects invalid constant arguments of these functions at compile time.
            try {
                evaluateAtCompileTime(call, 0);
            } catch (CelError e) {
                throw error(e.getMessage(), offset);
            } catch (CostExceeded e) {
                return call;
            }
        }
        return call;
    }

    /**
     * Evaluates a node with constant inputs within the fold allowance and what is left of the
     * compilation budget, which pays for the work whatever the outcome.
     */
    private Object evaluateAtCompileTime(Node node, int slots) {
        long allowance = Math.min(FOLD_ALLOWANCE, compilation.remaining);
        if (allowance <= 0) {
            throw new CostExceeded();
        }
        Frame f = new Frame(Bindings.empty(), slots, allowance);
        try {
            return node.eval(f);
        } catch (CelError | CostExceeded e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // not the language's own error: left to run time, where the evaluator reports it
            throw new CostExceeded();
        } finally {
            compilation.remaining -= allowance - Math.max(f.remaining, 0);
        }
    }

    private static boolean allConstant(Node[] nodes) {
        for (Node n : nodes) {
            if (!n.isConstant()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Pre-compiles constant regular expressions (checked against Go's limits, their compilation paid
     * from the compilation budget; when that is spent, the pattern is compiled at run time, where
     * the evaluation pays for it). The declared cost of the call is unchanged.
     */
    private Fn specialise(String name, Fn fn, Node[] nodes) {
        boolean regex = name.equals("find") || name.equals("findAll") || name.equals("matches");
        if (!regex || nodes.length < 2 || !(fn instanceof FunctionTable.Overload overload)
                || !nodes[1].isConstant() || !(((Nodes.Const) nodes[1]).value instanceof String re)) {
            return fn;
        }
        Pattern p;
        try {
            Regexes.programSize(re);
            p = Regexes.constant(compilation, re);
        } catch (CelError e) {
            throw error(e.getMessage(), nodes[1].offset);
        } catch (CostExceeded e) {
            compilation.remaining = 0;
            return fn;
        }
        if (!name.equals("matches")) {
            return overload.withImplementation(ListsLib.withPattern(name, p));
        }
        RegexDfa dfa = RegexDfa.compile(re);
        if (dfa != null) {
            return overload.withImplementation((f, a) -> dfa.find(Rt.str(a[0], "matches")));
        }
        return overload.withImplementation((f, a) -> p.matcher(Rt.str(a[0], "matches")).find());
    }

    /**
     * Evaluates a node with constant inputs at compile time; keeps it when it fails. The folded
     * constant charges what computing it cost, so that folding changes no cost at run time.
     */
    private Node fold(Node node, Node[] inputs, boolean pure) {
        if (!pure || counting) {
            return node;
        }
        for (Node in : inputs) {
            if (!in.isConstant()) {
                return node;
            }
        }
        try {
            long before = compilation.remaining;
            Object v = evaluateAtCompileTime(node, 0);
            return new Nodes.Const(node.offset, v, before - compilation.remaining);
        } catch (CelError e) {
            if ((node instanceof Nodes.Call || node instanceof BinaryNode) && e.getMessage().startsWith("no such overload")
                    && !decls.defersUnknownNames()) {
                throw error(e.getMessage() + "; the operand types do not fit this operator or function", node.offset);
            }
            return node;
        } catch (CostExceeded e) {
            return node;
        }
    }

    private Node comprehension(Ast.Comprehension c) {
        Node range = plan(c.range());
        int varsBefore = variablesPlanned;
        Map<String, Integer> scope = new HashMap<>();
        int saved = nextSlot;
        int id = comprehensions++;
        comprehensionOfSlot.put(nextSlot, id);
        comprehensionOfSlot.put(nextSlot + 1, id);
        int slot1 = nextSlot++;
        scope.put(c.var1(), slot1);
        int slot2 = -1;
        if (!c.var2().isEmpty()) {
            slot2 = nextSlot++;
            scope.put(c.var2(), slot2);
        }
        maxSlots = Math.max(maxSlots, nextSlot);
        scopes.push(scope);
        loopDepth++;
        try {
            Node filter = null;
            Node body;
            List<Ast> args = c.args();
            if (args.size() == 2) {
                filter = plan(args.get(0));
                body = plan(args.get(1));
            } else {
                body = plan(args.get(0));
            }
            MacroKind kind = c.kind();
            int[] memos = loopVariableMemos.getOrDefault(id, List.of()).stream().mapToInt(Integer::intValue).toArray();
            Node node = new Nodes.Comprehension(c.offset(), kind, range, slot1, slot2, filter, body, memos);
            if (!counting && range.isConstant() && variablesPlanned == varsBefore) {
                try {
                    long before = compilation.remaining;
                    Object v = evaluateAtCompileTime(node, slotCount());
                    return new Nodes.Const(c.offset(), v, before - compilation.remaining);
                } catch (CelError | CostExceeded e) {
                    return node;
                }
            }
            return node;
        } finally {
            loopDepth--;
            scopes.pop();
            nextSlot = saved;
        }
    }
}
