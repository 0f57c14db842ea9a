package dev.palisade.core.policy;

import dev.palisade.core.PalisadeException;
import dev.palisade.core.SourceLocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Errors of {@link MatchParser} name the field and are located at the node that is wrong. */
class MatchParserPropertyTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Puts the pointer it is asked for into the file name, so tests can see which node was located. */
    private static final Function<String, SourceLocation> POINTER_AS_FILE =
            pointer -> new SourceLocation("match" + pointer, 0, 1, 1);

    private static PalisadeException failure(ObjectNode match) {
        return assertThrows(PalisadeException.class, () -> MatchParser.parse(match, "spec.match", POINTER_AS_FILE));
    }

    @Property
    void aNonStringNamespaceIsNamedAndLocatedByItsIndex(@ForAll @IntRange(min = 1, max = 6) int size,
            @ForAll @IntRange(max = 5) int wrong, @ForAll boolean excluded) {
        int bad = wrong % size;
        String field = excluded ? "excludedNamespaces" : "namespaces";
        ObjectNode match = JSON.objectNode();
        ArrayNode list = match.putArray(field);
        for (int i = 0; i < size; i++) {
            if (i == bad) {
                list.addObject().put("name", "x");
            } else {
                list.add("team-" + i);
            }
        }
        PalisadeException e = failure(match);
        assertEquals("spec.match." + field + "[" + bad + "] must be a string", e.getMessage());
        assertEquals(Optional.of("match/" + field + "/" + bad), e.location().map(SourceLocation::file));
    }

    @Property
    void labelKeysWithSlashesAreEscapedInTheLocatedPointer(
            @ForAll @StringLength(min = 1, max = 10) @AlphaChars @Chars({'.', '-'}) String prefix,
            @ForAll @StringLength(min = 1, max = 10) @CharRange(from = 'a', to = 'z') String name,
            @ForAll boolean namespaceSelector) {
        String selector = namespaceSelector ? "namespaceSelector" : "labelSelector";
        String key = prefix + "/" + name;
        ObjectNode match = JSON.objectNode();
        match.putObject(selector).putObject("matchLabels").putArray(key).add("not-a-string");
        PalisadeException e = failure(match);
        assertEquals("spec.match." + selector + ".matchLabels." + key + " must be a string", e.getMessage());
        assertEquals(Optional.of("match/" + selector + "/matchLabels/" + prefix + "~1" + name),
                e.location().map(SourceLocation::file));
    }

    @Property
    void aBadOperatorIsLocatedAtItsExpression(@ForAll @IntRange(max = 4) int index,
            @ForAll @StringLength(min = 1, max = 12) @AlphaChars String operator) {
        ObjectNode match = JSON.objectNode();
        ArrayNode expressions = match.putObject("labelSelector").putArray("matchExpressions");
        for (int i = 0; i < index; i++) {
            expressions.addObject().put("key", "k" + i).put("operator", "Exists");
        }
        expressions.addObject().put("key", "app").put("operator", "Bad" + operator).putArray("values").add("a");
        PalisadeException e = failure(match);
        assertTrue(e.getMessage().startsWith("spec.match.labelSelector.matchExpressions[" + index + "]: "),
                e.getMessage());
        assertEquals(Optional.of("match/labelSelector/matchExpressions/" + index),
                e.location().map(SourceLocation::file));
    }

    @Property
    void aNonEmptyNameIsTheOnlyNameGlobAndAnEmptyOneSelectsEveryName(
            @ForAll @StringLength(max = 12) @CharRange(from = 'a', to = 'z') @Chars({'-', '*'}) String name) {
        ObjectNode match = JSON.objectNode().put("name", name);
        assertEquals(name.isEmpty() ? List.of() : List.of(name), MatchParser.parse(match, "spec.match").names());
    }

    @Property
    void withoutALocatorErrorsCarryNoLocation(@ForAll @StringLength(min = 1, max = 8) @AlphaChars String field) {
        ObjectNode match = JSON.objectNode().put("x" + field, "value");
        PalisadeException e = assertThrows(PalisadeException.class, () -> MatchParser.parse(match, "spec.match"));
        assertTrue(e.getMessage().startsWith("spec.match.x" + field + " is not a match field"), e.getMessage());
        assertEquals(Optional.empty(), e.location());
    }
}
