package dev.palisade.rego.internal.builtins;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code regex.globs_match}: whether two "glob" regexes ({@code .}, character classes, literals,
 * each optionally with {@code *} or {@code +}) have a string in common. A search over pairs of
 * positions, linear in the product of the pattern lengths.
 */
final class GlobIntersect {
    private GlobIntersect() {
    }

    /** A set of characters: any, or ranges (possibly negated). */
    private static final class CharSet {
        final boolean any;
        final boolean negated;
        final List<int[]> ranges;

        CharSet(boolean any, boolean negated, List<int[]> ranges) {
            this.any = any;
            this.negated = negated;
            this.ranges = ranges;
        }

        boolean contains(int c) {
            if (any) {
                return true;
            }
            boolean in = false;
            for (int[] r : ranges) {
                if (c >= r[0] && c <= r[1]) {
                    in = true;
                    break;
                }
            }
            return in != negated;
        }
    }

    private record Token(CharSet set, boolean star) {
    }

    static boolean intersects(String a, String b) {
        List<Token> x = parse(a);
        List<Token> y = parse(b);
        Deque<int[]> work = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        work.push(new int[] {0, 0});
        while (!work.isEmpty()) {
            int[] s = work.pop();
            int i = s[0];
            int j = s[1];
            if (!seen.add(((long) i << 32) | j)) {
                continue;
            }
            if (i == x.size() && j == y.size()) {
                return true;
            }
            if (i < x.size() && x.get(i).star()) {
                work.push(new int[] {i + 1, j});
            }
            if (j < y.size() && y.get(j).star()) {
                work.push(new int[] {i, j + 1});
            }
            if (i < x.size() && j < y.size() && overlap(x.get(i).set(), y.get(j).set())) {
                int[] ni = x.get(i).star() ? new int[] {i, i + 1} : new int[] {i + 1};
                int[] nj = y.get(j).star() ? new int[] {j, j + 1} : new int[] {j + 1};
                for (int p : ni) {
                    for (int q : nj) {
                        work.push(new int[] {p, q});
                    }
                }
            }
        }
        return false;
    }

    private static boolean overlap(CharSet s, CharSet t) {
        TreeSet<Integer> candidates = new TreeSet<>();
        candidates.add(0);
        candidates.add(0x10FFFF);
        candidates.add((int) 'a');
        for (CharSet c : List.of(s, t)) {
            if (c.ranges != null) {
                for (int[] r : c.ranges) {
                    for (int d = -1; d <= 1; d++) {
                        candidates.add(Math.max(0, Math.min(0x10FFFF, r[0] + d)));
                        candidates.add(Math.max(0, Math.min(0x10FFFF, r[1] + d)));
                    }
                }
            }
        }
        for (int c : candidates) {
            if (s.contains(c) && t.contains(c)) {
                return true;
            }
        }
        return false;
    }

    private static BuiltinException invalid(String input, int pos, String msg) {
        return BuiltinException.error("input:" + input + ", pos:" + pos + ", " + msg + ": the input provided is invalid");
    }

    private static List<Token> parse(String p) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < p.length()) {
            int c = p.codePointAt(i);
            int start = i;
            i += Character.charCount(c);
            CharSet set;
            switch (c) {
                case '.' -> set = new CharSet(true, false, null);
                case '[' -> {
                    boolean neg = i < p.length() && p.charAt(i) == '^';
                    if (neg) {
                        i++;
                    }
                    List<int[]> ranges = new ArrayList<>();
                    boolean closed = false;
                    while (i < p.length()) {
                        int d = p.codePointAt(i);
                        i += Character.charCount(d);
                        if (d == ']') {
                            closed = true;
                            break;
                        }
                        if (d == '\\') {
                            if (i >= p.length()) {
                                throw invalid(p, i, "escape '\\' at end of input");
                            }
                            d = p.codePointAt(i);
                            i += Character.charCount(d);
                        }
                        int lo = d;
                        int hi = d;
                        if (i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                            i++;
                            hi = p.codePointAt(i);
                            i += Character.charCount(hi);
                        }
                        ranges.add(new int[] {lo, hi});
                    }
                    if (!closed) {
                        throw invalid(p, start + 1, "set-open '[' with no closing ']'");
                    }
                    set = new CharSet(false, neg, ranges);
                }
                case ']' -> throw invalid(p, start + 1, "set-close ']' with no preceding '['");
                case '*', '+' -> throw invalid(p, start + 1, "quantifier '" + (char) c + "' with no preceding token");
                case '\\' -> {
                    if (i >= p.length()) {
                        throw invalid(p, start + 1, "escape '\\' at end of input");
                    }
                    int d = p.codePointAt(i);
                    i += Character.charCount(d);
                    set = new CharSet(false, false, List.of(new int[] {d, d}));
                }
                default -> set = new CharSet(false, false, List.of(new int[] {c, c}));
            }
            boolean star = false;
            boolean plus = false;
            if (i < p.length() && (p.charAt(i) == '*' || p.charAt(i) == '+')) {
                star = p.charAt(i) == '*';
                plus = p.charAt(i) == '+';
                i++;
            }
            if (plus) {
                out.add(new Token(set, false));
                out.add(new Token(set, true));
            } else {
                out.add(new Token(set, star));
            }
        }
        return out;
    }
}
