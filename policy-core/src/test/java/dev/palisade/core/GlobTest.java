package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void gatekeeperWildcards() {
        assertTrue(Glob.matches("kube-*", "kube-system"));
        assertFalse(Glob.matches("kube-*", "my-kube-system"));
        assertTrue(Glob.matches("*-system", "kube-system"));
        assertTrue(Glob.matches("*ube*", "kube-system"));
        assertTrue(Glob.matches("*", ""));
        assertTrue(Glob.matches("prod", "prod"));
        assertFalse(Glob.matches("prod", "production"));
        assertFalse(Glob.matches("p*d", "pod"), "an inner star is literal");
        assertTrue(Glob.matches("p*d", "p*d"));
    }

    @Property
    void exactPatternMatchesOnlyItself(@ForAll @AlphaChars @StringLength(max = 12) String pattern,
            @ForAll @AlphaChars @StringLength(max = 12) String value) {
        assertEquals(pattern.equals(value), Glob.matches(pattern, value));
    }

    @Property
    void prefixGlobIsStartsWith(@ForAll @AlphaChars @StringLength(max = 8) String prefix,
            @ForAll @AlphaChars @StringLength(max = 12) String value) {
        assertEquals(value.startsWith(prefix), Glob.matches(prefix + "*", value));
    }

    @Property
    void suffixGlobIsEndsWith(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String suffix,
            @ForAll @AlphaChars @StringLength(max = 12) String value) {
        assertEquals(value.endsWith(suffix), Glob.matches("*" + suffix, value));
    }

    @Property
    void containsGlobIsContains(@ForAll @AlphaChars @StringLength(max = 8) String part,
            @ForAll @AlphaChars @StringLength(max = 12) String value) {
        assertEquals(value.contains(part), Glob.matches("*" + part + "*", value));
    }

    @Property
    void everyValueMatchesItselfAndItsPrefixGlob(@ForAll @AlphaChars @StringLength(max = 12) String value) {
        assertTrue(Glob.matches(value, value));
        assertTrue(Glob.matches(value + "*", value));
        assertTrue(Glob.matches("*" + value + "*", value));
    }
}
