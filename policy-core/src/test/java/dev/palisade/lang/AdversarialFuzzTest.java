package dev.palisade.lang;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random calls of every declared function and operator with extreme arguments. The oracle: the
 * only exceptions an expression may raise are the language's own ({@link CompileException},
 * {@link EvaluationException} and its {@link CostLimitExceededException}), never an internal
 * error, and no call runs past its cost limit.
 */
class AdversarialFuzzTest {
    private static final List<FunctionInfo> FUNCTIONS = Expressions.functions(Declarations.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Arguments bound as variables: extreme host and JSON values. */
    private static final List<Object> BOUND = List.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L, 1_000_000_000_000L,
            new UInt(-1L), new UInt(0), Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e308,
            -1e-308, "", "😀a\u0000\u007f\"\\", "x".repeat(20_000), "%s%d%x%.999f%e%", "1h2m3.5s", "-0.5",
            "2024-02-29T23:59:60Z", "9999-12-31T23:59:59.999999999Z", "::ffff:1.2.3.4", "10.0.0.0/8", "1.2.3-rc.1+b",
            "[[:alpha:]]{1000}", "(a|b)*c{2,3}?", "Ki", true, NullValue.NULL, Bytes.of(new byte[] {(byte) 0xff, 0, 1}),
            List.of(), List.of(1L, 2L, 3L), List.of("b", "a", "b"), List.of(List.of(1L), List.of(List.of(2L))),
            List.of(1L, "a", 2.5), Map.of(), Map.of("k", "v", "n", 1L), Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59Z"), Duration.ofSeconds(315_576_000_000L), Duration.ofNanos(-1),
            Optional.empty(), Optional.of(List.of()), json("{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}"),
            json("[1,\"x\",[],{}]"));

    /** Arguments written as expressions: library values and literals. */
    private static final List<String> WRITTEN = List.of("quantity('1Ei')", "quantity('-0.001m')", "ip('::1')",
            "ip('255.255.255.255')", "cidr('0.0.0.0/0')", "cidr('::/128')", "semver('1.2.3-rc.1')",
            "url('https://u:p@[::1]:8080/a%20b?x=1&x=2')", "format.dns1123Label()", "format.named('uuid')",
            "optional.none()", "optional.of(1)", "type(1)", "b'\\xff'", "18446744073709551615u", "-9223372036854775808",
            "{1: 'a', true: 2}", "[[], [[]]]", "timestamp('2024-01-01T00:00:00Z')", "duration('-1ns')", "null");

    private static Object json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Call(String expression, Map<String, Object> bindings) {
    }

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<FunctionInfo> function = Arbitraries.of(FUNCTIONS);
        Arbitrary<List<Integer>> picks = Arbitraries.integers().between(0, BOUND.size() + WRITTEN.size() - 1).list()
                .ofSize(4);
        return Combinators.combine(function, picks, Arbitraries.of(true, false)).as(AdversarialFuzzTest::call);
    }

    private static Call call(FunctionInfo f, List<Integer> picks, boolean preferMember) {
        Map<String, Object> bindings = new HashMap<>();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < f.arity(); i++) {
            int pick = picks.get(i);
            if (pick < BOUND.size()) {
                bindings.put("x" + i, BOUND.get(pick));
                args.add("x" + i);
            } else {
                args.add("(" + WRITTEN.get(pick - BOUND.size()) + ")");
            }
        }
        String name = f.name();
        String expr;
        if (name.startsWith("_") && name.endsWith("_") && name.length() > 2 && f.arity() == 2) {
            expr = args.get(0) + " " + name.substring(1, name.length() - 1) + " " + args.get(1);
        } else if (name.equals("-_")) {
            expr = "-" + args.get(0);
        } else if (name.equals("@in")) {
            expr = args.get(0) + " in " + args.get(1);
        } else if (f.member() && (preferMember || !f.global()) && f.arity() > 0) {
            expr = args.get(0) + "." + name + "(" + String.join(", ", args.subList(1, args.size())) + ")";
        } else {
            expr = name + "(" + String.join(", ", args) + ")";
        }
        return new Call(expr, bindings);
    }

    @Property(tries = 3000)
    void everyCallEndsInAValueOrTheLanguagesOwnError(@ForAll("calls") Call call) {
        Declarations declarations = Declarations.of("x0", "x1", "x2", "x3");
        Program program;
        try {
            program = Expressions.compile(call.expression(), declarations);
        } catch (CompileException e) {
            Statistics.label("outcome").collect("compile error");
            assertFalse(e.getMessage().contains("internal"), call + ": " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            fail("compiling " + call + " threw " + e, e);
            return;
        }
        CostMeter meter = CostMeter.of(200_000, 1_000_000);
        try {
            Object v = program.evaluate(Bindings.of(call.bindings()), meter);
            Values.toJson(v);
            Statistics.label("outcome").collect("value");
        } catch (CostLimitExceededException e) {
            Statistics.label("outcome").collect("cost limit");
        } catch (EvaluationException e) {
            Statistics.label("outcome").collect("error");
            assertFalse(e.getMessage().contains("internal evaluation error"), call + ": " + e.getMessage());
        } catch (RuntimeException e) {
            fail("evaluating " + call + " threw " + e, e);
        }
        assertTrue(meter.usedByLastCall() <= 200_001, call + " used " + meter.usedByLastCall());
    }
}
