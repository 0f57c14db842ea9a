package dev.palisade.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.EvaluationContext;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinCatalogueTest {
    private final BuiltinCatalogue catalogue = new BuiltinCatalogue();

    @Test
    void podSecurityReferencesResolveToVersionedPolicies() {
        List<Policy> restricted = catalogue.resolve("pod-security/restricted:v1.25").orElseThrow();
        assertEquals("pod-security/restricted:v1.25", restricted.get(0).metadata().id());
        assertEquals("pod-security-admission",
                catalogue.resolve("pod-security-admission").orElseThrow().get(0).metadata().id());
        assertThrows(PalisadeException.class, () -> catalogue.resolve("pod-security/restrictive:v1.25"));
        assertTrue(catalogue.names().contains("pod-security-admission"));
    }

    @Test
    void restrictedDeniesARootPodThatTheDefaultsAllow() {
        var pod = ManifestReader.create().readString("pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: root, namespace: shop}
                spec:
                  containers:
                    - name: app
                      image: nginx:1.27
                      resources: {limits: {cpu: "1", memory: 1Gi}}
                """).resources();
        Report defaults = PolicySet.of(catalogue.resolve("default").orElseThrow()).audit(pod, EvaluationContext.defaults());
        assertEquals(0, defaults.totals().violations());
        Report restricted = PolicySet.of(catalogue.resolve("pod-security/restricted:latest").orElseThrow())
                .audit(pod, EvaluationContext.defaults());
        assertTrue(restricted.totals().violations() >= 3, restricted.results().toString());
        assertTrue(restricted.results().get(0).violations().get(0).message()
                .startsWith("violates PodSecurity \"restricted:latest\": "));
    }
}
