package dev.palisade.sigstore.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks our verdicts against sigstore-java 2.0.0 on the bundles it handles correctly (see the
 * pom for why it is only an oracle). Identity matching is left out on both sides (any identity), so
 * the comparison is about signatures, chains, SCTs, log entries and timestamps.
 */
class SigstoreJavaOracleTest {
    private static final VerificationPolicy ANY_IDENTITY = VerificationPolicy.anyOf(
            new Authority.Keyless("any", StringMatcher.regexp(".*"), StringMatcher.regexp(".*")));

    /** sigstore-java's verdict: null when it accepts, else its message. */
    private static String oracle(Path trustedRoot, byte[] artifactDigest, byte[] bundleJson) throws Exception {
        KeylessVerifier verifier = KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(trustedRoot)).build();
        Bundle bundle = Bundle.from(new StringReader(new String(bundleJson, StandardCharsets.UTF_8)));
        try {
            verifier.verify(artifactDigest, bundle, VerificationOptions.empty());
            return null;
        } catch (KeylessVerificationException e) {
            return e.getMessage();
        }
    }

    private static void assertAgree(Path trustedRoot, byte[] artifact, byte[] bundle, boolean expectedValid) throws Exception {
        String oracle = oracle(trustedRoot, TestPki.sha256(artifact), bundle);
        SignatureVerification ours = new BlobVerifier(TrustedRoot.read(trustedRoot)).verify(artifact, bundle, ANY_IDENTITY);
        assertEquals(expectedValid, oracle == null, "sigstore-java: " + oracle);
        assertEquals(oracle == null, ours.verified(), "ours: " + ours.describeRejections() + " / sigstore-java: " + oracle);
    }

    @Test
    void agreesOnTheSigstoreJavaSampleBundles() throws Exception {
        Path folder = SharedFixtures.sigstoreFolder();
        Path root = folder.resolve("trusted-roots/public-good.sigstore-java.trusted_root.json");
        Path dir = folder.resolve("bundles/sigstore-java");
        byte[] artifact = Files.readAllBytes(dir.resolve("artifact.txt"));
        for (String valid : List.of("bundle.v1.sigstore.json", "bundle.sigstore.json", "bundle.v3_1.sigstore.json")) {
            assertAgree(root, artifact, Files.readAllBytes(dir.resolve(valid)), true);
        }
        for (String invalid : List.of("bundle-with-mismatched-set.sigstore.json", "bundle-with-wrong-tlog-entry.sigstore.json")) {
            assertAgree(root, artifact, Files.readAllBytes(dir.resolve(invalid)), false);
        }
    }

    @Test
    void agreesOnTheCosignAttestationBundle() throws Exception {
        Path folder = SharedFixtures.sigstoreFolder();
        Path root = folder.resolve("trusted-roots/public-good.cosign-pgi.trusted_root.json");
        byte[] bundle = Files.readAllBytes(folder.resolve("bundles/cosign-oci-attestation/bundle.sigstore.json"));
        byte[] digest = HexFormat.of().parseHex("732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4");
        assertEquals(null, oracle(root, digest, bundle));
        assertTrue(new ImageSignatureVerifier(TrustedRoot.read(root)).verify(Images.signed("sha256:" + HexFormat.of().formatHex(digest), "registry.example/repo", List.of(), List.of(bundle)), ANY_IDENTITY).verified());
    }

    @Test
    void documentedOracleDefectsAreOursToCatch() throws Exception {
        Path folder = SharedFixtures.sigstoreFolder();
        Path root = folder.resolve("trusted-roots/public-good.sigstore-java.trusted_root.json");
        Path dir = folder.resolve("bundles/sigstore-java");
        byte[] artifact = Files.readAllBytes(dir.resolve("artifact.txt"));
        byte[] expired = Files.readAllBytes(dir.resolve("bundle-with-expired-cert.sigstore.json"));
        assertEquals(null, oracle(root, TestPki.sha256(artifact), expired), "sigstore-java 2.0.0 accepts the expired certificate");
        assertFalse(new BlobVerifier(TrustedRoot.read(root)).verify(artifact, expired, ANY_IDENTITY).verified());
    }

    @Test
    void agreesOnGeneratedBundles(@TempDir Path temp) throws Exception {
        TestPki pki = new TestPki();
        Path root = temp.resolve("trusted_root.json");
        Files.write(root, pki.trustedRootJson(TestPki.RootOptions.defaults()));
        byte[] artifact = "generated artifact".getBytes(StandardCharsets.UTF_8);
        assertAgree(root, artifact, TestBundle.blobSignature(pki, pki.leaf(), artifact).toJson(), true);
        TestBundle badProof = TestBundle.blobSignature(pki, pki.leaf(), artifact);
        badProof.corruptProof = true;
        assertAgree(root, artifact, badProof.toJson(), false);
        TestBundle expired = TestBundle.blobSignature(pki, pki.leaf(pki.leafOptions().sct(TestPki.SctMode.WRONG_KEY)), artifact);
        assertAgree(root, artifact, expired.toJson(), false);
        TestBundle dsse = TestBundle.imageSignature(pki, pki.leaf(), "sha256:" + HexFormat.of().formatHex(TestPki.sha256(artifact)));
        dsse.payload = ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"artifact\",\"digest\":{\"sha256\":\""
                + HexFormat.of().formatHex(TestPki.sha256(artifact)) + "\"}}],\"predicateType\":\"https://example.test/v1\",\"predicate\":{}}")
                .getBytes(StandardCharsets.UTF_8);
        assertAgree(root, artifact, dsse.toJson(), true);
    }
}
