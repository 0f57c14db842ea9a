package dev.palisade.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The host API: compiling, binding Jackson and Java values, errors with positions, JSON output. */
class ExpressionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void readsJacksonObjectsInPlace() throws Exception {
        JsonNode pod = json("{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"nginx\"},"
                + "{\"name\":\"b\",\"image\":\"evil/x\",\"securityContext\":{\"privileged\":true}}]}}");
        Program p = Expressions.compile("object.spec.containers.filter(c, has(c.securityContext) && "
                + "c.securityContext.privileged).map(c, c.name)", Declarations.admission());
        assertEquals(List.of("b"), p.evaluate(Map.of("object", pod)));
        Object containers = Expressions.compile("object.spec.containers", Declarations.admission())
                .evaluate(Map.of("object", pod));
        assertSame(pod.get("spec").get("containers"), containers, "lists come back as the input's own node");
    }

    @Test
    void jsonNumbersAreIntWhenIntegralAndDoubleOtherwise() throws Exception {
        JsonNode o = json("{\"a\": 2, \"b\": 2.5, \"c\": 18446744073709551615}");
        Declarations d = Declarations.of("o");
        assertEquals("int", Expressions.compile("type(o.a)", d).evaluate(Map.of("o", o)).toString());
        assertEquals("double", Expressions.compile("type(o.b)", d).evaluate(Map.of("o", o)).toString());
        assertEquals(new UInt(-1L), Expressions.compile("o.c", d).evaluate(Map.of("o", o)));
        assertEquals(true, Expressions.compile("o.a * 2 == 4 && o.b > o.a", d).evaluate(Map.of("o", o)));
    }

    @Test
    void missingFieldIsAnErrorWithPositionAndHasTestsPresence() throws Exception {
        JsonNode o = json("{\"metadata\":{}}");
        Declarations d = Declarations.admission();
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> Expressions.compile("object.metadata.labels.app == 'x'", d).evaluate(Map.of("object", o)));
        assertEquals("no such key: 'labels'", e.reason());
        assertEquals(1, e.line());
        assertEquals(16, e.column());
        assertTrue(e.getMessage().contains("\n | object.metadata.labels.app == 'x'\n |                ^"), e.getMessage());
        assertEquals(false, Expressions.compile("has(object.metadata.labels)", d).evaluate(Map.of("object", o)));
        assertEquals("none", Expressions.compile("object.metadata.?labels.?app.orValue('none')", d)
                .evaluate(Map.of("object", o)));
    }

    @Test
    void compileAndEvaluationErrorsShareOnePositionedParent() throws Exception {
        ExpressionException compile = assertThrows(ExpressionException.class,
                () -> Expressions.compile("1 +", Declarations.admission()));
        assertInstanceOf(CompileException.class, compile);
        ExpressionException run = assertThrows(ExpressionException.class, () -> Expressions.compile(
                "object.spec.x", Declarations.admission()).evaluate(Map.of("object", json("{\"spec\":{}}"))));
        assertInstanceOf(EvaluationException.class, run);
        assertEquals(1, run.line());
        assertEquals(12, run.column());
        assertEquals(11, run.offset());
    }

    @Test
    void compileErrorsNameLineColumnAndShowACaret() {
        CompileException e = assertThrows(CompileException.class,
                () -> Expressions.compile("object.a &&\n  object.b ==", Declarations.admission()));
        assertEquals(2, e.line());
        assertEquals(14, e.column());
        assertTrue(e.getMessage().startsWith("2:14: unexpected end of expression"), e.getMessage());
        CompileException undeclared = assertThrows(CompileException.class,
                () -> Expressions.compile("authorizer.check('get')", Declarations.admission()));
        assertTrue(undeclared.reason().startsWith("undeclared reference to 'authorizer'"), undeclared.reason());
        assertEquals(0, undeclared.offset());
    }

    @Test
    void javaValuesAndLazySuppliersBind() {
        AtomicInteger computed = new AtomicInteger();
        Supplier<Object> expensive = Bindings.memoize(() -> {
            computed.incrementAndGet();
            return List.of(1, 2, 3);
        });
        Map<String, Object> variables = Map.of("xs", expensive, "unused", (Supplier<Object>) () -> {
            throw new AssertionError("never read");
        });
        Program p = Expressions.compile("variables.xs.size() + variables.xs[0] + n", Declarations.of("variables", "n"));
        assertEquals(7L, p.evaluate(Map.of("variables", variables, "n", 3)));
        assertEquals(1, computed.get());
    }

    @Test
    void kubernetesPropertyNameEscapesReachJsonProperties() throws Exception {
        JsonNode o = json("{\"x-kubernetes-id\": 1, \"a.b\": 2, \"if\": 3, \"c/d\": 4, \"e__f\": 5}");
        Program p = Expressions.compile("o.x__dash__kubernetes__dash__id + o.a__dot__b + o.__if__ + o.c__slash__d"
                + " + o.e__underscores__f + (has(o.__if__) ? 10 : 0)", Declarations.of("o"));
        assertEquals(25L, p.evaluate(Map.of("o", o)));
    }

    @Test
    void typeMismatchesAreCompileErrorsOnConstantsAndRuntimeErrorsOnDynamicValues() {
        CompileException e = assertThrows(CompileException.class,
                () -> Expressions.compile("size(1) > 0 || true", Declarations.of("x")));
        assertTrue(e.reason().startsWith("no such overload: size(int)"), e.reason());
        assertEquals(0, e.offset());
        Program p = Expressions.compile("x + 'a'", Declarations.of("x"));
        EvaluationException r = assertThrows(EvaluationException.class, () -> p.evaluate(Map.of("x", 1)));
        assertEquals("no such overload: _+_(int, string)", r.reason());
        assertEquals(2, r.offset());
    }

    @Test
    void messageConstructionIsRejectedWithAnExplanation() {
        CompileException e = assertThrows(CompileException.class,
                () -> Expressions.compile("Object{spec: 1}", Declarations.admission()));
        assertTrue(e.reason().contains("needs protobuf types"), e.reason());
    }

    @Test
    void programsListTheVariablesTheyRead() {
        Program p = Expressions.compile("object.spec.containers.all(c, c.name != params.name) && [1].all(object, object > 0)",
                Declarations.admission());
        assertEquals(java.util.Set.of("object", "params"), p.variables());
    }

    @Test
    void aMapEntryWithNullValueBindsCelNull() {
        Map<String, Object> bindings = new java.util.HashMap<>();
        bindings.put("oldObject", null);
        Program p = Expressions.compile("oldObject == null", Declarations.admission());
        assertEquals(true, p.evaluate(bindings));
    }

    @Test
    void unboundVariableIsAnEvaluationError() {
        Program p = Expressions.compile("params.max > 1", Declarations.admission());
        EvaluationException e = assertThrows(EvaluationException.class, () -> p.evaluate(Map.of()));
        assertEquals("no value bound to variable 'params'", e.reason());
    }

    @Test
    void errorsAreAbsorbedByLogicalOperatorsInEitherOrder() {
        Declarations d = Declarations.of("m");
        Map<String, Object> b = Map.of("m", Map.of());
        assertEquals(false, Expressions.compile("m.missing == 1 && false", d).evaluate(b));
        assertEquals(true, Expressions.compile("true || m.missing == 1", d).evaluate(b));
        assertThrows(EvaluationException.class, () -> Expressions.compile("m.missing == 1 || false", d).evaluate(b));
    }

    @Test
    void resultsMapToJavaValues() {
        Declarations d = Declarations.of();
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"),
                Expressions.compile("timestamp('2024-01-01T00:00:00Z')", d).evaluate(Map.of()));
        assertEquals(Duration.ofMillis(1500), Expressions.compile("duration('1.5s')", d).evaluate(Map.of()));
        assertEquals(Optional.of(1L), Expressions.compile("optional.of(1)", d).evaluate(Map.of()));
        assertEquals(NullValue.NULL, Expressions.compile("null", d).evaluate(Map.of()));
        assertInstanceOf(Bytes.class, Expressions.compile("b'abc'", d).evaluate(Map.of()));
        assertEquals(Map.of("a", List.of(1L)), Expressions.compile("{'a': [1]}", d).evaluate(Map.of()));
    }

    @Test
    void valuesPrintAsJson() {
        Declarations d = Declarations.of();
        String printed = Values.toJson(Expressions.compile("[1, 2u, 1.5, b'hi', timestamp('2024-01-01T10:00:00.5Z'), "
                + "duration('90s'), duration('1.5s'), int, null, 'x', {'k': true}, optional.none()]", d)
                .evaluate(Map.of())).toString();
        assertEquals("[1,2,1.5,\"aGk=\",\"2024-01-01T10:00:00.5Z\",\"90s\",\"1.5s\",\"int\",null,\"x\",{\"k\":true},null]",
                printed);
        assertEquals("18446744073709551615", Values.toJson(new UInt(-1L)).toString());
    }

    @Test
    void programsAreSharedSafelyBetweenThreads() throws Exception {
        Program p = Expressions.compile("xs.map(x, x * 2).filter(x, x > n).size()", Declarations.of("xs", "n"));
        List<Long> xs = java.util.stream.LongStream.range(0, 1000).boxed().toList();
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<Object> results = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int t = 0; t < 4; t++) {
            long n = t * 100;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    results.add(p.evaluate(Map.of("xs", xs, "n", n)).equals((1998L - n) / 2) ? "ok" : "bad");
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(200, results.size());
        assertTrue(results.stream().allMatch("ok"::equals));
    }
}
