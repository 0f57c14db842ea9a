package dev.palisade.core;

/**
 * Gatekeeper's wildcard patterns: {@code x*} prefix, {@code *x} suffix, {@code *x*} contains,
 * {@code *} anything, otherwise an exact match. No other position of {@code *} is special.
 */
public final class Glob {
    private Glob() {
    }

    /**
     * {@return whether the value matches the pattern}
     *
     * @param pattern a glob with {@code *} wildcards
     * @param value the value
     */
    public static boolean matches(String pattern, String value) {
        boolean leading = pattern.startsWith("*");
        boolean trailing = pattern.length() > 1 && pattern.endsWith("*");
        if (pattern.equals("*")) {
            return true;
        }
        String core = pattern.substring(leading ? 1 : 0, pattern.length() - (trailing ? 1 : 0));
        if (leading && trailing) {
            return value.contains(core);
        }
        if (leading) {
            return value.endsWith(core);
        }
        if (trailing) {
            return value.startsWith(core);
        }
        return value.equals(pattern);
    }

    /**
     * {@return whether the value matches any of the patterns}
     *
     * @param patterns globs with {@code *} wildcards
     * @param value the value
     */
    public static boolean matchesAny(Iterable<String> patterns, String value) {
        for (String pattern : patterns) {
            if (matches(pattern, value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@return whether some name beginning with the prefix can match the pattern, the way Gatekeeper tries a
     * {@code name} glob against {@code generateName}: only prefix and contains globs can}
     *
     * @param pattern a glob with {@code *} wildcards
     * @param generateName the object's {@code generateName} prefix
     */
    public static boolean matchesGenerateName(String pattern, String generateName) {
        if (pattern.equals("*")) {
            return true;
        }
        boolean leading = pattern.startsWith("*");
        boolean trailing = pattern.length() > 1 && pattern.endsWith("*");
        if (!trailing) {
            return false;
        }
        String core = pattern.substring(leading ? 1 : 0, pattern.length() - 1);
        return leading ? generateName.contains(core) : generateName.startsWith(core);
    }
}
