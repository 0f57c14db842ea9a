package dev.palisade.lang.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RE2/J patterns for non-constant regular expressions, through a small bounded cache that threads
 * share without locking (when full it is emptied, so a flood of distinct patterns costs compilation
 * time but no memory).
 */
final class Regexes {
    private static final int CACHE_SIZE = 256;
    private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private Regexes() {
    }

    static Pattern compile(String re) {
        Pattern p = CACHE.get(re);
        if (p != null) {
            return p;
        }
        try {
            p = Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw new CelError("invalid regular expression '" + re + "': " + e.getDescription());
        }
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear();
        }
        CACHE.put(re, p);
        return p;
    }
}
