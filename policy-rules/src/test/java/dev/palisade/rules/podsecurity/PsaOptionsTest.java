package dev.palisade.rules.podsecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.PalisadeException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PsaOptionsTest {

    @Test
    void readsAPodSecurityConfiguration() {
        PsaOptions options = PsaOptions.fromConfiguration(
                Resources.fixture("pod-security-configuration.yaml").get(0).object());
        assertEquals("baseline:v1.30", options.enforce().toString());
        assertEquals("restricted:latest", options.audit().toString());
        assertEquals("restricted:latest", options.warn().toString());
        assertEquals(Set.of("kube-system"), options.exemptNamespaces());
        assertEquals(Set.of("gvisor"), options.exemptRuntimeClasses());
        assertEquals(Set.of("system:serviceaccount:kube-system:replicaset-controller"), options.exemptUsernames());
    }

    @Test
    void missingFieldsKeepKubernetesDefaults() {
        PsaOptions options = PsaOptions.fromConfiguration(Resources.one("""
                apiVersion: pod-security.admission.config.k8s.io/v1beta1
                kind: PodSecurityConfiguration
                defaults: {warn: baseline}
                """).object());
        assertEquals(LevelVersion.PRIVILEGED_LATEST, options.enforce());
        assertEquals("baseline:latest", options.warn().toString());
        assertTrue(options.exemptNamespaces().isEmpty());
    }

    @Test
    void invalidValuesNameTheField() {
        PalisadeException level = assertThrows(PalisadeException.class, () -> PsaOptions.fromConfiguration(
                Resources.one("""
                        apiVersion: pod-security.admission.config.k8s.io/v1
                        kind: PodSecurityConfiguration
                        defaults: {enforce: strict}
                        """).object()));
        assertTrue(level.getMessage().startsWith("PodSecurityConfiguration defaults.enforce: unknown Pod Security"
                + " level 'strict'"), level.getMessage());
        PalisadeException version = assertThrows(PalisadeException.class, () -> PsaOptions.fromConfiguration(
                Resources.one("""
                        apiVersion: pod-security.admission.config.k8s.io/v1
                        kind: PodSecurityConfiguration
                        defaults: {audit-version: "1.25"}
                        """).object()));
        assertTrue(version.getMessage().startsWith("PodSecurityConfiguration defaults.audit-version:"),
                version.getMessage());
        PalisadeException kind = assertThrows(PalisadeException.class, () -> PsaOptions.fromConfiguration(
                Resources.one("{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}").object()));
        assertTrue(kind.getMessage().contains("not a PodSecurityConfiguration"), kind.getMessage());
        PalisadeException names = assertThrows(PalisadeException.class, () -> PsaOptions.fromConfiguration(
                Resources.one("""
                        apiVersion: pod-security.admission.config.k8s.io/v1
                        kind: PodSecurityConfiguration
                        exemptions: {namespaces: kube-system}
                        """).object()));
        assertTrue(names.getMessage().contains("exemptions.namespaces must be a list"), names.getMessage());
    }
}
