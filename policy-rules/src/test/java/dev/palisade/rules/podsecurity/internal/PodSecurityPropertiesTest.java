package dev.palisade.rules.podsecurity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.PodSpecView;
import dev.palisade.rules.podsecurity.CheckFailure;
import dev.palisade.rules.podsecurity.Level;
import dev.palisade.rules.podsecurity.PodSecurityVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Invariants of the standard over random pods whose security-relevant fields are absent, allowed or
 * forbidden at random.
 */
class PodSecurityPropertiesTest {

    /** Baseline checks that a restricted check replaces (the restricted check forbids at least as much). */
    private static final Map<String, String> OVERRIDDEN_BY = Map.of("hostPathVolumes", "restrictedVolumes",
            "seccompProfile_baseline", "seccompProfile_restricted", "capabilities_baseline", "capabilities_restricted",
            "procMount", "procMount_restricted");
    private static final Set<String> WINDOWS_EXEMPT_OVERRIDES = Set.of("capabilities_baseline",
            "seccompProfile_baseline");

    /**
     * At every version, restricted forbids whatever baseline forbids: each failed baseline check fails
     * at restricted too, under its own id or under the restricted check that overrides it there. One
     * upstream exception: from v1.25 a Windows pod is exempt from capabilities_restricted and
     * seccompProfile_restricted, which still override capabilities_baseline and
     * seccompProfile_baseline, so restricted allows a Windows pod's added capabilities and Unconfined
     * seccomp profile that baseline forbids (fixture windows-pod-restricted-quirk.fail.yaml).
     */
    @Property(tries = 250)
    void restrictedNeverAllowsWhatBaselineForbids(
            @ForAll @Size(80) List<@IntRange(min = 0, max = 9) Integer> choices,
            @ForAll @IntRange(min = 0, max = PodSecurityVersion.NEWEST_MINOR) int minor) {
        PodSpecView pod = RandomPods.pod(choices);
        List<CheckFailure> baseline = PodSecurityEvaluator.of(Level.BASELINE, minor).evaluate(pod);
        Set<String> restrictedIds = ids(PodSecurityEvaluator.of(Level.RESTRICTED, minor).evaluate(pod));
        boolean windowsExempt = minor >= 25 && RandomPods.relaxedAt(25, pod);
        for (CheckFailure failure : baseline) {
            if (windowsExempt && WINDOWS_EXEMPT_OVERRIDES.contains(failure.checkId())) {
                continue;
            }
            assertTrue(restrictedIds.contains(failure.checkId())
                    || restrictedIds.contains(OVERRIDDEN_BY.getOrDefault(failure.checkId(), "")),
                    failure.checkId() + " fails at baseline v1." + minor + " but restricted allows it: " + pod.spec());
        }
    }

    /**
     * Restricted only tightens from v1.N to v1.N+1, except where the reference lists a relaxation at
     * v1.N+1 and the pod uses the relaxed field: seccomp annotations stop counting at v1.19, Windows
     * pods are exempted at v1.25, the sysctl allow-list grows at v1.27/29/32/37, container_engine_t is
     * allowed at v1.31, and hostUsers: false relaxes runAsNonRoot/runAsUser (and baseline procMount) at
     * v1.35. For every other pod, if v1.N forbids it then v1.N+1 forbids it.
     */
    @Property(tries = 250)
    void newerVersionsOnlyTightenOutsideTheListedRelaxations(
            @ForAll @Size(80) List<@IntRange(min = 0, max = 9) Integer> choices,
            @ForAll @IntRange(min = 0, max = PodSecurityVersion.NEWEST_MINOR - 1) int minor) {
        PodSpecView pod = RandomPods.pod(choices);
        for (Level level : List.of(Level.BASELINE, Level.RESTRICTED)) {
            boolean forbiddenBefore = !PodSecurityEvaluator.of(level, minor).evaluate(pod).isEmpty();
            boolean forbiddenAfter = !PodSecurityEvaluator.of(level, minor + 1).evaluate(pod).isEmpty();
            if (forbiddenBefore && !RandomPods.relaxedAt(minor + 1, pod)) {
                assertTrue(forbiddenAfter, level + " v1." + minor + " forbids but v1." + (minor + 1)
                        + " allows: " + pod.spec());
            }
        }
    }

    /** Versions between two policy changes evaluate identically (v1.36 is v1.35; v1.99 is v1.37). */
    @Property(tries = 200)
    void versionsWithoutAPolicyChangeEvaluateIdentically(
            @ForAll @Size(80) List<@IntRange(min = 0, max = 9) Integer> choices) {
        PodSpecView pod = RandomPods.pod(choices);
        for (Level level : List.of(Level.BASELINE, Level.RESTRICTED)) {
            assertEquals(PodSecurityEvaluator.of(level, 35).evaluate(pod), PodSecurityEvaluator.of(level, 36).evaluate(pod));
            assertEquals(PodSecurityEvaluator.of(level, 9).evaluate(pod), PodSecurityEvaluator.of(level, 18).evaluate(pod));
            assertEquals(PodSecurityEvaluator.of(level, PodSecurityVersion.parse("latest")).evaluate(pod),
                    PodSecurityEvaluator.of(level, PodSecurityVersion.parse("v1.99")).evaluate(pod));
        }
    }

    /** Every failure has a reason, a detail and a pointer into the pod spec or its metadata. */
    @Property(tries = 200)
    void failuresAreWellFormedAndInCheckOrder(@ForAll @Size(80) List<@IntRange(min = 0, max = 9) Integer> choices,
            @ForAll @IntRange(min = 0, max = PodSecurityVersion.NEWEST_MINOR) int minor) {
        PodSpecView pod = RandomPods.pod(choices);
        PodSecurityEvaluator evaluator = PodSecurityEvaluator.of(Level.RESTRICTED, minor);
        List<CheckFailure> failures = evaluator.evaluate(pod);
        int last = -1;
        for (CheckFailure failure : failures) {
            assertFalse(failure.reason().isEmpty());
            assertFalse(failure.detail().isEmpty());
            assertTrue(failure.path().startsWith("/spec/") || failure.path().startsWith("/metadata/annotations/"),
                    failure.path());
            int index = evaluator.checkIds().indexOf(failure.checkId());
            assertTrue(index > last, "out of order: " + failure.checkId());
            last = index;
        }
    }

    private static Set<String> ids(List<CheckFailure> failures) {
        Set<String> ids = new HashSet<>();
        for (CheckFailure failure : failures) {
            ids.add(failure.checkId());
        }
        return ids;
    }
}
