package dev.palisade.kyverno.jmespath.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.palisade.kyverno.jmespath.JmesPathEvaluationException;
import java.util.Iterator;
import java.util.List;

/** The node types of go-jmespath's AST, each with its evaluation rule (Kyverno's fork). */
final class Nodes {
    private static JsonNode orNull(JsonNode v) {
        return Node.orNull(v);
    }

    private Nodes() {
    }

    static final class Field extends Node {
        final String name;

        Field(int position, String name) {
            super(position);
            this.name = name;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            if (value.isObject()) {
                JsonNode child = value.get(name);
                if (child == null) {
                    ev.missingKey = name;
                    return Values.MISSING;
                }
                return child;
            }
            return Values.NULL;
        }
    }

    static final class Current extends Node {
        Current(int position) {
            super(position);
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            return value;
        }
    }

    static final class Literal extends Node {
        final JsonNode literal;

        Literal(int position, JsonNode literal) {
            super(position);
            this.literal = literal;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            return literal;
        }
    }

    /** {@code a.b} and {@code a[0]}: errors and missing keys of either side propagate. */
    static final class Subexpression extends Node {
        final Node left;
        final Node right;

        Subexpression(int position, Node left, Node right) {
            super(position);
            this.left = left;
            this.right = right;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            JsonNode l = left.eval(value, ev);
            if (l.isMissingNode()) {
                return l;
            }
            return right.eval(l, ev);
        }
    }

    static final class Index extends Node {
        final long index;

        Index(int position, long index) {
            super(position);
            this.index = index;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            if (value.isArray()) {
                long i = index < 0 ? index + value.size() : index;
                if (i >= 0 && i < value.size()) {
                    return value.get((int) i);
                }
            }
            return Values.NULL;
        }
    }

    static final class Slice extends Node {
        final Long start;
        final Long stop;
        final Long step;

        Slice(int position, Long start, Long stop, Long step) {
            super(position);
            this.start = start;
            this.stop = stop;
            this.step = step;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            if (!value.isArray()) {
                return Values.NULL;
            }
            long length = value.size();
            long st = step == null ? 1 : step;
            if (st == 0) {
                throw new JmesPathEvaluationException("Invalid slice, step cannot be 0", ev.expression,
                        position + 1);
            }
            boolean negative = st < 0;
            long from = start == null ? (negative ? length - 1 : 0) : cap(length, start, st);
            long to = stop == null ? (negative ? -1 : length) : cap(length, stop, st);
            ArrayNode out = Values.array();
            if (st > 0) {
                for (long i = from; i < to; i += st) {
                    ev.step();
                    out.add(value.get((int) i));
                }
            } else {
                for (long i = from; i > to; i += st) {
                    ev.step();
                    out.add(value.get((int) i));
                }
            }
            ev.output(out.size());
            return out;
        }

        private static long cap(long length, long actual, long step) {
            if (actual < 0) {
                actual += length;
                if (actual < 0) {
                    actual = step < 0 ? -1 : 0;
                }
            } else if (actual >= length) {
                actual = step < 0 ? length - 1 : length;
            }
            return actual;
        }
    }

    /** {@code a[*].b}, {@code a[].b}, {@code a[0:2].b}: a missing left side reads as null. */
    static final class Projection extends Node {
        final Node left;
        final Node right;

        Projection(int position, Node left, Node right) {
            super(position);
            this.left = left;
            this.right = right;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            JsonNode l = orNull(left.eval(value, ev));
            if (!l.isArray()) {
                return Values.NULL;
            }
            ArrayNode out = Values.array();
            for (JsonNode element : l) {
                JsonNode r = orNull(right.eval(element, ev));
                if (!r.isNull()) {
                    out.add(r);
                }
            }
            ev.output(out.size());
            return out;
        }
    }

    /** {@code a.*.b}: go-jmespath reads any failure of the left side as null. */
    static final class ValueProjection extends Node {
        final Node left;
        final Node right;

        ValueProjection(int position, Node left, Node right) {
            super(position);
            this.left = left;
            this.right = right;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            JsonNode l = leniently(left, value, ev);
            if (!l.isObject()) {
                return Values.NULL;
            }
            ArrayNode out = Values.array();
            for (Iterator<JsonNode> it = l.elements(); it.hasNext(); ) {
                JsonNode r = orNull(right.eval(it.next(), ev));
                if (!r.isNull()) {
                    out.add(r);
                }
            }
            ev.output(out.size());
            return out;
        }
    }

    /** {@code a[?cond].b}. */
    static final class FilterProjection extends Node {
        final Node left;
        final Node right;
        final Node condition;

        FilterProjection(int position, Node left, Node right, Node condition) {
            super(position);
            this.left = left;
            this.right = right;
            this.condition = condition;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            JsonNode l = leniently(left, value, ev);
            if (!l.isArray()) {
                return Values.NULL;
            }
            ArrayNode out = Values.array();
            for (JsonNode element : l) {
                JsonNode c = orNull(condition.eval(element, ev));
                if (!Values.isFalse(c)) {
                    JsonNode r = orNull(right.eval(element, ev));
                    if (!r.isNull()) {
                        out.add(r);
                    }
                }
            }
            ev.output(out.size());
            return out;
        }
    }

    static final class Flatten extends Node {
        final Node child;

        Flatten(int position, Node child) {
            super(position);
            this.child = child;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            JsonNode l = leniently(child, value, ev);
            if (!l.isArray()) {
                return Values.NULL;
            }
            ArrayNode out = Values.array();
            for (JsonNode element : l) {
                ev.step();
                if (element.isArray()) {
                    out.addAll((ArrayNode) element);
                } else {
                    out.add(element);
                }
            }
            ev.output(out.size());
            return out;
        }
    }

    /** Evaluates the left side of a filter, value projection or flatten: go-jmespath turns its errors into null. */
    static JsonNode leniently(Node node, JsonNode value, Eval ev) {
        try {
            return orNull(node.eval(value, ev));
        } catch (JmesPathEvaluationException e) {
            return Values.NULL;
        }
    }

    enum Op {
        EQ("=="), NE("!="), LT("<"), LTE("<="), GT(">"), GTE(">=");

        final String text;

        Op(String text) {
            this.text = text;
        }
    }

    static final class Comparator extends Node {
        final Op op;
        final Node left;
        final Node right;

        Comparator(int position, Op op, Node left, Node right) {
            super(position);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            JsonNode l = orNull(left.eval(value, ev));
            JsonNode r = orNull(right.eval(value, ev));
            switch (op) {
                case EQ:
                    return Values.bool(Values.equal(l, r, ev));
                case NE:
                    return Values.bool(!Values.equal(l, r, ev));
                default:
                    break;
            }
            if (!l.isNumber() || !r.isNumber()) {
                return Values.NULL;
            }
            double a = l.doubleValue();
            double b = r.doubleValue();
            return Values.bool(switch (op) {
                case LT -> a < b;
                case LTE -> a <= b;
                case GT -> a > b;
                default -> a >= b;
            });
        }
    }

    static final class Or extends Node {
        final Node left;
        final Node right;

        Or(int position, Node left, Node right) {
            super(position);
            this.left = left;
            this.right = right;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            JsonNode l = orNull(left.eval(value, ev));
            if (Values.isFalse(l)) {
                return orNull(right.eval(value, ev));
            }
            return l;
        }
    }

    /** {@code a && b}: a missing key on the right side propagates (go-jmespath returns its error as is). */
    static final class And extends Node {
        final Node left;
        final Node right;

        And(int position, Node left, Node right) {
            super(position);
            this.left = left;
            this.right = right;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            JsonNode l = orNull(left.eval(value, ev));
            if (Values.isFalse(l)) {
                return l;
            }
            return right.eval(value, ev);
        }
    }

    static final class Not extends Node {
        final Node child;

        Not(int position, Node child) {
            super(position);
            this.child = child;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            return Values.bool(Values.isFalse(orNull(child.eval(value, ev))));
        }
    }

    static final class Pipe extends Node {
        final Node left;
        final Node right;

        Pipe(int position, Node left, Node right) {
            super(position);
            this.left = left;
            this.right = right;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            JsonNode l = orNull(left.eval(value, ev));
            return orNull(right.eval(l, ev));
        }
    }

    static final class MultiSelectList extends Node {
        final List<Node> children;

        MultiSelectList(int position, List<Node> children) {
            super(position);
            this.children = List.copyOf(children);
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            if (value.isNull()) {
                return Values.NULL;
            }
            ArrayNode out = Values.array();
            for (Node child : children) {
                out.add(orNull(child.eval(value, ev)));
            }
            ev.output(out.size());
            return out;
        }
    }

    static final class MultiSelectHash extends Node {
        final List<String> keys;
        final List<Node> values;

        MultiSelectHash(int position, List<String> keys, List<Node> values) {
            super(position);
            this.keys = List.copyOf(keys);
            this.values = List.copyOf(values);
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            if (value.isNull()) {
                return Values.NULL;
            }
            ObjectNode out = Values.object();
            for (int i = 0; i < keys.size(); i++) {
                out.set(keys.get(i), orNull(values.get(i).eval(value, ev)));
            }
            ev.output(out.size());
            return out;
        }
    }

    /** {@code &expr}: a reference to an expression, given to functions such as {@code sort_by}. */
    static final class ExpRef extends Node {
        final Node child;

        ExpRef(int position, Node child) {
            super(position);
            this.child = child;
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            return new POJONode(child);
        }
    }

    static final class Call extends Node {
        final Function function;
        final List<Node> args;

        Call(int position, Function function, List<Node> args) {
            super(position);
            this.function = function;
            this.args = List.copyOf(args);
        }

        @Override
        JsonNode eval(JsonNode value, Eval ev) {
            ev.step();
            JsonNode[] resolved = new JsonNode[args.size()];
            for (int i = 0; i < resolved.length; i++) {
                resolved[i] = orNull(args.get(i).eval(value, ev));
            }
            try {
                function.check(resolved);
                JsonNode result = function.handler().call(resolved, ev);
                return result == null ? Values.NULL : result;
            } catch (FunctionError e) {
                throw new JmesPathEvaluationException(e.getMessage(), ev.expression, position + 1);
            }
        }
    }

    /** Applies an expression reference to a value (missing keys read as null, as in go-jmespath's functions). */
    static JsonNode apply(JsonNode expref, JsonNode value, Eval ev) {
        Node node = (Node) ((POJONode) expref).getPojo();
        return orNull(node.eval(value, ev));
    }
}
