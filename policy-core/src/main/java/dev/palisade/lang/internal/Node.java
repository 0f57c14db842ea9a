package dev.palisade.lang.internal;

/** A node of a planned program: evaluates one (sub-)expression. */
abstract class Node {
    final int offset;

    Node(int offset) {
        this.offset = offset;
    }

    abstract Object eval(Frame f);

    /** Whether the node always yields the same value without cost (a literal or folded constant). */
    boolean isConstant() {
        return false;
    }

    /** Evaluates, attaching this node's position to errors without one. */
    final Object evalAt(Frame f) {
        try {
            return eval(f);
        } catch (CelError e) {
            throw e.at(offset);
        }
    }
}
