package dev.palisade.rules.gatekeeper.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Invariants of parameter validation against template schemas. */
class ParameterSchemaPropertyTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static ObjectNode schema(String type) {
        return JSON.objectNode().put("type", type);
    }

    @Property
    void integersAreIntegersAndNeverStrings(@ForAll long value) {
        JsonNode node = JSON.numberNode(value);
        assertEquals(List.of(), ParameterSchema.of(schema("integer")).validate(node, "p", "/p"));
        assertEquals(List.of(), ParameterSchema.of(schema("number")).validate(node, "p", "/p"));
        List<ParameterSchema.Violation> problems = ParameterSchema.of(schema("string")).validate(node, "p", "/p");
        assertEquals(1, problems.size());
        assertEquals("p", problems.get(0).path());
    }

    @Property
    void everyUndeclaredFieldIsReportedOnceWithItsPath(
            @ForAll @Size(max = 6) Set<@AlphaChars @StringLength(min = 1, max = 8) String> names) {
        ObjectNode closed = schema("object");
        closed.putObject("properties").set("known", schema("string"));
        ObjectNode value = JSON.objectNode();
        names.forEach(n -> value.put("x" + n, 1));
        List<ParameterSchema.Violation> problems = ParameterSchema.of(closed).validate(value, "spec.parameters",
                "/spec/parameters");
        assertEquals(names.size(), problems.size());
        for (ParameterSchema.Violation v : problems) {
            assertTrue(names.contains(v.path().substring("spec.parameters.x".length())), v.path());
            assertEquals("/spec/parameters/" + v.path().substring("spec.parameters.".length()), v.pointer());
        }
        closed.put("x-kubernetes-preserve-unknown-fields", true);
        assertEquals(List.of(), ParameterSchema.of(closed).validate(value, "spec.parameters", "/spec/parameters"));
    }

    @Property
    void arrayItemsAreCheckedOneByOne(@ForAll @NotEmpty List<Boolean> stringOrNot) {
        ObjectNode arraySchema = schema("array");
        arraySchema.set("items", schema("string"));
        ArrayNode value = JSON.arrayNode();
        long wrong = 0;
        for (int i = 0; i < stringOrNot.size(); i++) {
            if (stringOrNot.get(i)) {
                value.add("s" + i);
            } else {
                value.add(i);
                wrong++;
            }
        }
        List<ParameterSchema.Violation> problems = ParameterSchema.of(arraySchema).validate(value, "p", "/p");
        assertEquals(wrong, problems.size());
        for (ParameterSchema.Violation v : problems) {
            int index = Integer.parseInt(v.path().substring(2, v.path().length() - 1));
            assertEquals(Boolean.FALSE, stringOrNot.get(index));
        }
    }

    @Property
    void anEmptySchemaAcceptsAnything(@ForAll String text, @ForAll int number) {
        ObjectNode value = JSON.objectNode().put("t", text).put("n", number);
        value.putArray("a").add(text).add(number);
        assertEquals(List.of(), ParameterSchema.of(JSON.objectNode()).validate(value, "p", "/p"));
        assertEquals(List.of(), ParameterSchema.of(JSON.missingNode()).validate(value, "p", "/p"));
    }
}
