package dev.palisade.lang.internal;

import java.util.List;

/** The parsed expression tree, macros already expanded. Every node keeps its source offset. */
public sealed interface Ast {
    int offset();

    /** A literal: Long, UInt, Double, String, Bytes, Boolean or NullValue. */
    record Const(int offset, Object value) implements Ast {
    }

    /** A (possibly dotted, possibly leading-dot) name. */
    record Ident(int offset, String name) implements Ast {
    }

    /** {@code operand.field}; {@code test} for {@code has()}, {@code optional} for {@code .?field}. */
    record Select(int offset, Ast operand, String field, boolean test, boolean optional) implements Ast {
    }

    /** A function or operator call; {@code target} is null for global calls. */
    record Call(int offset, Ast target, String function, List<Ast> args) implements Ast {
    }

    /** A list literal; {@code optional[i]} marks {@code ?elem} entries. */
    record ListLit(int offset, List<Ast> elements, List<Boolean> optional) implements Ast {
    }

    /** A map literal. */
    record MapLit(int offset, List<Entry> entries) implements Ast {
    }

    /** One map literal entry; {@code optional} for {@code ?key: value}. */
    record Entry(Ast key, Ast value, boolean optional) {
    }

    /** An expanded macro over {@code range} with one or two iteration variables. */
    record Comprehension(int offset, MacroKind kind, Ast range, String var1, String var2, List<Ast> args)
            implements Ast {
    }

    /** The comprehension macros. */
    enum MacroKind {
        ALL, EXISTS, EXISTS_ONE, MAP, FILTER, TRANSFORM_LIST, TRANSFORM_MAP, TRANSFORM_MAP_ENTRY, OPT_MAP, OPT_FLAT_MAP, SORT_BY
    }
}
