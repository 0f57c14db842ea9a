package dev.palisade.sigstore.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The failing shared fixtures fail for the reason the README gives, and policy options act on real signatures. */
class FixtureReasonsTest {

    private static TrustedRoot javaRoot(Path folder) {
        return TrustedRoot.read(folder.resolve("trusted-roots/public-good.sigstore-java.trusted_root.json"));
    }

    private static SignatureVerification blob(Path folder, String file, VerificationPolicy policy) throws IOException {
        Path dir = folder.resolve("bundles/sigstore-java");
        return new BlobVerifier(javaRoot(folder)).verify(Files.readAllBytes(dir.resolve("artifact.txt")),
                Files.readAllBytes(dir.resolve(file)), policy);
    }

    private static VerificationPolicy anyIdentity() {
        return VerificationPolicy.anyOf(new Authority.Keyless("any", StringMatcher.regexp(".*"), StringMatcher.regexp(".*")));
    }

    @Test
    void expiredCertificateBundleIsRejectedAsExpiredAtIntegratedTime() throws IOException {
        SignatureVerification result = blob(SharedFixtures.sigstoreFolder(), "bundle-with-expired-cert.sigstore.json", anyIdentity());
        assertFalse(result.verified());
        assertEquals(Set.of(RejectionReason.CERTIFICATE_EXPIRED), result.reasons(), result.describeRejections());
    }

    @Test
    void mismatchedSetIsRejectedAsInvalidSet() throws IOException {
        SignatureVerification result = blob(SharedFixtures.sigstoreFolder(), "bundle-with-mismatched-set.sigstore.json", anyIdentity());
        assertEquals(Set.of(RejectionReason.SET_INVALID), result.reasons(), result.describeRejections());
    }

    @Test
    void logEntryForAnotherArtifactIsRejectedAsBodyMismatch() throws IOException {
        SignatureVerification result = blob(SharedFixtures.sigstoreFolder(), "bundle-with-wrong-tlog-entry.sigstore.json", anyIdentity());
        assertEquals(Set.of(RejectionReason.TLOG_BODY_MISMATCH), result.reasons(), result.describeRejections());
    }

    @Test
    void keyless2021SignatureWithoutSctIsRejectedAsMissingSct() throws IOException {
        Path folder = SharedFixtures.sigstoreFolder();
        Path dir = folder.resolve("legacy-cosign/keyless-2021-no-sct");
        LegacySignature layer = ConformanceFixturesTest.legacyLayer(dir);
        SignatureVerification result = new ImageSignatureVerifier(javaRoot(folder)).verify(Images.signed(ConformanceFixturesTest.imageDigest(dir, layer), "ghcr.io/example", List.of(layer), List.of()), anyIdentity());
        assertFalse(result.verified());
        assertEquals(Set.of(RejectionReason.SCT_MISSING), result.reasons(), result.describeRejections());
        SignatureVerification withoutSct = new ImageSignatureVerifier(javaRoot(folder)).verify(Images.signed(ConformanceFixturesTest.imageDigest(dir, layer), "ghcr.io/example", List.of(layer), List.of()),
                anyIdentity().withSctRequired(false));
        assertEquals(Set.of(RejectionReason.ISSUER_MISMATCH), withoutSct.reasons(), "no issuer extension: " + withoutSct.describeRejections());
    }

    @Test
    void legacyKeylessFixtureRejectsAnotherIdentityAndIssuer() throws IOException {
        Path folder = SharedFixtures.sigstoreFolder();
        Path dir = folder.resolve("legacy-cosign/keyless-fulcio-rekor");
        LegacySignature layer = ConformanceFixturesTest.legacyLayer(dir);
        String digest = ConformanceFixturesTest.imageDigest(dir, layer);
        ImageSignatureVerifier verifier = new ImageSignatureVerifier(javaRoot(folder));
        VerificationPolicy policy = VerificationPolicy.anyOf(
                new Authority.Keyless("other-user", StringMatcher.exact("someone@redhat.com"), StringMatcher.exact("https://github.com/login/oauth")),
                new Authority.Keyless("other-issuer", StringMatcher.exact("mitr@redhat.com"), StringMatcher.exact("https://accounts.google.com")),
                new Authority.Keyless("substring", StringMatcher.regexp("mitr@redhat"), StringMatcher.regexp(".*")),
                new Authority.Keyless("right", StringMatcher.regexp("[a-z]+@redhat\\.com"), StringMatcher.exact("https://github.com/login/oauth")));
        SignatureVerification result = verifier.verify(Images.signed(digest, "registry.example/app", List.of(layer), List.of()), policy);
        assertTrue(result.verified(), result.describeRejections());
        assertEquals(List.of("right"), result.matchedAuthorities());
        assertEquals(RejectionReason.IDENTITY_MISMATCH, reasonFor(result, "other-user"));
        assertEquals(RejectionReason.ISSUER_MISMATCH, reasonFor(result, "other-issuer"));
        assertEquals(RejectionReason.IDENTITY_MISMATCH, reasonFor(result, "substring"));
        assertFalse(verifier.verify(Images.signed(digest, "registry.example/app", List.of(layer), List.of()), policy.withRequired(2)).verified());
    }

    @Test
    void legacyKeylessFixtureFailsForAnotherImageDigest() throws IOException {
        Path folder = SharedFixtures.sigstoreFolder();
        Path dir = folder.resolve("legacy-cosign/keyless-fulcio-rekor");
        LegacySignature layer = ConformanceFixturesTest.legacyLayer(dir);
        SignatureVerification result = new ImageSignatureVerifier(javaRoot(folder)).verify(Images.signed("sha256:" + "0".repeat(64), "registry.example/app", List.of(layer), List.of()), anyIdentity());
        assertEquals(Set.of(RejectionReason.DIGEST_MISMATCH), result.reasons(), result.describeRejections());
    }

    @Test
    void dockerReferenceModesOnPayloadWithTag() throws IOException {
        Path folder = SharedFixtures.sigstoreFolder();
        Path dir = folder.resolve("legacy-cosign/key-only-with-optional");
        LegacySignature layer = ConformanceFixturesTest.legacyLayer(dir);
        String digest = ConformanceFixturesTest.imageDigest(dir, layer);
        VerificationPolicy policy = VerificationPolicy.anyOf(new Authority.Key("key",
                PublicKeys.parsePem(Files.readString(dir.resolve("cosign.pub.pem"))))).withTlogRequired(false);
        ImageSignatureVerifier verifier = new ImageSignatureVerifier(javaRoot(folder));
        // payload docker-reference: 192.168.64.2:5000/skopeo-signed:tag
        assertTrue(verifier.verify(Images.signed(digest, "mirror.example/other", List.of(layer), List.of()), policy).verified(),
                "mode none ignores the docker-reference");
        VerificationPolicy repository = policy.withDockerReference(DockerReferenceMode.REPOSITORY);
        assertTrue(verifier.verify(Images.signed(digest, "192.168.64.2:5000/skopeo-signed:v2", List.of(layer), List.of()), repository).verified());
        SignatureVerification otherRepo = verifier.verify(Images.signed(digest, "192.168.64.2:5000/other", List.of(layer), List.of()), repository);
        assertEquals(Set.of(RejectionReason.DOCKER_REFERENCE_MISMATCH), otherRepo.reasons(), otherRepo.describeRejections());
        VerificationPolicy exact = policy.withDockerReference(DockerReferenceMode.EXACT);
        assertTrue(verifier.verify(Images.signed(digest, "192.168.64.2:5000/skopeo-signed:tag", List.of(layer), List.of()), exact).verified());
        assertEquals(Set.of(RejectionReason.DOCKER_REFERENCE_MISMATCH),
                verifier.verify(Images.signed(digest, "192.168.64.2:5000/skopeo-signed:v2", List.of(layer), List.of()), exact).reasons());
    }

    @Test
    void requiredAnnotationsAreComparedWithThePayloadOptionalObject() throws IOException {
        Path folder = SharedFixtures.sigstoreFolder();
        Path dir = folder.resolve("legacy-cosign/key-only-with-optional");
        LegacySignature layer = ConformanceFixturesTest.legacyLayer(dir);
        String digest = ConformanceFixturesTest.imageDigest(dir, layer);
        VerificationPolicy policy = VerificationPolicy.anyOf(new Authority.Key("key",
                PublicKeys.parsePem(Files.readString(dir.resolve("cosign.pub.pem"))))).withTlogRequired(false);
        ImageSignatureVerifier verifier = new ImageSignatureVerifier(javaRoot(folder));
        // optional: {"creator":"containers/image 5.21.2-dev","timestamp":1657296609}
        assertTrue(verifier.verify(Images.signed(digest, "r.example/a", List.of(layer), List.of()),
                policy.withAnnotations(java.util.Map.of("creator", "containers/image 5.21.2-dev", "timestamp", "1657296609"))).verified());
        assertEquals(Set.of(RejectionReason.ANNOTATION_MISMATCH), verifier.verify(Images.signed(digest, "r.example/a", List.of(layer), List.of()),
                policy.withAnnotations(java.util.Map.of("creator", "someone else"))).reasons());
        assertEquals(Set.of(RejectionReason.ANNOTATION_MISMATCH), verifier.verify(Images.signed(digest, "r.example/a", List.of(layer), List.of()),
                policy.withAnnotations(java.util.Map.of("team", "payments"))).reasons());
    }

    @Test
    void keyWithRekorFixtureRejectsAnotherKey() throws IOException {
        Path folder = SharedFixtures.sigstoreFolder();
        Path dir = folder.resolve("legacy-cosign/key-with-rekor");
        LegacySignature layer = ConformanceFixturesTest.legacyLayer(dir);
        VerificationPolicy policy = VerificationPolicy.anyOf(new Authority.Key("other",
                PublicKeys.parsePem(Files.readString(folder.resolve("legacy-cosign/key-only/cosign.pub.pem")))));
        SignatureVerification result = new ImageSignatureVerifier(javaRoot(folder)).verify(Images.signed(ConformanceFixturesTest.imageDigest(dir, layer), "registry.example/app", List.of(layer), List.of()), policy);
        assertEquals(Set.of(RejectionReason.SIGNATURE_INVALID), result.reasons(), result.describeRejections());
    }

    @Test
    void cosignV3ImageBundleNeedsItsSubjectDigest() throws IOException {
        Path folder = SharedFixtures.sigstoreFolder();
        byte[] bundle = Files.readAllBytes(folder.resolve("bundles/cosign-v3-image-signature/bundle.sigstore.json"));
        VerificationPolicy policy = VerificationPolicy.anyOf(new Authority.Keyless("release",
                StringMatcher.regexp("https://github\\.com/kubewarden/kubewarden-controller/\\.github/workflows/release\\.yml@refs/tags/v.*"),
                StringMatcher.exact("https://token.actions.githubusercontent.com")));
        ImageSignatureVerifier verifier = new ImageSignatureVerifier(javaRoot(folder));
        String digest = "sha256:c811d58de79c92f03214e63aa339484e488d694ae8a6283b5f3f17a9faf50172";
        assertTrue(verifier.verify(Images.signed(digest, "ghcr.io/kubewarden/kubewarden-controller", List.of(), List.of(bundle)), policy).verified());
        SignatureVerification other = verifier.verify(Images.signed("sha256:" + "1".repeat(64), "ghcr.io/kubewarden/kubewarden-controller", List.of(), List.of(bundle)), policy);
        assertEquals(Set.of(RejectionReason.DIGEST_MISMATCH), other.reasons(), other.describeRejections());
    }

    @Test
    void rfc3161TimestampMustVerifyAgainstTheTrustedTimestampAuthorities() throws IOException {
        Path folder = SharedFixtures.sigstoreFolder();
        Path file = folder.resolve("bundles/cosign-v3-image-signature/bundle.sigstore.json");
        String digest = "sha256:c811d58de79c92f03214e63aa339484e488d694ae8a6283b5f3f17a9faf50172";
        VerificationPolicy any = anyIdentity();
        com.fasterxml.jackson.databind.node.ObjectNode bundle = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode timestamp = (com.fasterxml.jackson.databind.node.ObjectNode)
                bundle.path("verificationMaterial").path("timestampVerificationData").path("rfc3161Timestamps").get(0);
        byte[] token = java.util.Base64.getDecoder().decode(timestamp.path("signedTimestamp").asText());
        token[token.length - 10] ^= 0x01;
        timestamp.put("signedTimestamp", java.util.Base64.getEncoder().encodeToString(token));
        byte[] tampered = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(bundle);
        SignatureVerification result = new ImageSignatureVerifier(javaRoot(folder)).verify(Images.signed(digest, "ghcr.io/kubewarden/controller", List.of(), List.of(tampered)), any);
        assertEquals(Set.of(RejectionReason.TIMESTAMP_INVALID), result.reasons(), result.describeRejections());
        TrustedRoot noTsa = TrustedRoot.read(folder.resolve("trusted-roots/public-good.cosign-pgi.trusted_root.json"));
        SignatureVerification withoutTsa = new ImageSignatureVerifier(noTsa).verify(Images.signed(digest, "ghcr.io/kubewarden/controller", List.of(), List.of(Files.readAllBytes(file))), any);
        assertEquals(Set.of(RejectionReason.TIMESTAMP_INVALID), withoutTsa.reasons(), withoutTsa.describeRejections());
    }

    static RejectionReason reasonFor(SignatureVerification result, String authority) {
        return result.rejections().stream().filter(r -> r.authority().equals(authority)).findFirst()
                .orElseThrow(() -> new AssertionError("no rejection for " + authority + ": " + result.describeRejections()))
                .reason();
    }
}
