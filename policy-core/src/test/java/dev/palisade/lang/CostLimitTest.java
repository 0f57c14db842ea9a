package dev.palisade.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Adversarial expressions stop with a cost error after about the limit's worth of work. */
class CostLimitTest {
    private static final Declarations DECLS = Declarations.of("object", "s", "n");

    private static ObjectNode objectWithItems(int n) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode items = o.putArray("items");
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        return o;
    }

    private static CostLimitExceededException exceeds(String expr, Map<String, ?> bindings, CostMeter meter) {
        Program p = Expressions.compile(expr, DECLS);
        return assertThrows(CostLimitExceededException.class, () -> p.evaluate(Bindings.of(bindings), meter));
    }

    @Test
    void nestedComprehensionsOverTenThousandElementsStopAtThePerCallLimit() {
        CostMeter meter = CostMeter.kubernetes();
        CostLimitExceededException e = exceeds(
                "object.items.all(x, object.items.exists(y, y == x + 1 && false) || true)",
                Map.of("object", objectWithItems(10_000)), meter);
        assertEquals(CostMeter.KUBERNETES_PER_CALL_LIMIT, e.limit());
        assertTrue(e.getMessage().contains("per-call limit of 1000000"), e.getMessage());
        // stopped right after crossing the limit, not after the 100,000,000 iterations it asked for
        assertTrue(meter.usedByLastCall() <= CostMeter.KUBERNETES_PER_CALL_LIMIT + 1, "used " + meter.usedByLastCall());
    }

    @Test
    void generatedRangesAreMeteredToo() {
        CostMeter meter = CostMeter.kubernetes();
        exceeds("lists.range(n).map(i, lists.range(n).filter(j, j == i)).size() > 0", Map.of("n", 10_000), meter);
        assertTrue(meter.used() <= CostMeter.KUBERNETES_PER_CALL_LIMIT + 1);
    }

    @Test
    void regexCostScalesWithInputAndPatternAndIsChargedBeforeMatching() {
        String longInput = "a".repeat(1_000_000) + "!";
        // Kubernetes' formula: ⌈0.1 × (1 + 1,000,001)⌉ × ⌈0.25 × 7⌉ = 200,002 units, charged before matching
        CostMeter meter = CostMeter.of(200_000, 10_000_000);
        exceeds("s.matches('^(a+)+$')", Map.of("s", longInput), meter);
        assertTrue(meter.usedByLastCall() <= 200_001, "used " + meter.usedByLastCall());
        // the same catastrophic-looking pattern on a moderate input is linear-time RE2 and within budget
        Object ok = Expressions.compile("s.matches('^(a+)+$')", DECLS).evaluate(Map.of("s", "a".repeat(10_000) + "!"));
        assertEquals(false, ok);
    }

    @Test
    void repeatedConcatenationOfALargeStringIsStopped() {
        CostMeter meter = CostMeter.kubernetes();
        exceeds("lists.range(1000).map(i, s + s + s).size()", Map.of("s", "x".repeat(100_000)), meter);
        assertTrue(meter.used() <= CostMeter.KUBERNETES_PER_CALL_LIMIT + 100_000);
    }

    @Test
    void theBudgetIsSharedAcrossCallsOfOnePolicyEvaluation() {
        Program p = Expressions.compile("lists.range(n).all(i, i >= 0)", DECLS);
        CostMeter meter = CostMeter.of(1_000_000, 1_000);
        Bindings n = Bindings.of(Map.of("n", 150));
        assertEquals(true, p.evaluate(n, meter));
        assertEquals(true, p.evaluate(n, meter));
        assertTrue(meter.used() > 800 && meter.used() <= 1_000, "used " + meter.used());
        CostLimitExceededException e = assertThrows(CostLimitExceededException.class, () -> p.evaluate(n, meter));
        assertEquals(1_000, e.limit());
        assertTrue(e.getMessage().contains("budget of 1000"), e.getMessage());
    }

    @Test
    void costErrorsAreNotAbsorbedByLogicalOperators() {
        CostMeter meter = CostMeter.of(100, 1_000_000);
        Bindings n = Bindings.of(Map.of("n", 1000));
        Program p = Expressions.compile("true || lists.range(n).all(i, i >= 0)", DECLS);
        assertEquals(true, p.evaluate(n, meter));
        Program q = Expressions.compile("lists.range(n).all(i, i >= 0) || true", DECLS);
        assertThrows(CostLimitExceededException.class, () -> q.evaluate(n, meter));
    }

    @Test
    void hugeConstantExpressionsAreNotFoldedAtCompileTimeButMeteredAtRunTime() {
        Program p = Expressions.compile("lists.range(1000000000).size()", DECLS);
        CostMeter meter = CostMeter.kubernetes();
        assertThrows(CostLimitExceededException.class, () -> p.evaluate(Bindings.empty(), meter));
        assertTrue(meter.used() <= 1_000_000_001L);
    }

    @Test
    void hasCostsNothingAndSimpleExpressionsAreCheap() {
        CostMeter meter = CostMeter.kubernetes();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putObject("spec").put("replicas", 3);
        Program p = Expressions.compile("has(object.spec.replicas) && object.spec.replicas <= 5", DECLS);
        assertEquals(true, p.evaluate(Bindings.of(Map.of("object", o)), meter));
        assertTrue(meter.used() > 0 && meter.used() < 20, "used " + meter.used());
    }
}
