package dev.palisade.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The permanent adversarial suite: every reported way of making the rule language do unmetered
 * work, allocate without bound, hang or throw something other than its own errors. Each case
 * asserts that the meter (or a compile-time limit) stops it, and how much it used — not that the
 * JVM survives: with charges made before the work, none of these allocates more than a few
 * megabytes, whatever the heap.
 */
class AdversarialTest {
    private static final Declarations DECLS = Declarations.of("s", "n", "re", "l", "x");
    private static final String MEGABYTE = "x".repeat(1_000_000);

    private static CostLimitExceededException stops(String expr, Map<String, ?> bindings) {
        Program p = Expressions.compile(expr, DECLS);
        CostMeter meter = CostMeter.kubernetes();
        CostLimitExceededException e = assertThrows(CostLimitExceededException.class,
                () -> p.evaluate(Bindings.of(bindings), meter), expr);
        assertTrue(meter.usedByLastCall() <= CostMeter.KUBERNETES_PER_CALL_LIMIT + 1,
                "stopped at the limit, used " + meter.usedByLastCall());
        return e;
    }

    /** A string of 10^levels × 10 characters built with one format call per level (no repeated text). */
    private static String formatTower(String seed, int levels) {
        String e = seed;
        for (int i = 0; i < levels; i++) {
            e = "[" + e + "].map(s, '%s%s%s%s%s%s%s%s%s%s'.format([s, s, s, s, s, s, s, s, s, s]))[0]";
        }
        return e;
    }

    @Test
    void formatOutputIsChargedAndConstantFoldingIsBoundedLikeEvaluation() {
        // Built 10^9 characters while compiling (35 s, 4.6 GB) when format output was free.
        String tower = formatTower("'aaaaaaaaaa'", 8);
        long start = System.nanoTime();
        Program p = Expressions.compile("size(" + tower + ")", Declarations.of());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "compiling took " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThrows(CostLimitExceededException.class, () -> p.evaluate(Map.of()));
    }

    @Test
    void formatOutputOfBoundDataIsCharged() {
        String tower = formatTower("s", 6);
        stops("size(" + tower + ") > 0", Map.of("s", "aaaaaaaaaa"));
    }

    @Test
    void joinIsChargedForItsResultBeforeBuildingIt() {
        // 10,000 × 1 MB: OutOfMemoryError when the join was built before it was charged.
        stops("lists.range(10000).map(i, s).join().size()", Map.of("s", MEGABYTE));
    }

    @Test
    void charAtChargesTheTraversalOfItsString() {
        // Ran 2 min 14 s and returned true when charAt charged nothing.
        stops("lists.range(100000).all(i, s.charAt(i % 1000) == 'x')", Map.of("s", MEGABYTE));
    }

    @Test
    void stringFunctionsChargeBySizeOfInputAndOutput() {
        // strings.quote did not finish in 300 s.
        for (String call : List.of("strings.quote(s)", "s.substring(1)", "s.trim()", "s.reverse()",
                "s.lowerAscii()", "s.upperAscii()", "s.indexOf('y')", "s.lastIndexOf('y')", "s.replace('x', 'y')",
                "s.split('')", "size(s)", "s.contains('y')", "'%s'.format([s])", "s + s", "s.startsWith(s)",
                "s == s + ''", "s < s + 'y'", "bytes(s)", "s.matches('y')", "s.find('y')", "s.findAll('y')",
                "isQuantity(s)", "isURL(s)", "isIP(s)", "isSemver(s)", "format.dns1123Label().validate(s)")) {
            stops("lists.range(100).map(i, " + call + ").size() > 0", Map.of("s", MEGABYTE));
        }
    }

    @Test
    void substringSearchesAreChargedForTheirWorstCase() {
        // a naive search compares the needle at every position: |s| × |t| character comparisons
        Map<String, Object> b = Map.of("s", "a".repeat(1_000_000), "x", "a".repeat(100_000) + "b");
        for (String call : List.of("s.indexOf(x)", "s.lastIndexOf(x)", "s.contains(x)", "s.replace(x, '')",
                "s.split(x)", "s.indexOf(x, 1)")) {
            Program p = Expressions.compile(call, DECLS);
            CostMeter meter = CostMeter.kubernetes();
            long start = System.nanoTime();
            assertThrows(CostLimitExceededException.class, () -> p.evaluate(Bindings.of(b), meter), call);
            assertTrue(System.nanoTime() - start < 1_000_000_000L, call + " ran before it was charged");
        }
        // comparisons of library values whose text can be long
        stops("lists.range(100000).all(i, semver(s).compareTo(semver(s)) == 0)",
                Map.of("s", "1.0.0-" + "9".repeat(50_000)));
    }

    @Test
    void replaceAndSplitChargeWhatTheyBuild() {
        // the empty pattern inserts the replacement around every character: the output is charged as built
        CostLimitExceededException e = stops("s.replace('', s).size()", Map.of("s", "y".repeat(10_000)));
        assertTrue(e.getMessage().contains("per-call limit"), e.getMessage());
        stops("s.split('').size()", Map.of("s", "y".repeat(2_000_000)));
    }

    @Test
    void listFunctionsChargeBeforeTheyAllocate() {
        stops("lists.range(n).size()", Map.of("n", 2_000_000_000L));
        stops("lists.range(2000).map(i, lists.range(2000)).flatten().size()", Map.of());
        stops("l.sort().size() > 0", Map.of("l", java.util.Collections.nCopies(1_000_000, "x")));
        stops("l.distinct().size()", Map.of("l", java.util.Collections.nCopies(10_000, 1L)));
        stops("sets.intersects(l, l)", Map.of("l", java.util.Collections.nCopies(10_000, 1L)));
    }

    @Test
    void doublingListsByConcatenationIsStopped() {
        // each + is a view; repeated doubling creates huge virtual lists that every traversal must pay for
        String e = "[1]";
        for (int i = 0; i < 40; i++) {
            e = "[" + e + "].map(a, a + a)[0]";
        }
        Program p = Expressions.compile(e + ".size()", Declarations.of());
        EvaluationException error = assertThrows(EvaluationException.class, () -> p.evaluate(Map.of()));
        assertTrue(error.getMessage().contains("largest list size"), error.getMessage());
        String octuple = "[1]";
        for (int i = 0; i < 7; i++) {
            octuple = "[" + octuple + "].map(a, a + a + a + a + a + a + a + a)[0]";
        }
        stops(octuple + ".sort().size()", Map.of());
        stops(octuple + ".map(v, v).size()", Map.of());
        stops("[" + octuple + "].flatten().size()", Map.of());
    }

    @Test
    void foldedConstantsStillCostWhatTheyComputed() {
        // Returned true where Kubernetes reports the cost limit: the inner loop was folded at compile time.
        Program p = Expressions.compile("lists.range(10000).all(i, lists.range(10000).all(j, j >= 0))", Declarations.of());
        assertThrows(CostLimitExceededException.class, () -> p.evaluate(Map.of()));
        assertTrue(!p.costEstimate().fitsWithin(CostMeter.KUBERNETES_PER_CALL_LIMIT), "estimate " + p.costEstimate());
        // a small folded constant charges the same as computing it
        Program folded = Expressions.compile("[1, 2, 3].all(i, i > 0)", Declarations.of());
        Program computed = Expressions.compile("x.all(i, i > 0)", DECLS);
        CostMeter a = CostMeter.kubernetes();
        CostMeter b = CostMeter.kubernetes();
        assertEquals(true, folded.evaluate(Bindings.empty(), a));
        assertEquals(true, computed.evaluate(Bindings.of(Map.of("x", List.of(1L, 2L, 3L))), b));
        assertTrue(a.used() > 0 && a.used() >= b.used() - 1, a.used() + " vs " + b.used());
    }

    @Test
    void nestedRepetitionsAreRejectedAsGoDoes() {
        // Hung > 120 s in RE2/J's compiler.
        long start = System.nanoTime();
        CompileException e = assertThrows(CompileException.class,
                () -> Expressions.compile("s.matches('((a{1000}){1000}){1000}')", DECLS));
        assertTrue(e.getMessage().contains("invalid repeat count"), e.getMessage());
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
        EvaluationException run = assertThrows(EvaluationException.class, () -> Expressions.compile("s.matches(re)", DECLS)
                .evaluate(Map.of("s", "a", "re", "((a{1000}){1000}){1000}")));
        assertTrue(run.getMessage().contains("invalid repeat count"), run.getMessage());
        for (String re : List.of("(a{2}){501}", "((a{10}){10}){11}", "(a{1001})", "((a*){1000}){2}")) {
            CompileException c = assertThrows(CompileException.class,
                    () -> Expressions.compile("s.find('" + re + "') == ''", DECLS), re);
            assertTrue(c.getMessage().contains("invalid repeat count"), c.getMessage());
        }
        // within Go's rules
        assertEquals(true, Expressions.compile("s.matches('^((ab){10}){100}$')", DECLS)
                .evaluate(Map.of("s", "ab".repeat(1000))));
    }

    @Test
    void regularExpressionProgramsAreBoundedAndTheirCompilationIsCharged() {
        // Ran out of memory (6.45 GB) with nested repeats of long groups.
        String big = "(" + "abcdefghij".repeat(340) + "){1000}";
        CompileException e = assertThrows(CompileException.class,
                () -> Expressions.compile("s.matches('" + big + "')", DECLS));
        assertTrue(e.getMessage().contains("expression too large"), e.getMessage());
        // valid in Go, but compiling it at run time costs more than an evaluation may spend
        String large = "(" + "abcdefghij".repeat(110) + "){1000}";
        CostLimitExceededException c = stops("s.matches(re)", Map.of("s", "a", "re", large));
        assertTrue(c.getMessage().contains("per-call limit"), c.getMessage());
        EvaluationException deep = assertThrows(EvaluationException.class, () -> Expressions.compile("s.matches(re)", DECLS)
                .evaluate(Map.of("s", "a", "re", "(".repeat(1500) + ")".repeat(1500))));
        assertTrue(deep.getMessage().contains("nests too deeply"), deep.getMessage());
    }

    @Test
    void rangeErrorsAreLocatedEvaluationErrors() {
        // timestamp(9223372036854775807) let a java.time.DateTimeException escape (aborting eval --batch).
        CompileException constant = assertThrows(CompileException.class,
                () -> Expressions.compile("timestamp(9223372036854775807)", DECLS));
        assertTrue(constant.getMessage().contains("timestamp out of range"), constant.getMessage());
        for (String expr : List.of("timestamp(n)", "duration(n)", "timestamp(-n)", "duration(-n - 1)",
                "timestamp(0) + duration(string(n) + 's')", "int(double(n) * 2.0)", "uint(-1.0 * double(n))",
                "lists.range(n)", "'abc'.substring(n)", "'abc'.charAt(n)", "[1, 2].slice(0, n)", "'a'.indexOf('a', n)",
                "timestamp(0).getFullYear(string(n))", "duration(string(n) + '000s')", "n * n", "-(-n - 1)")) {
            EvaluationException e = assertThrows(EvaluationException.class,
                    () -> Expressions.compile(expr, DECLS).evaluate(Map.of("n", Long.MAX_VALUE)), expr);
            assertTrue(!e.getMessage().contains("internal evaluation error"), expr + ": " + e.getMessage());
            assertTrue(e.line() == 1 && e.column() >= 1, expr);
        }
    }

    @Test
    void compileErrorsEchoOnlyTheSourceAroundThePosition() {
        // An 80 KB expression was echoed whole.
        String source = "size('" + "a".repeat(80_000) + "') > 0 &&";
        CompileException e = assertThrows(CompileException.class, () -> Expressions.compile(source, DECLS));
        assertTrue(e.getMessage().length() < 400, "message of " + e.getMessage().length() + " characters");
        String[] lines = e.getMessage().split("\n");
        assertEquals(3, lines.length, e.getMessage());
        int caret = lines[2].indexOf('^');
        assertTrue(lines[1].startsWith(" | …"), lines[1]);
        assertTrue(caret > 0 && caret < lines[1].length() + 1, e.getMessage());
        assertTrue(e.column() > 80_000, "column " + e.column());
        // messages that quote a huge value are cut too
        EvaluationException v = assertThrows(EvaluationException.class,
                () -> Expressions.compile("int(s)", DECLS).evaluate(Map.of("s", MEGABYTE)));
        assertTrue(v.getMessage().length() < 2_000, "message of " + v.getMessage().length() + " characters");
    }

    @Test
    void hostFunctionsAreChargedBeforeTheyRun() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        HostFunction expensive = HostFunction.member("digest", 0).cost(FunctionCost.linear(1, 0, 1.0))
                .implementation(args -> {
                    calls.incrementAndGet();
                    return "d";
                });
        Program p = Expressions.compile("lists.range(10).all(i, s.digest() == 'd')",
                DECLS.toBuilder().function(expensive).build());
        assertThrows(CostLimitExceededException.class, () -> p.evaluate(Map.of("s", MEGABYTE + "yy")));
        assertEquals(0, calls.get(), "the cost of the call exceeded the limit before it ran");
    }
}
