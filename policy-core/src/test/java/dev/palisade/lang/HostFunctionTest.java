package dev.palisade.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Functions hosts add through {@link Declarations.Builder#function}: called, metered, folded only when pure. */
class HostFunctionTest {
    private final AtomicInteger digestCalls = new AtomicInteger();
    private final AtomicInteger clockCalls = new AtomicInteger();

    private final HostFunction sha256 = HostFunction.member("sha256", 0)
            .doc("The SHA-256 digest of a string, as lowercase hex.")
            .cost(FunctionCost.linear(1, 0, 0.1))
            .implementation(args -> {
                digestCalls.incrementAndGet();
                try {
                    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(((String) args.get(0)).getBytes(StandardCharsets.UTF_8)));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            });
    private final HostFunction now = HostFunction.global("acme.now", 0).doc("Seconds on a test clock.").impure()
            .implementation(args -> (long) clockCalls.incrementAndGet());
    private final HostFunction team = HostFunction.global("acme.team", 1).doc("The team owning a namespace.")
            .checkConstantArguments()
            .implementation(args -> {
                String ns = (String) args.get(0);
                if (!ns.startsWith("team-")) {
                    throw new IllegalArgumentException("namespace '" + ns + "' belongs to no team");
                }
                return ns.substring(5);
            });
    private final HostFunction keys = HostFunction.global("acme.keys", 1).doc("The keys of a map, sorted.")
            .cost(FunctionCost.linear(1, 0, 1))
            .implementation(args -> ((Map<?, ?>) args.get(0)).keySet().stream().map(Object::toString).sorted().toList());

    private Declarations declarations() {
        return Declarations.builder().variable("object").variable("s").function(sha256).function(now).function(team)
                .function(keys).build();
    }

    @Test
    void aHostFunctionIsCalledFromAnExpression() throws Exception {
        Program p = Expressions.compile("object.metadata.name.sha256().startsWith('2cf24dba')", declarations());
        Object node = new ObjectMapper().readTree("{\"metadata\":{\"name\":\"hello\"}}");
        assertEquals(true, p.evaluate(Map.of("object", node)));
        assertEquals(List.of("a", "b"), Expressions.compile("acme.keys(object)", declarations())
                .evaluate(Map.of("object", new ObjectMapper().readTree("{\"b\":1,\"a\":2}"))));
    }

    @Test
    void itsDeclaredCostIsChargedBeforeItRuns() {
        Program p = Expressions.compile("s.sha256()", declarations());
        CostMeter meter = CostMeter.kubernetes();
        p.evaluate(Bindings.of(Map.of("s", "x".repeat(1_000))), meter);
        assertEquals(1 + 1 + 100, meter.used(), "variable read + 1 + ⌈0.1 × 1000⌉");
        int before = digestCalls.get();
        CostMeter tight = CostMeter.of(50, 1_000);
        assertThrows(CostLimitExceededException.class, () -> p.evaluate(Bindings.of(Map.of("s", "x".repeat(1_000))), tight));
        assertEquals(before, digestCalls.get(), "not run once its cost exceeded the limit");
    }

    @Test
    void aPureFunctionWithConstantArgumentsIsFoldedAndStillCharged() {
        int before = digestCalls.get();
        Program p = Expressions.compile("'hello'.sha256()", declarations());
        assertEquals(before + 1, digestCalls.get(), "evaluated once, at compile time");
        CostMeter meter = CostMeter.kubernetes();
        for (int i = 0; i < 3; i++) {
            p.evaluate(Bindings.empty(), meter);
        }
        assertEquals(before + 1, digestCalls.get(), "not called again");
        assertEquals(3 * 2, meter.used(), "each evaluation charges what the folded call cost (1 + ⌈0.5⌉)");
    }

    @Test
    void anImpureFunctionIsNeverFolded() {
        Program p = Expressions.compile("acme.now() + 0", declarations());
        assertEquals(0, clockCalls.get());
        assertEquals(1L, p.evaluate(Map.of()));
        assertEquals(2L, p.evaluate(Map.of()));
    }

    @Test
    void constantArgumentsAreCheckedAtCompileTimeWhenDeclared() {
        CompileException e = assertThrows(CompileException.class,
                () -> Expressions.compile("acme.team('kube-system') == 'a'", declarations()));
        assertTrue(e.getMessage().contains("function 'acme.team' failed: namespace 'kube-system' belongs to no team"),
                e.getMessage());
        EvaluationException run = assertThrows(EvaluationException.class,
                () -> Expressions.compile("acme.team(s)", declarations()).evaluate(Map.of("s", "default")));
        assertTrue(run.getMessage().startsWith("1:" + run.column() + ": function 'acme.team' failed"), run.getMessage());
        // errors from host functions are CEL errors: || absorbs them like any other
        assertEquals(true, Expressions.compile("acme.team(s) == 'x' || true", declarations()).evaluate(Map.of("s", "default")));
    }

    @Test
    void hostFunctionsAreListedAndEstimated() {
        FunctionInfo info = Expressions.functions(declarations()).stream().filter(f -> f.name().equals("sha256"))
                .findFirst().orElseThrow();
        assertTrue(info.host() && info.member() && !info.global() && info.pure() && info.arity() == 1, info.toString());
        assertEquals("The SHA-256 digest of a string, as lowercase hex.", info.doc());
        assertEquals("1 + ⌈0.1·size(arg0)⌉", info.cost());
        CostEstimate estimate = Expressions.compile("'hello'.sha256()", declarations()).costEstimate();
        assertEquals(new CostEstimate(2, 2), estimate);
    }

    @Test
    void aHostFunctionCannotReplaceOneOfTheLanguage() {
        HostFunction size = HostFunction.global("size", 1).implementation(args -> 0L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Expressions.compile("size('a')", Declarations.builder().function(size).build()));
        assertTrue(e.getMessage().contains("would replace"), e.getMessage());
    }
}
