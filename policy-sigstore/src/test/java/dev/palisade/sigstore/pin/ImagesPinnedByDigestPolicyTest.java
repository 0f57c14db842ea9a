package dev.palisade.sigstore.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagesPinnedByDigestPolicyTest {
    private static final PolicySet POLICIES = PolicySet.of(List.of(ImagesPinnedByDigestPolicy.create()));

    private static Result evaluate(String fixture) throws IOException {
        Resource resource = ManifestReader.create().readString(fixture, DigestPinnerTest.resource(fixture))
                .resources().get(0);
        return POLICIES.evaluate(resource, EvaluationContext.defaults());
    }

    @Test
    void pinnedImagesPass() throws IOException {
        assertEquals(List.of(), evaluate("images-pinned-by-digest.pass.yaml").violations());
    }

    @Test
    void everyUnpinnedContainerImageIsReportedWithItsPath() throws IOException {
        List<Finding> findings = evaluate("images-pinned-by-digest.fail.yaml").violations();
        assertEquals(List.of("/spec/jobTemplate/spec/template/spec/initContainers/0/image",
                "/spec/jobTemplate/spec/template/spec/containers/0/image",
                "/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/image"),
                findings.stream().map(Finding::path).toList());
        assertTrue(findings.get(0).message().contains("'busybox:1.36'") && findings.get(0).message()
                .contains("init container 'setup'"), findings.get(0).message());
        assertTrue(findings.get(1).message().contains("'bitnami/kubectl'") && findings.get(1).message()
                .contains("container 'job'"), findings.get(1).message());
        assertTrue(findings.get(2).message().contains("not a valid image reference"), findings.get(2).message());
        assertTrue(findings.stream().allMatch(f -> f.action() == EnforcementAction.WARN));
        assertEquals(ImagesPinnedByDigestPolicy.ID, findings.get(0).policyId());
    }

    @Test
    void warnsByDefaultAtEveryPoint() {
        for (EnforcementPoint point : EnforcementPoint.values()) {
            assertEquals(EnforcementAction.WARN, ImagesPinnedByDigestPolicy.create().enforcement().at(point)
                    .orElseThrow());
        }
    }
}
