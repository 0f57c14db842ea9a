package dev.palisade.rules.podsecurity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.rules.podsecurity.Level;
import dev.palisade.rules.podsecurity.PodSecurityVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckRegistryTest {

    @Test
    void checksRunInTheUpstreamOrderBaselineThenRestrictedEachSortedById() {
        List<String> ids = PodSecurityEvaluator.of(Level.RESTRICTED, 0).checkIds();
        assertEquals(List.of("appArmorProfile", "capabilities_baseline", "hostNamespaces", "hostPorts", "privileged",
                "procMount", "seLinuxOptions", "seccompProfile_baseline", "sysctls", "windowsHostProcess",
                "restrictedVolumes", "runAsNonRoot"), ids);
        assertEquals(List.of("appArmorProfile", "hostNamespaces", "hostPorts", "hostProbesAndHostLifecycle",
                "privileged", "seLinuxOptions", "sysctls", "windowsHostProcess", "allowPrivilegeEscalation",
                "capabilities_restricted", "procMount_restricted", "restrictedVolumes", "runAsNonRoot", "runAsUser",
                "seccompProfile_restricted"), PodSecurityEvaluator.of(Level.RESTRICTED, 37).checkIds());
    }

    @Test
    void registryIsSortedByteWiseWithinEachLevel() {
        List<String> baseline = new ArrayList<>();
        List<String> restricted = new ArrayList<>();
        for (CheckDefinition definition : CheckRegistry.CHECKS) {
            (definition.level() == Level.BASELINE ? baseline : restricted).add(definition.id());
            assertTrue(restricted.isEmpty() || definition.level() == Level.RESTRICTED, "baseline after restricted");
        }
        assertEquals(baseline.stream().sorted().toList(), baseline);
        assertEquals(restricted.stream().sorted().toList(), restricted);
        assertEquals(12, baseline.size());
        assertEquals(7, restricted.size());
    }

    /** The reference's "effective check sets" table, at both ends of every range. */
    @ParameterizedTest(name = "{0} v1.{1}..v1.{2} runs {3} checks")
    @CsvSource({"BASELINE,0,33,11", "BASELINE,34,37,12", "RESTRICTED,0,7,12", "RESTRICTED,8,22,13",
        "RESTRICTED,23,33,14", "RESTRICTED,34,37,15"})
    void effectiveCheckCountsMatchTheReference(Level level, int from, int to, int count) {
        for (int minor = from; minor <= to; minor++) {
            assertEquals(count, PodSecurityEvaluator.of(level, minor).checkIds().size(), level + " v1." + minor);
        }
    }

    @Test
    void overriddenBaselineChecksDropOutOfRestrictedFromTheirVersion() {
        assertTrue(PodSecurityEvaluator.of(Level.RESTRICTED, 18).checkIds().contains("seccompProfile_baseline"));
        assertFalse(PodSecurityEvaluator.of(Level.RESTRICTED, 19).checkIds().contains("seccompProfile_baseline"));
        assertTrue(PodSecurityEvaluator.of(Level.RESTRICTED, 21).checkIds().contains("capabilities_baseline"));
        assertFalse(PodSecurityEvaluator.of(Level.RESTRICTED, 22).checkIds().contains("capabilities_baseline"));
        assertTrue(PodSecurityEvaluator.of(Level.RESTRICTED, 34).checkIds().contains("procMount"));
        assertFalse(PodSecurityEvaluator.of(Level.RESTRICTED, 35).checkIds().contains("procMount"));
        assertTrue(PodSecurityEvaluator.of(Level.RESTRICTED, 35).checkIds().contains("procMount_restricted"));
        assertTrue(PodSecurityEvaluator.of(Level.BASELINE, 35).checkIds().contains("procMount"));
        assertFalse(PodSecurityEvaluator.of(Level.RESTRICTED, 0).checkIds().contains("hostPathVolumes"));
    }

    @Test
    void privilegedRunsNothingAndEvaluatorsAreShared() {
        assertTrue(PodSecurityEvaluator.of(Level.PRIVILEGED, 37).checkIds().isEmpty());
        assertSame(PodSecurityEvaluator.of(Level.BASELINE, 25),
                PodSecurityEvaluator.of(Level.BASELINE, PodSecurityVersion.parse("v1.25")));
        assertSame(PodSecurityEvaluator.of(Level.RESTRICTED, 37),
                PodSecurityEvaluator.of(Level.RESTRICTED, PodSecurityVersion.parse("v1.99")));
        assertThrows(IllegalArgumentException.class, () -> PodSecurityEvaluator.of(Level.BASELINE, 38));
    }

    @Test
    void sysctlAllowListsGrowAtTheirVersions() {
        assertEquals(5, CheckRegistry.sysctlsUpTo(26).size());
        assertEquals(6, CheckRegistry.sysctlsUpTo(27).size());
        assertEquals(10, CheckRegistry.sysctlsUpTo(29).size());
        assertEquals(12, CheckRegistry.sysctlsUpTo(32).size());
        assertEquals(12, CheckRegistry.sysctlsUpTo(36).size());
        assertEquals(14, CheckRegistry.sysctlsUpTo(37).size());
    }
}
