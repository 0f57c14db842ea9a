package dev.palisade.rules.podsecurity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.rules.podsecurity.LevelVersion;
import dev.palisade.rules.podsecurity.PsaOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespacePolicyTest {

    private static final String P = NamespacePolicy.PREFIX;

    @Test
    void noLabelsGiveTheDefaults() {
        NamespacePolicy policy = NamespacePolicy.resolve(Map.of(), PsaOptions.defaults());
        assertEquals("privileged:latest", policy.enforce().toString());
        assertEquals("privileged:latest", policy.audit().toString());
        assertEquals("privileged:latest", policy.warn().toString());
        assertTrue(policy.fullyPrivileged());
    }

    @Test
    void configuredDefaultsApplyToMissingLabels() {
        PsaOptions options = PsaOptions.defaults().withAudit(LevelVersion.parse("baseline:v1.30"));
        NamespacePolicy policy = NamespacePolicy.resolve(Map.of(P + "enforce", "restricted"), options);
        assertEquals("restricted:latest", policy.enforce().toString());
        assertEquals("baseline:v1.30", policy.audit().toString());
    }

    @Test
    void warnInheritsAStricterValidEnforceWithItsVersion() {
        NamespacePolicy policy = NamespacePolicy.resolve(
                Map.of(P + "enforce", "baseline", P + "enforce-version", "v1.29"), PsaOptions.defaults());
        assertEquals("baseline:v1.29", policy.warn().toString());
        NamespacePolicy ownVersion = NamespacePolicy.resolve(Map.of(P + "enforce", "baseline",
                P + "enforce-version", "v1.29", P + "warn-version", "v1.20"), PsaOptions.defaults());
        assertEquals("baseline:v1.20", ownVersion.warn().toString());
        NamespacePolicy explicitWarn = NamespacePolicy.resolve(
                Map.of(P + "enforce", "restricted", P + "warn", "privileged"), PsaOptions.defaults());
        assertEquals("privileged:latest", explicitWarn.warn().toString());
    }

    @Test
    void invalidEnforceLevelFailsClosedAndOthersFailOpen() {
        NamespacePolicy policy = NamespacePolicy.resolve(Map.of(P + "enforce", "Restricted", P + "audit", "strict",
                P + "warn-version", "v1.025"), PsaOptions.defaults());
        assertEquals("restricted:latest", policy.enforce().toString());
        assertEquals("privileged:latest", policy.audit().toString());
        assertEquals("privileged:latest", policy.warn().toString(), "an invalid enforce label is not inherited");
        assertFalse(policy.fullyPrivileged());
        assertEquals(List.of(
                "metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"Restricted\": must be one of"
                        + " privileged, baseline, restricted",
                "metadata.labels[pod-security.kubernetes.io/audit]: Invalid value: \"strict\": must be one of"
                        + " privileged, baseline, restricted",
                "metadata.labels[pod-security.kubernetes.io/warn-version]: Invalid value: \"v1.025\": must be"
                        + " \"latest\" or \"v1.x\""), policy.errors());
        assertTrue(policy.errorText().startsWith("[metadata.labels[pod-security.kubernetes.io/enforce]"));
    }

    @Test
    void invalidVersionFallsBackToLatest() {
        NamespacePolicy policy = NamespacePolicy.resolve(
                Map.of(P + "enforce", "baseline", P + "enforce-version", "1.25"), PsaOptions.defaults());
        assertEquals("baseline:latest", policy.enforce().toString());
        assertEquals("metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: \"1.25\": must be"
                + " \"latest\" or \"v1.x\"", policy.errorText());
    }
}
