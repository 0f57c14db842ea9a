package dev.palisade.kyverno.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Kyverno wildcards against an oracle: the pattern translated into a (fully quoted) Java regular
 * expression, {@code *} as {@code .*} and {@code ?} as one character.
 */
class WildcardProperties {

    @Property(tries = 2000)
    void agreesWithRegexOracle(@ForAll("patterns") String pattern, @ForAll("texts") String text) {
        StringBuilder regex = new StringBuilder();
        pattern.codePoints().forEach(c -> {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(new String(Character.toChars(c))));
            }
        });
        boolean expected = pattern.isEmpty() ? text.isEmpty()
                : Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
        assertEquals(expected, Wildcard.match(pattern, text), pattern + " ~ " + text);
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars('a', 'b', '*', '?', '.', '-').ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars('a', 'b', '.', '-', '*').ofMaxLength(10);
    }
}
