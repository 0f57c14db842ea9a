package dev.palisade.rules.gatekeeper.internal.kinds;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RE2 patterns from constraint parameters, compiled once per distinct pattern text and shared by
 * every evaluation (thread-safe). Bounded: past the limit, patterns are compiled without caching.
 */
final class RegexCache {
    private static final int LIMIT = 4096;
    private static final Pattern INVALID = Pattern.compile("$^");
    private final ConcurrentHashMap<String, Pattern> patterns = new ConcurrentHashMap<>();

    /** The compiled pattern, or empty when the text is not a valid RE2 expression. */
    Optional<Pattern> get(String regex) {
        Pattern cached = patterns.get(regex);
        if (cached == null) {
            cached = compile(regex);
            if (patterns.size() < LIMIT) {
                patterns.putIfAbsent(regex, cached);
            }
        }
        return cached == INVALID ? Optional.empty() : Optional.of(cached);
    }

    /** Rego's {@code regex.match}: whether the pattern matches anywhere in the value; empty on a bad pattern. */
    Optional<Boolean> find(String regex, String value) {
        return get(regex).map(p -> p.matcher(value).find());
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return INVALID;
        }
    }
}
