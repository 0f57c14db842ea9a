package dev.palisade.core.internal.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The resolution table of go-yaml v2 (what sigs.k8s.io/yaml and so kubectl use): each row is a
 * plain scalar and the type and value it must read as.
 */
class ScalarResolverTest {

    @ParameterizedTest(name = "{0} -> {1}:{2}")
    @CsvSource(delimiter = '|', nullValues = "NONE", emptyValue = "", textBlock = """
            y      | bool  | true
            Y      | bool  | true
            yes    | bool  | true
            Yes    | bool  | true
            YES    | bool  | true
            on     | bool  | true
            On     | bool  | true
            ON     | bool  | true
            true   | bool  | true
            True   | bool  | true
            TRUE   | bool  | true
            n      | bool  | false
            N      | bool  | false
            no     | bool  | false
            No     | bool  | false
            NO     | bool  | false
            off    | bool  | false
            Off    | bool  | false
            OFF    | bool  | false
            false  | bool  | false
            False  | bool  | false
            FALSE  | bool  | false
            yEs    | str   | yEs
            tRUE   | str   | tRUE
            oN     | str   | oN
            nULL   | str   | nULL
            ~      | null  | NONE
            null   | null  | NONE
            Null   | null  | NONE
            NULL   | null  | NONE
            0      | int   | 0
            -0     | int   | 0
            12     | int   | 12
            +12    | int   | 12
            -12    | int   | -12
            1_000  | int   | 1000
            0x1F   | int   | 31
            0X1f   | int   | 31
            -0x1F  | int   | -31
            0o17   | int   | 15
            017    | int   | 15
            0b101  | int   | 5
            -0b101 | int   | -5
            9223372036854775807  | int | 9223372036854775807
            -9223372036854775808 | int | -9223372036854775808
            18446744073709551615 | int | 18446744073709551615
            08     | float | 8.0
            1.5    | float | 1.5
            -1.5   | float | -1.5
            .5     | float | 0.5
            1.     | float | 1.0
            1e3    | float | 1000.0
            1.5E-2 | float | 0.015
            1_0.5  | float | 10.5
            18446744073709551616 | float | 1.8446744073709552E19
            .inf   | float | Infinity
            .Inf   | float | Infinity
            +.INF  | float | Infinity
            -.inf  | float | -Infinity
            .nan   | float | NaN
            .NaN   | float | NaN
            .NAN   | float | NaN
            190:20:30  | str | 190:20:30
            2001-12-14 | str | 2001-12-14
            2001-12-14T21:59:43.10-05:00 | str | 2001-12-14T21:59:43.10-05:00
            0x     | str   | 0x
            0xZZ   | str   | 0xZZ
            1.2.3  | str   | 1.2.3
            -      | str   | -
            +      | str   | +
            .      | str   | .
            .e5    | str   | .e5
            1e     | str   | 1e
            Infinity | str | Infinity
            NaN    | str   | NaN
            0x1p-2 | str   | 0x1p-2
            v1     | str   | v1
            <<     | str   | <<
            ٣      | str   | ٣
            """)
    void plainScalarsResolveAsGoYamlV2(String text, String type, String value) {
        JsonNode node = ScalarResolver.resolve(text, true, null);
        assertEquals(type, typeOf(node), () -> text + " read as " + node.getNodeType() + " " + node);
        switch (type) {
            case "bool" -> assertEquals(Boolean.parseBoolean(value), node.booleanValue());
            case "int" -> assertEquals(new BigInteger(value), node.bigIntegerValue());
            case "float" -> assertEquals(Double.parseDouble(value), node.doubleValue());
            case "str" -> assertEquals(value, node.textValue());
            default -> assertTrue(node.isNull());
        }
    }

    @Test
    void emptyPlainScalarIsNull() {
        assertTrue(ScalarResolver.resolve("", true, null).isNull());
    }

    @Test
    void quotedAndBlockScalarsAreStrings() {
        for (String text : new String[] {"yes", "12", "null", "", "~", ".inf", "0x1F"}) {
            JsonNode node = ScalarResolver.resolve(text, false, null);
            assertEquals(text, node.textValue(), text);
        }
    }

    @Test
    void nonSpecificTagKeepsTheText() {
        assertEquals("yes", ScalarResolver.resolve("yes", true, "!").textValue());
    }

    @Test
    void explicitTagsAreRespected() {
        assertEquals("yes", ScalarResolver.resolve("yes", true, ScalarResolver.STR).textValue());
        assertEquals("12", ScalarResolver.resolve("12", true, ScalarResolver.STR).textValue());
        assertEquals(12, ScalarResolver.resolve("12", false, ScalarResolver.INT).intValue());
        assertTrue(ScalarResolver.resolve("12", true, ScalarResolver.INT).isInt());
        JsonNode floating = ScalarResolver.resolve("12", true, ScalarResolver.FLOAT);
        assertTrue(floating.isDouble());
        assertEquals(12.0, floating.doubleValue());
        assertTrue(ScalarResolver.resolve("on", false, ScalarResolver.BOOL).booleanValue());
        assertTrue(ScalarResolver.resolve("~", true, ScalarResolver.NULL).isNull());
        assertEquals("2001-12-14", ScalarResolver.resolve("2001-12-14", true, ScalarResolver.TIMESTAMP).textValue());
        assertEquals("yes", ScalarResolver.resolve("yes", true, "!custom").textValue());
    }

    @Test
    void explicitTagThatDoesNotFitIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScalarResolver.resolve("abc", true, ScalarResolver.INT));
        assertTrue(e.getMessage().contains("abc") && e.getMessage().contains("!!int"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScalarResolver.resolve("maybe", true, ScalarResolver.BOOL));
        assertThrows(IllegalArgumentException.class, () -> ScalarResolver.resolve("1.5", true, ScalarResolver.INT));
    }

    @Test
    void keysBecomeStringsAsKubernetesConvertsThem() {
        assertEquals("true", ScalarResolver.keyText("yes", true, null));
        assertEquals("false", ScalarResolver.keyText("off", true, null));
        assertEquals("31", ScalarResolver.keyText("0x1F", true, null));
        assertEquals("null", ScalarResolver.keyText("~", true, null));
        assertEquals("yes", ScalarResolver.keyText("yes", false, null));
        assertEquals("app.kubernetes.io/name", ScalarResolver.keyText("app.kubernetes.io/name", true, null));
    }

    @Test
    void mergeKeyIsThePlainDoubleLessThanOrOneTaggedMergeAsGoYamlDecides() {
        assertTrue(ScalarResolver.isMergeKey("<<", true, null));
        assertFalse(ScalarResolver.isMergeKey("<<", false, null));
        assertTrue(ScalarResolver.isMergeKey("<<", false, ScalarResolver.MERGE));
        assertFalse(ScalarResolver.isMergeKey("anything", false, ScalarResolver.MERGE), "go-yaml v2 needs the value <<");
    }

    private static String typeOf(JsonNode node) {
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isIntegralNumber()) {
            return "int";
        }
        if (node.isFloatingPointNumber()) {
            return "float";
        }
        if (node.isNull()) {
            return "null";
        }
        return node.isTextual() ? "str" : node.getNodeType().toString();
    }
}
