package dev.palisade.lang.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The common two-operand operators and string predicates without argument arrays or function
 * dispatch: equality, ordering, membership, addition and startsWith/endsWith/contains.
 */
final class BinaryNode extends Node {
    enum Op { EQ, NE, LT, LE, GT, GE, IN, ADD, STARTS_WITH, ENDS_WITH, CONTAINS }

    private final Op op;
    private final Node left;
    private final Node right;
    private final String name;
    /** For {@code in}: the memo slot of the element path {@code right[left]}, filled when found; else -1. */
    private final int memo;

    BinaryNode(int offset, Op op, String name, Node left, Node right, int memo) {
        super(offset);
        this.memo = memo;
        this.op = op;
        this.name = name;
        this.left = left;
        this.right = right;
    }

    Node left() {
        return left;
    }

    Node right() {
        return right;
    }

    static Op forFunction(String name) {
        return switch (name) {
            case "_==_" -> Op.EQ;
            case "_!=_" -> Op.NE;
            case "_<_" -> Op.LT;
            case "_<=_" -> Op.LE;
            case "_>_" -> Op.GT;
            case "_>=_" -> Op.GE;
            case "@in" -> Op.IN;
            case "_+_" -> Op.ADD;
            case "startsWith" -> Op.STARTS_WITH;
            case "endsWith" -> Op.ENDS_WITH;
            case "contains" -> Op.CONTAINS;
            default -> null;
        };
    }

    @Override
    Object eval(Frame f) {
        Object a = left.eval(f);
        return apply(f, a, right.eval(f));
    }

    /** Applies the operator; generated code calls the operator's own method (see {@link #call()}). */
    Object apply(Frame f, Object a, Object b) {
        return switch (op) {
            case EQ -> eq(f, a, b);
            case NE -> ne(f, a, b);
            case LT -> lt(f, a, b);
            case LE -> le(f, a, b);
            case GT -> gt(f, a, b);
            case GE -> ge(f, a, b);
            case IN -> in(f, a, b);
            case ADD -> add(f, a, b);
            case STARTS_WITH -> startsWith(f, a, b);
            case ENDS_WITH -> endsWith(f, a, b);
            case CONTAINS -> contains(f, a, b);
        };
    }

    /**
     * The method that applies this node's operator (each small enough to inline), for the operators
     * generated code does not write out.
     */
    GeneratedCalls call() {
        return switch (op) {
            case LT -> GeneratedCalls.BINARY_LT;
            case LE -> GeneratedCalls.BINARY_LE;
            case GT -> GeneratedCalls.BINARY_GT;
            case GE -> GeneratedCalls.BINARY_GE;
            case ADD -> GeneratedCalls.BINARY_ADD;
            default -> throw new IllegalStateException(op + " is written out by the generator");
        };
    }

    Object eq(Frame f, Object a, Object b) {
        f.cost(comparisonCost(a, b));
        return Rt.eq(a, b);
    }

    Object ne(Frame f, Object a, Object b) {
        f.cost(comparisonCost(a, b));
        return !Rt.eq(a, b);
    }

    Object lt(Frame f, Object a, Object b) {
        f.cost(comparisonCost(a, b));
        return compare(a, b) == -1;
    }

    Object le(Frame f, Object a, Object b) {
        f.cost(comparisonCost(a, b));
        int c = compare(a, b);
        return c == -1 || c == 0;
    }

    Object gt(Frame f, Object a, Object b) {
        f.cost(comparisonCost(a, b));
        return compare(a, b) == 1;
    }

    Object ge(Frame f, Object a, Object b) {
        f.cost(comparisonCost(a, b));
        int c = compare(a, b);
        return c == 1 || c == 0;
    }

    private int compare(Object a, Object b) {
        try {
            return Rt.compare(a, b, name);
        } catch (CelError e) {
            throw e.at(offset);
        }
    }

    Object in(Frame f, Object a, Object b) {
        f.cost(1);
        if (b instanceof ObjectNode o && a instanceof String key) {
            if (memo >= 0 && f.slots[memo] != null) {
                return true;
            }
            JsonNode n = o.get(key);
            if (n != null && memo >= 0) {
                f.slots[memo] = Rt.json(n);
            }
            return n != null;
        }
        return inOther(f, a, b);
    }

    Object inOther(Frame f, Object a, Object b) {
        if (Rt.isList(b)) {
            f.cost(Rt.size(b));
        }
        try {
            return Stdlib.in(f, a, b);
        } catch (CelError e) {
            throw e.at(offset);
        }
    }

    int memo() {
        return memo;
    }

    Op op() {
        return op;
    }

    Object add(Frame f, Object a, Object b) {
        f.cost(Stdlib.additionCost(a, b));
        try {
            return Stdlib.add(f, a, b);
        } catch (CelError e) {
            throw e.at(offset);
        }
    }

    Object startsWith(Frame f, Object a, Object b) {
        f.cost(affixCost(b));
        if (a instanceof String s && b instanceof String p) {
            return s.startsWith(p);
        }
        throw noSuchOverload(a, b);
    }

    Object endsWith(Frame f, Object a, Object b) {
        f.cost(affixCost(b));
        if (a instanceof String s && b instanceof String p) {
            return s.endsWith(p);
        }
        throw noSuchOverload(a, b);
    }

    Object contains(Frame f, Object a, Object b) {
        f.cost(containsCost(a, b));
        if (a instanceof String s && b instanceof String p) {
            return s.contains(p);
        }
        throw noSuchOverload(a, b);
    }

    /**
     * The cost of {@code ==}, {@code !=} and the orderings ({@link Stdlib#EQUALITY}): one unit for
     * scalars, ⌈0.1 × the shorter size⌉ for strings, bytes and containers.
     */
    static long comparisonCost(Object a, Object b) {
        if (a instanceof Long || a instanceof Boolean || a instanceof Double) {
            return 1;
        }
        if (a instanceof String s && b instanceof String t) {
            int m = Math.min(s.length(), t.length());
            return m <= 10 ? 1 : (m + 9) / 10;
        }
        return Math.max(1, Cost.factor(Math.min(Cost.size(a), Cost.size(b)), Cost.TRAVERSAL));
    }

    /** The cost of startsWith and endsWith ({@link Stdlib#AFFIX}): ⌈0.1 × |prefix|⌉. */
    static long affixCost(Object prefix) {
        return prefix instanceof String p && p.length() > 10 ? (p.length() + 9) / 10 : 1;
    }

    /** {@link #affixCost} of the second operand, in the shape generated code calls. */
    static long affixCost2(Object a, Object prefix) {
        return affixCost(prefix);
    }

    /** The cost of contains ({@link Stdlib#CONTAINS}). */
    static long containsCost(Object a, Object b) {
        return a instanceof String s && b instanceof String p ? Math.max(1, Cost.contains(s.length(), p.length())) : 1;
    }

    CelError noSuchOverload(Object a, Object b) {
        return CelError.noSuchOverload(name, a, b).at(offset);
    }
}
