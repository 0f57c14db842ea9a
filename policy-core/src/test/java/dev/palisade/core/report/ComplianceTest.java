package dev.palisade.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Report;
import dev.palisade.core.Severity;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComplianceTest {

    /**
     * The sample, pair by pair (weights: no-privileged high 8, no-latest-tag medium 5.5, team-label low 3,
     * configmap-size info 0): Deployment prod/web fails all three (0 of 16.5); Service prod/web passes
     * team-label (3 of 3); ConfigMap prod/settings passes team-label and errs on configmap-size (3 of 3);
     * Pod tools/debug is exempted from no-privileged, fails no-latest-tag, passes team-label (3 of 8.5);
     * the host pod fails no-privileged and team-label and passes no-latest-tag (5.5 of 16.5).
     */
    @Test
    void theSampleScoresPairByPair() {
        Compliance compliance = Compliance.of(SampleReports.full(), SampleReports.owners());
        Compliance.Score overall = compliance.overall();
        assertEquals(4, overall.passed());
        assertEquals(6, overall.failed());
        assertEquals(1, overall.errored());
        assertEquals(1, overall.exempted());
        assertEquals(12, overall.pairs());
        assertEquals(14.5, overall.passedWeight(), 1e-9);
        assertEquals(47.5, overall.scoredWeight(), 1e-9);
        assertEquals(100 * 14.5 / 47.5, overall.percent().getAsDouble(), 1e-9);

        assertEquals(Set.of("payments", "sre", Owners.UNOWNED), compliance.byTeam().keySet());
        assertEquals(100.0, compliance.byTeam().get("payments").score().percent().getAsDouble(), 1e-9);
        assertEquals(100 * 3 / 8.5, compliance.byTeam().get("sre").score().percent().getAsDouble(), 1e-9);
        assertEquals(100 * 5.5 / 33, compliance.byTeam().get(Owners.UNOWNED).score().percent().getAsDouble(), 1e-9);
        assertEquals(2, compliance.byTeam().get(Owners.UNOWNED).resources());
        assertEquals(5, compliance.byTeam().get(Owners.UNOWNED).violations());

        Compliance.Group privileged = compliance.byPolicy().get("no-privileged");
        assertEquals(3, privileged.resources());
        assertEquals(2, privileged.violations());
        assertEquals(0.0, privileged.score().percent().getAsDouble(), 1e-9, "two fail, one exempted");
        assertTrue(compliance.byPolicy().get("configmap-size").score().percent().isEmpty(),
                "an info policy weighs nothing: no score");
        assertEquals(List.of(Owners.UNOWNED, "sre", "payments"),
                compliance.teamsByViolations().stream().map(e -> e.getKey()).toList());
        assertEquals(Set.of("default", "prod", "tools"), compliance.byNamespace().keySet());
    }

    @Test
    void nothingEvaluatedHasNoScore() {
        Compliance compliance = Compliance.of(new Report(List.of(), List.of(), List.of(), List.of()), Owners.none());
        assertTrue(compliance.overall().percent().isEmpty());
        assertEquals(0, compliance.overall().pairs());
    }

    @Test
    void weightsAreTheSeverityScale() {
        assertEquals(9.5, Compliance.weight(Severity.CRITICAL));
        assertEquals(0.0, Compliance.weight(Severity.INFO));
    }
}
