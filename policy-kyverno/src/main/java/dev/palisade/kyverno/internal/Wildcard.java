package dev.palisade.kyverno.internal;

/**
 * Kyverno's wildcard patterns: {@code *} matches any run of characters (also none), {@code ?}
 * matches exactly one character, every other character matches itself; an empty pattern matches
 * only the empty string. Characters are Unicode code points. Matching is iterative with
 * single-star backtracking, so it takes at most O(pattern × text) steps whatever the input.
 */
public final class Wildcard {
    private Wildcard() {
    }

    /** Whether the text matches the pattern. */
    public static boolean match(String pattern, String text) {
        if (pattern.isEmpty()) {
            return text.isEmpty();
        }
        if (pattern.equals("*")) {
            return true;
        }
        if (!containsWildcard(pattern)) {
            return pattern.equals(text);
        }
        int[] p = pattern.codePoints().toArray();
        int[] t = text.codePoints().toArray();
        int pi = 0;
        int ti = 0;
        int star = -1;
        int resume = 0;
        while (ti < t.length) {
            if (pi < p.length && p[pi] == '*') {
                star = pi++;
                resume = ti;
            } else if (pi < p.length && (p[pi] == '?' || p[pi] == t[ti])) {
                pi++;
                ti++;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++resume;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return pi == p.length;
    }

    /** Whether the text contains {@code *} or {@code ?}. */
    public static boolean containsWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    /** Whether any pattern matches the text. */
    public static boolean matchAny(Iterable<String> patterns, String text) {
        for (String pattern : patterns) {
            if (match(pattern, text)) {
                return true;
            }
        }
        return false;
    }
}
