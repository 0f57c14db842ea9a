package dev.palisade.kyverno.jmespath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.kyverno.jmespath.internal.GoJson;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JmesPathTest {
    private static final JmesPath JP = JmesPath.kyverno();
    private static final String DOC = """
            {"a": {"b": {"c": 1}}, "list": [1, 2, 3, 4, 5], "people": [
              {"name": "ann", "age": 30, "tags": ["x"]},
              {"name": "bob", "age": 20},
              {"name": "cid", "age": null, "tags": ["y", "z"]}],
             "obj": {"k1": {"v": 1}, "k2": {"v": 2}, "k3": {}}, "s": "hello", "t": true, "f": false, "n": null,
             "nested": [[1, 2], [3, [4]], 5]}
            """;

    static String eval(String expr, String json) {
        return GoJson.marshal(JP.search(expr, Json.parse(json)));
    }

    static String eval(String expr) {
        return eval(expr, DOC);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "a.b.c => 1",
        "a.b => {\"c\":1}",
        "list[0] => 1",
        "list[-1] => 5",
        "list[9] => null",
        "list[1:3] => [2,3]",
        "list[::-1] => [5,4,3,2,1]",
        "list[::2] => [1,3,5]",
        "list[-2:] => [4,5]",
        "people[*].name => [\"ann\",\"bob\",\"cid\"]",
        "people[].tags[] => [\"x\",\"y\",\"z\"]",
        "people[?age > `25`].name => [\"ann\"]",
        "people[?age == null].name => [\"cid\"]",
        "people[?tags].name => [\"ann\",\"cid\"]",
        "people[?!tags].name => [\"bob\"]",
        "people[0].[name, age] => [\"ann\",30]",
        "people[0].{n: name, a: age} => {\"a\":30,\"n\":\"ann\"}",
        "obj.*.v => [1,2]",
        "nested[] => [1,2,3,[4],5]",
        "nested[][] => [1,2,3,4,5]",
        "s => \"hello\"",
        "'raw' => \"raw\"",
        "'it\\'s' => \"it's\"",
        "`\"lit\"` => \"lit\"",
        "`[1, {\"a\": 2}]` => [1,{\"a\":2}]",
        "t && s => \"hello\"",
        "f || s => \"hello\"",
        "n || `0` => 0",
        "!t => false",
        "!n => true",
        "list | length(@) => 5",
        "people[*].age => [30,20]",
        "a.b.c == `1` => true",
        "s < `1` => null",
        "`1` < `2` => true",
        "`2.5` >= `2.5` => true",
        "list[?@ > `3`] => [4,5]",
        "people[?name == 'bob'] => [{\"age\":20,\"name\":\"bob\"}]",
        "@.s => \"hello\"",
        "[s, t] => [\"hello\",true]",
        "people[0].name | to_upper(@) => \"ANN\"",
        "people[*].name.to_upper(@) => [\"ANN\",\"BOB\",\"CID\"]",
        "\"s\" => \"hello\"",
        "obj.k3 => {}",
        "list[1:3].to_string(@) => [\"2\",\"3\"]",
    })
    void evaluatesTheLanguage(String expr, String expected) {
        assertEquals(expected, eval(expr));
    }

    @Test
    void missingKeysFailAtTheTopAsKyvernoDoes() {
        JmesPathNotFoundException e = assertThrows(JmesPathNotFoundException.class, () -> eval("a.missing.c"));
        assertEquals("missing", e.key());
        assertTrue(e.getMessage().contains("Unknown key \"missing\" in path"), e.getMessage());
        assertEquals("d", assertThrows(JmesPathNotFoundException.class, () -> eval("a.b.c.d.e", "{\"a\":{\"b\":{\"c\":{}}}}")).key());
        assertThrows(JmesPathNotFoundException.class, () -> eval("missing"));
        assertThrows(JmesPathNotFoundException.class, () -> eval("t && a.missing"));
        assertThrows(JmesPathNotFoundException.class, () -> eval("people[0].missing"));
    }

    @Test
    void missingKeysReadAsNullWhereKyvernoIgnoresThem() {
        assertEquals("null", eval("missing || n"));
        assertEquals("\"hello\"", eval("missing || s"));
        assertEquals("null", eval("missing && s"));
        assertEquals("true", eval("missing == null"));
        assertEquals("true", eval("!missing"));
        assertEquals("\"null\"", eval("to_string(missing)"));
        assertEquals("null", eval("a.missing | @"));
        assertEquals("[null,1]", eval("[missing, a.b.c]"));
        assertEquals("{\"x\":null}", eval("{x: missing}"));
        assertEquals("[\"x\",\"y\",\"z\"]", eval("people[].tags[]"));
        assertEquals("[30]", eval("people[?missing == null && age > `25`].age"));
        assertEquals("null", eval("missing[*].x"));
        assertEquals("null", eval("n.anything"));
        assertEquals("null", eval("s.anything"));
    }

    @Test
    void syntaxErrorsCarryTheColumn() {
        JmesPathSyntaxException e = assertThrows(JmesPathSyntaxException.class, () -> JP.compile("a.b[?c ==]"));
        assertEquals(10, e.column().getAsInt(), e.getMessage());
        assertTrue(e.getMessage().contains("a.b[?c ==]"), e.getMessage());
        assertEquals(3, assertThrows(JmesPathSyntaxException.class, () -> JP.compile("a.'b'")).column().getAsInt());
        assertThrows(JmesPathSyntaxException.class, () -> JP.compile("a.`{bad`"));
        assertThrows(JmesPathSyntaxException.class, () -> JP.compile("'unterminated"));
        assertThrows(JmesPathSyntaxException.class, () -> JP.compile("'\\\\'"), "Go reads \\' as an escaped quote");
        JmesPathSyntaxException unknown = assertThrows(JmesPathSyntaxException.class, () -> JP.compile("a | nope(@)"));
        assertTrue(unknown.getMessage().contains("unknown function: nope()"), unknown.getMessage());
        assertEquals(5, unknown.column().getAsInt());
        assertThrows(JmesPathSyntaxException.class, () -> JP.compile("a = b"));
        assertThrows(JmesPathSyntaxException.class, () -> JP.compile("\"quoted\"(@)"));
        assertThrows(JmesPathSyntaxException.class, () -> JP.compile(""));
    }

    @Test
    void deepNestingIsRefusedAtCompileTime() {
        String deep = "(".repeat(5000) + "a" + ")".repeat(5000);
        JmesPathSyntaxException e = assertThrows(JmesPathSyntaxException.class, () -> JP.compile(deep));
        assertTrue(e.getMessage().contains("nested more than"), e.getMessage());
        String dots = "a" + ".a".repeat(150);
        assertEquals("null", GoJson.marshal(JP.search(dots + " || n", Json.parse(DOC))));
    }

    @Test
    void costLimitsStopHugeWork() {
        JsonNode big = Json.parse("[" + "1,".repeat(200_000) + "1]");
        JmesPath small = JmesPath.builder().costLimits(new CostLimits(100_000, 1_000_000)).build();
        JmesPathCostException e = assertThrows(JmesPathCostException.class,
                () -> small.search("[*].to_string(@)", big));
        assertTrue(e.getMessage().contains("evaluation steps"), e.getMessage());
        JsonNode strings = Json.parse("{\"s\": \"" + "x".repeat(10_000) + "\"}");
        JmesPathCostException grow = assertThrows(JmesPathCostException.class,
                () -> small.search("replace_all(replace_all(replace_all(s, 'x', s), 'x', s), 'x', s)", strings));
        assertTrue(grow.getMessage().contains("in JMESPath expression"), grow.getMessage());
        assertThrows(JmesPathCostException.class, () -> small.search("join('', [s, s, s, s, s, s, s, s, s, s])"
                + " | [@, @, @, @, @, @, @, @, @, @, @, @] | join('', @) | [@, @, @, @, @, @, @, @, @, @] | join('', @)", strings));
        JmesPath tiny = JmesPath.builder().costLimits(new CostLimits(100_000, 5_000)).build();
        assertThrows(JmesPathCostException.class, () -> tiny.search("random('" + "[a-z]{1000}".repeat(6) + "')", strings));
        assertEquals(4000, tiny.search("random('" + "[a-z]{1000}".repeat(4) + "')", strings).textValue().length());
    }

    @Test
    void resultsShareTheInputAndCompiledExpressionsAreShared() {
        JsonNode doc = Json.parse(DOC);
        assertSame(doc.get("people"), JP.search("people", doc));
        assertSame(JP.compile("a.b"), JP.compile("a.b"));
    }

    @Test
    void compiledExpressionsAreThreadSafe() throws Exception {
        Expression e = JP.compile("people[?age > `10`].name | sort(@) | join(',', @)");
        JsonNode doc = Json.parse(DOC);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> e.search(doc).textValue()));
            }
            for (Future<String> f : results) {
                assertEquals("ann,bob", f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void numbersFollowGo() {
        assertEquals("\"5\"", eval("length(list) | to_string(@)"));
        assertEquals("\"1e+21\"", eval("to_string(`1e21`)"));
        assertEquals("\"0.000001\"", eval("to_string(`0.000001`)"));
        assertEquals("\"1e-7\"", eval("to_string(`0.0000001`)"));
        assertEquals("\"{\\\"a\\\":\\\"\\\\u003cb\\\\u003e\\\",\\\"b\\\":1.5}\"", eval("to_string(`{\"b\": 1.5, \"a\": \"<b>\"}`)"));
        assertEquals("true", eval("`1` == `1.0`"));
        assertEquals("12", eval("to_number('12')"));
        assertEquals("1000", eval("to_number('1e3')"));
        assertEquals("null", eval("to_number('12a')"));
        assertEquals("null", eval("to_number('1e400')"));
        assertEquals("0.5", eval("to_number('0x1p-1')"));
    }

    @Test
    void functionsCheckTheirArguments() {
        JmesPathEvaluationException e = assertThrows(JmesPathEvaluationException.class, () -> eval("length(`1`)"));
        assertTrue(e.getMessage().contains("invalid type for argument 1 of length()"), e.getMessage());
        assertEquals(1, e.column().getAsInt());
        assertThrows(JmesPathEvaluationException.class, () -> eval("starts_with(s)"));
        assertThrows(JmesPathEvaluationException.class, () -> eval("sort(`[1, \"a\"]`)"));
        assertThrows(JmesPathEvaluationException.class, () -> eval("sort_by(people, &tags)"));
        assertThrows(JmesPathEvaluationException.class, () -> eval("length(missing)"));
        assertThrows(JmesPathEvaluationException.class, () -> eval("&a"));
    }

    @Test
    void notBindsAsInGo() {
        // go-jmespath (and the reference implementation): ! binds tighter than '.', '[?' and '[*]'
        assertEquals("null", eval("!a.b"));
        assertEquals("false", eval("!(a.b)"));
        assertEquals("null", eval("!list[?@ > `1`]"));
        assertEquals("false", eval("!list[0]"), "'[n]' binds tighter than '!'");
    }

    @Test
    void averageOfNothingIsNotANumberAsInGo() {
        assertTrue(JP.search("avg(`[]`)", Json.parse("{}")).isNumber());
        assertTrue(Double.isNaN(JP.search("avg(`[]`)", Json.parse("{}")).doubleValue()));
        assertThrows(JmesPathEvaluationException.class, () -> eval("to_string(avg(`[]`))"));
    }

    @Test
    void errorsOnTheLeftOfFiltersReadAsNullAsInGo() {
        assertEquals("null", eval("length(`1`)[?a]"));
        assertEquals("null", eval("length(`1`).*"));
        assertEquals("null", eval("length(`1`)[]"));
    }
}
