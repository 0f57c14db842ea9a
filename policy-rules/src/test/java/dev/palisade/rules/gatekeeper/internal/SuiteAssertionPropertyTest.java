package dev.palisade.rules.gatekeeper.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.PalisadeException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of gator assertion parsing and counting. */
class SuiteAssertionPropertyTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static ObjectNode assertion() {
        return JSON.objectNode();
    }

    @Property
    void aCountHoldsForExactlyThatCount(@ForAll @IntRange(max = 1000) int expected,
            @ForAll @IntRange(max = 1000) int found, @ForAll boolean asString) {
        ObjectNode node = assertion();
        if (asString) {
            node.put("violations", Integer.toString(expected));
        } else {
            node.put("violations", expected);
        }
        assertEquals(expected == found, SuiteExecution.Assertion.parse(node).holds(found));
    }

    @Property
    void yesAndTrueMeanAtLeastOneNoAndFalseMeanNone(@ForAll @IntRange(max = 50) int found) {
        assertEquals(found >= 1, SuiteExecution.Assertion.parse(assertion().put("violations", "yes")).holds(found));
        assertEquals(found >= 1, SuiteExecution.Assertion.parse(assertion().put("violations", true)).holds(found));
        assertEquals(found >= 1, SuiteExecution.Assertion.parse(assertion()).holds(found));
        assertEquals(found == 0, SuiteExecution.Assertion.parse(assertion().put("violations", "no")).holds(found));
        assertEquals(found == 0, SuiteExecution.Assertion.parse(assertion().put("violations", false)).holds(found));
    }

    @Property
    void otherSpellingsAreRejected(@ForAll String spelling) {
        Assume.that(!spelling.equals("yes") && !spelling.equals("no") && !spelling.matches("[0-9]+"));
        PalisadeException e = assertThrows(PalisadeException.class,
                () -> SuiteExecution.Assertion.parse(assertion().put("violations", spelling)));
        assertTrue(e.getMessage().startsWith("violations must be yes, no or a non-negative integer"));
    }

    @Property
    void aMessageSelectsOnlyMessagesContainingAMatch(@ForAll List<@IntRange(max = 20) Integer> numbers) {
        List<String> messages = new ArrayList<>();
        numbers.forEach(n -> messages.add("container c" + n + " is bad"));
        SuiteExecution.Assertion parsed = SuiteExecution.Assertion.parse(assertion().put("message", "c1[0-9]? is"));
        long expected = numbers.stream().filter(n -> n == 1 || n >= 10 && n < 20).count();
        assertEquals(expected, parsed.select(messages).size());
    }
}
