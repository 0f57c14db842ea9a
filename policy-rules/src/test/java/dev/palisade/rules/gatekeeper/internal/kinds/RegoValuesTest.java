package dev.palisade.rules.gatekeeper.internal.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RegoValuesTest {

    @Test
    void sprintfPrintsValuesAsRego() {
        JsonNode parameters = KindRun.yaml("{ranges: [{min_replicas: 3, max_replicas: 50}], ratio: 1.50, enabled: true}");
        assertEquals("{\"enabled\": true, \"ranges\": [{\"max_replicas\": 50, \"min_replicas\": 3}], \"ratio\": 1.5}",
                RegoValues.format(parameters));
        assertEquals("plain", RegoValues.format(TextNode.valueOf("plain")));
        assertEquals("null", RegoValues.format(NullNode.getInstance()));
        assertEquals("[\"a \\\"quoted\\\" b\"]", RegoValues.format(KindRun.yaml("['a \"quoted\" b']")));
    }

    @Test
    void anUndefinedArgumentSuppressesTheMessage() {
        assertNull(RegoFormat.sprintf("pod: %v", MissingNode.getInstance()));
        assertEquals("pod: x, 2", RegoFormat.sprintf("pod: %v, %v", TextNode.valueOf("x"), IntNode.valueOf(2)));
    }

    @Test
    void setsPrintSortedAndEmptySetsAsSetCall() {
        assertEquals("{\"a\", \"b\"}", RegoValues.formatSet(Set.of("b", "a")));
        assertEquals("set()", RegoValues.formatSet(Set.of()));
        assertEquals("{{\"localHostProfile\": \"f\", \"type\": \"Localhost\"}, {\"type\": \"RuntimeDefault\"}}",
                RegoValues.formatTermSet(List.of(KindRun.yaml("{type: RuntimeDefault}"),
                        KindRun.yaml("{type: Localhost, localHostProfile: f}"))));
    }

    @Test
    void truthinessIsDefinedAndNotFalse() {
        assertTrue(RegoValues.truthy(IntNode.valueOf(0)));
        assertTrue(RegoValues.truthy(NullNode.getInstance()));
        assertTrue(RegoValues.truthy(TextNode.valueOf("")));
        assertTrue(!RegoValues.truthy(BooleanNode.FALSE));
        assertTrue(!RegoValues.truthy(MissingNode.getInstance()));
    }

    @Property
    void orderAcrossTypesIsTotalAndConsistent(@ForAll int a, @ForAll String b, @ForAll boolean c) {
        List<JsonNode> values = new ArrayList<>(List.of(TextNode.valueOf(b), IntNode.valueOf(a), BooleanNode.valueOf(c),
                NullNode.getInstance()));
        values.sort(RegoValues::compare);
        assertTrue(values.get(0).isNull());
        assertTrue(values.get(1).isBoolean());
        assertTrue(values.get(2).isNumber());
        assertTrue(values.get(3).isTextual());
        assertEquals(0, RegoValues.compare(IntNode.valueOf(a), KindRun.yaml(a + ".0")));
    }
}
