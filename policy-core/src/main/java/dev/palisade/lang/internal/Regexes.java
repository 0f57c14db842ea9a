package dev.palisade.lang.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/** RE2/J patterns from expressions, through a small bounded cache for non-constant patterns. */
final class Regexes {
    private static final int CACHE_SIZE = 256;
    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private Regexes() {
    }

    static Pattern compile(String re) {
        synchronized (CACHE) {
            Pattern p = CACHE.get(re);
            if (p != null) {
                return p;
            }
        }
        Pattern p;
        try {
            p = Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw new CelError("invalid regular expression '" + re + "': " + e.getDescription());
        }
        synchronized (CACHE) {
            CACHE.put(re, p);
        }
        return p;
    }
}
