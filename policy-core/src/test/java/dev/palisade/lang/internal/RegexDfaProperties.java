package dev.palisade.lang.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.Expressions;
import dev.palisade.lang.Program;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** RegexDfa against RE2/J as the oracle, on random patterns of the supported syntax and random texts. */
class RegexDfaProperties {
    private static final String[] LITERALS = {"a", "b", "-", "/", "0", "9", "é", "😀", "\n", " ", "]", "}", ","};
    private static final String[] ESCAPES = {"\\.", "\\-", "\\/", "\\\\", "\\*", "\\(", "\\)", "\\[", "\\]", "\\$",
        "\\^", "\\{", "\\}", "\\|", "\\+", "\\?", "\\n", "\\t", "\\d", "\\w", "\\s", "\\D", "\\W", "\\S"};
    private static final String[] CLASS_ITEMS = {"a", "b", "-", "/", "0", "9", "é", "😀", "\n", ".", "$", "^", "a-b",
        "0-9", "a-é", "-a", "\\d", "\\w", "\\s", "\\D", "\\W", "\\S", "\\]", "\\-", "\\\\", "\\n", "\\^", "[", "é-😀"};
    private static final String[] QUANTIFIERS = {"*", "+", "?", "*?", "+?", "??", "{0}", "{2}", "{1,3}", "{0,}", "{2,}",
        "{0,2}?", "{3}?"};
    private static final String[] TEXT_PIECES = {"a", "b", "-", ".", "/", "0", "9", "é", "😀", "\n", " ", "]", "_",
        "\uD83D"};

    @Property(tries = 3000)
    void agreesWithRe2j(@ForAll("patterns") String re, @ForAll("texts") List<String> texts) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            Assume.that(false);
            return;
        }
        RegexDfa dfa = RegexDfa.compile(re);
        Assume.that(dfa != null);
        for (String s : texts) {
            assertEquals(pattern.matcher(s).find(), dfa.find(s), () -> "pattern " + show(re) + " on " + show(s));
        }
    }

    @Property(tries = 300)
    void celMatchesAgreesWithRe2jForConstantAndVariablePatterns(@ForAll("patterns") String re,
            @ForAll("texts") List<String> texts) {
        Assume.that(accepted(re) && !re.contains("'"));
        String literal = re.isEmpty() ? "''" : "r'''" + re + "'''";
        Program constant = Expressions.compile("s.matches(" + literal + ")", Declarations.of("s"));
        Program variable = Expressions.compile("s.matches(re)", Declarations.of("s", "re"));
        Pattern pattern = Pattern.compile(re);
        for (String s : texts) {
            boolean expected = pattern.matcher(s).find();
            assertEquals(expected, constant.evaluate(Map.of("s", s)), () -> "constant " + show(re) + " on " + show(s));
            assertEquals(expected, variable.evaluate(Map.of("s", s, "re", re)),
                    () -> "variable " + show(re) + " on " + show(s));
        }
    }

    @Property(tries = 1000)
    void supportedSyntaxAlwaysParses(@ForAll("patterns") String re) {
        Assume.that(accepted(re));
        assertNotNull(RegexDfaSyntax.parse(re), () -> "pattern " + show(re));
    }

    /**
     * A small pattern of the supported syntax compiles to an automaton unless the automaton needs more than
     * {@link RegexDfa#MAX_STATES} states (e.g. {@code \/...[^]\s\w][\w\W]{3}}, whose unanchored search needs
     * 257): then the automaton built without that limit is larger, or exceeds the builder's other bounds.
     */
    @Property(tries = 1000)
    void smallPatternsCompileToAnAutomatonUnlessTooLarge(@ForAll("smallPatterns") String re) {
        Assume.that(accepted(re));
        RegexDfaSyntax.Node tree = RegexDfaSyntax.parse(re);
        assertNotNull(tree, () -> "pattern " + show(re));
        RegexDfaNfa.Automaton nfa = RegexDfaNfa.build(tree);
        assertNotNull(nfa, () -> "pattern " + show(re));
        if (RegexDfa.compile(re) == null) {
            RegexDfa unlimited = RegexDfaBuilder.build(nfa, 1 << 14);
            assertTrue(unlimited == null || unlimited.stateCount() > RegexDfa.MAX_STATES,
                    () -> "pattern " + show(re) + " refused with " + unlimited.stateCount() + " states");
        }
    }

    @Property(tries = 2000)
    void arbitraryTextNeverThrows(@ForAll("noise") String re) {
        RegexDfa dfa = RegexDfa.compile(re);
        if (dfa != null) {
            assertEquals(Pattern.compile(re).matcher("ab-é😀\n").find(), dfa.find("ab-é😀\n"), () -> show(re));
        }
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.randomValue(r -> alternation(r, 3));
    }

    @Provide
    Arbitrary<String> smallPatterns() {
        return Arbitraries.randomValue(r -> alternation(r, 0));
    }

    @Provide
    Arbitrary<List<String>> texts() {
        return Arbitraries.of(TEXT_PIECES).list().ofMaxSize(10).map(l -> String.join("", l)).list().ofMinSize(1)
                .ofMaxSize(25);
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> tokens = Arbitraries.of("a", "(", ")", "(?:", "(?i)", "[", "]", "[^", "{", "}", "{2}", "{1,",
                "*", "+", "?", "|", "^", "$", "\\", "\\d", "\\p{L}", "\\b", "-", ",", "0", "é", "😀", "\uDC00", ".");
        return Arbitraries.oneOf(tokens.list().ofMaxSize(12).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(20));
    }

    private static boolean accepted(String re) {
        try {
            Pattern.compile(re);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static String alternation(Random r, int depth) {
        StringBuilder out = new StringBuilder(concat(r, depth));
        while (r.nextInt(4) == 0) {
            out.append('|').append(concat(r, depth));
        }
        return out.toString();
    }

    private static String concat(Random r, int depth) {
        StringBuilder out = new StringBuilder();
        int items = r.nextInt(5);
        for (int i = 0; i < items; i++) {
            out.append(atom(r, depth));
            if (r.nextInt(3) == 0) {
                out.append(QUANTIFIERS[r.nextInt(QUANTIFIERS.length)]);
            }
        }
        return out.toString();
    }

    private static String atom(Random r, int depth) {
        int choice = r.nextInt(depth > 1 ? 12 : depth == 1 ? 10 : 9);
        return switch (choice) {
            case 0, 1, 2 -> LITERALS[r.nextInt(LITERALS.length)];
            case 3, 4 -> ESCAPES[r.nextInt(ESCAPES.length)];
            case 5 -> ".";
            case 6 -> r.nextBoolean() ? "^" : "$";
            case 7, 8 -> charClass(r);
            case 9 -> "(" + (r.nextBoolean() ? "" : "?:") + concat(r, 0) + ")";
            default -> "(" + (r.nextBoolean() ? "" : "?:") + alternation(r, depth - 1) + ")";
        };
    }

    private static String charClass(Random r) {
        StringBuilder out = new StringBuilder(r.nextBoolean() ? "[^" : "[");
        if (r.nextInt(6) == 0) {
            out.append(']');
        }
        int items = 1 + r.nextInt(3);
        for (int i = 0; i < items; i++) {
            out.append(CLASS_ITEMS[r.nextInt(CLASS_ITEMS.length)]);
        }
        return out.append(']').toString();
    }

    private static String show(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (Character.isSurrogate((char) c) && c < 0x10000) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
