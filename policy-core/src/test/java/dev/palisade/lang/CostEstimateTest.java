package dev.palisade.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The static cost estimate (cel-go's estimator with Kubernetes' sizes) and the estimated-cost limit. */
class CostEstimateTest {
    private static final Declarations DECLS = Declarations.admission();

    private static CostEstimate estimate(String source) {
        return Expressions.compile(source, DECLS).costEstimate();
    }

    @Test
    void constantsAndLiteralsAreSizedExactly() {
        assertEquals(new CostEstimate(0, 0), estimate("'abc'"));
        // list creation 10, three iterations of all(): condition 2 + step 1 (+ the body, skipped at least)
        assertEquals(new CostEstimate(10 + 1 + 3 * 3, 10 + 1 + 3 * (3 + 2)), estimate("[1, 2, 3].all(x, x > 0)"));
        // a string traversal of a 1,000-character literal: ⌈0.1 × 1000⌉ × ⌈0.1 × 1⌉
        assertEquals(new CostEstimate(100, 100), estimate("'" + "a".repeat(1000) + "'.contains('b')"));
    }

    @Test
    void shortCircuitsAndConditionalsTakeTheCheapestBranchAtLeast() {
        CostEstimate e = estimate("true || object.spec.containers.all(c, c.name.startsWith('x'))");
        assertEquals(0, e.min());
        assertTrue(e.max() > CostMeter.KUBERNETES_PER_CALL_LIMIT, e.toString());
    }

    @Test
    void dataWithoutASchemaIsSizedFromTheRequestLimit() {
        // 3 MiB request: up to 1,572,863 list elements, strings of 3,145,726 characters
        CostEstimate e = estimate("object.spec.containers.all(c, true)");
        assertEquals(1 + 1 + 1_572_863L * (3 + 0), e.max());
        CostEstimate s = estimate("object.metadata.name.matches('^a')");
        // ⌈0.1 × (1 + 3,145,726)⌉ × ⌈0.25 × 2⌉, plus the variable
        assertEquals(1 + 314_573, s.max());
    }

    @Test
    void expressionsAboveTheEstimatedLimitAreRejectedWhenAsked() {
        Declarations limited = DECLS.toBuilder().estimatedCostLimit(CostEstimate.KUBERNETES_PER_EXPRESSION_LIMIT).build();
        CompileException e = assertThrows(CompileException.class,
                () -> Expressions.compile("lists.range(10000).all(i, lists.range(10000).all(j, j >= 0))", limited));
        assertTrue(e.getMessage().contains("estimated cost exceeds budget by factor of more than 100x"), e.getMessage());
        CompileException twice = assertThrows(CompileException.class,
                () -> Expressions.compile("object.spec.containers.all(c, c.image.startsWith('registry/'))", limited));
        assertTrue(twice.reason().startsWith("estimated cost exceeds budget by factor of"), twice.reason());
        Program ok = Expressions.compile("['a', 'b'].exists(x, x == 'b') && size(object.metadata.name) < 64", limited);
        assertTrue(ok.costEstimate().fitsWithin(CostEstimate.KUBERNETES_PER_EXPRESSION_LIMIT));
        // without a limit (the default, as for ValidatingAdmissionPolicies) the same expression compiles
        assertTrue(Expressions.compile("object.spec.containers.all(c, c.image.startsWith('registry/'))", DECLS)
                .costEstimate().max() > CostEstimate.KUBERNETES_PER_EXPRESSION_LIMIT);
    }

    @Test
    void exceedFactorReadsLikeKubernetes() {
        assertEquals("2.5x", new CostEstimate(0, 2_500_000).exceedFactor(1_000_000));
        assertEquals("1.200000x", new CostEstimate(0, 1_200_000).exceedFactor(1_000_000));
        assertEquals("more than 100x", new CostEstimate(0, Long.MAX_VALUE).exceedFactor(1_000_000));
    }
}
