package dev.palisade.rules.gatekeeper.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Namespace wildcards as the Gatekeeper constraint CRD accepts them. */
class ConstraintMatchPropertyTest {

    @Property
    void namesOfAllowedCharactersWithOptionalStarsAreWildcards(
            @ForAll @StringLength(max = 20) @CharRange(from = 'a', to = 'z') @CharRange(from = '0', to = '9')
            @Chars({'-', ':'}) String body, @ForAll boolean leading, @ForAll boolean trailing) {
        assertTrue(ConstraintMatch.isWildcard((leading ? "*" : "") + body + (trailing ? "*" : "")));
    }

    @Property
    void anUpperCaseLetterDotOrInnerStarIsNotAWildcard(
            @ForAll @StringLength(min = 1, max = 10) @CharRange(from = 'a', to = 'z') String left,
            @ForAll @StringLength(min = 1, max = 10) @CharRange(from = 'a', to = 'z') String right,
            @ForAll @IntRange(max = 5) int which) {
        char bad = "AZ._*/".charAt(which);
        assertFalse(ConstraintMatch.isWildcard(left + bad + right));
    }
}
