package dev.palisade.kyverno;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kyverno test runner over small test files that pass, fail, are excluded or not supported. */
class KyvernoTestRunnerTest {

    private static Path runner(String name) throws URISyntaxException {
        return Path.of(KyvernoTestRunnerTest.class.getResource("runner/" + name).toURI());
    }

    @Test
    void countsOneAssertionPerResultAndResource() throws Exception {
        KyvernoTestReport report = KyvernoTestRunner.create().run(List.of(runner("labels")));
        TestFileResult file = report.files().get(0);
        assertTrue(file.error().isEmpty(), file.error().orElse(""));
        assertEquals(7, file.assertions().size());
        assertEquals(6, report.passed());
        assertEquals(1, report.failed());
        TestAssertionResult failed = file.assertions().stream().filter(a -> !a.passed(false)).findFirst().orElseThrow();
        assertEquals("require-team/team-allowed good", failed.where());
        assertTrue(failed.found().contains("want fail, got pass"), failed.found());
        TestAssertionResult excluded = file.assertions().stream().filter(a -> a.resource().equals("system"))
                .findFirst().orElseThrow();
        assertEquals(TestAssertionResult.Outcome.NO_RESPONSE, excluded.outcome());
        TestAssertionResult autogen = file.assertions().stream().filter(a -> a.resource().equals("default/web"))
                .findFirst().orElseThrow();
        assertEquals(TestAssertionResult.Outcome.PASSED, autogen.outcome(), autogen.found());
    }

    @Test
    void strictCountsRulesWithoutResponseAsFailed() throws Exception {
        KyvernoTestReport report = KyvernoTestRunner.builder().strict(true).build().run(List.of(runner("labels")));
        assertEquals(5, report.passed());
        assertEquals(2, report.failed());
    }

    @Test
    void mutationsAreComparedWithThePatchedResourceAndValidationSeesThem() throws Exception {
        KyvernoTestReport report = KyvernoTestRunner.create().run(List.of(runner("mutate")));
        assertEquals(2, report.passed(), report.files().get(0).assertions().toString());
        assertEquals(0, report.failed());
        assertEquals(0, report.exitStatus());
    }

    @Test
    void mutateExistingTargetsAndGeneratedResourcesAreCompared() throws Exception {
        for (String name : List.of("mutate-existing", "generate")) {
            KyvernoTestReport report = KyvernoTestRunner.create().run(List.of(runner(name)));
            List<TestAssertionResult> assertions = report.files().get(0).assertions();
            assertEquals(1, assertions.size(), name);
            assertEquals(TestAssertionResult.Outcome.PASSED, assertions.get(0).outcome(),
                    name + ": " + assertions.get(0).found());
        }
    }

    @Test
    void celPolicyKindsRunAndKindsThatNeedAClusterAreNotApplicableNeverPassed() throws Exception {
        KyvernoTestReport report = KyvernoTestRunner.create().run(List.of(runner("cel-kind")));
        assertEquals(2, report.passed(), report.files().get(0).assertions().toString());
        assertEquals(0, report.failed());
        assertEquals(1, report.notSupported());
        TestAssertionResult signed = report.files().get(0).assertions().get(2);
        assertTrue(signed.found().contains("not applicable offline"), signed.found());
        assertEquals(2, report.exitStatus());
    }

    @Test
    void testsThatCannotRunAreErrors() throws Exception {
        KyvernoTestReport report = KyvernoTestRunner.create().run(List.of(runner("broken")));
        assertEquals(1, report.errors());
        assertTrue(report.files().get(0).error().orElseThrow().contains("missing-policy.yaml"));
        assertEquals(2, report.exitStatus());
    }

    @Test
    void verifyPrintsOneLinePerFileAndTheSummaryLast() throws Exception {
        StringWriter out = new StringWriter();
        int status = KyvernoTestRunner.create().verify(List.of(runner("labels"), runner("mutate")), new PrintWriter(out));
        List<String> lines = out.toString().strip().lines().toList();
        assertTrue(lines.get(0).startsWith("FAIL ") && lines.get(0).endsWith("(6 passed, 1 failed)"), lines.get(0));
        assertTrue(lines.get(1).contains("require-team/team-allowed good: expected fail"), lines.get(1));
        assertTrue(lines.get(2).startsWith("ok   "), lines.get(2));
        assertEquals("8 passed, 1 failed", lines.get(lines.size() - 1));
        assertEquals(1, status);
    }
}
