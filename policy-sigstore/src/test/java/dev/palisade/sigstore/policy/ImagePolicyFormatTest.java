package dev.palisade.sigstore.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.Resource;
import dev.palisade.core.Severity;
import dev.palisade.sigstore.policy.internal.ImagePolicy;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading {@code palisade.dev/v1 ImagePolicy} documents, and the errors for wrong ones. */
class ImagePolicyFormatTest {
    private final ImagePolicyFormat format = new ImagePolicyFormat();

    @TempDir
    Path directory;

    static String resource(String name) throws Exception {
        try (InputStream in = ImagePolicyFormatTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Resource document(String yaml) {
        List<Resource> resources = ManifestReader.create().readString("policy.yaml", yaml).resources();
        assertEquals(1, resources.size());
        return resources.get(0);
    }

    private PalisadeException failure(String spec) {
        return assertThrows(PalisadeException.class, () -> format.compile(document(
                "apiVersion: palisade.dev/v1\nkind: ImagePolicy\nmetadata:\n  name: p\nspec:\n" + spec)));
    }

    @Test
    void readsKeyFilesRelativeToThePolicyFile() throws Exception {
        String pem = SignedImages.publicPem(SignedImages.newKey());
        Files.writeString(directory.resolve("ci.pub"), pem);
        Path file = directory.resolve("signed.yaml");
        Files.writeString(file, resource("signed-team-images.policy.yaml").replace("REGISTRY", "registry.example.com"));
        Resource document = ManifestReader.create().read(List.of(file.toString())).resources().get(0);

        ImagePolicy policy = (ImagePolicy) format.compile(document);
        assertEquals("team-images-signed", policy.metadata().id());
        assertEquals(Severity.CRITICAL, policy.metadata().severity());
        assertEquals(pem, policy.authorities().get(0).publicKeyPem());
        assertEquals(1, policy.required());
        assertEquals(EnforcementAction.DENY, policy.enforcement().at(EnforcementPoint.ADMISSION).orElseThrow());
        assertTrue(policy.match().kinds().size() > 0, "pod kinds by default");
    }

    @Test
    void readsKeylessAuthoritiesModeAndRequired() {
        Policy policy = format.compile(document("""
                apiVersion: palisade.dev/v1
                kind: ImagePolicy
                metadata:
                  name: gha
                spec:
                  images: ["ghcr.io/example/**"]
                  mode: warn
                  required: 2
                  authorities:
                    - name: release
                      keyless:
                        identityRegexp: https://github.com/example/.*
                        issuer: https://token.actions.githubusercontent.com
                    - name: security
                      keyless:
                        identity: security@example.com
                        issuerRegexp: https://accounts\\.example\\.com
                """));
        ImagePolicy image = (ImagePolicy) policy;
        assertEquals(2, image.required());
        assertEquals("https://github.com/example/.*", image.authorities().get(0).identityRegexp());
        assertEquals("https://accounts\\.example\\.com", image.authorities().get(1).issuerRegexp());
        assertEquals(EnforcementAction.WARN, policy.enforcement().at(EnforcementPoint.CI).orElseThrow());
    }

    @Test
    void rejectsAnAuthorityWithBothKeyAndKeyless() throws Exception {
        PalisadeException e = assertThrows(PalisadeException.class, () -> format.compile(document(
                resource("authority-with-key-and-keyless.invalid.yaml"))));
        assertTrue(e.getMessage().contains("exactly one of key"), e.getMessage());
        assertEquals(8, e.location().orElseThrow().line());
    }

    @Test
    void namesEachMistake() {
        assertTrue(failure("  authorities: [{name: a, key: {pem: x}}]\n").getMessage().contains("spec.images"));
        assertTrue(failure("  images: [\"a/**\"]\n").getMessage().contains("spec.authorities"));
        PalisadeException badPem = failure("  images: [\"a/**\"]\n  authorities: [{name: a, key: {pem: nonsense}}]\n");
        assertTrue(badPem.getMessage().contains("authority 'a'"), badPem.getMessage());
        assertEquals(7, badPem.location().orElseThrow().line());
        assertTrue(failure("  images: [\"a/**\"]\n  authorities: [{name: a, keyless: {identity: x}}]\n").getMessage()
                .contains("issuer"));
        assertTrue(failure("  images: [\"a/**\"]\n  authorities: [{name: a, keyless: {identity: x, issuerRegexp: "
                + "\"(\"}}]\n").getMessage().contains("spec.authorities[0]"));
        assertTrue(failure("  images: [\"a/**\"]\n  required: 2\n  authorities: [{name: a, keyless: {identity: x,"
                + " issuer: y}}]\n").getMessage().contains("spec.required"));
        assertTrue(failure("  images: [\"a/**\"]\n  mode: audit\n  authorities: [{name: a, keyless: {identity: x,"
                + " issuer: y}}]\n").getMessage().contains("enforce or warn"));
        assertTrue(failure("  images: [\"a/**\"]\n  authorities: [{name: a, key: {file: missing.pub}}]\n")
                .getMessage().contains("relative to the policy file"));
        assertTrue(failure("  images: [\"a/**\"]\n  verify: true\n  authorities: [{name: a, keyless: {identity: x,"
                + " issuer: y}}]\n").getMessage().contains("spec.verify is not an ImagePolicy field"));
        assertTrue(failure("  images: [\"a/**\"]\n  authorities: [{name: a, keyless: {identity: x, issuer: y}},"
                + " {name: a, keyless: {identity: z, issuer: y}}]\n").getMessage().contains("used twice"));
    }

    private static final String AUTHORITIES = "  images: [\"ghcr.io/acme/**\"]\n  authorities:\n    - name: ci\n"
            + "      keyless: {identity: a, issuer: b}\n";

    @Test
    void readsAttestationRequirements() {
        ImagePolicy policy = (ImagePolicy) format.compile(document("apiVersion: palisade.dev/v1\nkind: ImagePolicy\n"
                + "metadata:\n  name: p\nspec:\n" + AUTHORITIES + "  attestations:\n"
                + "    - name: provenance\n      type: slsaprovenance1\n      authorities: [ci]\n      match: all\n"
                + "      conditions:\n        - expression: predicate.runDetails.builder.id != ''\n          message: no builder\n"
                + "    - type: https://example.com/custom/v1\n"));
        assertEquals(2, policy.attestations().size());
        AttestationRequirement provenance = policy.attestations().get(0);
        assertEquals(AttestationTypes.SLSA_PROVENANCE_V1, provenance.predicateType());
        assertEquals(List.of("ci"), provenance.authorities());
        assertEquals(AttestationRequirement.Quantifier.ALL, provenance.quantifier());
        assertEquals("no builder", provenance.conditions().get(0).message());
        assertEquals("https://example.com/custom/v1", policy.attestations().get(1).name());
    }

    @Test
    void attestationMistakesAreErrorsWithTheirLine() {
        PalisadeException badType = failure(AUTHORITIES + "  attestations:\n    - type: sbom\n");
        assertTrue(badType.getMessage().contains("'sbom'") && badType.location().orElseThrow().line() == 11, badType.describe());
        PalisadeException unknownAuthority = failure(AUTHORITIES + "  attestations:\n    - type: vuln\n      authorities: [nobody]\n");
        assertTrue(unknownAuthority.getMessage().contains("'nobody'"), unknownAuthority.getMessage());
        PalisadeException badExpression = failure(AUTHORITIES + "  attestations:\n    - type: vuln\n      conditions:\n"
                + "        - expression: predicate.(\n");
        assertTrue(badExpression.getMessage().contains("does not compile") && badExpression.location().orElseThrow().line() == 13,
                badExpression.describe());
        PalisadeException unknownField = failure(AUTHORITIES + "  attestations:\n    - type: vuln\n      predicate: x\n");
        assertTrue(unknownField.getMessage().contains("predicate is not an attestation field"), unknownField.getMessage());
        PalisadeException badMatch = failure(AUTHORITIES + "  attestations:\n    - type: vuln\n      match: most\n");
        assertTrue(badMatch.getMessage().contains("any"), badMatch.getMessage());
    }
}
