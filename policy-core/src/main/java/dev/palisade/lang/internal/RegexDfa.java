package dev.palisade.lang.internal;

/**
 * A deterministic automaton that answers RE2's unanchored {@code find()} for a small regular
 * expression in one pass over the code points of the input, with one table lookup per code point
 * and no allocation. {@link #compile} accepts a subset of RE2 syntax (literals, escapes, {@code .},
 * classes, {@code \d \w \s} and negations, groups, alternation, all quantifiers, {@code ^} and
 * {@code $}) and answers null for anything else or for automata over {@link #MAX_STATES} states, so
 * callers keep RE2/J for those. Immutable and thread-safe.
 */
final class RegexDfa {
    /** The largest automaton built; bigger ones fall back to RE2/J. State numbers fit a char. */
    static final int MAX_STATES = 256;

    static final byte RUNNING = 0;
    static final byte ACCEPT = 1;
    static final byte DEAD = 2;

    private final int start;
    private final char[] asciiNext;
    private final int[] classStarts;
    private final char[] next;
    private final byte[] status;
    private final boolean[] acceptsAtEnd;

    /**
     * @param start        the state before the first code point
     * @param classStarts  the first code point of each input class, ascending from 0
     * @param next         the successor of state {@code s} on class {@code k} at {@code s * classes + k}
     * @param status       per state: {@link #RUNNING}, {@link #ACCEPT} (a match ends here) or
     *                     {@link #DEAD} (no match can follow)
     * @param acceptsAtEnd per state: whether the text matches when it ends in that state
     */
    RegexDfa(int start, int[] classStarts, int[] next, byte[] status, boolean[] acceptsAtEnd) {
        this.start = start;
        this.classStarts = classStarts;
        this.next = new char[next.length];
        for (int i = 0; i < next.length; i++) {
            this.next[i] = (char) next[i];
        }
        this.status = status;
        this.acceptsAtEnd = acceptsAtEnd;
        int states = status.length;
        int[] asciiClass = new int[128];
        for (int c = 0; c < 128; c++) {
            asciiClass[c] = classOf(c);
        }
        this.asciiNext = new char[states * 128];
        for (int s = 0; s < states; s++) {
            for (int c = 0; c < 128; c++) {
                asciiNext[(s << 7) | c] = this.next[s * classStarts.length + asciiClass[c]];
            }
        }
    }

    /**
     * The automaton for {@code re}, or null when {@code re} is invalid, uses syntax outside the
     * supported subset, or needs more than {@link #MAX_STATES} states. Never throws.
     */
    static RegexDfa compile(String re) {
        RegexDfaSyntax.Node tree = RegexDfaSyntax.parse(re);
        if (tree == null) {
            return null;
        }
        RegexDfaNfa.Automaton nfa = RegexDfaNfa.build(tree);
        return nfa == null ? null : RegexDfaBuilder.build(nfa, MAX_STATES);
    }

    /** Whether {@code re} matches anywhere in {@code s}, exactly as RE2/J's {@code matcher(s).find()}. */
    boolean find(String s) {
        int state = start;
        int classes = classStarts.length;
        int n = s.length();
        int i = 0;
        while (true) {
            byte k = status[state];
            if (k != RUNNING) {
                return k == ACCEPT;
            }
            if (i >= n) {
                return acceptsAtEnd[state];
            }
            char c = s.charAt(i);
            if (c < 128) {
                state = asciiNext[(state << 7) | c];
                i++;
            } else {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                state = next[state * classes + classOf(cp)];
            }
        }
    }

    /** Number of states, for tests. */
    int stateCount() {
        return status.length;
    }

    private int classOf(int codePoint) {
        int lo = 0;
        int hi = classStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (classStarts[mid] <= codePoint) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
