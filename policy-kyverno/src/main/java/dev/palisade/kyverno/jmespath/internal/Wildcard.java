package dev.palisade.kyverno.jmespath.internal;

/**
 * Kyverno's wildcard matching (IGLOU-EU/go-wildcard 1.0): {@code *} matches any run of characters,
 * {@code ?} exactly one; everything else literally. Linear-time greedy matching with one backtrack
 * point, charged to the cost meter.
 */
public final class Wildcard {
    private Wildcard() {
    }

    /** Whether the name matches the pattern. */
    public static boolean match(String pattern, String name, Eval ev) {
        if (pattern.isEmpty()) {
            return name.isEmpty();
        }
        if (pattern.equals("*")) {
            return true;
        }
        int[] p = pattern.codePoints().toArray();
        int[] s = name.codePoints().toArray();
        int pi = 0;
        int si = 0;
        int star = -1;
        int mark = 0;
        long work = 0;
        while (si < s.length) {
            work++;
            if (pi < p.length && p[pi] == '*') {
                star = pi++;
                mark = si;
            } else if (pi < p.length && (p[pi] == '?' || p[pi] == s[si])) {
                pi++;
                si++;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                charge(ev, work);
                return false;
            }
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        charge(ev, work);
        return pi == p.length;
    }

    private static void charge(Eval ev, long work) {
        if (ev != null) {
            ev.steps(work / 8);
        }
    }
}
