package dev.palisade.lang.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Subset construction of a {@link RegexDfa} from a {@link RegexDfaNfa.Automaton}, for the search
 * {@code .*?(re)}: every step adds the NFA start again (a match may begin anywhere); start-of-text
 * assertions hold only before the first code point; end-of-text assertions are kept pending in the
 * state and resolved only when the input ends.
 */
final class RegexDfaBuilder {
    private static final int MAX_CLASSES = 1024;
    /** Bounds the memory of one automaton: states times input classes. */
    private static final int MAX_TABLE_ENTRIES = 1 << 16;
    /** Bounds the construction time of pathological patterns (units: NFA states and classes visited). */
    private static final long MAX_WORK = 4_000_000;

    private final RegexDfaNfa.Automaton nfa;
    private final int maxStates;
    private final int[] classStarts;
    private final List<BitSet> sets = new ArrayList<>();
    private final List<Boolean> atStart = new ArrayList<>();
    private final Map<SetKey, Integer> ids = new HashMap<>();
    private final Map<SetKey, Integer> afterMove = new HashMap<>();
    private long work;

    /** A set of NFA states as a hash key (BitSet's own hash collides often for these sets). */
    private record SetKey(long[] words) {
        SetKey(BitSet set) {
            this(set.toLongArray());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SetKey k && Arrays.equals(words, k.words);
        }

        @Override
        public int hashCode() {
            long h = 0;
            for (long w : words) {
                h = (h ^ w) * 0x9E3779B97F4A7C15L;
            }
            return (int) (h ^ (h >>> 32));
        }

        @Override
        public String toString() {
            return BitSet.valueOf(words).toString();
        }
    }

    private RegexDfaBuilder(RegexDfaNfa.Automaton nfa, int maxStates, int[] classStarts) {
        this.nfa = nfa;
        this.maxStates = maxStates;
        this.classStarts = classStarts;
    }

    /**
     * The automaton, or null when it needs more than {@code maxStates} states, a table over
     * {@link #MAX_TABLE_ENTRIES} entries, or too much construction work.
     */
    static RegexDfa build(RegexDfaNfa.Automaton nfa, int maxStates) {
        int[] classStarts = classStarts(nfa);
        if (classStarts.length > MAX_CLASSES) {
            return null;
        }
        int statesThatFit = Math.min(maxStates, MAX_TABLE_ENTRIES / classStarts.length);
        return new RegexDfaBuilder(nfa, statesThatFit, classStarts).build();
    }

    /** Splits the code points into classes that every character set of the NFA treats alike. */
    private static int[] classStarts(RegexDfaNfa.Automaton nfa) {
        TreeSet<Integer> starts = new TreeSet<>();
        starts.add(0);
        for (int s = 0; s < nfa.size(); s++) {
            if (nfa.kinds()[s] == RegexDfaNfa.CHARS) {
                int[] r = nfa.ranges()[s];
                for (int i = 0; i < r.length; i += 2) {
                    starts.add(r[i]);
                    if (r[i + 1] < RegexDfaRanges.MAX_CODE_POINT) {
                        starts.add(r[i + 1] + 1);
                    }
                }
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private RegexDfa build() {
        int classes = classStarts.length;
        BitSet seed = new BitSet();
        seed.set(nfa.start());
        if (intern(closure(seed, true, false), true) < 0) {
            return null;
        }
        List<int[]> transitions = new ArrayList<>();
        for (int id = 0; id < sets.size(); id++) {
            BitSet set = sets.get(id);
            int[] row = new int[classes];
            transitions.add(row);
            if (accepts(set)) {
                Arrays.fill(row, id);
                continue;
            }
            BitSet[] moved = move(set);
            if (work > MAX_WORK) {
                return null;
            }
            for (int k = 0; k < classes; k++) {
                row[k] = successor(moved[k]);
                if (row[k] < 0) {
                    return null;
                }
            }
        }
        int states = sets.size();
        int[] next = new int[states * classes];
        boolean[] acceptsAtEnd = new boolean[states];
        boolean[] live = new boolean[states];
        for (int id = 0; id < states; id++) {
            System.arraycopy(transitions.get(id), 0, next, id * classes, classes);
            acceptsAtEnd[id] = accepts(closure(sets.get(id), atStart.get(id), true));
            live[id] = acceptsAtEnd[id] || accepts(sets.get(id));
        }
        markLive(next, classes, live);
        byte[] status = new byte[states];
        for (int id = 0; id < states; id++) {
            status[id] = accepts(sets.get(id)) ? RegexDfa.ACCEPT : live[id] ? RegexDfa.RUNNING : RegexDfa.DEAD;
        }
        return new RegexDfa(0, classStarts, next, status, acceptsAtEnd);
    }

    /** Extends {@code live} to every state from which a live state can be reached. */
    private static void markLive(int[] next, int classes, boolean[] live) {
        int states = live.length;
        List<List<Integer>> predecessors = new ArrayList<>();
        for (int id = 0; id < states; id++) {
            predecessors.add(new ArrayList<>());
        }
        for (int id = 0; id < states; id++) {
            for (int k = 0; k < classes; k++) {
                predecessors.get(next[id * classes + k]).add(id);
            }
        }
        ArrayDeque<Integer> work = new ArrayDeque<>();
        for (int id = 0; id < states; id++) {
            if (live[id]) {
                work.add(id);
            }
        }
        while (!work.isEmpty()) {
            for (int p : predecessors.get(work.poll())) {
                if (!live[p]) {
                    live[p] = true;
                    work.add(p);
                }
            }
        }
    }

    /** Per input class, the NFA states reached from {@code set} by reading it, plus the NFA start. */
    private BitSet[] move(BitSet set) {
        BitSet[] moved = new BitSet[classStarts.length];
        for (int k = 0; k < moved.length; k++) {
            moved[k] = new BitSet();
            moved[k].set(nfa.start());
        }
        for (int s = set.nextSetBit(0); s >= 0; s = set.nextSetBit(s + 1)) {
            if (nfa.kinds()[s] != RegexDfaNfa.CHARS) {
                continue;
            }
            int[] r = nfa.ranges()[s];
            int target = nfa.successors()[s][0];
            for (int i = 0; i < r.length; i += 2) {
                int first = classIndex(r[i]);
                int last = classIndex(r[i + 1]);
                for (int k = first; k <= last; k++) {
                    moved[k].set(target);
                }
                work += last - first + 1;
            }
        }
        return moved;
    }

    /** The state after reading: the closure of {@code moved}, memoized; -1 when over a limit. */
    private int successor(BitSet moved) {
        SetKey key = new SetKey(moved);
        Integer known = afterMove.get(key);
        if (known != null) {
            return known;
        }
        if (work > MAX_WORK) {
            return -1;
        }
        int id = intern(closure(moved, false, false), false);
        afterMove.put(key, id);
        return id;
    }

    private int classIndex(int codePoint) {
        int k = Arrays.binarySearch(classStarts, codePoint);
        return k >= 0 ? k : -k - 2;
    }

    private int intern(BitSet set, boolean startOfText) {
        BitSet marked = (BitSet) set.clone();
        if (startOfText) {
            marked.set(nfa.size());
        }
        SetKey key = new SetKey(marked);
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        if (sets.size() >= maxStates) {
            return -1;
        }
        ids.put(key, sets.size());
        sets.add(set);
        atStart.add(startOfText);
        return sets.size() - 1;
    }

    private boolean accepts(BitSet set) {
        for (int s = set.nextSetBit(0); s >= 0; s = set.nextSetBit(s + 1)) {
            if (nfa.kinds()[s] == RegexDfaNfa.MATCH) {
                return true;
            }
        }
        return false;
    }

    /**
     * The states reachable from {@code seeds} without reading: following splits, and assertions
     * that hold. Keeps the states that read or accept, and end-of-text assertions still pending.
     */
    private BitSet closure(BitSet seeds, boolean startOfText, boolean endOfText) {
        BitSet out = new BitSet();
        BitSet seen = new BitSet();
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        seeds.stream().forEach(stack::push);
        while (!stack.isEmpty()) {
            int s = stack.pop();
            if (seen.get(s)) {
                continue;
            }
            seen.set(s);
            work++;
            switch (nfa.kinds()[s]) {
                case RegexDfaNfa.CHARS, RegexDfaNfa.MATCH -> out.set(s);
                case RegexDfaNfa.SPLIT -> {
                    for (int t : nfa.successors()[s]) {
                        stack.push(t);
                    }
                }
                case RegexDfaNfa.START_OF_TEXT -> {
                    if (startOfText) {
                        stack.push(nfa.successors()[s][0]);
                    }
                }
                default -> {
                    if (endOfText) {
                        stack.push(nfa.successors()[s][0]);
                    } else {
                        out.set(s);
                    }
                }
            }
        }
        return out;
    }
}
