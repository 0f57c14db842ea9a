package dev.palisade.lang.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.lang.Bindings;
import dev.palisade.lang.CostLimitExceededException;
import dev.palisade.lang.CostMeter;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.EvaluationException;
import dev.palisade.lang.Program;
import dev.palisade.lang.Values;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The optimised forms of a program — memoised variable paths interpreted (what runs below the
 * bytecode threshold, as in most CLI runs) and turned into bytecode — must be indistinguishable
 * from the plain interpreter: same value, same error and position, same cost, and the same
 * cost-limit error at the same limit.
 */
class OptimisedEvaluationAgreesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<JsonNode> MANIFESTS = List.of(
            json("""
                    {"apiVersion":"apps/v1","kind":"Deployment",
                     "metadata":{"name":"web-1","labels":{"app":"web","team":"a","cost-center":""}},
                     "spec":{"replicas":3,"template":{"spec":{
                       "securityContext":{"runAsNonRoot":true},
                       "containers":[
                         {"name":"web","image":"registry.example.com/web:1.0",
                          "securityContext":{"privileged":false,"capabilities":{"drop":["ALL"]}}},
                         {"name":"sidecar-log","image":"gcr.io/distroless/log:latest",
                          "securityContext":{"privileged":true}}],
                       "volumes":[{"name":"data","hostPath":{"path":"/data"}}]}}}}"""),
            json("""
                    {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"bare"},
                     "spec":{"template":{"spec":{"containers":[{"name":"only","image":"nginx"}]}}}}"""),
            json("""
                    {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":7,"labels":{"app":1}},
                     "spec":{"replicas":"three","template":{"spec":{"securityContext":{"runAsNonRoot":"yes"},
                       "containers":[{"name":["x"],"image":5,"securityContext":{"privileged":"no"}},
                                     {"name":"b","image":"registry.example.com/b"}]}}}}"""));

    private static final String CONTAINERS = "object.spec.template.spec.containers";
    private static final List<String> VALUES = List.of(
            "object.metadata.name", "object.metadata.labels.app", "object.metadata.labels['team']",
            "object.spec.replicas", "object.spec.template.spec.securityContext.runAsNonRoot",
            "object.spec.missing", "object.metadata.labels", "'web'", "1", "2.0", "null", "[1, 2]",
            "{'a': 1}", "c", "c.name", "c.image", "c.securityContext.privileged", "size(" + CONTAINERS + ")",
            "object.?spec.?template.?spec.?securityContext.?runAsNonRoot.orValue(false)",
            "c.?securityContext.?privileged.orValue(false)", "object.metadata.labels[c]",
            "object.spec.template.spec.securityContext", "c.securityContext");
    private static final List<String> RANGES = List.of(
            CONTAINERS, "object.spec.template.spec.volumes", "[1, 2, 3]", "object.metadata.labels", "['app', 'team', 'zz']",
            "object.spec.template.spec.containers.map(c, c.name)",
            "(has(object.spec.template.spec.volumes) ? object.spec.template.spec.volumes : []) + " + CONTAINERS,
            "object.metadata.name.split('-')");

    @Provide
    Arbitrary<String> expressions() {
        return bool(3);
    }

    private Arbitrary<String> value() {
        return Arbitraries.of(VALUES);
    }

    private Arbitrary<String> bool(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                Arbitraries.of("has(object.spec.template.spec.volumes)", "has(object.metadata.labels)",
                        "has(c.securityContext)", "has(c.securityContext.privileged)",
                        "'app' in object.metadata.labels", "c in object.metadata.labels", "true", "false",
                        "has(object.spec.template.spec.securityContext.runAsNonRoot)", "c.name.startsWith('sidecar-')",
                        "c.image.matches('^registry\\\\.example\\\\.com/')", "c.image.contains(':')"),
                Combinators.combine(value(), value(), Arbitraries.of(" == ", " != ", " < ", " in "))
                        .as((a, b, op) -> a + op + b),
                value());
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> inner = bool(depth - 1);
        return Arbitraries.oneOf(leaf,
                inner.map(b -> "!(" + b + ")"),
                Combinators.combine(inner, inner, Arbitraries.of(" && ", " || ")).as((a, b, op) -> "(" + a + op + b + ")"),
                Combinators.combine(inner, inner, inner).as((a, b, c) -> "(" + a + " ? " + b + " : " + c + ")"),
                Combinators.combine(Arbitraries.of(RANGES), Arbitraries.of("all", "exists", "exists_one"), inner)
                        .as((r, m, b) -> r + "." + m + "(c, " + b + ")"),
                Combinators.combine(Arbitraries.of(RANGES), inner)
                        .as((r, b) -> "size(" + r + ".filter(c, " + b + ")) == 1"),
                Combinators.combine(Arbitraries.of(RANGES), inner, value())
                        .as((r, b, v) -> "size(" + r + ".map(c, " + b + ", " + v + ")) > 0"));
    }

    @Property(tries = 2000)
    void optimisedAndInterpretedEvaluationAgree(@ForAll("expressions") String source,
            @ForAll @IntRange(min = 1, max = 60) int tightLimit) {
        // c is also a variable outside the comprehensions, where they shadow it
        Declarations declarations = Declarations.of("object", "c");
        Program plain;
        try {
            plain = Compiler.compile(source, declarations, false);
        } catch (dev.palisade.lang.CompileException e) {
            Statistics.label("compiles").collect(false);
            return;
        }
        Statistics.label("compiles").collect(true);
        Program optimised = Compiler.compile(source, declarations, true);
        Program memoised = Compiler.compile(source, declarations, Compiler.Mode.MEMOISED);
        for (JsonNode manifest : MANIFESTS) {
            Bindings bindings = Bindings.of(Map.of("object", manifest, "c", "app"));
            String expected = outcome(plain, bindings, CostMeter.kubernetes());
            assertEquals(expected, outcome(optimised, bindings, CostMeter.kubernetes()), source);
            assertEquals(expected, outcome(memoised, bindings, CostMeter.kubernetes()), "memoised: " + source);
            String tight = outcome(plain, bindings, CostMeter.of(tightLimit, 1_000));
            assertEquals(tight, outcome(optimised, bindings, CostMeter.of(tightLimit, 1_000)), source);
            assertEquals(tight, outcome(memoised, bindings, CostMeter.of(tightLimit, 1_000)), "memoised: " + source);
        }
        assertFalse(((CompiledProgram) memoised).generated(), "the memoised interpreter never turns into bytecode");
    }

    @Test
    void repeatedPathsAreComputedOnceButChargedEachTime() {
        String source = "['app', 'team'].all(k, k in object.metadata.labels && object.metadata.labels[k] != '')";
        Bindings bindings = Bindings.of(Map.of("object", MANIFESTS.get(0)));
        String plain = outcome(Compiler.compile(source, Declarations.of("object"), false), bindings, CostMeter.kubernetes());
        String optimised = outcome(Compiler.compile(source, Declarations.of("object"), true), bindings, CostMeter.kubernetes());
        assertEquals(plain, optimised);
        assertTrue(plain.startsWith("value true cost "), plain);
        assertNotEquals("value true cost 0", plain);
    }

    @Test
    void programsAreGeneratedAsBytecode() {
        Program p = Compiler.compile(CONTAINERS + ".all(c, !has(c.securityContext) || !c.securityContext.privileged)",
                Declarations.of("object"), true);
        assertFalse(((CompiledProgram) p).generated(), "generated before its first evaluation");
        p.evaluate(Map.of("object", MANIFESTS.get(0)));
        assertTrue(((CompiledProgram) p).generated(), "expected generated bytecode (surefire sets palisade.lang.bytecodeAfter=0)");
    }

    @Test
    void threadsSharingAProgramWhileItTurnsIntoBytecodeAllGetTheSameResults() throws Exception {
        String source = CONTAINERS + ".filter(c, has(c.securityContext) && c.securityContext.privileged).map(c, c.name)";
        Program shared = Compiler.compile(source, Declarations.of("object"), true);
        Bindings bindings = Bindings.of(Map.of("object", MANIFESTS.get(0)));
        String expected = outcome(Compiler.compile(source, Declarations.of("object"), false), bindings, CostMeter.kubernetes());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<String>>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    List<String> seen = new java.util.ArrayList<>();
                    for (int i = 0; i < 2_000; i++) {
                        String o = outcome(shared, bindings, CostMeter.kubernetes());
                        if (!o.equals(expected)) {
                            seen.add(o);
                        }
                    }
                    return seen;
                }));
            }
            for (java.util.concurrent.Future<List<String>> run : runs) {
                assertEquals(List.of(), run.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(expected.startsWith("value [\"sidecar-log\"]"), expected);
        assertTrue(((CompiledProgram) shared).generated());
    }

    private static String outcome(Program p, Bindings bindings, CostMeter meter) {
        try {
            Object v = p.evaluate(bindings, meter);
            return "value " + Values.toJson(v) + " cost " + meter.usedByLastCall();
        } catch (CostLimitExceededException e) {
            return "cost limit " + e.getMessage();
        } catch (EvaluationException e) {
            return "error " + e.getMessage() + " at " + e.offset() + " cost " + meter.usedByLastCall();
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
