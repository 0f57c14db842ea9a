package dev.palisade.lang.internal;

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

    BinaryNode(int offset, Op op, String name, Node left, Node right) {
        super(offset);
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

    Object apply(Frame f, Object a, Object b) {
        f.cost(1);
        try {
            switch (op) {
                case EQ:
                    return Rt.eq(a, b);
                case NE:
                    return !Rt.eq(a, b);
                case LT:
                    return Rt.compare(a, b, name) == -1;
                case LE: {
                    int c = Rt.compare(a, b, name);
                    return c == -1 || c == 0;
                }
                case GT:
                    return Rt.compare(a, b, name) == 1;
                case GE: {
                    int c = Rt.compare(a, b, name);
                    return c == 1 || c == 0;
                }
                case IN:
                    return Stdlib.in(f, a, b);
                case ADD:
                    return Stdlib.add(f, a, b);
                case STARTS_WITH:
                    if (a instanceof String s && b instanceof String p) {
                        return s.startsWith(p);
                    }
                    throw CelError.noSuchOverload(name, a, b);
                case ENDS_WITH:
                    if (a instanceof String s && b instanceof String p) {
                        return s.endsWith(p);
                    }
                    throw CelError.noSuchOverload(name, a, b);
                default:
                    if (a instanceof String s && b instanceof String p) {
                        f.cost(s.length() / 10);
                        return s.contains(p);
                    }
                    throw CelError.noSuchOverload(name, a, b);
            }
        } catch (CelError e) {
            throw e.at(offset);
        }
    }
}
