package dev.palisade.lang.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link Regexes}' measure of patterns: Go's sizes and limits, and no failure other than its own. */
class RegexLimitsTest {
    @Test
    void sizesFollowGo() {
        assertEquals(3, Regexes.programSize("abc"));
        assertEquals(2 + 1, Regexes.programSize("a*"));
        assertEquals(1000, Regexes.programSize("a{1000}"));
        assertEquals(5 * 1 + 3, Regexes.programSize("a{2,5}"));
        assertEquals(2 + (2 + 3), Regexes.programSize("(abc)*"));
        assertEquals(1 + 1 + 1, Regexes.programSize("a|b"));
        assertEquals(100 * (2 + 10), Regexes.programSize("(a{10}){100}"));
    }

    @Test
    void goLimitsAreErrors() {
        assertThrows(CelError.class, () -> Regexes.programSize("a{1001}"));
        assertThrows(CelError.class, () -> Regexes.programSize("(a{10}){101}"));
        assertThrows(CelError.class, () -> Regexes.programSize("(" + "x".repeat(3400) + "){999}"));
        assertThrows(CelError.class, () -> Regexes.programSize("(".repeat(1001) + ")".repeat(1001)));
        assertEquals(1000 * (2 + 3) + 999, Regexes.programSize("(abc){1,1000}"));
    }

    @Test
    void deepPatternsAreMeasuredWithoutRecursion() {
        assertEquals(1 + 2 * 999, Regexes.programSize("(".repeat(999) + "a" + ")".repeat(999)));
        assertEquals(1, Regexes.programSize("(?:".repeat(999) + "a" + ")".repeat(999)));
        CelError e = assertThrows(CelError.class, () -> Regexes.programSize("(".repeat(100_000)));
        assertTrue(e.getMessage().contains("nests too deeply"), e.getMessage());
        // whatever RE2/J's compiler makes of a deep pattern, it is one of the language's errors or a pattern
        try {
            Regexes.compile(new Frame(dev.palisade.lang.Bindings.empty(), 0, 1_000_000),
                    "(".repeat(999) + "a" + ")".repeat(999));
        } catch (CelError expected) {
            assertTrue(expected.getMessage().startsWith("invalid regular expression"), expected.getMessage());
        }
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars("a(){}[]|*+?\\.^$,0123456789:P<>QEpx-").ofMaxLength(40);
    }

    @Property(tries = 3000)
    void measuringNeverFailsOtherwiseAndRe2jAgreesOnWhatIsValid(@ForAll("patterns") String re) {
        long size;
        try {
            size = Regexes.programSize(re);
        } catch (CelError e) {
            assertTrue(e.getMessage().startsWith("invalid regular expression"), e.getMessage());
            return;
        }
        assertTrue(size >= 1 && size <= Regexes.MAX_PROGRAM_SIZE, re + " measured " + size);
        try {
            Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            // a syntax error RE2/J reports itself
        }
    }
}
