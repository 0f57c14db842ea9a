package dev.palisade.lang.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RE2/J patterns for non-constant regular expressions, with the {@link RegexDfa} that answers
 * {@code matches} when the pattern is simple enough, through a small bounded cache that threads
 * share without locking (when full it is emptied, so a flood of distinct patterns costs compilation
 * time but no memory).
 */
final class Regexes {
    private static final int CACHE_SIZE = 256;
    private static final ConcurrentHashMap<String, Compiled> CACHE = new ConcurrentHashMap<>();

    /** A pattern and its automaton; {@code dfa} is null when RE2/J must answer. */
    private record Compiled(Pattern pattern, RegexDfa dfa) {
        boolean find(String s) {
            return dfa != null ? dfa.find(s) : pattern.matcher(s).find();
        }
    }

    private Regexes() {
    }

    static Pattern compile(String re) {
        return compiled(re).pattern();
    }

    /** Whether {@code re} matches anywhere in {@code s} (CEL {@code matches}). */
    static boolean matches(String re, String s) {
        return compiled(re).find(s);
    }

    private static Compiled compiled(String re) {
        Compiled c = CACHE.get(re);
        if (c != null) {
            return c;
        }
        Pattern p;
        try {
            p = Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw new CelError("invalid regular expression '" + re + "': " + e.getDescription());
        }
        c = new Compiled(p, RegexDfa.compile(re));
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear();
        }
        CACHE.put(re, c);
        return c;
    }
}
