package dev.palisade.sigstore.verify;

import static dev.palisade.sigstore.verify.TestPki.IDENTITY;
import static dev.palisade.sigstore.verify.TestPki.ISSUER;
import static dev.palisade.sigstore.verify.TestPki.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keyless and key-based verification against a PKI generated in the test (Fulcio-like CAs, CT log,
 * Rekor): the positive paths, and one negative case per check, each rejected with its specific reason.
 */
class GeneratedPkiVerificationTest {
    private static final TestPki PKI = new TestPki();
    private static final TrustedRoot ROOT = PKI.trustedRoot();
    private static final String REFERENCE = "registry.example/team/app";
    private static final String DIGEST = TestPki.digestOf("image manifest");
    private static final VerificationPolicy RELEASE = VerificationPolicy.anyOf(
            new Authority.Keyless("release", StringMatcher.exact(IDENTITY), StringMatcher.exact(ISSUER)));

    // ---- builders

    private static LegacySignature keyless(TestPki.Leaf leaf, byte[] payload, Instant integrated) {
        byte[] signature = TestPki.sign(leaf.key().getPrivate(), payload);
        TestPki.Entry entry = PKI.entry(TestPki.hashedRekordBody(payload, signature, TestPki.pem(leaf.certificate())), integrated);
        return layer(payload, signature, leaf.certificate(), entry);
    }

    private static LegacySignature keyless(TestPki.Leaf leaf) {
        return keyless(leaf, TestPki.simpleSigning(REFERENCE, DIGEST), NOW);
    }

    private static LegacySignature layer(byte[] payload, byte[] signature, X509Certificate certificate, TestPki.Entry entry) {
        Map<String, String> annotations = new HashMap<>();
        annotations.put(LegacySignature.SIGNATURE, TestPki.b64(signature));
        if (certificate != null) {
            annotations.put(LegacySignature.CERTIFICATE, TestPki.pem(certificate));
            annotations.put(LegacySignature.CHAIN, TestPki.pem(PKI.intermediate) + TestPki.pem(PKI.root));
        }
        if (entry != null) {
            annotations.put(LegacySignature.BUNDLE, TestPki.rekorBundleAnnotation(entry));
        }
        return new LegacySignature(payload, annotations);
    }

    private static LegacySignature keyed(KeyPair key, byte[] payload, boolean logged) {
        byte[] signature = TestPki.sign(key.getPrivate(), payload);
        TestPki.Entry entry = logged ? PKI.entry(TestPki.hashedRekordBody(payload, signature, TestPki.pem(key.getPublic())), NOW) : null;
        return layer(payload, signature, null, entry);
    }

    private static SignatureVerification verify(LegacySignature layer, VerificationPolicy policy) {
        return verify(ROOT, layer, policy);
    }

    private static SignatureVerification verify(TrustedRoot root, LegacySignature layer, VerificationPolicy policy) {
        return new ImageSignatureVerifier(root).verify(Images.signed(DIGEST, REFERENCE + ":1.0", List.of(layer), List.of()), policy);
    }

    private static SignatureVerification verifyBundle(byte[] bundle, VerificationPolicy policy) {
        return new ImageSignatureVerifier(ROOT).verify(Images.signed(DIGEST, REFERENCE, List.of(), List.of(bundle)), policy);
    }

    private static void assertRejected(RejectionReason expected, SignatureVerification result) {
        assertFalse(result.verified(), "must not verify: " + result);
        assertEquals(Set.of(expected), result.reasons(), result.describeRejections());
    }

    private static VerificationPolicy keyPolicy(KeyPair key) {
        return VerificationPolicy.anyOf(new Authority.Key("ci-key", key.getPublic()));
    }

    // ---- positive cases

    @Test
    void legacyKeylessSignatureVerifies() {
        SignatureVerification result = verify(keyless(PKI.leaf()), RELEASE);
        assertTrue(result.verified(), result.describeRejections());
        assertEquals(List.of("release"), result.matchedAuthorities());
        assertTrue(result.rejections().isEmpty());
    }

    @Test
    void anchoredRegexpAndDeprecatedIssuerExtensionVerify() {
        TestPki.Leaf leaf = PKI.leaf(PKI.leafOptions().issuer(ISSUER, true));
        VerificationPolicy policy = VerificationPolicy.anyOf(new Authority.Keyless("org",
                StringMatcher.regexp("https://github\\.com/example/.*"), StringMatcher.regexp("https://token\\.actions\\..*")));
        assertTrue(verify(keyless(leaf), policy).verified());
    }

    @Test
    void emailIdentityVerifies() {
        TestPki.Leaf leaf = PKI.leaf(PKI.leafOptions().identity("dev@example.com", false));
        VerificationPolicy policy = VerificationPolicy.anyOf(new Authority.Keyless("dev",
                StringMatcher.exact("dev@example.com"), StringMatcher.exact(ISSUER)));
        assertTrue(verify(keyless(leaf), policy).verified());
    }

    @Test
    void cosignV3BundleWithInclusionProofAndCheckpointVerifies() {
        SignatureVerification result = verifyBundle(TestBundle.imageSignature(PKI, PKI.leaf(), DIGEST).toJson(), RELEASE);
        assertTrue(result.verified(), result.describeRejections());
    }

    @Test
    void bundleWithInclusionProofButNoSetStillNeedsATrustedTime() {
        TestBundle bundle = TestBundle.imageSignature(PKI, PKI.leaf(), DIGEST);
        bundle.withSet = false;
        assertRejected(RejectionReason.NO_TRUSTED_TIME, verifyBundle(bundle.toJson(), RELEASE));
    }

    @Test
    void blobMessageSignatureVerifies() {
        byte[] artifact = "release notes".getBytes(StandardCharsets.UTF_8);
        byte[] bundle = TestBundle.blobSignature(PKI, PKI.leaf(), artifact).toJson();
        assertTrue(new BlobVerifier(ROOT).verify(artifact, bundle, RELEASE).verified());
        SignatureVerification other = new BlobVerifier(ROOT).verify("other".getBytes(StandardCharsets.UTF_8), bundle, RELEASE);
        assertFalse(other.verified());
        assertTrue(other.reasons().contains(RejectionReason.SIGNATURE_INVALID), other.describeRejections());
    }

    @Test
    void keyBasedSignaturesWithEveryKeyTypeVerify() {
        for (KeyPair key : List.of(TestPki.ec(), TestPki.keyPair("EC", new ECGenParameterSpec("secp384r1")),
                TestPki.keyPair("RSA", null), TestPki.keyPair("Ed25519", null))) {
            PublicKeys.parsePem(TestPki.pem(key.getPublic()));
            SignatureVerification result = verify(keyed(key, TestPki.simpleSigning(REFERENCE, DIGEST), true), keyPolicy(key));
            assertTrue(result.verified(), key.getPublic().getAlgorithm() + ": " + result.describeRejections());
        }
    }

    @Test
    void rsaPssSignatureVerifies() throws Exception {
        KeyPair key = TestPki.keyPair("RSA", null);
        byte[] payload = TestPki.simpleSigning(REFERENCE, DIGEST);
        java.security.Signature pss = java.security.Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1", java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
        pss.initSign(key.getPrivate());
        pss.update(payload);
        LegacySignature layer = layer(payload, pss.sign(), null, null);
        assertTrue(verify(layer, keyPolicy(key).withTlogRequired(false)).verified());
        byte[] tampered = payload.clone();
        tampered[5] ^= 1;
        assertRejected(RejectionReason.SIGNATURE_INVALID,
                verify(new LegacySignature(tampered, layer.annotations()), keyPolicy(key).withTlogRequired(false)));
    }

    @Test
    void verifierIsSafeToShareAcrossThreads() throws Exception {
        ImageSignatureVerifier verifier = new ImageSignatureVerifier(ROOT);
        LegacySignature good = keyless(PKI.leaf());
        LegacySignature expired = keyless(PKI.leaf(PKI.leafOptions().validity(NOW.minusSeconds(1200), NOW.minusSeconds(600))));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                LegacySignature layer = i % 2 == 0 ? good : expired;
                results.add(pool.submit(() -> verifier.verify(Images.signed(DIGEST, REFERENCE, List.of(layer), List.of()), RELEASE).verified()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i % 2 == 0, results.get(i).get(), "result " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static LegacySignature timestamped(TestPki.Leaf leaf, byte[] timestampedBytes, Instant time, KeyPair tsaKey,
            X509Certificate tsaCert) {
        byte[] payload = TestPki.simpleSigning(REFERENCE, DIGEST);
        byte[] signature = TestPki.sign(leaf.key().getPrivate(), payload);
        Map<String, String> annotations = new HashMap<>(layer(payload, signature, leaf.certificate(), null).annotations());
        byte[] response = TestPki.timestamp(timestampedBytes == null ? signature : timestampedBytes, time, tsaKey, tsaCert);
        annotations.put(LegacySignature.RFC3161_TIMESTAMP, "{\"SignedRFC3161Timestamp\":\"" + TestPki.b64(response) + "\"}");
        return new LegacySignature(payload, annotations);
    }

    @Test
    void rfc3161TimestampGivesTheSigningTimeWithoutALog() {
        LegacySignature layer = timestamped(PKI.leaf(), null, NOW, PKI.tsaKey, PKI.tsaCert);
        SignatureVerification result = verify(layer, RELEASE.withTlogRequired(false));
        assertTrue(result.verified(), result.describeRejections());
        assertRejected(RejectionReason.TLOG_MISSING, verify(layer, RELEASE));
    }

    @Test
    void timestampFromAnUntrustedAuthority() {
        KeyPair otherKey = TestPki.ec();
        X509Certificate other = TestPki.timestampCertificate(otherKey, PKI.tsaRoot, TestPki.ec());
        assertRejected(RejectionReason.TIMESTAMP_INVALID,
                verify(timestamped(PKI.leaf(), null, NOW, otherKey, other), RELEASE.withTlogRequired(false)));
    }

    @Test
    void timestampOverAnotherSignature() {
        assertRejected(RejectionReason.TIMESTAMP_INVALID, verify(timestamped(PKI.leaf(),
                "another signature".getBytes(StandardCharsets.UTF_8), NOW, PKI.tsaKey, PKI.tsaCert), RELEASE.withTlogRequired(false)));
    }

    @Test
    void timestampAfterTheCertificateExpired() {
        assertRejected(RejectionReason.CERTIFICATE_EXPIRED, verify(timestamped(PKI.leaf(), null, NOW.plusSeconds(1200),
                PKI.tsaKey, PKI.tsaCert), RELEASE.withTlogRequired(false)));
    }

    @Test
    void twoAuthoritiesRequiredNeedTwoSigners() {
        KeyPair key = TestPki.ec();
        VerificationPolicy both = new VerificationPolicy(List.of(RELEASE.authorities().get(0), new Authority.Key("ci-key", key.getPublic())),
                2, true, true, DockerReferenceMode.NONE, Map.of());
        ImageSignatureVerifier verifier = new ImageSignatureVerifier(ROOT);
        LegacySignature keylessLayer = keyless(PKI.leaf());
        LegacySignature keyedLayer = keyed(key, TestPki.simpleSigning(REFERENCE, DIGEST), true);
        assertFalse(verifier.verify(Images.signed(DIGEST, REFERENCE, List.of(keylessLayer), List.of()), both).verified());
        SignatureVerification result = verifier.verify(Images.signed(DIGEST, REFERENCE, List.of(keylessLayer, keyedLayer), List.of()), both);
        assertTrue(result.verified(), result.describeRejections());
        assertEquals(List.of("release", "ci-key"), result.matchedAuthorities());
    }

    @Test
    void keyBasedBundlesVerifyWithTheirKeyOnly() {
        KeyPair key = TestPki.ec();
        byte[] artifact = "key-signed blob".getBytes(StandardCharsets.UTF_8);
        TestBundle blob = TestBundle.blobSignature(PKI, PKI.leaf(), artifact);
        blob.certificate = null;
        blob.signer = key;
        byte[] blobJson = blob.toJson();
        assertTrue(new BlobVerifier(ROOT).verify(artifact, blobJson, keyPolicy(key)).verified());
        assertRejected(RejectionReason.SIGNATURE_INVALID, new BlobVerifier(ROOT).verify(artifact, blobJson, keyPolicy(TestPki.ec())));
        assertRejected(RejectionReason.CERTIFICATE_MISSING, new BlobVerifier(ROOT).verify(artifact, blobJson, RELEASE));
        TestBundle image = TestBundle.imageSignature(PKI, PKI.leaf(), DIGEST);
        image.certificate = null;
        image.signer = key;
        SignatureVerification result = verifyBundle(image.toJson(), keyPolicy(key));
        assertTrue(result.verified(), result.describeRejections());
    }

    @Test
    void oneGoodLayerAmongBadOnesVerifiesAndTheBadOnesAreStillReported() {
        LegacySignature good = keyless(PKI.leaf());
        LegacySignature expired = keyless(PKI.leaf(PKI.leafOptions().validity(NOW.minusSeconds(1200), NOW.minusSeconds(600))));
        SignatureVerification result = new ImageSignatureVerifier(ROOT).verify(Images.signed(DIGEST, REFERENCE, List.of(expired, good), List.of()), RELEASE);
        assertTrue(result.verified());
        assertEquals(Set.of(RejectionReason.CERTIFICATE_EXPIRED), result.reasons());
        assertEquals("legacy[0]", result.rejections().get(0).signature());
    }

    @Test
    void rootOnlyTrustedRootAcceptsTheChainThatCameWithTheSignature() {
        TrustedRoot rootOnly = PKI.trustedRoot(new TestPki.RootOptions(TestPki.LONG_AGO, null, false, TestPki.LONG_AGO, null));
        SignatureVerification result = verify(rootOnly, keyless(PKI.leaf()), RELEASE);
        assertTrue(result.verified(), result.describeRejections());
    }

    // ---- negative cases: one check each

    @Test
    void tamperedPayload() {
        LegacySignature good = keyless(PKI.leaf());
        byte[] payload = good.payload();
        payload[payload.length - 2] = ' ';
        assertRejected(RejectionReason.SIGNATURE_INVALID, verify(new LegacySignature(payload, good.annotations()), RELEASE));
    }

    @Test
    void wrongDigest() {
        SignatureVerification result = new ImageSignatureVerifier(ROOT).verify(Images.signed(TestPki.digestOf("another manifest"), REFERENCE, List.of(keyless(PKI.leaf())), List.of()), RELEASE);
        assertRejected(RejectionReason.DIGEST_MISMATCH, result);
    }

    @Test
    void signatureOfAnotherImageCopiedToThisOne() {
        LegacySignature other = keyless(PKI.leaf(), TestPki.simpleSigning(REFERENCE, TestPki.digestOf("other image")), NOW);
        assertRejected(RejectionReason.DIGEST_MISMATCH, verify(other, RELEASE));
    }

    @Test
    void wrongIdentity() {
        VerificationPolicy policy = VerificationPolicy.anyOf(new Authority.Keyless("other",
                StringMatcher.exact("https://github.com/example/other/.github/workflows/release.yml@refs/tags/v1.0.0"), StringMatcher.exact(ISSUER)));
        assertRejected(RejectionReason.IDENTITY_MISMATCH, verify(keyless(PKI.leaf()), policy));
    }

    @Test
    void wrongIssuer() {
        VerificationPolicy policy = VerificationPolicy.anyOf(new Authority.Keyless("gitlab",
                StringMatcher.exact(IDENTITY), StringMatcher.exact("https://gitlab.com")));
        assertRejected(RejectionReason.ISSUER_MISMATCH, verify(keyless(PKI.leaf()), policy));
    }

    @Test
    void regexpMatchingOnlyASubstringIsNotAMatch() {
        VerificationPolicy policy = VerificationPolicy.anyOf(new Authority.Keyless("org",
                StringMatcher.regexp("https://github\\.com/example/"), StringMatcher.regexp("token\\.actions")));
        assertRejected(RejectionReason.IDENTITY_MISMATCH, verify(keyless(PKI.leaf()), policy));
    }

    @Test
    void certificateWithoutIssuerExtension() {
        assertRejected(RejectionReason.ISSUER_MISMATCH, verify(keyless(PKI.leaf(PKI.leafOptions().issuer("", false))), RELEASE));
    }

    @Test
    void certificateExpiredAtIntegratedTime() {
        TestPki.Leaf leaf = PKI.leaf(PKI.leafOptions().validity(NOW.minusSeconds(1200), NOW.minusSeconds(600)));
        assertRejected(RejectionReason.CERTIFICATE_EXPIRED, verify(keyless(leaf), RELEASE));
    }

    @Test
    void certificateNotYetValidAtIntegratedTime() {
        TestPki.Leaf leaf = PKI.leaf(PKI.leafOptions().validity(NOW.plusSeconds(60), NOW.plusSeconds(660)));
        assertRejected(RejectionReason.CERTIFICATE_NOT_YET_VALID, verify(keyless(leaf), RELEASE));
    }

    @Test
    void untrustedRoot() {
        KeyPair otherKey = TestPki.ec();
        X509Certificate otherCa = TestPki.ca("CN=evil-ca", otherKey.getPublic(), "CN=evil-ca", otherKey.getPrivate(),
                TestPki.LONG_AGO, TestPki.FAR_AHEAD, true);
        TestPki.Leaf leaf = PKI.leaf(PKI.leafOptions().issuedBy(otherCa, otherKey.getPrivate()));
        assertRejected(RejectionReason.CHAIN_UNTRUSTED, verify(keyless(leaf), RELEASE));
    }

    @Test
    void impostorCaWithTheTrustedName() {
        KeyPair otherKey = TestPki.ec();
        X509Certificate impostor = TestPki.ca(TestPki.name(PKI.intermediate), otherKey.getPublic(),
                TestPki.name(PKI.root), otherKey.getPrivate(), TestPki.LONG_AGO, TestPki.FAR_AHEAD, true);
        TestPki.Leaf leaf = PKI.leaf(PKI.leafOptions().issuedBy(impostor, otherKey.getPrivate()));
        assertRejected(RejectionReason.CHAIN_UNTRUSTED, verify(keyless(leaf), RELEASE));
    }

    @Test
    void intermediateNotACa() {
        KeyPair key = TestPki.ec();
        X509Certificate notCa = TestPki.ca(new org.bouncycastle.asn1.x500.X500Name("CN=not-a-ca,O=palisade.test"), key.getPublic(), TestPki.name(PKI.root),
                PKI.rootKey.getPrivate(), TestPki.LONG_AGO, TestPki.FAR_AHEAD, false);
        TestPki.Leaf leaf = PKI.leaf(PKI.leafOptions().issuedBy(notCa, key.getPrivate()));
        Map<String, String> annotations = new HashMap<>(keyless(leaf).annotations());
        annotations.put(LegacySignature.CHAIN, TestPki.pem(notCa) + TestPki.pem(PKI.root));
        TrustedRoot rootOnly = PKI.trustedRoot(new TestPki.RootOptions(TestPki.LONG_AGO, null, false, TestPki.LONG_AGO, null));
        assertRejected(RejectionReason.INTERMEDIATE_NOT_CA, verify(rootOnly, new LegacySignature(keyless(leaf).payload(), annotations), RELEASE));
    }

    @Test
    void chainToACaOutsideItsValidityWindow() {
        TrustedRoot retired = PKI.trustedRoot(new TestPki.RootOptions(TestPki.LONG_AGO, NOW.minusSeconds(86_400), true, TestPki.LONG_AGO, null));
        assertRejected(RejectionReason.CA_OUTSIDE_VALIDITY, verify(retired, keyless(PKI.leaf()), RELEASE));
    }

    @Test
    void leafWithoutCodeSigningUsage() {
        assertRejected(RejectionReason.NOT_CODE_SIGNING, verify(keyless(PKI.leaf(PKI.leafOptions().codeSigning(false))), RELEASE));
    }

    @Test
    void missingSct() {
        assertRejected(RejectionReason.SCT_MISSING, verify(keyless(PKI.leaf(PKI.leafOptions().sct(TestPki.SctMode.NONE))), RELEASE));
    }

    @Test
    void sctSignedByAnUntrustedKey() {
        assertRejected(RejectionReason.SCT_INVALID, verify(keyless(PKI.leaf(PKI.leafOptions().sct(TestPki.SctMode.WRONG_KEY))), RELEASE));
    }

    @Test
    void sctOverAnotherCertificate() {
        assertRejected(RejectionReason.SCT_INVALID,
                verify(keyless(PKI.leaf(PKI.leafOptions().sct(TestPki.SctMode.OVER_OTHER_TBS))), RELEASE));
    }

    @Test
    void invalidSet() {
        TestPki.Leaf leaf = PKI.leaf();
        byte[] payload = TestPki.simpleSigning(REFERENCE, DIGEST);
        byte[] signature = TestPki.sign(leaf.key().getPrivate(), payload);
        TestPki.Entry entry = PKI.entry(TestPki.hashedRekordBody(payload, signature, TestPki.pem(leaf.certificate())), NOW);
        TestPki.Entry forged = entry.withSet(TestPki.sign(TestPki.ec().getPrivate(), "anything".getBytes(StandardCharsets.UTF_8)));
        assertRejected(RejectionReason.SET_INVALID, verify(layer(payload, signature, leaf.certificate(), forged), RELEASE));
    }

    @Test
    void setOverADifferentIntegratedTime() {
        TestPki.Leaf leaf = PKI.leaf();
        byte[] payload = TestPki.simpleSigning(REFERENCE, DIGEST);
        byte[] signature = TestPki.sign(leaf.key().getPrivate(), payload);
        TestPki.Entry entry = PKI.entry(TestPki.hashedRekordBody(payload, signature, TestPki.pem(leaf.certificate())), NOW);
        assertRejected(RejectionReason.SET_INVALID,
                verify(layer(payload, signature, leaf.certificate(), entry.withIntegratedTime(NOW.getEpochSecond() + 30)), RELEASE));
    }

    @Test
    void integratedTimeInTheFutureOfTheVerifierClock() {
        java.time.Clock dayBefore = java.time.Clock.fixed(NOW.minusSeconds(86_400), java.time.ZoneOffset.UTC);
        SignatureVerification result = new ImageSignatureVerifier(ROOT, dayBefore).verify(Images.signed(DIGEST, REFERENCE, List.of(keyless(PKI.leaf())), List.of()), RELEASE);
        assertRejected(RejectionReason.TIME_IN_FUTURE, result);
        java.time.Clock minuteBefore = java.time.Clock.fixed(NOW.minusSeconds(60), java.time.ZoneOffset.UTC);
        assertTrue(new ImageSignatureVerifier(ROOT, minuteBefore).verify(Images.signed(DIGEST, REFERENCE, List.of(keyless(PKI.leaf())), List.of()), RELEASE).verified(), "within the tolerated skew");
    }

    @Test
    void entryFromAnotherLog() {
        TestPki.Leaf leaf = PKI.leaf();
        byte[] payload = TestPki.simpleSigning(REFERENCE, DIGEST);
        byte[] signature = TestPki.sign(leaf.key().getPrivate(), payload);
        TestPki.Entry entry = TestPki.entry(TestPki.hashedRekordBody(payload, signature, TestPki.pem(leaf.certificate())), NOW, TestPki.ec());
        assertRejected(RejectionReason.TLOG_UNKNOWN_LOG, verify(layer(payload, signature, leaf.certificate(), entry), RELEASE));
    }

    @Test
    void logKeyNotValidAtIntegratedTime() {
        TrustedRoot later = PKI.trustedRoot(new TestPki.RootOptions(TestPki.LONG_AGO, null, true, NOW.plusSeconds(86_400), null));
        assertRejected(RejectionReason.TLOG_UNKNOWN_LOG, verify(later, keyless(PKI.leaf()), RELEASE));
    }

    @Test
    void entryForAnotherPayload() {
        TestPki.Leaf leaf = PKI.leaf();
        byte[] payload = TestPki.simpleSigning(REFERENCE, DIGEST);
        byte[] signature = TestPki.sign(leaf.key().getPrivate(), payload);
        byte[] otherBody = TestPki.hashedRekordBody("other".getBytes(StandardCharsets.UTF_8), signature, TestPki.pem(leaf.certificate()));
        assertRejected(RejectionReason.TLOG_BODY_MISMATCH, verify(layer(payload, signature, leaf.certificate(), PKI.entry(otherBody, NOW)), RELEASE));
    }

    @Test
    void entryNamingAnotherCertificate() {
        TestPki.Leaf leaf = PKI.leaf();
        byte[] payload = TestPki.simpleSigning(REFERENCE, DIGEST);
        byte[] signature = TestPki.sign(leaf.key().getPrivate(), payload);
        byte[] body = TestPki.hashedRekordBody(payload, signature, TestPki.pem(PKI.leaf().certificate()));
        assertRejected(RejectionReason.KEY_MISMATCH, verify(layer(payload, signature, leaf.certificate(), PKI.entry(body, NOW)), RELEASE));
    }

    @Test
    void keylessWithoutLogEntry() {
        TestPki.Leaf leaf = PKI.leaf();
        byte[] payload = TestPki.simpleSigning(REFERENCE, DIGEST);
        LegacySignature unlogged = layer(payload, TestPki.sign(leaf.key().getPrivate(), payload), leaf.certificate(), null);
        assertRejected(RejectionReason.TLOG_MISSING, verify(unlogged, RELEASE));
        assertRejected(RejectionReason.NO_TRUSTED_TIME, verify(unlogged, RELEASE.withTlogRequired(false)));
    }

    @Test
    void dockerReferenceOfAnotherRepository() {
        LegacySignature other = keyless(PKI.leaf(), TestPki.simpleSigning("registry.example/team/other", DIGEST), NOW);
        assertTrue(verify(other, RELEASE).verified(), "mode none ignores the reference");
        assertRejected(RejectionReason.DOCKER_REFERENCE_MISMATCH, verify(other, RELEASE.withDockerReference(DockerReferenceMode.REPOSITORY)));
        assertTrue(verify(keyless(PKI.leaf()), RELEASE.withDockerReference(DockerReferenceMode.REPOSITORY)).verified());
    }

    @Test
    void keyMismatch() {
        KeyPair signer = TestPki.ec();
        KeyPair other = TestPki.ec();
        assertRejected(RejectionReason.SIGNATURE_INVALID, verify(keyed(signer, TestPki.simpleSigning(REFERENCE, DIGEST), true), keyPolicy(other)));
    }

    @Test
    void keyAuthorityAgainstAKeylessSignature() {
        assertRejected(RejectionReason.KEY_MISMATCH, verify(keyless(PKI.leaf()), keyPolicy(TestPki.ec())));
    }

    @Test
    void keylessAuthorityAgainstAKeySignature() {
        assertRejected(RejectionReason.CERTIFICATE_MISSING, verify(keyed(TestPki.ec(), TestPki.simpleSigning(REFERENCE, DIGEST), true), RELEASE));
    }

    @Test
    void keySignatureLoggedWithAnotherKey() {
        KeyPair key = TestPki.ec();
        byte[] payload = TestPki.simpleSigning(REFERENCE, DIGEST);
        byte[] signature = TestPki.sign(key.getPrivate(), payload);
        TestPki.Entry entry = PKI.entry(TestPki.hashedRekordBody(payload, signature, TestPki.pem(TestPki.ec().getPublic())), NOW);
        assertRejected(RejectionReason.KEY_MISMATCH, verify(layer(payload, signature, null, entry), keyPolicy(key)));
    }

    @Test
    void keySignatureWithoutLogEntryWhenTheLogIsRequired() {
        KeyPair key = TestPki.ec();
        LegacySignature unlogged = keyed(key, TestPki.simpleSigning(REFERENCE, DIGEST), false);
        assertRejected(RejectionReason.TLOG_MISSING, verify(unlogged, keyPolicy(key)));
        assertTrue(verify(unlogged, keyPolicy(key).withTlogRequired(false)).verified());
    }

    @Test
    void badInclusionProof() {
        TestBundle bundle = TestBundle.imageSignature(PKI, PKI.leaf(), DIGEST);
        bundle.corruptProof = true;
        assertRejected(RejectionReason.INCLUSION_PROOF_INVALID, verifyBundle(bundle.toJson(), RELEASE));
    }

    @Test
    void checkpointSignedByAnotherKey() {
        TestBundle bundle = TestBundle.imageSignature(PKI, PKI.leaf(), DIGEST);
        bundle.checkpointKey = TestPki.ec();
        assertRejected(RejectionReason.CHECKPOINT_INVALID, verifyBundle(bundle.toJson(), RELEASE));
    }

    @Test
    void truncatedBundle() {
        byte[] bundle = TestBundle.imageSignature(PKI, PKI.leaf(), DIGEST).toJson();
        byte[] truncated = java.util.Arrays.copyOf(bundle, bundle.length / 2);
        assertRejected(RejectionReason.MALFORMED, verifyBundle(truncated, RELEASE));
    }

    @Test
    void oversizedBundle() {
        byte[] huge = new byte[ImageSignatureVerifier.MAX_BUNDLE_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertRejected(RejectionReason.TOO_LARGE, verifyBundle(huge, RELEASE));
    }

    @Test
    void requiredAnnotationMissingFromTheStatementSubject() {
        byte[] bundle = TestBundle.imageSignature(PKI, PKI.leaf(), DIGEST).toJson();
        assertRejected(RejectionReason.ANNOTATION_MISMATCH, verifyBundle(bundle, RELEASE.withAnnotations(Map.of("env", "prod"))));
    }

    @Test
    void wrongDssePayloadType() {
        TestBundle bundle = TestBundle.imageSignature(PKI, PKI.leaf(), DIGEST);
        bundle.payloadType = "application/vnd.cncf.notary.payload.v1+json";
        assertRejected(RejectionReason.DSSE_PAYLOAD_TYPE, verifyBundle(bundle.toJson(), RELEASE));
    }

    @Test
    void dsseWithTwoSignatures() {
        TestBundle bundle = TestBundle.imageSignature(PKI, PKI.leaf(), DIGEST);
        bundle.twoSignatures = true;
        assertRejected(RejectionReason.DSSE_PAYLOAD_TYPE, verifyBundle(bundle.toJson(), RELEASE));
    }

    @Test
    void inTotoSubjectDigestMismatch() {
        byte[] bundle = TestBundle.imageSignature(PKI, PKI.leaf(), TestPki.digestOf("another image")).toJson();
        assertRejected(RejectionReason.DIGEST_MISMATCH, verifyBundle(bundle, RELEASE));
    }

    @Test
    void unsupportedBundleMediaType() {
        TestBundle bundle = TestBundle.imageSignature(PKI, PKI.leaf(), DIGEST);
        bundle.mediaType = "application/vnd.dev.sigstore.bundle.v0.4+json";
        assertRejected(RejectionReason.UNSUPPORTED_MEDIA_TYPE, verifyBundle(bundle.toJson(), RELEASE));
    }

    @Test
    void messageSignatureBundleOfferedForAnImage() {
        byte[] bundle = TestBundle.blobSignature(PKI, PKI.leaf(), "blob".getBytes(StandardCharsets.UTF_8)).toJson();
        assertRejected(RejectionReason.UNSUPPORTED_CONTENT, verifyBundle(bundle, RELEASE));
    }

    @Test
    void noSignaturesAtAll() {
        assertRejected(RejectionReason.NO_SIGNATURES,
                new ImageSignatureVerifier(ROOT).verify(Images.signed(DIGEST, REFERENCE, List.of(), List.of()), RELEASE));
    }

    @Test
    void malformedPemKey() {
        SignatureVerificationException notPem = assertThrows(SignatureVerificationException.class,
                () -> PublicKeys.parsePem("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI"));
        assertTrue(notPem.getMessage().contains("not a PEM public key"), notPem.getMessage());
        SignatureVerificationException badBody = assertThrows(SignatureVerificationException.class,
                () -> PublicKeys.parsePem("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"));
        assertTrue(badBody.getMessage().contains("key"), badBody.getMessage());
    }

    @Test
    void invalidIdentityRegexpIsAConfigurationError() {
        SignatureVerificationException error = assertThrows(SignatureVerificationException.class, () -> StringMatcher.regexp("(unclosed"));
        assertTrue(error.getMessage().contains("RE2"), error.getMessage());
    }

    @Test
    void malformedDigestIsAConfigurationError() {
        assertThrows(SignatureVerificationException.class, () -> SignedImage.of(
                dev.palisade.sigstore.ImageReference.parse(REFERENCE + ":latest"), List.of(keyless(PKI.leaf())), List.of()));
    }
}
