package dev.palisade.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two dialect options Kyverno's CEL policies need: lenient {@code orValue} (cel-go 0.27's
 * behaviour, which Kyverno keeps) and object construction ({@code Object{...}},
 * {@code JSONPatch{...}}) as MutatingAdmissionPolicies write patches.
 */
class KyvernoDialectTest {
    private static final JsonNode OBJECT = json("{\"spec\": {\"containers\": [{\"name\": \"a\"}]}}");

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object eval(String expression, Declarations declarations) {
        return Expressions.compile(expression, declarations).evaluate(Map.of("object", OBJECT)::get,
                CostMeter.kubernetes());
    }

    @Test
    void lenientOrValueTakesPlainValuesErrorsAndOptionals() {
        Declarations lenient = Declarations.of("object").toBuilder().lenientOrValue().build();
        assertEquals(json("[{\"name\":\"a\"}]"), Values.toJson(eval("object.spec.containers.orValue([])", lenient)));
        assertEquals("x", eval("object.spec.missing.orValue('x')", lenient));
        assertEquals("x", eval("object.spec.?missing.orValue('x')", lenient));
        assertEquals("a", eval("object.spec.containers[0].?name.orValue('x')", lenient));
        Declarations strict = Declarations.of("object");
        assertThrows(EvaluationException.class, () -> eval("object.spec.containers.orValue([])", strict));
        assertThrows(EvaluationException.class, () -> eval("object.spec.missing.orValue('x')", strict));
    }

    @Test
    void lenientOrValueNeverAbsorbsTheCostLimit() {
        Declarations lenient = Declarations.of("object").toBuilder().lenientOrValue().build();
        Program p = Expressions.compile("lists.range(100000).map(i, i * 2).orValue([])", lenient);
        assertThrows(CostLimitExceededException.class, () -> p.evaluate(Map.of("object", OBJECT)::get,
                CostMeter.of(1000, 1000)));
    }

    @Test
    void objectConstructionBuildsMapsOfTheDeclaredTypes() {
        Declarations d = Declarations.of("object").toBuilder().objectTypes("Object", "JSONPatch").build();
        assertEquals("{\"op\":\"add\",\"path\":\"/a\",\"value\":1}",
                Values.toJson(eval("JSONPatch{op: 'add', path: '/a', value: 1}", d)).toString());
        assertEquals(json("{\"spec\":{\"containers\":[{\"name\":\"b\"}]}}"),
                Values.toJson(eval("Object{spec: Object.spec{containers: [Object.spec.containers{name: 'b'}]}}", d)));
        assertThrows(CompileException.class, () -> Expressions.compile("Other{a: 1}", d));
        assertThrows(CompileException.class, () -> Expressions.compile("Object{a: 1}", Declarations.of("object")));
    }
}
