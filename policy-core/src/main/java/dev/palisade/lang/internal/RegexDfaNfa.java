package dev.palisade.lang.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A Thompson NFA for a {@link RegexDfaSyntax} tree: states that read one code point out of a set,
 * split into several states, assert the start or end of text, or accept. Built back to front, so
 * every state already knows its successors; bounded in size so that huge repetitions give up.
 */
final class RegexDfaNfa {
    static final int CHARS = 0;
    static final int SPLIT = 1;
    static final int START_OF_TEXT = 2;
    static final int END_OF_TEXT = 3;
    static final int MATCH = 4;

    private static final int MAX_STATES = 4096;

    private final List<Integer> kinds = new ArrayList<>();
    private final List<int[]> ranges = new ArrayList<>();
    private final List<int[]> successors = new ArrayList<>();

    /** Signals an NFA larger than {@link #MAX_STATES}. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** The compiled automaton: per state its kind, character set (CHARS) and successors. */
    record Automaton(int[] kinds, int[][] ranges, int[][] successors, int start) {
        int size() {
            return kinds.length;
        }
    }

    private RegexDfaNfa() {
    }

    /** The NFA of {@code node}, or null when it would exceed the state limit. */
    static Automaton build(RegexDfaSyntax.Node node) {
        RegexDfaNfa nfa = new RegexDfaNfa();
        try {
            int match = nfa.add(MATCH, null, new int[0]);
            int start = nfa.compile(node, match);
            int n = nfa.kinds.size();
            int[] kinds = new int[n];
            for (int i = 0; i < n; i++) {
                kinds[i] = nfa.kinds.get(i);
            }
            return new Automaton(kinds, nfa.ranges.toArray(new int[0][]), nfa.successors.toArray(new int[0][]),
                    start);
        } catch (TooLarge e) {
            return null;
        }
    }

    private int add(int kind, int[] chars, int[] next) {
        if (kinds.size() >= MAX_STATES) {
            throw new TooLarge();
        }
        kinds.add(kind);
        ranges.add(chars);
        successors.add(next);
        return kinds.size() - 1;
    }

    /** Adds the states for {@code node} followed by state {@code next}; returns the entry state. */
    private int compile(RegexDfaSyntax.Node node, int next) {
        if (node instanceof RegexDfaSyntax.Chars c) {
            return add(CHARS, c.ranges(), new int[] {next});
        }
        if (node instanceof RegexDfaSyntax.Empty) {
            return next;
        }
        if (node instanceof RegexDfaSyntax.Assertion a) {
            return add(a.startOfText() ? START_OF_TEXT : END_OF_TEXT, null, new int[] {next});
        }
        if (node instanceof RegexDfaSyntax.Concat c) {
            int entry = next;
            for (int i = c.items().size() - 1; i >= 0; i--) {
                entry = compile(c.items().get(i), entry);
            }
            return entry;
        }
        if (node instanceof RegexDfaSyntax.Alternation a) {
            int[] entries = new int[a.choices().size()];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = compile(a.choices().get(i), next);
            }
            return add(SPLIT, null, entries);
        }
        RegexDfaSyntax.Repeat r = (RegexDfaSyntax.Repeat) node;
        int entry;
        if (r.max() < 0) {
            int loop = add(SPLIT, null, new int[] {-1, next});
            successors.get(loop)[0] = compile(r.item(), loop);
            entry = loop;
        } else {
            entry = next;
            for (int i = r.min(); i < r.max(); i++) {
                entry = add(SPLIT, null, new int[] {compile(r.item(), entry), next});
            }
        }
        for (int i = 0; i < r.min(); i++) {
            entry = compile(r.item(), entry);
        }
        return entry;
    }
}
