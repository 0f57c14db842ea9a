package dev.palisade.kyverno.internal;

/**
 * Kyverno's wildcard patterns ({@code *} any run of characters, {@code ?} exactly one), for the
 * engine: matching is the JMESPath package's implementation, shared with {@code pattern_match} and
 * {@code wildcard} functions.
 */
public final class Wildcard {
    private Wildcard() {
    }

    /** Whether the text matches the pattern. */
    public static boolean match(String pattern, String text) {
        return dev.palisade.kyverno.jmespath.internal.Wildcard.match(pattern, text, null);
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
