package dev.palisade.kyverno.jmespath.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A compiled expression node: immutable, evaluated against the current value. Results are
 * Jackson nodes shared with the input where possible (no copies); {@link Values#MISSING} travels up
 * only through the nodes where Kyverno's dialect propagates a missing key.
 */
public abstract class Node {
    /** 0-based position in the expression. */
    final int position;

    Node(int position) {
        this.position = position;
    }

    /** Evaluates this node; never returns Java null. */
    abstract JsonNode eval(JsonNode value, Eval ev);

    /** Swallows a missing key as null, where go-jmespath ignores its NotFoundError. */
    static JsonNode orNull(JsonNode v) {
        return v.isMissingNode() ? Values.NULL : v;
    }
}
