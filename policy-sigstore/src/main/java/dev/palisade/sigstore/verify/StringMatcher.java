package dev.palisade.sigstore.verify;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Objects;

/**
 * Matches a certificate identity or issuer: either exact string equality or an RE2 regular
 * expression that must match the <em>whole</em> value. Patterns are implicitly anchored, as if
 * written {@code ^(?:pattern)$}: {@code https://github.com/org/} matches nothing but itself; write
 * {@code https://github.com/org/.*} to accept every repository of the organisation. (cosign's Go
 * matcher is unanchored; Palisade chose the safe behaviour.) Immutable and thread-safe.
 */
public final class StringMatcher {
    private final String text;
    private final Pattern pattern;

    private StringMatcher(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /**
     * Matches exactly {@code value}.
     *
     * @param value the value
     * @return the matcher
     */
    public static StringMatcher exact(String value) {
        Objects.requireNonNull(value, "value");
        return new StringMatcher(value, null);
    }

    /**
     * Matches values that the RE2 pattern matches in full.
     *
     * @param regexp the RE2 pattern
     * @return the matcher
     * @throws SignatureVerificationException when the pattern is not valid RE2 syntax
     */
    public static StringMatcher regexp(String regexp) {
        Objects.requireNonNull(regexp, "regexp");
        try {
            return new StringMatcher(regexp, Pattern.compile(regexp));
        } catch (PatternSyntaxException e) {
            throw new SignatureVerificationException("invalid identity regular expression '" + regexp
                    + "': " + e.getMessage() + "; use RE2 syntax", e);
        }
    }

    /**
     * {@return whether the value matches}
     *
     * @param value a value, such as a certificate subject
     */
    public boolean matches(String value) {
        return pattern == null ? text.equals(value) : pattern.matches(value);
    }

    /** {@return whether this is a regular expression rather than an exact value} */
    public boolean isRegexp() {
        return pattern != null;
    }

    /** {@return the exact value or the pattern text} */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return pattern == null ? "'" + text + "'" : "regexp '" + text + "' (full match)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StringMatcher that && text.equals(that.text) && isRegexp() == that.isRegexp();
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 2 + (isRegexp() ? 1 : 0);
    }
}
