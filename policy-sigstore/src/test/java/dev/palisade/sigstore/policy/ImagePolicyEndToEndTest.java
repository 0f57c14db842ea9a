package dev.palisade.sigstore.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Decision;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.registry.LocalRegistry;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.TestImages;
import dev.palisade.sigstore.verify.TrustedRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ImagePolicy judging a Deployment through a PolicySet, with images signed in a real registry. */
class ImagePolicyEndToEndTest {
    @TempDir
    static Path directory;
    private static LocalRegistry registry;
    private static RegistryClient client;
    private static Path policyFile;
    private static Resource deployment;

    @BeforeAll
    static void setUp() throws Exception {
        registry = LocalRegistry.start("", Files.createDirectories(directory.resolve("registry")));
        client = RegistryClient.create(registry.options());
        KeyPair key = SignedImages.newKey();
        ImageReference signed = ImageReference.parse(registry.host() + "/team/signed:1.0");
        Digest digest = TestImages.pushImage(client, signed, true).digest();
        SignedImages.sign(client, signed, digest, key.getPrivate());
        TestImages.pushImage(client, ImageReference.parse(registry.host() + "/team/unsigned:1.0"), true);

        Files.writeString(directory.resolve("ci.pub"), SignedImages.publicPem(key));
        policyFile = directory.resolve("policy.yaml");
        Files.writeString(policyFile, ImagePolicyFormatTest.resource("signed-team-images.policy.yaml")
                .replace("REGISTRY", registry.host()));
        Path manifest = directory.resolve("deployment.yaml");
        Files.writeString(manifest, ImagePolicyFormatTest.resource("mixed-images.deployment.yaml")
                .replace("REGISTRY", registry.host()));
        deployment = ManifestReader.create().read(List.of(manifest.toString())).resources().get(0);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static PolicySet policies(String replaceFrom, String replaceTo) throws Exception {
        Path file = directory.resolve("variant.yaml");
        Files.writeString(file, Files.readString(policyFile).replace(replaceFrom, replaceTo));
        Resource document = ManifestReader.create().read(List.of(file.toString())).resources().get(0);
        return PolicySet.of(List.of(new ImagePolicyFormat().compile(document)));
    }

    private static CosignImageVerifier verifier(Clock clock) {
        return CosignImageVerifier.builder(client, TrustedRoot.empty()).tlogRequired(false)
                .clock(clock).build();
    }

    @Test
    void deniesTheUnsignedContainerImageAtItsImageField() throws Exception {
        PolicySet policies = policies("", "");
        EvaluationContext context = EvaluationContext.builder().enforcementPoint(EnforcementPoint.ADMISSION)
                .imageVerifier(verifier(Clock.systemUTC())).build();
        Result result = policies.evaluate(deployment, context);

        assertTrue(result.errors().isEmpty(), result.errors().toString());
        assertEquals(Decision.DENY, result.decision());
        assertEquals(1, result.violations().size(), "the signed image and the unselected nginx pass");
        Finding finding = result.violations().get(0);
        assertEquals("/spec/template/spec/containers/0/image", finding.path());
        assertEquals(14, finding.location().line());
        assertTrue(finding.message().contains(registry.host() + "/team/unsigned:1.0"), finding.message());
        assertTrue(finding.message().contains("no cosign signature found"), finding.message());
        assertEquals(EnforcementAction.DENY, finding.action());
    }

    @Test
    void warnModeWarns() throws Exception {
        PolicySet policies = policies("  severity: critical", "  severity: critical\n  mode: warn");
        Result result = policies.evaluate(deployment, EvaluationContext.builder()
                .imageVerifier(verifier(Clock.systemUTC())).build());
        assertEquals(Decision.WARN, result.decision());
        assertEquals(EnforcementAction.WARN, result.violations().get(0).action());
    }

    @Test
    void withoutAVerifierTheEvaluationFailsClosedAndSaysWhatToDo() throws Exception {
        Result result = policies("", "").evaluate(deployment, EvaluationContext.defaults());
        assertEquals(1, result.errors().size());
        assertTrue(result.errors().get(0).message().contains("--verify-images"), result.errors().get(0).message());
        assertEquals(Decision.DENY, result.decision(), "an evaluation error fails closed");
    }

    @Test
    void aPassedDeadlineFailsEverySelectedImageClosed() throws Exception {
        Clock frozen = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        EvaluationContext context = EvaluationContext.builder().clock(frozen).deadline(Duration.ZERO)
                .imageVerifier(verifier(frozen)).build();
        Result result = policies("", "").evaluate(deployment, context);
        assertEquals(2, result.violations().size(), result.violations().toString());
        assertTrue(result.violations().stream().allMatch(f -> f.message().contains("deadline")));
    }
}
