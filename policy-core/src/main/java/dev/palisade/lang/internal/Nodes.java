package dev.palisade.lang.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.lang.internal.Ast.MacroKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The specialised evaluation nodes the planner emits. */
final class Nodes {
    private Nodes() {
    }

    /**
     * A literal, or a sub-expression folded at compile time: then it charges what computing it
     * cost, so that folding saves time but never cost.
     */
    static final class Const extends Node {
        final Object value;
        final long cost;

        Const(int offset, Object value) {
            this(offset, value, 0);
        }

        Const(int offset, Object value, long cost) {
            super(offset);
            this.value = value;
            this.cost = cost;
        }

        @Override
        Object eval(Frame f) {
            if (cost != 0) {
                f.cost(cost);
            }
            return value;
        }

        @Override
        boolean isConstant() {
            return true;
        }
    }

    static final class Var extends Node {
        final String name;

        Var(int offset, String name) {
            super(offset);
            this.name = name;
        }

        @Override
        Object eval(Frame f) {
            f.cost(1);
            Object v = f.bindings.resolve(name);
            if (v == null) {
                throw unbound();
            }
            return Rt.norm(v);
        }

        private CelError unbound() {
            return new CelError("no value bound to variable '" + name + "'", offset);
        }
    }

    static final class Local extends Node {
        final int slot;

        Local(int offset, int slot) {
            super(offset);
            this.slot = slot;
        }

        @Override
        Object eval(Frame f) {
            return f.slots[slot];
        }
    }

    /**
     * An access path evaluated once per evaluation (or, on a loop variable, once per iteration): the
     * value is kept in a frame slot and later uses charge the path's (constant) cost again. Errors are not kept, so a failing path
     * fails again where it is used.
     */
    static final class Memo extends Node {
        final Node inner;
        final int slot;
        final long cost;

        Memo(Node inner, int slot, long cost) {
            super(inner.offset);
            this.inner = inner;
            this.slot = slot;
            this.cost = cost;
        }

        @Override
        Object eval(Frame f) {
            Object v = cached(f);
            return v != null ? v : store(f, inner.eval(f));
        }

        /** The kept value (charging its cost), or null when not yet computed. */
        Object cached(Frame f) {
            Object v = f.slots[slot];
            if (v != null) {
                f.cost(cost);
            }
            return v;
        }

        Object store(Frame f, Object v) {
            f.slots[slot] = v;
            return v;
        }
    }

    /** Field selection; on an optional operand it selects optionally. */
    static final class Select extends Node {
        final Node operand;
        final String field;
        final String unescaped;

        Select(int offset, Node operand, String field) {
            super(offset);
            this.operand = operand;
            this.field = field;
            this.unescaped = FieldNames.unescape(field);
        }

        @Override
        Object eval(Frame f) {
            return select(f, operand.eval(f));
        }

        Object select(Frame f, Object v) {
            f.cost(1);
            if (v instanceof ObjectNode o) {
                JsonNode n = o.get(field);
                if (n != null) {
                    return Rt.json(n);
                }
            }
            return selectOther(v);
        }

        // Kept apart from select() so that the common case stays small enough to inline.
        Object selectOther(Object v) {
            if (v instanceof ObjectNode o) {
                JsonNode n = unescaped == null ? null : o.get(unescaped);
                if (n == null) {
                    throw new CelError("no such key: '" + field + "'", offset);
                }
                return Rt.json(n);
            }
            if (v instanceof Map) {
                Object r = Rt.mapGet(v, field);
                if (r == Rt.ABSENT) {
                    throw new CelError("no such key: '" + field + "'", offset);
                }
                return r;
            }
            if (v instanceof Optional<?> opt) {
                return optSelect(opt, field, offset);
            }
            throw new CelError("type '" + Rt.typeName(v) + "' does not support field selection", offset);
        }
    }

    static Object optSelect(Object v, String field, int offset) {
        if (v instanceof Optional<?> opt) {
            if (opt.isEmpty()) {
                return opt;
            }
            v = Rt.norm(opt.get());
        }
        if (Rt.isMap(v)) {
            Object r = Rt.mapGet(v, field);
            return r == Rt.ABSENT ? Optional.empty() : Optional.of(r);
        }
        throw new CelError("type '" + Rt.typeName(v) + "' does not support field selection", offset);
    }

    static final class OptSelect extends Node {
        final Node operand;
        final String field;

        OptSelect(int offset, Node operand, String field) {
            super(offset);
            this.operand = operand;
            this.field = field;
        }

        @Override
        Object eval(Frame f) {
            return select(f, operand.eval(f));
        }

        Object select(Frame f, Object v) {
            f.cost(1);
            return optSelect(v, field, offset);
        }
    }

    /** {@code has(operand.field)}. */
    static final class Has extends Node {
        final Node operand;
        final String field;
        final String unescaped;
        /** The memo slot of the path {@code operand.field}, filled when the field is found; -1 for none. */
        final int memo;

        Has(int offset, Node operand, String field, int memo) {
            super(offset);
            this.operand = operand;
            this.field = field;
            this.unescaped = FieldNames.unescape(field);
            this.memo = memo;
        }

        @Override
        Object eval(Frame f) {
            return test(f, operand.eval(f));
        }

        Object test(Frame f, Object v) {
            if (v instanceof ObjectNode o) {
                if (memo >= 0 && f.slots[memo] != null) {
                    return true;
                }
                JsonNode n = o.get(field);
                if (n == null) {
                    return unescaped != null && found(f, o.get(unescaped));
                }
                return found(f, n);
            }
            return testOther(v);
        }

        private boolean found(Frame f, JsonNode n) {
            if (n != null && memo >= 0) {
                f.slots[memo] = Rt.json(n);
            }
            return n != null;
        }

        Object testOther(Object v) {
            if (v instanceof Map) {
                return Rt.mapGet(v, field) != Rt.ABSENT;
            }
            if (v instanceof Optional<?> opt) {
                if (opt.isEmpty()) {
                    return false;
                }
                Object inner = Rt.norm(opt.get());
                if (Rt.isMap(inner)) {
                    return Rt.mapGet(inner, field) != Rt.ABSENT;
                }
            }
            throw new CelError("has() cannot test field '" + field + "' on type '" + Rt.typeName(v) + "'", offset);
        }
    }

    static final class Index extends Node {
        final Node operand;
        final Node index;
        final boolean optional;

        Index(int offset, Node operand, Node index, boolean optional) {
            super(offset);
            this.operand = operand;
            this.index = index;
            this.optional = optional;
        }

        @Override
        Object eval(Frame f) {
            Object v = operand.eval(f);
            return index(f, v, index.eval(f));
        }

        Object index(Frame f, Object v, Object k) {
            f.cost(1);
            if (!optional && v instanceof ObjectNode o && k instanceof String s) {
                JsonNode n = o.get(s);
                if (n != null) {
                    return Rt.json(n);
                }
            }
            return indexAny(v, k);
        }

        Object indexAny(Object v, Object k) {
            boolean opt = optional;
            if (v instanceof Optional<?> o) {
                if (o.isEmpty()) {
                    return o;
                }
                v = Rt.norm(o.get());
                opt = true;
            }
            if (Rt.isList(v)) {
                if (opt) {
                    if (!(k instanceof Long l)) {
                        throw new CelError("no such overload: optional list index with " + Rt.typeName(k), offset);
                    }
                    return l >= 0 && l < Rt.size(v) ? Optional.of(Rt.elem(v, (int) (long) l)) : Optional.empty();
                }
                return Rt.elem(v, Rt.listIndex(v, k));
            }
            if (Rt.isMap(v)) {
                Object r = Rt.mapGet(v, k);
                if (opt) {
                    return r == Rt.ABSENT ? Optional.empty() : Optional.of(r);
                }
                if (r == Rt.ABSENT) {
                    throw new CelError("no such key: " + Display.of(k), offset);
                }
                return r;
            }
            throw new CelError("no such overload: index on " + Rt.typeName(v), offset);
        }
    }

    /**
     * {@code &&} and {@code ||} with CEL's commutative error handling: an error on one side is
     * absorbed when the other side alone decides the result.
     */
    abstract static class Logic extends Node {
        /** Marks a left operand that alone decides the result. */
        static final Object DECIDED = new Object();

        final Node left;
        final Node right;
        private final boolean decisive;
        private final String operator;

        Logic(int offset, Node left, Node right, boolean decisive, String operator) {
            super(offset);
            this.left = left;
            this.right = right;
            this.decisive = decisive;
            this.operator = operator;
        }

        @Override
        final Object eval(Frame f) {
            Object state;
            try {
                state = afterLeft(left.eval(f));
            } catch (CelError e) {
                state = leftFailed(e);
            }
            if (state == DECIDED) {
                return decisive;
            }
            Object r;
            try {
                r = right.eval(f);
            } catch (CelError e) {
                return rightFailed(state, e);
            }
            return afterRight(state, r);
        }

        /** {@link #DECIDED}, null to go on to the right operand, or the left operand's error. */
        final Object afterLeft(Object l) {
            if (l instanceof Boolean b) {
                return b == decisive ? DECIDED : null;
            }
            return notBoolean(l);
        }

        private CelError notBoolean(Object v) {
            return new CelError("no such overload: " + operator + " with " + Rt.typeName(v), offset);
        }

        final CelError leftFailed(CelError e) {
            return e.at(left.offset);
        }

        final Object rightFailed(Object state, CelError e) {
            throw state != null ? (CelError) state : e.at(right.offset);
        }

        final Object afterRight(Object state, Object r) {
            if (r instanceof Boolean b) {
                if (b == decisive) {
                    return b;
                }
                if (state != null) {
                    throw (CelError) state;
                }
                return b;
            }
            throw state != null ? (CelError) state : notBoolean(r);
        }
    }

    static final class And extends Logic {
        And(int offset, Node left, Node right) {
            super(offset, left, right, false, "_&&_");
        }
    }

    static final class Or extends Logic {
        Or(int offset, Node left, Node right) {
            super(offset, left, right, true, "_||_");
        }
    }

    static final class Not extends Node {
        final Node operand;

        Not(int offset, Node operand) {
            super(offset);
            this.operand = operand;
        }

        @Override
        Object eval(Frame f) {
            return not(f, operand.eval(f));
        }

        Object not(Frame f, Object v) {
            f.cost(1);
            if (v instanceof Boolean b) {
                return !b;
            }
            throw notBoolean(v);
        }

        CelError notBoolean(Object v) {
            return CelError.noSuchOverload("!_", v).at(offset);
        }
    }

    /**
     * Kyverno's {@code x.orValue(y)}: the optional's value, else {@code y}; {@code y} too when
     * {@code x} fails; {@code x} itself when it is not an optional. Cost errors propagate.
     */
    static final class LenientOrValue extends Node {
        final Node target;
        final Node alternative;

        LenientOrValue(int offset, Node target, Node alternative) {
            super(offset);
            this.target = target;
            this.alternative = alternative;
        }

        @Override
        Object eval(Frame f) {
            Object v;
            try {
                v = target.eval(f);
            } catch (CelError e) {
                f.cost(1);
                return alternative.eval(f);
            }
            f.cost(1);
            if (v instanceof java.util.Optional<?> o) {
                return o.isPresent() ? Rt.norm(o.get()) : alternative.eval(f);
            }
            return v;
        }
    }

    static final class Cond extends Node {
        final Node cond;
        final Node then;
        final Node otherwise;

        Cond(int offset, Node cond, Node then, Node otherwise) {
            super(offset);
            this.cond = cond;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        Object eval(Frame f) {
            return choose(f, cond.eval(f)) ? then.eval(f) : otherwise.eval(f);
        }

        /** Charges the operator and tells which branch to take. */
        boolean choose(Frame f, Object c) {
            f.cost(1);
            if (c instanceof Boolean b) {
                return b;
            }
            throw notBoolean(c);
        }

        CelError notBoolean(Object c) {
            return CelError.noSuchOverload("_?_:_", c).at(offset);
        }
    }

    static final class Call extends Node {
        final String name;
        final Fn fn;
        final Node[] args;

        Call(int offset, String name, Fn fn, Node[] args) {
            super(offset);
            this.name = name;
            this.fn = fn;
            this.args = args;
        }

        @Override
        Object eval(Frame f) {
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = args[i].eval(f);
            }
            return call(f, values);
        }

        /** Applies the function, which charges its declared cost first ({@link FunctionTable.Overload}). */
        Object call(Frame f, Object[] values) {
            try {
                return fn.apply(f, values);
            } catch (CelError e) {
                throw e.at(offset);
            } catch (ArithmeticException e) {
                throw arithmetic(e);
            }
        }

        CelError arithmetic(ArithmeticException e) {
            return new CelError(e.getMessage() == null ? "arithmetic error" : e.getMessage(), offset);
        }
    }

    static final class ListLit extends Node {
        final Node[] elements;
        final boolean[] optional;

        ListLit(int offset, Node[] elements, boolean[] optional) {
            super(offset);
            this.elements = elements;
            this.optional = optional;
        }

        @Override
        Object eval(Frame f) {
            List<Object> out = start(f);
            for (int i = 0; i < elements.length; i++) {
                add(out, i, elements[i].eval(f));
            }
            return finish(out);
        }

        /** Charges the literal and returns the list its elements are added to. */
        List<Object> start(Frame f) {
            f.cost(1 + elements.length);
            return new ArrayList<>(elements.length);
        }

        void add(List<Object> out, int i, Object v) {
            if (optional[i]) {
                if (!(v instanceof Optional<?> o)) {
                    throw new CelError("optional list element must be an optional, got " + Rt.typeName(v), elements[i].offset);
                }
                if (o.isPresent()) {
                    out.add(Rt.norm(o.get()));
                }
            } else {
                out.add(v);
            }
        }

        Object finish(List<Object> out) {
            return Collections.unmodifiableList(out);
        }
    }

    static final class MapLit extends Node {
        final Node[] keys;
        final Node[] values;
        final boolean[] optional;

        MapLit(int offset, Node[] keys, Node[] values, boolean[] optional) {
            super(offset);
            this.keys = keys;
            this.values = values;
            this.optional = optional;
        }

        @Override
        Object eval(Frame f) {
            f.cost(1 + keys.length);
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < keys.length; i++) {
                Object k;
                try {
                    k = Rt.mapKey(keys[i].eval(f));
                } catch (CelError e) {
                    throw e.at(keys[i].offset);
                }
                Object v = values[i].eval(f);
                if (optional[i]) {
                    if (!(v instanceof Optional<?> o)) {
                        throw new CelError("optional map entry must be an optional, got " + Rt.typeName(v), values[i].offset);
                    }
                    if (o.isEmpty()) {
                        continue;
                    }
                    v = Rt.norm(o.get());
                }
                if (Rt.mapGet(out, k) != Rt.ABSENT) {
                    throw new CelError("Failed with repeated key: " + Display.of(k), keys[i].offset);
                }
                out.put(k, v);
            }
            return Collections.unmodifiableMap(out);
        }
    }

    /** The comprehension macros, specialised per kind. */
    static Object sortBy(Frame f, Object r, int slot, Node body, int[] memos) {
        List<Object> elems = ListsLib.list(r, "sortBy");
        List<Object> keys = new ArrayList<>(elems.size());
        for (Object e : elems) {
            f.cost(1);
            f.slots[slot] = e;
            forgetPaths(f, memos);
            keys.add(body.evalAt(f));
        }
        ListsLib.checkSortable(keys);
        long n = elems.size();
        f.cost(n * (64 - Long.numberOfLeadingZeros(Math.max(1, n))));
        Integer[] order = new Integer[elems.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Rt.compare(keys.get(x), keys.get(y), "sortBy"));
        List<Object> out = new ArrayList<>(order.length);
        for (Integer i : order) {
            out.add(elems.get(i));
        }
        return Collections.unmodifiableList(out);
    }

    static void forgetPaths(Frame f, int[] memos) {
        for (int m : memos) {
            f.slots[m] = null;
        }
    }

    static final class Comprehension extends Node {
        final MacroKind kind;
        final Node range;
        final int slot1;
        final int slot2;
        final Node filter;
        final Node body;
        /** Memo slots of paths on the loop variables, forgotten whenever they are rebound. */
        final int[] memos;

        Comprehension(int offset, MacroKind kind, Node range, int slot1, int slot2, Node filter, Node body, int[] memos) {
            super(offset);
            this.memos = memos;
            this.kind = kind;
            this.range = range;
            this.slot1 = slot1;
            this.slot2 = slot2;
            this.filter = filter;
            this.body = body;
        }

        @Override
        Object eval(Frame f) {
            return evalRange(f, range.eval(f));
        }

        // The steps below let generated code run the list loops of all, exists, exists_one,
        // filter and map/transformList exactly as evalRange does.

        /** The body's verdict for all, exists and exists_one. */
        boolean truth(Object v) {
            return Rt.bool(v, kind == MacroKind.ALL ? "all()" : kind == MacroKind.EXISTS ? "exists()" : "exists_one()");
        }

        /** The first body error of all/exists, kept to be thrown if no element decides. */
        CelError firstError(CelError kept, CelError e) {
            return kept != null ? kept : e.at(body.offset);
        }

        CelError bodyFailed(CelError e) {
            return e.at(body.offset);
        }

        CelError filterFailed(CelError e) {
            return e.at(filter.offset);
        }

        /** all/exists after the last element: the kept error, or the undecided result. */
        Object undecided(CelError kept) {
            if (kept != null) {
                throw kept;
            }
            return kind == MacroKind.ALL;
        }

        Object exactlyOne(int count) {
            return count == 1;
        }

        List<Object> newList() {
            return new ArrayList<>();
        }

        boolean filterVerdict(Object verdict) {
            return Rt.bool(verdict, "filter()");
        }

        boolean mapFilter(Object verdict) {
            return Rt.bool(verdict, "map() filter");
        }

        Object finishList(List<Object> out) {
            return Collections.unmodifiableList(out);
        }

        Object evalRange(Frame f, Object r) {
            if (kind == MacroKind.OPT_MAP || kind == MacroKind.OPT_FLAT_MAP) {
                Optional<?> o = Stdlib.optional(r, kind == MacroKind.OPT_MAP ? "optMap" : "optFlatMap");
                if (o.isEmpty()) {
                    return o;
                }
                f.slots[slot1] = Rt.norm(o.get());
                forgetPaths(f, memos);
                Object v = body.evalAt(f);
                if (kind == MacroKind.OPT_MAP) {
                    return Optional.of(v);
                }
                return Stdlib.optional(v, "optFlatMap");
            }
            if (kind == MacroKind.SORT_BY) {
                return sortBy(f, r, slot1, body, memos);
            }
            boolean isList = Rt.isList(r);
            if (!isList && !Rt.isMap(r)) {
                throw new CelError("no such overload: comprehension over " + Rt.typeName(r), offset);
            }
            Iterator<Object> keys = isList ? null : Rt.keys(r);
            int n = isList ? Rt.size(r) : Rt.mapSize(r);
            CelError err = null;
            long count = 0;
            List<Object> list = kind == MacroKind.MAP || kind == MacroKind.FILTER || kind == MacroKind.TRANSFORM_LIST
                    ? new ArrayList<>() : null;
            Map<Object, Object> map = kind == MacroKind.TRANSFORM_MAP || kind == MacroKind.TRANSFORM_MAP_ENTRY
                    ? new LinkedHashMap<>() : null;
            for (int i = 0; i < n; i++) {
                f.cost(1);
                Object first;
                Object second;
                if (isList) {
                    Object e = Rt.elem(r, i);
                    if (slot2 < 0) {
                        first = e;
                        second = null;
                    } else {
                        first = (long) i;
                        second = e;
                    }
                } else {
                    first = keys.next();
                    second = slot2 < 0 ? null : Rt.mapGet(r, first);
                }
                f.slots[slot1] = first;
                if (slot2 >= 0) {
                    f.slots[slot2] = second;
                }
                forgetPaths(f, memos);
                switch (kind) {
                    case ALL -> {
                        try {
                            if (!Rt.bool(body.eval(f), "all()")) {
                                return false;
                            }
                        } catch (CelError e) {
                            if (err == null) {
                                err = e.at(body.offset);
                            }
                        }
                    }
                    case EXISTS -> {
                        try {
                            if (Rt.bool(body.eval(f), "exists()")) {
                                return true;
                            }
                        } catch (CelError e) {
                            if (err == null) {
                                err = e.at(body.offset);
                            }
                        }
                    }
                    case EXISTS_ONE -> {
                        if (Rt.bool(body.evalAt(f), "exists_one()")) {
                            count++;
                        }
                    }
                    case FILTER -> {
                        if (Rt.bool(body.evalAt(f), "filter()")) {
                            list.add(slot2 < 0 ? first : second);
                        }
                    }
                    case MAP, TRANSFORM_LIST -> {
                        if (filter == null || Rt.bool(filter.evalAt(f), "map() filter")) {
                            list.add(body.evalAt(f));
                        }
                    }
                    case TRANSFORM_MAP -> {
                        if (filter == null || Rt.bool(filter.evalAt(f), "transformMap() filter")) {
                            map.put(first, body.evalAt(f));
                        }
                    }
                    case TRANSFORM_MAP_ENTRY -> {
                        if (filter == null || Rt.bool(filter.evalAt(f), "transformMapEntry() filter")) {
                            Object entry = body.evalAt(f);
                            if (!Rt.isMap(entry)) {
                                throw new CelError("transformMapEntry() must produce a map, got " + Rt.typeName(entry), body.offset);
                            }
                            for (Iterator<Object> it = Rt.keys(entry); it.hasNext();) {
                                Object k = it.next();
                                if (Rt.mapGet(map, k) != Rt.ABSENT) {
                                    throw new CelError("insert failed: key " + Display.of(k) + " already exists", body.offset);
                                }
                                map.put(k, Rt.mapGet(entry, k));
                            }
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
            switch (kind) {
                case ALL -> {
                    if (err != null) {
                        throw err;
                    }
                    return true;
                }
                case EXISTS -> {
                    if (err != null) {
                        throw err;
                    }
                    return false;
                }
                case EXISTS_ONE -> {
                    return count == 1;
                }
                case MAP, FILTER, TRANSFORM_LIST -> {
                    return Collections.unmodifiableList(list);
                }
                default -> {
                    return Collections.unmodifiableMap(map);
                }
            }
        }
    }
}
